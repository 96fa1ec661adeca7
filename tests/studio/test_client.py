"""The page's protocol code, run in the browser on inputs the network can produce: SSE split at any
byte, and both error body shapes the gateway has used."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from script_agent.testing.gateway import ServerThread

STREAM = (
    ": keep-alive\r\n\r\n"
    'id: 3\r\nevent: state\r\ndata: {"state":"SCRIPT_GENERATING","attempt":1}\r\n\r\n'
    'id: 3.1\nevent: delta\ndata: {"text":"哈喽😀"}\n\n'
    "event: note\rdata: first\rdata: second\r\r"
)
EXPECTED = [
    {"event": "state", "id": "3", "data": {"state": "SCRIPT_GENERATING", "attempt": 1}},
    {"event": "delta", "id": "3.1", "data": {"text": "哈喽😀"}},
    {"event": "note", "id": None, "data": "first\nsecond"},
]


@pytest.fixture
def studio(page: Page, gateway: ServerThread) -> Page:
    page.goto(f"{gateway.url}/studio/")
    expect(page.locator("#signin")).to_be_visible()
    return page


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_events_are_parsed_whatever_the_chunk_boundaries(studio: Page, size: int) -> None:
    """Chunks of `size` UTF-8 bytes split CRLF pairs and multi-byte characters alike."""
    frames = studio.evaluate(
        """async ([text, size]) => {
          const { readEvents } = await import('/studio/sse.js');
          const bytes = new TextEncoder().encode(text);
          const body = new ReadableStream({
            start(c) {
              for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
              c.close();
            },
          });
          const out = [];
          await readEvents(body, (f) => out.push(f));
          return out;
        }""",
        [STREAM, size],
    )
    assert frames == EXPECTED


PROBLEM = {
    "type": "https://scriptagent.dev/problems/rate_limited",
    "title": "Rate limited",
    "status": 429,
    "detail": "too many requests",
    "instance": "/api/v1/generate/stream",
    "code": "rate_limited",
    "trace_id": "t-problem",
    "dimension": "qps",
}
LEGACY = {
    "error": {"code": "lock_timeout", "message": "session busy", "detail": {"wait_s": 1}},
    "trace_id": "t-old",
}


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (429, PROBLEM, ["rate_limited", "too many requests", "t-problem", {"dimension": "qps"}, "2"]),
        (409, LEGACY, ["lock_timeout", "session busy", "t-old", {"wait_s": 1}, "2"]),
        (502, None, ["http_502", "Bad Gateway", "t-header", {}, "2"]),
    ],
)
def test_error_bodies_of_either_shape_are_read(
    studio: Page, status: int, body: dict | None, expected: list
) -> None:
    media = "application/problem+json" if body is PROBLEM else "application/json"
    got = studio.evaluate(
        """async ([status, text, media]) => {
          const { problemOf } = await import('/studio/api.js');
          const headers = { 'content-type': media, 'x-request-id': 't-header', 'retry-after': '2' };
          const err = await problemOf(new Response(text, { status, statusText: 'Bad Gateway', headers }));
          return [err.code, err.message, err.traceId, err.facts, err.retryAfter];
        }""",
        [status, json.dumps(body) if body is not None else "<html>bad gateway</html>", media],
    )
    assert got == expected
