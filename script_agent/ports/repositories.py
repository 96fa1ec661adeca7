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


@runtime_checkable
class ListableCatalogue(Protocol):
    """A repository that can also enumerate its entries (the studio's pickers list them); the
    in-memory catalogues can, a lookup-only backend need not."""

    def all(self) -> list[InfluencerProfile] | list[Product]: ...
