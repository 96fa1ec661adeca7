"""SSE ids and resuming with Last-Event-ID, through a real uvicorn server and the fake upstream."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from script_agent.testing.gateway import KEYS, SSEEvent, generate_body, read_sse
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault

A = KEYS["a"].headers
STREAM = "/api/v1/generate/stream"


def sid() -> str:
    return f"s-{uuid.uuid4().hex[:12]}"


async def stream(
    client: httpx.AsyncClient, body: dict, *, last_id: str | None = None, stop_after: int | None = None
) -> list[SSEEvent]:
    headers = {**A, **({"Last-Event-ID": last_id} if last_id else {})}
    async with client.stream("POST", STREAM, json=body, headers=headers) as resp:
        assert resp.status_code == 200, await resp.aread()
        return await read_sse(resp, stop_after=stop_after)


def states(events: list[SSEEvent]) -> list[tuple[str, int]]:
    return [(e.data["state"], e.data["version"]) for e in events if e.event == "state"]


def text_of(events: list[SSEEvent]) -> str:
    return "".join(e.data["text"] for e in events if e.event == "delta")


async def test_every_event_has_an_id_naming_its_place_in_the_run(client: httpx.AsyncClient) -> None:
    session = sid()
    events = await stream(client, generate_body(session_id=session))
    version, deltas = 0, 0
    for event in events:
        if event.event == "state":
            version, deltas = event.data["version"], 0
            assert event.id == str(version) and event.data["session_id"] == session
        elif event.event == "delta":
            deltas += 1
            assert event.id == f"{version}.{deltas}"
    done = events[-1]
    assert done.event == "done" and done.id == f"{done.data['checkpoint_version']}.done"
    assert len({e.id for e in events}) == len(events)


async def test_resuming_a_finished_run_replays_what_was_missed_without_the_llm(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    body = generate_body(session_id=sid())
    full = await stream(client, body)
    calls = len(upstream.chat_requests())
    full_states = states(full)
    seen_version = full_states[2][1]  # the client saw three states, then lost the connection
    for last_id in (str(seen_version), f"{full_states[-3][1]}.2"):
        after = int(last_id.split(".")[0])
        replay = await stream(client, body, last_id=last_id)
        assert states(replay) == [s for s in full_states if s[1] > after]
        assert replay[-1].event == "done" and replay[-1].id == full[-1].id
        assert replay[-1].data["result"] == full[-1].data["result"]
        assert replay[-1].data["replayed"] is True  # answered from the checkpoint, charged nothing
        assert not [e for e in replay if e.event == "delta"]  # deltas are not checkpointed
    assert len(upstream.chat_requests()) == calls


async def test_resuming_after_a_disconnect_continues_the_run_from_its_checkpoint(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    session = sid()
    body = generate_body(session_id=session)
    upstream.script(Fault.trickle(0.2))  # the first attempt streams slowly; the client drops it
    first = await stream(client, body, stop_after=6)  # 5 states, then the first delta
    assert first[-1].event == "delta"
    generating = first[-2]
    assert generating.data["state"] == "SCRIPT_GENERATING"
    resumed: list[SSEEvent] = []
    for _ in range(20):  # the dropped run is cancelled within moments; until then the lock is taken
        resumed = await stream(client, body, last_id=first[-1].id)
        if resumed[-1].event == "done":
            break
        await asyncio.sleep(0.1)
    # a `state` event restarts the generation: deltas after it are the whole new text
    assert resumed[0].event == "state" and resumed[0].id == generating.id
    assert all(v >= generating.data["version"] for _, v in states(resumed))
    done = resumed[-1]
    assert done.event == "done" and done.data["resumed"] is True and done.data["status"] == "completed"
    assert text_of(resumed) == done.data["result"]["text"]


async def test_resuming_a_run_another_request_drives_follows_its_checkpoints(
    client: httpx.AsyncClient, upstream: FakeLLMUpstream
) -> None:
    session = sid()
    body = generate_body(session_id=session)
    upstream.script(Fault.trickle(0.1))  # ~1.5 s of generation under the sync request's lock
    running = asyncio.create_task(client.post("/api/v1/generate", json=body, headers=A))
    await asyncio.sleep(0.3)
    followed = await stream(client, body, last_id="1")
    sync = await running
    assert sync.status_code == 200, sync.text
    versions = [v for _, v in states(followed)]
    assert versions == sorted(versions) and versions[0] > 1 and len(set(versions)) == len(versions)
    assert followed[-1].event == "done" and followed[-1].data["result"] == sync.json()["result"]
    assert followed[-1].data["replayed"] is True
    assert len(upstream.chat_requests()) == 1  # followed, never generated a second time


async def test_a_resume_point_of_an_earlier_turn_replays_that_turn_only(client: httpx.AsyncClient) -> None:
    session = sid()
    first_body = generate_body(session_id=session)
    first = await stream(client, first_body)
    next_turn = generate_body(session_id=session, query="再写一段促销话术", scene="promotion")
    second = await stream(client, next_turn)
    assert states(second)[0][1] > states(first)[-1][1]  # one history, two runs
    replay = await stream(client, first_body, last_id=first[1].id)
    assert states(replay) == states(first)[2:]
    assert replay[-1].data["result"] == first[-1].data["result"]


async def test_a_malformed_last_event_id_is_rejected(client: httpx.AsyncClient) -> None:
    resp = await client.post(STREAM, json=generate_body(), headers={**A, "Last-Event-ID": "five"})
    assert resp.status_code == 422 and resp.json()["code"] == "validation_error"
