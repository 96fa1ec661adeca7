"""Every scripted fault, sync and stream, over both protocols, against a real HTTP upstream.

One fault is queued, then the upstream behaves: retryable faults must cost exactly one retry on the
same layer with the same Idempotency-Key; fallback-only faults move to the next layer without a retry;
a fatal one surfaces at once. Streams that already delivered content must break loudly instead.
"""

from __future__ import annotations

import pytest

from script_agent.ports.llm import ErrorClass, LLMError, LLMStreamBroken
from script_agent.testing.llm_upstream import DEFAULT_REPLY, FakeLLMUpstream, Fault
from tests.llm.conftest import BASE_MODEL, BEAUTY_MODEL, ClientFactory
from tests.llm.support import MetricDelta, collect, request

PROTOCOLS = ["openai", "ollama"]

# (fault, retry reason) — one retry on the same layer, then success.
RETRYABLE = {
    "429": (Fault.http(429, retry_after=0.05), "rate_limited"),
    "500": (Fault.http(500), "server_error"),
    "502": (Fault.http(502), "server_error"),
    "503": (Fault.http(503), "overloaded"),
    "408": (Fault.http(408), "timeout"),
    "in_band": (Fault.in_band_error(0), "in_band_error"),
    "cut": (Fault.cut(0), "truncated"),
    "abort": (Fault.abort(0), "truncated"),
    "malformed": (Fault.malformed(0), "bad_json"),
}
SYNC_ONLY = {
    "slow_first_byte": (Fault.slow_first_byte(1.3), "timeout"),
    "stall": (Fault.stall(0, 1.3), "timeout"),
}
STREAM_ONLY = {
    "slow_first_byte": (Fault.slow_first_byte(1.3), "first_chunk_timeout"),
    "stall_before_content": (Fault.stall(0, 1.3), "first_chunk_timeout"),
}


def _assert_one_retry(
    upstream: FakeLLMUpstream, metrics: MetricDelta, proto: str, mode: str, reason: str
) -> None:
    seen = upstream.chat_requests()
    assert [r.model for r in seen] == [BEAUTY_MODEL, BEAUTY_MODEL]
    keys = {r.idempotency_key for r in seen}
    assert len(keys) == 1 and None not in keys, "every attempt of one call carries the same key"
    assert metrics("script_agent_llm_retries_total", backend=proto, layer="primary", reason=reason) == 1
    labels = {"backend": proto, "layer": "primary", "mode": mode}
    assert metrics("script_agent_llm_requests_total", **labels, outcome="retryable") == 1
    assert metrics("script_agent_llm_requests_total", **labels, outcome="ok") == 1


@pytest.mark.parametrize("proto", PROTOCOLS)
@pytest.mark.parametrize("name", [*RETRYABLE, *SYNC_ONLY])
async def test_sync_retryable_fault_costs_one_retry(
    make_client: ClientFactory, primary: FakeLLMUpstream, proto: str, name: str
) -> None:
    fault, reason = {**RETRYABLE, **SYNC_ONLY}[name]
    client = make_client(primary_backend=proto)
    primary.script(fault)
    metrics = MetricDelta()
    result = await client.generate(request())
    assert (result.text, result.layer, result.backend, result.degraded) == (
        DEFAULT_REPLY,
        "primary",
        proto,
        False,
    )
    assert result.usage.prompt_tokens == 11 and result.usage.completion_tokens > 0
    _assert_one_retry(primary, metrics, proto, "sync", reason)


@pytest.mark.parametrize("proto", PROTOCOLS)
@pytest.mark.parametrize("name", [*RETRYABLE, *STREAM_ONLY])
async def test_stream_fault_before_content_retries_transparently(
    make_client: ClientFactory, primary: FakeLLMUpstream, proto: str, name: str
) -> None:
    fault, reason = {**RETRYABLE, **STREAM_ONLY}[name]
    client = make_client(primary_backend=proto)
    primary.script(fault)
    metrics = MetricDelta()
    deltas, result = await collect(client.stream(request()))
    assert "".join(deltas) == DEFAULT_REPLY == result.text
    assert len(deltas) > 1, "content arrives in chunks, not as one buffered blob"
    assert (result.layer, result.backend) == ("primary", proto)
    _assert_one_retry(primary, metrics, proto, "stream", reason)
    assert metrics("script_agent_llm_time_to_first_chunk_seconds_count", layer="primary") == 1


MID_STREAM = {
    "stall": Fault.stall(2, 1.3),
    "in_band": Fault.in_band_error(2),
    "cut": Fault.cut(2),
    "abort": Fault.abort(2),
    "malformed": Fault.malformed(2),
    "trickle_too_slow": Fault.trickle(0.9),
}


@pytest.mark.parametrize("proto", PROTOCOLS)
@pytest.mark.parametrize("name", list(MID_STREAM))
async def test_stream_fault_after_content_breaks_loudly(
    make_client: ClientFactory, primary: FakeLLMUpstream, fallback: FakeLLMUpstream, proto: str, name: str
) -> None:
    client = make_client(primary_backend=proto)
    primary.script(MID_STREAM[name])
    metrics = MetricDelta()
    received: list[str] = []
    with pytest.raises(LLMStreamBroken) as broken:
        async for item in client.stream(request()):
            received.append(getattr(item, "text", ""))
    assert received and DEFAULT_REPLY.startswith("".join(received))
    assert broken.value.delivered_chars == len("".join(received))
    assert len(primary.chat_requests()) == 1, "no retry once content reached the caller"
    assert fallback.chat_requests() == [], "no fallback once content reached the caller"
    assert (
        metrics("script_agent_llm_retries_total", backend=proto, layer="primary", reason="idle_timeout") == 0
    )
    assert (
        metrics(
            "script_agent_llm_requests_total",
            backend=proto,
            layer="primary",
            mode="stream",
            outcome="retryable",
        )
        == 1
    )


@pytest.mark.parametrize("proto", PROTOCOLS)
async def test_trickle_within_idle_timeout_streams_every_chunk(
    make_client: ClientFactory, primary: FakeLLMUpstream, proto: str
) -> None:
    client = make_client(primary_backend=proto)
    primary.script(Fault.trickle(0.05))
    deltas, result = await collect(client.stream(request()))
    assert "".join(deltas) == result.text == DEFAULT_REPLY
    assert len(primary.chat_requests()) == 1


@pytest.mark.parametrize("proto", PROTOCOLS)
@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_unknown_model_falls_back_to_base_model_without_retry(
    make_client: ClientFactory, primary: FakeLLMUpstream, proto: str, mode: str
) -> None:
    client = make_client(primary_backend=proto)
    primary.script(Fault.unknown_model())
    metrics = MetricDelta()
    if mode == "sync":
        result = await client.generate(request())
    else:
        _, result = await collect(client.stream(request()))
    assert (result.layer, result.model) == ("primary-general", BASE_MODEL)
    assert [r.model for r in primary.chat_requests()] == [BEAUTY_MODEL, BASE_MODEL]
    assert (
        metrics(
            "script_agent_llm_fallbacks_total",
            from_layer="primary",
            to_layer="primary-general",
            reason="model_not_found",
        )
        == 1
    )
    assert (
        metrics("script_agent_llm_retries_total", backend=proto, layer="primary", reason="model_not_found")
        == 0
    )


@pytest.mark.parametrize("proto", PROTOCOLS)
@pytest.mark.parametrize("mode", ["sync", "stream"])
@pytest.mark.parametrize("status", [401, 403])
async def test_fatal_surfaces_at_once(
    make_client: ClientFactory,
    primary: FakeLLMUpstream,
    fallback: FakeLLMUpstream,
    proto: str,
    mode: str,
    status: int,
) -> None:
    client = make_client(primary_backend=proto)
    primary.script(Fault.http(status))
    with pytest.raises(LLMError) as caught:
        if mode == "sync":
            await client.generate(request())
        else:
            await collect(client.stream(request()))
    assert caught.value.error_class is ErrorClass.FATAL and caught.value.status == status
    assert len(primary.chat_requests()) == 1 and fallback.chat_requests() == []
    breaker = client.plan.layers_for(request())[0].breaker
    assert breaker is not None and breaker.snapshot()["window_calls"] == 0, "fatal is not an upstream fault"


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_context_length_400_falls_back_and_other_400_is_fatal(
    make_client: ClientFactory, primary: FakeLLMUpstream, mode: str
) -> None:
    client = make_client()
    primary.script(Fault.http(400, message="This model's maximum context length is 4096 tokens"))
    result = (
        await client.generate(request()) if mode == "sync" else (await collect(client.stream(request())))[1]
    )
    assert result.layer == "primary-general"
    primary.script(Fault.http(400, message="temperature must be positive"))
    with pytest.raises(LLMError) as caught:
        await client.generate(request("另一个请求"))
    assert caught.value.error_class is ErrorClass.FATAL
