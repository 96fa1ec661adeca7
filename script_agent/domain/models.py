"""Domain models shared by every layer.

Plain pydantic models with no I/O: the gateway validates requests with them, stores serialise them,
and the CRD schema mirrors them. Field names are part of the public API.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Scene(StrEnum):
    OPENING = "opening"
    PRODUCT_INTRO = "product_intro"
    SELLING_POINTS = "selling_points"
    PROMOTION = "promotion"
    CLOSING = "closing"


SCENE_NAMES_ZH: dict[Scene, str] = {
    Scene.OPENING: "开场话术",
    Scene.PRODUCT_INTRO: "产品介绍",
    Scene.SELLING_POINTS: "卖点介绍",
    Scene.PROMOTION: "促销话术",
    Scene.CLOSING: "收尾话术",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Frozen(_Model):
    """A request and the models it carries: a run reads them, never changes them in place. Frozen
    because caches key on their identity (the request fingerprint, the checkpoint writer's encoded
    fragments): an object changed after it was cached would be served stale. Change one with
    `model_copy(update=...)`, which makes a new object. (Lists inside are still Python lists:
    replace them too, never append to one in place.)"""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Audience(_Frozen):
    age_range: str | None = Field(default=None, max_length=32, description="e.g. 18-30")
    female_ratio: float | None = Field(default=None, ge=0, le=1)


class InfluencerStyle(_Frozen):
    tone: str = Field(default="亲切", max_length=64)
    formality: float = Field(default=0.3, ge=0, le=1, description="0 casual .. 1 formal")
    catchphrases: list[str] = Field(default_factory=list, max_length=12)
    sentence_length: str = Field(default="medium", pattern="^(short|medium|long)$")
    humor_level: float = Field(default=0.3, ge=0, le=1)
    interaction_frequency: float = Field(default=0.5, ge=0, le=1)


class InfluencerProfile(_Frozen):
    id: str = Field(min_length=1, max_length=128)
    name: str = Field(min_length=1, max_length=64)
    category: str | None = Field(default=None, max_length=32)
    platform: str | None = Field(default=None, max_length=32)
    audience: Audience = Field(default_factory=Audience)
    style: InfluencerStyle = Field(default_factory=InfluencerStyle)
    generic: bool = Field(default=False, description="True when synthesised from the category default")


class Product(_Frozen):
    id: str | None = Field(default=None, max_length=128)
    name: str = Field(min_length=1, max_length=128)
    brand: str | None = Field(default=None, max_length=64)
    category: str | None = Field(default=None, max_length=32)
    price: float | None = Field(default=None, ge=0)
    original_price: float | None = Field(default=None, ge=0)
    features: list[str] = Field(default_factory=list, max_length=32)
    selling_points: list[str] = Field(default_factory=list, max_length=16)
    target_audience: str | None = Field(default=None, max_length=128)
    compliance_notes: list[str] = Field(default_factory=list, max_length=16)
    promotion: str | None = Field(default=None, max_length=256, description="the real offer, if any")


class SellingPoint(_Model):
    text: str
    inferred: bool = Field(default=False, description="filled from category knowledge, not product data")


class ProductProfile(_Model):
    """The product as the writer sees it: request data merged with the repository, gaps filled."""

    product: Product
    selling_points: list[SellingPoint]
    category: str


class LLMOptions(_Frozen):
    model: str | None = Field(default=None, max_length=128)
    max_tokens: int | None = Field(default=None, ge=16, le=8192)
    temperature: float | None = Field(default=None, ge=0, le=2)


class ScriptRequest(_Frozen):
    tenant: str = Field(default="default", min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    session_id: str | None = Field(default=None, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")
    query: str = Field(default="", max_length=2000)
    scene: Scene | None = None
    event: str | None = Field(default=None, max_length=32)
    length: str | None = Field(default=None, pattern="^(short|medium|long)$")
    duration_s: int | None = Field(
        default=None, ge=15, le=300, description="target spoken length in seconds (about 4.5 characters/s)"
    )
    product: Product | None = None
    product_id: str | None = Field(default=None, max_length=128)
    influencer: InfluencerProfile | None = None
    influencer_id: str | None = Field(default=None, max_length=128)
    idempotency_key: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="printable ASCII: it is sent upstream as an HTTP header",
    )
    llm: LLMOptions = Field(default_factory=LLMOptions)


class TokenUsage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class QualityIssue(_Model):
    code: str
    message: str
    blocking: bool
    evidence: str | None = None


class QualityReport(_Model):
    score: float = Field(ge=0, le=100)
    passed: bool
    issues: list[QualityIssue] = Field(default_factory=list)
    feedback: str = ""

    @property
    def blocking(self) -> bool:
        return any(i.blocking for i in self.issues)


class ScriptResult(_Model):
    text: str
    scene: Scene
    product_name: str
    influencer_id: str
    quality: QualityReport | None = None
    backend: str
    layer: str
    model: str | None = None
    usage: TokenUsage = Field(default_factory=TokenUsage)
    degraded: bool = False
    degraded_reason: str | None = None
    attempts: int = 1
