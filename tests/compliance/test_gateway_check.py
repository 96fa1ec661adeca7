"""`POST /api/v1/check` on a real uvicorn server: the CLI's JSON, the gateway's auth and errors."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from script_agent.testing.gateway import KEYS, ServerThread, gateway_settings

TEXT = "宝子们好！这款口红是全网最好用的。原价399，今天只要129！"


@pytest.fixture(scope="module")
def gateway() -> Iterator[ServerThread]:
    server = ServerThread(gateway_settings(None)).start()
    yield server
    server.stop()


@pytest.fixture
async def client(gateway: ServerThread) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=gateway.url, timeout=15) as c:
        yield c


async def test_check_returns_the_report(client: httpx.AsyncClient) -> None:
    product = {"name": "口红", "category": "美妆", "price": 129, "original_price": 169}
    r = await client.post(
        "/api/v1/check", json={"text": TEXT, "product": product}, headers=KEYS["reader"].headers
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert [f["rule_id"] for f in body["findings"]] == ["absolute.superlative", "price.reference"]
    assert body["blocking"] == 2 and body["clean"] is False and body["layers"] == ["rule", "learned"]
    assert body["suggestion"] == "宝子们好！这款口红是很好用的。今天只要129！"


async def test_a_catalogue_product_id_supplies_the_facts(client: httpx.AsyncClient) -> None:
    body = {"text": "日常价169，今天直播间129。", "product_id": "lipstick-316"}
    r = await client.post("/api/v1/check", json=body, headers=KEYS["a"].headers)
    assert r.status_code == 200 and r.json()["clean"] is True


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        ({"text": TEXT}, {}, 401),
        ({"text": TEXT, "tenant": "tenant-b"}, KEYS["a"].headers, 403),
        ({"text": TEXT, "product_id": "no-such-product"}, KEYS["a"].headers, 404),
        ({"text": ""}, KEYS["a"].headers, 422),
    ],
)
async def test_errors_are_problem_details(
    client: httpx.AsyncClient, body: dict, headers: dict, status: int
) -> None:
    r = await client.post("/api/v1/check", json=body, headers=headers)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
