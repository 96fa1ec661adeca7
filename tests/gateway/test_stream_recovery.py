"""Upstream faults after the first streamed chunk, through the gateway over real HTTP.

Every case ends with exactly one terminal event; a stream that broke after text went out is
announced with one `reset` and regenerated on the next layer, so the final script holds none of the
broken attempt's text. The two remote layers are told apart by their replies (the fake upstream
answers model `base` and model `fb` with different scripts); the template writer is the last resort.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from script_agent.config.llm import LLMSettings
from script_agent.testing.gateway import (
    GOOD_REPLY,
    KEYS,
    ServerThread,
    SSEEvent,
    gateway_settings,
    generate_body,
    read_sse,
)
from script_agent.testing.llm_faults import Fault
from script_agent.testing.llm_upstream import FakeLLMUpstream

FALLBACK_REPLY = (  # passes the quality check too: product named, both features covered
    "哈喽宝宝们！欢迎新来的家人们！今天想跟大家分享一款我回购过好几次的好物，就是这款保湿面霜，"
    "质地轻薄很好推开，上班通勤都能用，接下来我慢慢给大家展开讲。新来的宝宝们先点个关注，想要的扣个1。"
)
BROKEN_PREFIX = GOOD_REPLY[:24]  # the three chunks (8 chars each) the broken attempt streamed
STALL_S = 30.0  # far longer than any limit below: only a timeout can end it

# fault, the LLM error reason it is recorded with (stream), and the one a sync call fails with
STREAM_FAULTS = {
    "stall": (Fault.stall(after_chunks=3, delay_s=STALL_S), "idle_timeout"),
    "in_band": (Fault.in_band_error(after_chunks=3), "in_band_error"),
    "cut": (Fault.cut(after_chunks=3), "truncated"),
    "malformed": (Fault.malformed(after_chunks=3), "bad_json"),
}
SYNC_FAULTS = {
    "stall": Fault.stall(after_chunks=0, delay_s=STALL_S),
    "slow_first_byte": Fault.slow_first_byte(STALL_S),
    "in_band": Fault.in_band_error(),
    "cut": Fault.cut(),
    "malformed": Fault.malformed(),
}


def layered(url: str, **overrides: Any) -> LLMSettings:
    values: dict[str, Any] = {
        "primary_base_url": url,
        "primary_backend": "openai",
        "primary_model": "base",
        "fallback_enabled": True,
        "fallback_backend": "openai",
        "fallback_base_url": url,
        "fallback_model": "fb",
        "template_last_resort": True,
        "max_retries": 0,
        "deadline_s": 10.0,
        "request_deadline_s": 10.0,
        "sync_read_timeout_s": 0.5,
        "stream_first_chunk_timeout_s": 2.0,
        "stream_idle_timeout_s": 0.5,
        "breaker_min_calls": 10_000,  # tests must not trip each other's breakers
        **overrides,
    }
    return LLMSettings(**values)


@pytest.fixture(scope="module")
def recovering(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    upstream.model_replies = {"fb": FALLBACK_REPLY}
    server = ServerThread(gateway_settings(upstream.url, llm=layered(upstream.url))).start()
    yield server
    server.stop()
    upstream.model_replies = {}


@pytest.fixture
async def api(recovering: ServerThread) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=recovering.url, timeout=20) as c:
        yield c


async def stream_run(api: httpx.AsyncClient, session: str) -> list[SSEEvent]:
    body = generate_body(session_id=session)
    async with api.stream("POST", "/api/v1/generate/stream", json=body, headers=KEYS["a"].headers) as resp:
        assert resp.status_code == 200
        return await read_sse(resp)


async def checkpoints(api: httpx.AsyncClient, session: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The run's checkpoint summaries oldest first, and the latest one's payload."""
    headers = KEYS["a"].headers
    page = await api.get(f"/api/v1/sessions/{session}/checkpoints?limit=50", headers=headers)
    latest = await api.get(f"/api/v1/sessions/{session}/checkpoints/latest", headers=headers)
    assert page.status_code == 200 and latest.status_code == 200
    return list(reversed(page.json()["items"])), latest.json()["payload"]


def terminal(events: list[SSEEvent]) -> list[SSEEvent]:
    return [e for e in events if e.event in ("done", "error")]


def generating_attempts(summaries: list[dict[str, Any]]) -> list[int]:
    return [c["attempt"] for c in summaries if c["state"] == "SCRIPT_GENERATING"]


@pytest.mark.parametrize("name", list(STREAM_FAULTS))
async def test_fault_after_first_chunk_resets_and_regenerates_on_the_next_layer(
    api: httpx.AsyncClient, upstream: FakeLLMUpstream, name: str
) -> None:
    fault, reason = STREAM_FAULTS[name]
    upstream.script(fault)
    events = await stream_run(api, f"rec-{name}")
    names = [e.event for e in events]
    resets = [e for e in events if e.event == "reset"]
    assert len(resets) == 1 and len(terminal(events)) == 1 and names[-1] == "done"
    reset = resets[0]
    assert reset.data["reason"] == reason and reset.data["attempt"] == 1
    assert reset.data["layer"] == "primary-general" and reset.data["discarded_chars"] == len(BROKEN_PREFIX)
    before = names[: names.index("reset")]
    assert before[-3:] == ["delta"] * 3  # the client did see the broken attempt's text
    after = events[names.index("reset") + 1]
    assert after.event == "state" and after.data["state"] == "SCRIPT_GENERATING"
    assert after.data["attempt"] == 2 and reset.id == f"{after.data['version']}.reset"
    done = events[-1].data
    assert done["status"] == "completed" and done["result"]["layer"] == "fallback"
    text = done["result"]["text"]
    assert BROKEN_PREFIX not in text and FALLBACK_REPLY[:20] in text
    streamed = "".join(e.data["text"] for e in events[names.index("reset") :] if e.event == "delta")
    assert streamed.strip() == text  # what the client keeps after the reset is the final script
    assert [r.body["model"] for r in upstream.chat_requests()] == ["base", "fb"]
    summaries, payload = await checkpoints(api, f"rec-{name}")
    assert generating_attempts(summaries) == [1, 2]
    assert [(p["attempt"], p["layer"], p["reason"]) for p in payload["partials"]] == [
        (1, "primary-general", reason)
    ]
    assert "text" not in payload["partials"][0]  # the broken text is not stored


async def test_a_fault_on_the_second_attempt_too_ends_degraded_from_the_template(
    api: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    upstream.script(Fault.cut(after_chunks=3), Fault.in_band_error(after_chunks=2))
    events = await stream_run(api, "rec-twice")
    resets = [e.data for e in events if e.event == "reset"]
    assert [(r["attempt"], r["layer"], r["reason"]) for r in resets] == [
        (1, "primary-general", "truncated"),
        (2, "fallback", "in_band_error"),
    ]
    assert len(terminal(events)) == 1 and events[-1].event == "done"
    done = events[-1].data
    assert done["status"] == "degraded" and done["result"]["backend"] == "template"
    text = done["result"]["text"]
    assert BROKEN_PREFIX not in text and FALLBACK_REPLY[:16] not in text
    assert len(upstream.chat_requests()) == 2  # each remote layer once, none repeated
    summaries, payload = await checkpoints(api, "rec-twice")
    assert generating_attempts(summaries) == [1, 2, 3]
    assert [p["layer"] for p in payload["partials"]] == ["primary-general", "fallback"]


@pytest.mark.parametrize("name", list(SYNC_FAULTS))
async def test_sync_faults_fall_back_before_anything_is_sent(
    api: httpx.AsyncClient, upstream: FakeLLMUpstream, name: str
) -> None:
    upstream.script(SYNC_FAULTS[name])
    body = generate_body(session_id=f"sync-{name}")
    resp = await api.post("/api/v1/generate", json=body, headers=KEYS["a"].headers)
    assert resp.status_code == 200
    out = resp.json()
    assert out["status"] == "completed" and out["result"]["layer"] == "fallback"
    assert out["result"]["text"] == FALLBACK_REPLY and out["result"]["attempts"] == 1
    assert [r.body["model"] for r in upstream.chat_requests()] == ["base", "fb"]
    summaries, payload = await checkpoints(api, f"sync-{name}")
    assert generating_attempts(summaries) == [1] and payload["partials"] == []


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_request_deadline_caps_a_stalled_upstream_with_the_template(
    upstream: FakeLLMUpstream, mode: str
) -> None:
    """Both layers stall for 30 s; every per-call limit is longer than the request deadline (1.5 s),
    so only the request deadline can end the wait: the template writes the script."""
    slow = layered(
        upstream.url,
        deadline_s=60.0,
        request_deadline_s=1.5,
        sync_read_timeout_s=60.0,
        stream_first_chunk_timeout_s=60.0,
        stream_idle_timeout_s=60.0,
    )
    upstream.fault_for_model("base", Fault.slow_first_byte(STALL_S))
    upstream.fault_for_model("fb", Fault.slow_first_byte(STALL_S))
    server = ServerThread(gateway_settings(upstream.url, llm=slow)).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=20) as c:
            body = generate_body(session_id=f"deadline-{mode}")
            if mode == "sync":
                resp = await c.post("/api/v1/generate", json=body, headers=KEYS["a"].headers)
                out = resp.json()
            else:
                async with c.stream(
                    "POST", "/api/v1/generate/stream", json=body, headers=KEYS["a"].headers
                ) as resp:
                    events = await read_sse(resp)
                assert len(terminal(events)) == 1
                out = events[-1].data
    finally:
        server.stop()
    assert out["status"] == "degraded" and out["result"]["backend"] == "template"
    assert [r.body["model"] for r in upstream.chat_requests()] == ["base"]  # no time left for fb


async def test_reconnecting_after_the_broken_deltas_replays_the_reset(
    api: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    """A client that lost the connection after the broken attempt's deltas is told to discard them:
    the replay from checkpoints includes the `reset` before its `state` (no LLM call is made)."""
    upstream.script(Fault.cut(after_chunks=3))
    first = await stream_run(api, "rec-replay")
    last_broken_delta = [e for e in first if e.event == "delta"][2]
    calls = len(upstream.chat_requests())
    headers = {**KEYS["a"].headers, "Last-Event-ID": last_broken_delta.id or ""}
    body = generate_body(session_id="rec-replay")
    async with api.stream("POST", "/api/v1/generate/stream", json=body, headers=headers) as resp:
        replay = await read_sse(resp)
    names = [e.event for e in replay]
    assert names[0] == "reset" and names[1] == "state" and names.count("reset") == 1
    original = next(e for e in first if e.event == "reset")
    assert replay[0].id == original.id and replay[0].data == original.data
    assert len(terminal(replay)) == 1 and replay[-1].data["replayed"] is True
    assert replay[-1].data["result"]["text"] == first[-1].data["result"]["text"]
    assert len(upstream.chat_requests()) == calls  # answered from checkpoints


async def test_every_layer_broken_ends_with_one_error_event(upstream: FakeLLMUpstream) -> None:
    """Without the template, two broken layers leave nothing to regenerate on: one `error`, no `done`."""
    upstream.script(Fault.cut(after_chunks=3), Fault.malformed(after_chunks=1))
    server = ServerThread(
        gateway_settings(upstream.url, llm=layered(upstream.url, template_last_resort=False))
    ).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=20) as c:
            body = generate_body(session_id="rec-spent")
            async with c.stream("POST", "/api/v1/generate/stream", json=body, headers=KEYS["a"].headers) as r:
                events = await read_sse(r)
    finally:
        server.stop()
    assert [e.data["layer"] for e in events if e.event == "reset"] == ["primary-general", "fallback"]
    assert [e.event for e in terminal(events)] == ["error"] and events[-1].event == "error"
    problem = events[-1].data
    assert problem["code"] == "llm_unavailable" and problem["state"] == "FAILED"
    assert len(upstream.chat_requests()) == 2


async def test_sync_fault_on_the_second_layer_too_ends_degraded_from_the_template(
    api: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    upstream.script(Fault.in_band_error(), Fault.stall(after_chunks=0, delay_s=STALL_S))
    body = generate_body(session_id="sync-twice")
    resp = await api.post("/api/v1/generate", json=body, headers=KEYS["a"].headers)
    out = resp.json()
    assert resp.status_code == 200 and out["status"] == "degraded"
    assert out["result"]["backend"] == "template" and FALLBACK_REPLY[:16] not in out["result"]["text"]
    assert [r.body["model"] for r in upstream.chat_requests()] == ["base", "fb"]
