"""One access line per request (logger script_agent.access) and the request's trace id in the
TRACE_ID contextvar for every log line the request causes, read from real log records."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterator

import httpx
import pytest

from script_agent.observability.logging import TRACE_ID
from script_agent.testing.gateway import KEYS, generate_body

A = KEYS["a"].headers


class Capture(logging.Handler):
    """Keeps each record with the TRACE_ID value current where it was logged."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[logging.LogRecord, str | None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record, TRACE_ID.get()))

    def access(self) -> list[logging.LogRecord]:
        return [r for r, _ in self.records if r.name == "script_agent.access"]

    async def access_of(self, trace_ids: list[str], count: int) -> list[logging.LogRecord]:
        """The line is written when the response has ended, which the client may see first."""
        lines: list[logging.LogRecord] = []
        for _ in range(100):
            lines = [r for r in self.access() if getattr(r, "trace_id", None) in trace_ids]
            if len(lines) >= count:
                break
            await asyncio.sleep(0.02)
        return lines


@pytest.fixture
def captured() -> Iterator[Capture]:
    logger = logging.getLogger("script_agent")
    handler, level = Capture(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def trace() -> str:
    return f"trace-{uuid.uuid4().hex[:16]}"


async def test_one_access_line_per_request_with_route_template(
    client: httpx.AsyncClient, captured: Capture
) -> None:
    session, ids = f"s-{uuid.uuid4().hex[:10]}", [trace(), trace(), trace()]
    await client.get(f"/api/v1/sessions/{session}", headers={**A, "X-Request-ID": ids[0]})
    await client.post("/api/v1/sessions", json={"id": session}, headers={**A, "X-Request-ID": ids[1]})
    await client.get(f"/no/such/{session}", headers={"X-Request-ID": ids[2]})
    lines = await captured.access_of(ids, 3)
    got = [(r.method, r.route, r.status, r.trace_id) for r in lines]  # type: ignore[attr-defined]
    assert got == [
        ("GET", "/api/v1/sessions/{session_id}", 404, ids[0]),
        ("POST", "/api/v1/sessions", 201, ids[1]),
        ("GET", "unmatched", 404, ids[2]),
    ]
    for record in lines:
        assert record.levelno == logging.INFO and record.duration_ms >= 0  # type: ignore[attr-defined]
        message = record.getMessage()
        assert record.route in message and str(record.status) in message  # type: ignore[attr-defined]
        assert session not in message  # the raw path (a session id) never reaches the log line


async def test_the_request_trace_id_is_on_every_line_the_request_causes(
    client: httpx.AsyncClient, captured: Capture
) -> None:
    wanted = trace()
    for path in ("/api/v1/generate", "/api/v1/generate/stream"):
        resp = await client.post(path, json=generate_body(), headers={**A, "X-Request-ID": wanted})
        assert resp.status_code == 200
    caused = [(r, t) for r, t in captured.records if t == wanted]
    assert any(r.name.startswith("script_agent.llm") for r, _ in caused), [r.name for r, _ in caused]
    streamed = await captured.access_of([wanted], 2)
    assert [r.route for r in streamed] == ["/api/v1/generate", "/api/v1/generate/stream"]  # type: ignore[attr-defined]
    # without X-Request-ID the generated id is the one logged and the one returned
    resp = await client.get("/api/v1/health/live")
    minted = resp.headers["x-request-id"]
    assert [r.route for r in await captured.access_of([minted], 1)] == ["/api/v1/health/live"]  # type: ignore[attr-defined]
