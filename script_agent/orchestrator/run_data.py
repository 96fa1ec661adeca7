"""The checkpoint payload: everything a resumed run needs, so no finished state runs twice.

`RunData` is one flat, versioned payload (its top-level fields are the checkpoint schema, see
migrations.py), so the facts later states need are Optional there. Steps never read them raw: they
ask for the view their state needs (`loaded`, `understood`, `gathered`, `drafted`), which is typed
without Optionals and raises IncompleteRunData, a typed, non-retryable failure, when a checkpoint
lacks what the states before it gather (a damaged or hand-written payload, or a bug in the order).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from script_agent.domain.checkpoint import canonical_json
from script_agent.domain.errors import ScriptAgentError
from script_agent.domain.intent import IntentResult
from script_agent.domain.models import (
    InfluencerProfile,
    ProductProfile,
    QualityReport,
    ScriptRequest,
    ScriptResult,
    TokenUsage,
)
from script_agent.domain.session import Session
from script_agent.orchestrator.migrations import SCHEMA_VERSION


class Draft(BaseModel):
    """One generated script before the quality verdict. Only complete drafts are ever stored."""

    text: str
    backend: str
    layer: str
    model: str | None = None
    usage: TokenUsage = Field(default_factory=TokenUsage)
    degraded: bool = False
    last_resort: bool = False


class PartialAttempt(BaseModel):
    """A generation whose stream broke after text reached the client. Kept so the run (and a resume
    after a crash) regenerates past the layer that broke, never through it again; its text is not kept."""

    attempt: int
    layer: str
    reason: str
    discarded_chars: int = 0


class RunError(BaseModel):
    code: str
    message: str
    retryable: bool = False
    detail: dict[str, Any] = Field(default_factory=dict)


class IncompleteRunData(ScriptAgentError):
    """A state was reached without what an earlier state gathers. Retrying cannot help: the same
    checkpoint lacks the same field (the run is recorded FAILED with this code)."""

    code = "run_data_incomplete"


@dataclass(frozen=True)
class Understood:
    """What every state after intent recognition needs."""

    session: Session
    intent: IntentResult


@dataclass(frozen=True)
class Gathered(Understood):
    """Everything a brief is built from: the states up to PRODUCT_FETCHING have run."""

    influencer: InfluencerProfile
    product: ProductProfile


@dataclass(frozen=True)
class Drafted:
    """What quality checking and finishing need: the gathered facts and the draft to judge."""

    facts: Gathered
    draft: Draft


class RunData(BaseModel):
    """The payload of schema SCHEMA_VERSION: a change here that an older payload cannot be read into
    needs a version bump and a migration (migrations.py)."""

    schema_version: int = Field(default=SCHEMA_VERSION, description="checkpoint payload schema")
    request: ScriptRequest
    fingerprint: str
    session: Session | None = None
    intent: IntentResult | None = None
    influencer: InfluencerProfile | None = None
    product: ProductProfile | None = None
    examples: list[str] = Field(default_factory=list)
    feedback: list[str] = Field(default_factory=list, description="quality feedback for the next attempt")
    draft: Draft | None = None
    quality: QualityReport | None = None
    attempt: int = 0
    partials: list[PartialAttempt] = Field(
        default_factory=list, description="attempts that broke mid-stream, oldest first"
    )
    use_last_resort: bool = False
    usage: TokenUsage = Field(default_factory=TokenUsage)
    result: ScriptResult | None = None
    clarification: str | None = None
    error: RunError | None = None
    step_ms: dict[str, float] = Field(default_factory=dict)

    def loaded(self) -> Session:
        """The session view CONTEXT_LOADING stored."""
        if self.session is None:
            raise _missing("session")
        return self.session

    def understood(self) -> Understood:
        session = self.loaded()  # the first missing fact in state order is the one named
        if self.intent is None:
            raise _missing("intent")
        return Understood(session, self.intent)

    def gathered(self) -> Gathered:
        understood = self.understood()
        if self.influencer is None:
            raise _missing("influencer")
        if self.product is None:
            raise _missing("product")
        return Gathered(understood.session, understood.intent, self.influencer, self.product)

    def drafted(self) -> Drafted:
        facts = self.gathered()
        if self.draft is None:
            raise _missing("draft")
        return Drafted(facts, self.draft)


def _missing(field: str) -> IncompleteRunData:
    return IncompleteRunData(f"the run's checkpoint has no {field} yet", missing=field)


def pending_reset(data: RunData) -> PartialAttempt | None:
    """The partial attempt this checkpoint recorded, if the last attempt made broke mid-stream (so
    the next step regenerates): the fact a `reset` event announces, derived, so replay finds it too."""
    if data.partials and data.partials[-1].attempt == data.attempt and data.draft is None:
        return data.partials[-1]
    return None


def request_fingerprint(request: ScriptRequest) -> str:
    """Identity of a request's payload, independent of its idempotency key.

    Remembered per request object (a run asks three times: the idempotency claim, the resume rule,
    the first checkpoint). A request cannot change under its entry: ScriptRequest and the models it
    carries are frozen (domain/models.py), so a changed request is a new object (model_copy), the
    same guarantee the checkpoint writer's fragment cache relies on; the entry holds the object, so
    an id is never reused while cached.

    Fields at their default are left out, so a release that adds a field with a default keeps every
    fingerprint stored before it (idempotency records, checkpoints): a retry across the upgrade is
    the same request, not a reused key."""
    key = id(request)
    hit = _FINGERPRINTS.get(key)
    if hit is not None and hit[0] is request:
        return hit[1]
    body = request.model_dump(mode="json", exclude={"idempotency_key"}, exclude_defaults=True)
    fingerprint = hashlib.sha256(canonical_json(body).encode()).hexdigest()
    _FINGERPRINTS[key] = (request, fingerprint)
    if len(_FINGERPRINTS) > _FINGERPRINTS_KEPT:
        _FINGERPRINTS.popitem(last=False)
    return fingerprint


_FINGERPRINTS: OrderedDict[int, tuple[ScriptRequest, str]] = OrderedDict()
_FINGERPRINTS_KEPT = 256
