"""The checkpoint payload: everything a resumed run needs, so no finished state runs twice."""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, Field

from script_agent.domain.checkpoint import canonical_json
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


class Draft(BaseModel):
    """One generated script before the quality verdict. Only complete drafts are ever stored."""

    text: str
    backend: str
    layer: str
    model: str | None = None
    usage: TokenUsage = Field(default_factory=TokenUsage)
    degraded: bool = False
    last_resort: bool = False


class RunError(BaseModel):
    code: str
    message: str
    retryable: bool = False
    detail: dict[str, Any] = Field(default_factory=dict)


class RunData(BaseModel):
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
    use_last_resort: bool = False
    usage: TokenUsage = Field(default_factory=TokenUsage)
    result: ScriptResult | None = None
    clarification: str | None = None
    error: RunError | None = None
    step_ms: dict[str, float] = Field(default_factory=dict)


def request_fingerprint(request: ScriptRequest) -> str:
    """Identity of a request's payload, independent of its idempotency key."""
    body = request.model_dump(mode="json", exclude={"idempotency_key"})
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()
