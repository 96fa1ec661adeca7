"""Multi-turn session: history the intent agent resolves references against."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from script_agent.domain.models import InfluencerProfile, Product, Scene


def utcnow() -> datetime:
    return datetime.now(UTC)


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(pattern="^(user|assistant)$")
    text: str
    intent: str | None = None
    at: datetime = Field(default_factory=utcnow)


class StoredScript(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=1, description="1-based, stable across retention: 第二段 means index 2")
    text: str
    scene: Scene
    product_name: str
    trace_id: str | None = None
    at: datetime = Field(default_factory=utcnow)


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenant: str
    id: str
    version: int = Field(default=0, description="optimistic concurrency: bumped by every save")
    turns: list[Turn] = Field(default_factory=list)
    summary: str = Field(default="", description="rule-based digest of turns dropped by retention")
    scripts: list[StoredScript] = Field(default_factory=list)
    script_count: int = Field(default=0, description="scripts ever written; indexes survive pruning")
    product: Product | None = None
    scene: Scene | None = None
    influencer_id: str | None = None
    influencer: InfluencerProfile | None = Field(
        default=None, description="the voice of the last script, so a follow-up turn keeps it"
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    def script_by_index(self, index: int) -> StoredScript | None:
        return next((s for s in self.scripts if s.index == index), None)

    def last_script(self) -> StoredScript | None:
        return self.scripts[-1] if self.scripts else None


class SessionSummary(BaseModel):
    tenant: str
    id: str
    version: int
    turns: int
    scripts: int
    updated_at: datetime


def summarize(session: Session) -> SessionSummary:
    return SessionSummary(
        tenant=session.tenant,
        id=session.id,
        version=session.version,
        turns=len(session.turns),
        scripts=session.script_count,
        updated_at=session.updated_at,
    )
