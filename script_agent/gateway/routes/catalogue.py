"""Read-only catalogue listings: the influencers and products a request may name by id.

Why these exist: a client (the studio is one) needs to offer the ids that `influencer_id` /
`product_id` accept without reading the deployment's data files. They need the same credentials as
every other route; the catalogue is the deployment's (DATA_* settings), shared by its tenants, so
the listing is the same for every tenant and reveals nothing a `product_id` lookup would not.
A repository that cannot enumerate its entries (lookup-only) answers an empty page, not an error.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from script_agent.domain.models import InfluencerProfile, Product
from script_agent.gateway.deps import CurrentContainer, CurrentPrincipal
from script_agent.gateway.openapi import problem_responses
from script_agent.ports.repositories import ListableCatalogue

router = APIRouter(prefix="/api/v1/catalogue", tags=["catalogue"])

_ERRORS = problem_responses(401, 422)
T = TypeVar("T", InfluencerProfile, Product)
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


class CataloguePage(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(ge=0, description="entries in the whole catalogue")
    next_offset: int | None = Field(default=None, description="pass as ?offset= for the next page")


def _page(repository: object, limit: int, offset: int) -> tuple[list[Any], int, int | None]:
    """Sorted by id so pages are stable across calls."""
    if not isinstance(repository, ListableCatalogue):
        return [], 0, None
    entries = sorted(repository.all(), key=lambda entry: entry.id or "")
    chunk = entries[offset : offset + limit]
    more = offset + len(chunk) < len(entries)
    return chunk, len(entries), offset + len(chunk) if more else None


@router.get(
    "/influencers",
    response_model=CataloguePage[InfluencerProfile],
    responses=_ERRORS,
    summary="List the influencer profiles `influencer_id` may name",
)
async def list_influencers(
    principal: CurrentPrincipal, container: CurrentContainer, limit: Limit = 50, offset: Offset = 0
) -> CataloguePage[InfluencerProfile]:
    items, total, next_offset = _page(container.profiles, limit, offset)
    return CataloguePage[InfluencerProfile](items=items, total=total, next_offset=next_offset)


@router.get(
    "/products",
    response_model=CataloguePage[Product],
    responses=_ERRORS,
    summary="List the products `product_id` may name",
)
async def list_products(
    principal: CurrentPrincipal, container: CurrentContainer, limit: Limit = 50, offset: Offset = 0
) -> CataloguePage[Product]:
    items, total, next_offset = _page(container.products, limit, offset)
    return CataloguePage[Product](items=items, total=total, next_offset=next_offset)
