"""Idempotency keys upstream, in-flight sharing of identical calls, and cancel-safety."""

from __future__ import annotations

import asyncio

import pytest

from script_agent.llm.inflight import InflightCalls, InflightStreams, dedup_key
from script_agent.testing.llm_upstream import DEFAULT_REPLY, FakeLLMUpstream, Fault
from tests.llm.conftest import ClientFactory
from tests.llm.support import MetricDelta, collect, request


async def test_caller_key_is_sent_and_distinct_calls_get_distinct_keys(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client()
    await client.generate(request(idempotency_key="run-7:SCRIPT_GENERATING:1"))
    await client.generate(request("第二个"))
    await client.generate(request("第三个"))
    keys = [r.idempotency_key for r in primary.chat_requests()]
    assert keys[0] == "run-7:SCRIPT_GENERATING:1"
    assert keys[1] and keys[2] and keys[1] != keys[2]


async def test_keys_can_be_turned_off(make_client: ClientFactory, primary: FakeLLMUpstream) -> None:
    client = make_client(idempotency_enabled=False)
    await client.generate(request())
    assert primary.chat_requests()[0].idempotency_key is None


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_identical_concurrent_calls_share_one_upstream_call(
    make_client: ClientFactory, primary: FakeLLMUpstream, mode: str
) -> None:
    client = make_client()
    primary.script(Fault.trickle(0.02))
    metrics = MetricDelta()

    async def one() -> str:
        if mode == "sync":
            return (await client.generate(request())).text
        deltas, result = await collect(client.stream(request()))
        assert "".join(deltas) == result.text
        return result.text

    texts = await asyncio.gather(*(one() for _ in range(5)))
    assert texts == [DEFAULT_REPLY] * 5
    assert len(primary.chat_requests()) == 1
    assert metrics("script_agent_llm_inflight_shared_total") == 4


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_cancelled_waiter_never_cancels_the_shared_call(
    make_client: ClientFactory, primary: FakeLLMUpstream, mode: str
) -> None:
    client = make_client(sync_read_timeout_s=2, sync_total_timeout_s=2, stream_first_chunk_timeout_s=2)
    primary.script(Fault.slow_first_byte(0.3))

    async def one() -> str:
        if mode == "sync":
            return (await client.generate(request())).text
        return (await collect(client.stream(request())))[1].text

    tasks = [asyncio.create_task(one()) for _ in range(3)]
    await asyncio.sleep(0.1)  # all three joined the one upstream call
    tasks[0].cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert isinstance(results[0], asyncio.CancelledError)
    assert results[1:] == [DEFAULT_REPLY, DEFAULT_REPLY]
    assert len(primary.chat_requests()) == 1


async def test_last_waiter_leaving_cancels_the_upstream_call(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client(sync_read_timeout_s=2, sync_total_timeout_s=2)
    primary.script(Fault.slow_first_byte(0.5))
    metrics = MetricDelta()
    task = asyncio.create_task(client.generate(request()))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.05)
    assert (
        metrics(
            "script_agent_llm_requests_total",
            backend="openai",
            layer="primary",
            mode="sync",
            outcome="cancelled",
        )
        == 1
    )
    # a new identical call starts afresh instead of joining a dead one
    assert (await client.generate(request())).text == DEFAULT_REPLY
    assert len(primary.chat_requests()) == 2


async def test_stream_consumer_leaving_early_releases_everything(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client()
    primary.script(Fault.trickle(0.05))
    stream = client.stream(request())
    first = await anext(stream)
    assert first.text  # type: ignore[union-attr]
    await stream.aclose()
    await asyncio.sleep(0.05)
    assert len(client._streams) == 0  # type: ignore[arg-type]
    breaker = client.plan.layers_for(request())[0].breaker
    assert breaker is not None and breaker.snapshot()["window_calls"] == 0, "a caller leaving is not a fault"


async def test_late_stream_joiner_replays_what_was_already_sent() -> None:
    streams = InflightStreams()
    release = asyncio.Event()

    async def produce():
        yield "a"
        yield "b"
        await release.wait()
        yield "c"

    first = streams.run("k", produce)
    assert [await anext(first), await anext(first)] == ["a", "b"]
    late = streams.run("k", produce)
    assert [await anext(late), await anext(late)] == ["a", "b"]
    release.set()
    assert [x async for x in first] == ["c"]
    assert [x async for x in late] == ["c"]
    assert len(streams) == 0


async def test_shared_error_reaches_every_waiter() -> None:
    calls = InflightCalls()
    started = 0

    async def boom() -> str:
        nonlocal started
        started += 1
        await asyncio.sleep(0.02)
        raise RuntimeError("upstream broke")

    results = await asyncio.gather(*(calls.run("k", boom) for _ in range(3)), return_exceptions=True)
    assert started == 1 and all(isinstance(r, RuntimeError) for r in results)
    assert len(calls) == 0


def test_dedup_key_separates_mode_content_and_caller_keys() -> None:
    assert dedup_key(request(), "sync") == dedup_key(request(), "sync")
    assert dedup_key(request(), "sync") != dedup_key(request(), "stream")
    assert dedup_key(request(), "sync") != dedup_key(request("别的"), "sync")
    assert dedup_key(request(temperature=0.1), "sync") != dedup_key(request(), "sync")
    keyed = dedup_key(request(idempotency_key="k1"), "sync")
    assert keyed.startswith("sync:k1:") and keyed != dedup_key(request(), "sync")
    assert keyed != dedup_key(request("别的", idempotency_key="k1"), "sync"), "same key, other payload"
