"""The default body cap admits the largest request the API's own field limits allow.

A /check script may be 20,000 characters; most JSON clients (Python's json, requests, httpx's
default) send Chinese as \\uXXXX escapes, 6 bytes a character, so that body is ~120 KB. Under a
64 KiB cap it got 413 "payload too large" instead of its report; with the default cap it is checked,
and a body past the cap still gets 413 before anything reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from script_agent.config.app import GatewaySettings
from script_agent.testing.gateway import KEYS, ServerThread, gateway_settings

LINE = "家人们，这款口红今天直播间下单送同色系迷你唇釉一支，丝绒雾面不拔干，黄皮也显白。"


@pytest.fixture(scope="module")
def gateway() -> Iterator[ServerThread]:
    server = ServerThread(gateway_settings(None, gateway=GatewaySettings(sse_ping_s=0))).start()
    yield server
    server.stop()


def escaped_body(text: str) -> bytes:
    return json.dumps({"text": text}).encode()  # ensure_ascii: what most clients send


def test_a_check_of_the_longest_script_fits_the_default_cap(gateway: ServerThread) -> None:
    text = (LINE * (20_000 // len(LINE) + 1))[:20_000]
    body = escaped_body(text)
    assert len(body) > 64 * 1024  # it would not have fitted the old default
    r = httpx.post(
        f"{gateway.url}/api/v1/check",
        content=body,
        headers={**KEYS["reader"].headers, "content-type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 200, r.text[:300]
    assert r.json()["clean"] is True


def test_a_body_past_the_cap_is_refused_with_413(gateway: ServerThread) -> None:
    cap = GatewaySettings().max_body_bytes
    body = escaped_body("字" * (cap // 6 + 10))
    r = httpx.post(
        f"{gateway.url}/api/v1/check",
        content=body,
        headers={**KEYS["reader"].headers, "content-type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 413, r.text[:300]
    assert r.json()["limit_bytes"] == cap
