"""ScriptJob spec → ScriptRequest, with the CRD's rules re-checked.

Why re-check what the API server already validates: the CRD's CEL rules and bounds are only enforced
by a real API server, objects created before a CRD upgrade may predate a rule, and a job with bad data
must fail at once with a message naming the field (InvalidSpec is permanent), never retry.
Pure: no I/O. The one case that needs the product repository (an `id` plus partial inline overrides)
is reported by `JobSpec.product_overrides()` and merged by the caller.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from script_agent.domain.models import (
    InfluencerProfile,
    InfluencerStyle,
    LLMOptions,
    Product,
    Scene,
    ScriptRequest,
)

MESSAGE_MAX = 900
SESSION_ID_MAX = 128


class InvalidSpec(Exception):
    """The spec cannot describe a job; the message names the offending field(s)."""

    def __init__(self, message: str) -> None:
        super().__init__(message[:MESSAGE_MAX])
        self.message = message[:MESSAGE_MAX]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class ProductSpec(_Spec):
    id: str | None = Field(default=None, min_length=1, max_length=128)
    name: str | None = Field(default=None, min_length=1, max_length=128)
    category: str | None = Field(default=None, min_length=1, max_length=32)
    brand: str | None = Field(default=None, max_length=64)
    price: float | None = Field(default=None, ge=0, le=10_000_000)
    selling_points: list[str] = Field(default_factory=list, alias="sellingPoints", max_length=16)
    features: list[str] = Field(default_factory=list, max_length=32)

    @model_validator(mode="after")
    def _id_or_inline(self) -> ProductSpec:
        if self.id is None and not (self.name and self.category):
            raise ValueError("product needs an id, or an inline name and category")
        return self

    def inline_fields(self) -> dict[str, Any]:
        """The inline fields the user set (snake_case, as Product names them)."""
        data = self.model_dump(exclude={"id"}, exclude_unset=True, exclude_none=True)
        return {k: v for k, v in data.items() if v not in ("", [])}


class StyleSpec(_Spec):
    tone: str | None = Field(default=None, max_length=64)
    formality: float | None = Field(default=None, ge=0, le=1)
    catchphrases: list[str] | None = Field(default=None, max_length=12)
    sentence_length: str | None = Field(default=None, alias="sentenceLength", pattern="^(short|medium|long)$")
    humor_level: float | None = Field(default=None, alias="humorLevel", ge=0, le=1)
    interaction_frequency: float | None = Field(default=None, alias="interactionFrequency", ge=0, le=1)


class ProfileSpec(_Spec):
    name: str = Field(min_length=1, max_length=64)
    category: str | None = Field(default=None, max_length=32)
    style: StyleSpec = Field(default_factory=StyleSpec)


class InfluencerSpec(_Spec):
    id: str | None = Field(default=None, min_length=1, max_length=128)
    profile: ProfileSpec | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> InfluencerSpec:
        if (self.id is None) == (self.profile is None):
            raise ValueError("influencer needs exactly one of id or profile")
        return self


class LLMSpec(_Spec):
    model: str | None = Field(default=None, min_length=1, max_length=128)
    max_tokens: int | None = Field(default=None, alias="maxTokens", ge=16, le=8192)
    temperature: float | None = Field(default=None, ge=0, le=2)


class JobSpec(_Spec):
    tenant: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    scene: Scene
    query: str = Field(default="", max_length=2000)
    session_id: str | None = Field(
        default=None, alias="sessionId", max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$"
    )
    product: ProductSpec
    influencer: InfluencerSpec
    llm: LLMSpec = Field(default_factory=LLMSpec)
    backoff_limit: int = Field(default=3, alias="backoffLimit", ge=0, le=10)
    ttl_seconds_after_finished: int | None = Field(
        default=None, alias="ttlSecondsAfterFinished", ge=0, le=31_536_000
    )

    def needs_product_lookup(self) -> bool:
        """An id with overrides but no inline name: the stored product must be fetched to merge."""
        return (
            self.product.id is not None and self.product.name is None and bool(self.product.inline_fields())
        )


def parse_spec(spec: Any) -> JobSpec:
    """Validate a raw `spec` mapping; InvalidSpec names every bad field as `spec.<path>`."""
    if not isinstance(spec, dict):
        raise InvalidSpec("spec must be an object")
    try:
        return JobSpec.model_validate(spec)
    except ValidationError as exc:
        raise InvalidSpec(describe(exc)) from None


def describe(exc: ValidationError, limit: int = 4) -> str:
    """`spec.product.price: Input should be greater than or equal to 0; ...` (at most `limit` items)."""
    parts = []
    for err in exc.errors()[:limit]:
        path = ".".join(str(p) for p in ("spec", *err["loc"]))
        message = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{path}: {message}")
    more = len(exc.errors()) - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def default_session_id(namespace: str, name: str, uid: str) -> str:
    """`sj-<namespace>-<name>-<uid[:8]>`: readable, and fresh for a re-created job (new uid).

    Kubernetes names can be longer than a session id may be; then the name is replaced by a digest.
    """
    candidate = f"sj-{namespace}-{name}-{uid[:8]}"
    if len(candidate) <= SESSION_ID_MAX:
        return candidate
    digest = hashlib.sha256(f"{namespace}/{name}".encode()).hexdigest()[:16]
    return f"sj-{namespace[:63]}-{digest}-{uid[:8]}"


def _influencer(spec: InfluencerSpec) -> tuple[InfluencerProfile | None, str | None]:
    if spec.profile is None:
        return None, spec.id
    profile = spec.profile
    style = InfluencerStyle.model_validate(profile.style.model_dump(exclude_none=True))
    inline = InfluencerProfile(
        id=f"inline:{profile.name}", name=profile.name, category=profile.category, style=style
    )
    return inline, None


def _product(spec: ProductSpec, stored: Product | None) -> tuple[Product | None, str | None]:
    fields = spec.inline_fields()
    if spec.name is not None:
        return Product(id=spec.id, **fields), spec.id
    if stored is not None and fields:
        return Product(**{**stored.model_dump(exclude_unset=True), **fields, "id": spec.id}), spec.id
    return None, spec.id


def to_request(
    job: JobSpec,
    *,
    namespace: str,
    name: str,
    uid: str,
    stored_product: Product | None = None,
    tenant: str | None = None,
) -> ScriptRequest:
    """The request the orchestrator runs. Its idempotency key is the job's uid, so the upstream sees
    the same `Idempotency-Key` for a state re-run after an operator restart.

    `tenant` is the one the job's namespace grants (tenancy.py); the operator always passes it, and
    `spec.tenant` (the author's declaration, checked against it there) is only the default for
    callers that have no namespace to ask, such as these pure tests."""
    product, product_id = _product(job.product, stored_product)
    influencer, influencer_id = _influencer(job.influencer)
    try:
        return ScriptRequest(
            tenant=tenant or job.tenant,
            session_id=job.session_id or default_session_id(namespace, name, uid),
            query=job.query,
            scene=job.scene,
            product=product,
            product_id=product_id if product is None else None,
            influencer=influencer,
            influencer_id=influencer_id,
            idempotency_key=f"sj-{uid}",
            llm=LLMOptions(
                model=job.llm.model, max_tokens=job.llm.max_tokens, temperature=job.llm.temperature
            ),
        )
    except ValidationError as exc:
        raise InvalidSpec(describe(exc)) from None
