"""Long-term memory port: recall of past good scripts, and write-back of new ones."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

from script_agent.ports.health import ComponentHealth


class MemoryQuery(BaseModel):
    tenant: str  # mandatory: recall never crosses tenants
    text: str
    influencer_id: str | None = None
    category: str | None = None
    product_id: str | None = None
    top_k: int = Field(default=3, ge=1, le=20)


class MemoryItem(BaseModel):
    id: str
    tenant: str
    text: str
    influencer_id: str | None = None
    category: str | None = None
    product_id: str | None = None
    scene: str | None = None
    score: float | None = Field(default=None, description="similarity, set on recall")


@runtime_checkable
class LongTermMemory(Protocol):
    async def recall(self, query: MemoryQuery) -> list[MemoryItem]: ...

    async def remember(self, item: MemoryItem) -> bool:
        """Store; False when an identical item already exists."""
        ...

    async def health(self) -> ComponentHealth: ...
