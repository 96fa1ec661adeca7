"""GET /api/v1/catalogue/{influencers,products}: the ids a request may name, behind the same credentials."""

from __future__ import annotations

import httpx

from script_agent.stores.memory.repositories import default_repositories
from script_agent.testing.gateway import KEYS, ServerThread


def test_listing_needs_credentials(gateway: ServerThread) -> None:
    for kind in ("influencers", "products"):
        response = httpx.get(f"{gateway.url}/api/v1/catalogue/{kind}", timeout=5)
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")


def test_every_entry_a_request_can_name_is_listed(gateway: ServerThread) -> None:
    """The gateway's catalogue is the packaged one here: each listed id resolves, none is missing."""
    profiles, products = default_repositories()
    headers = KEYS["reader"].headers  # reading the catalogue is a read
    people = httpx.get(f"{gateway.url}/api/v1/catalogue/influencers", headers=headers, timeout=5).json()
    goods = httpx.get(f"{gateway.url}/api/v1/catalogue/products", headers=headers, timeout=5).json()
    assert sorted(p["id"] for p in people["items"]) == sorted(p.id for p in profiles.all())
    assert sorted(p["id"] for p in goods["items"]) == sorted(p.id for p in products.all() if p.id)
    assert people["total"] == len(people["items"]) and people["next_offset"] is None


def test_pages_are_stable_and_cover_the_catalogue(gateway: ServerThread) -> None:
    headers = KEYS["a"].headers
    url = f"{gateway.url}/api/v1/catalogue/products"
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = httpx.get(url, params={"limit": 1, "offset": offset}, headers=headers, timeout=5).json()
        assert len(page["items"]) <= 1
        seen += [p["id"] for p in page["items"]]
        offset = page["next_offset"]
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert len(seen) == httpx.get(url, headers=headers, timeout=5).json()["total"]
    too_big = httpx.get(url, params={"limit": 201}, headers=headers, timeout=5)
    assert too_big.status_code == 422


def test_the_routes_are_in_the_openapi_document(gateway: ServerThread) -> None:
    spec = httpx.get(f"{gateway.url}/openapi.json", timeout=5).json()
    for kind in ("influencers", "products"):
        operation = spec["paths"][f"/api/v1/catalogue/{kind}"]["get"]
        assert "200" in operation["responses"] and "401" in operation["responses"]
    assert not any(path.startswith("/studio") for path in spec["paths"])
