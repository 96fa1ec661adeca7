"""Read-only catalogues the profile and product agents look entities up in."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from script_agent.domain.models import InfluencerProfile, Product


@runtime_checkable
class ProfileRepository(Protocol):
    async def get(self, influencer_id: str) -> InfluencerProfile | None: ...


@runtime_checkable
class ProductRepository(Protocol):
    async def get(self, product_id: str) -> Product | None: ...
