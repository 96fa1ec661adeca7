"""Circuit breaker: unit behaviour on a fake clock, then the real thing against an HTTP upstream."""

from __future__ import annotations

import pytest

from script_agent.llm.breaker import BreakerPolicy, BreakerRegistry, CircuitBreaker, State
from script_agent.llm.errors import CircuitOpenError
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault
from tests.llm.conftest import BASE_MODEL, BEAUTY_MODEL, ClientFactory
from tests.llm.support import MetricDelta, collect, request, sample


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _breaker(clock: Clock, **policy: float) -> CircuitBreaker:
    values = {"failure_rate": 0.5, "window_s": 10.0, "min_calls": 4, "cooldown_s": 5.0, "probes": 1, **policy}
    registry = BreakerRegistry(BreakerPolicy(**values), clock=clock)  # type: ignore[arg-type]
    return registry.get("openai:http://unit", "m", labels=("openai", "unit-test"))


def test_opens_only_on_rate_with_minimum_volume() -> None:
    clock = Clock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.on_failure(breaker.acquire())
    assert breaker.state is State.CLOSED, "3 failures are below the minimum volume of 4"
    breaker.on_success(breaker.acquire())
    assert breaker.state is State.OPEN, "4 calls, 3 failed: rate 0.75 ≥ 0.5"


def test_successes_keep_it_closed_and_old_failures_age_out() -> None:
    clock = Clock()
    breaker = _breaker(clock)
    for _ in range(10):
        breaker.on_success(breaker.acquire())
    for _ in range(5):
        breaker.on_failure(breaker.acquire())
    assert breaker.state is State.CLOSED, "5 of 15 is a 33% failure rate"
    clock.now += 11  # the whole window has rolled over
    breaker.on_failure(breaker.acquire())
    assert breaker.snapshot()["window_calls"] == 1


def test_cooldown_half_open_bounded_probes_then_close_or_reopen() -> None:
    clock = Clock()
    breaker = _breaker(clock, probes=2)
    for _ in range(4):
        breaker.on_failure(breaker.acquire())
    with pytest.raises(CircuitOpenError):
        breaker.acquire()
    clock.now += 5
    assert breaker.state is State.HALF_OPEN
    first, second = breaker.acquire(), breaker.acquire()
    assert first.probe and second.probe
    with pytest.raises(CircuitOpenError):
        breaker.acquire()  # at most `probes` in flight
    breaker.on_neutral(first)  # a cancelled probe gives its slot back
    third = breaker.acquire()
    breaker.on_success(second)
    assert breaker.state is State.HALF_OPEN, "needs every probe to succeed"
    breaker.on_success(third)
    assert breaker.state is State.CLOSED
    assert breaker.snapshot()["window_calls"] == 0, "closing starts a clean window"

    for _ in range(4):
        breaker.on_failure(breaker.acquire())
    clock.now += 5
    probe = breaker.acquire()
    breaker.on_failure(probe)
    assert breaker.state is State.OPEN
    clock.now += 4.9
    assert breaker.state is State.OPEN, "a fresh cool-down started on the failed probe"


def test_late_outcome_of_a_pre_open_call_does_not_close_it() -> None:
    clock = Clock()
    breaker = _breaker(clock)
    slow = breaker.acquire()
    for _ in range(4):
        breaker.on_failure(breaker.acquire())
    clock.now += 5
    assert breaker.state is State.HALF_OPEN
    breaker.on_success(slow)  # admitted while closed: not a probe
    assert breaker.state is State.HALF_OPEN


def test_transition_metrics_and_worst_state_gauge() -> None:
    clock = Clock()
    metrics = MetricDelta()
    breaker = _breaker(clock)
    for _ in range(4):
        breaker.on_failure(breaker.acquire())
    labels = {"backend": "openai", "layer": "unit-test"}
    assert sample("script_agent_llm_circuit_state", **labels) == 2
    assert (
        metrics("script_agent_llm_circuit_transitions_total", **labels, from_state="closed", to_state="open")
        == 1
    )


def _registry(clock: Clock) -> BreakerRegistry:
    policy = BreakerPolicy(failure_rate=0.5, window_s=30, min_calls=4, cooldown_s=5, probes=1)
    return BreakerRegistry(policy, clock=clock)


async def test_real_half_open_probe_closes_the_circuit(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    clock = Clock()  # the cool-down is driven by a fake clock; every request is real HTTP
    client = make_client(max_retries=0, breakers=_registry(clock))
    metrics = MetricDelta()
    primary.fault_for_model(BEAUTY_MODEL, Fault.http(500))
    for i in range(4):
        result = await client.generate(request(f"请求{i}"))
        assert result.layer == "primary-general"
    labels = {"backend": "openai", "layer": "primary"}
    assert sample("script_agent_llm_circuit_state", **labels) == 2
    assert len([r for r in primary.chat_requests() if r.model == BEAUTY_MODEL]) == 4

    # Open: callers skip the sick model at once, without an upstream call.
    result = await client.generate(request("请求open"))
    assert result.layer == "primary-general"
    assert len([r for r in primary.chat_requests() if r.model == BEAUTY_MODEL]) == 4
    assert metrics("script_agent_llm_requests_total", **labels, mode="sync", outcome="short_circuit") == 1
    assert (
        metrics(
            "script_agent_llm_fallbacks_total",
            from_layer="primary",
            to_layer="primary-general",
            reason="circuit_open",
        )
        == 1
    )

    primary.fault_for_model(BEAUTY_MODEL, None)  # the upstream recovers
    clock.now += 5  # cool-down
    _, result = await collect(client.stream(request("探测")))
    assert result.layer == "primary", "the real probe went through and succeeded"
    assert sample("script_agent_llm_circuit_state", **labels) == 0
    for from_state, to_state in [("closed", "open"), ("open", "half-open"), ("half-open", "closed")]:
        assert (
            metrics(
                "script_agent_llm_circuit_transitions_total",
                **labels,
                from_state=from_state,
                to_state=to_state,
            )
            == 1
        )


async def test_failed_half_open_probe_reopens(make_client: ClientFactory, primary: FakeLLMUpstream) -> None:
    clock = Clock()
    client = make_client(max_retries=0, breakers=_registry(clock))
    metrics = MetricDelta()
    primary.fault_for_model(BEAUTY_MODEL, Fault.http(503))
    for i in range(4):
        await client.generate(request(f"请求{i}"))
    clock.now += 5
    result = await client.generate(request("探测"))  # the probe meets the still-sick upstream
    assert result.layer == "primary-general"
    labels = {"backend": "openai", "layer": "primary"}
    assert (
        metrics(
            "script_agent_llm_circuit_transitions_total", **labels, from_state="half-open", to_state="open"
        )
        == 1
    )
    assert sample("script_agent_llm_circuit_state", **labels) == 2
    beauty_calls = len([r for r in primary.chat_requests() if r.model == BEAUTY_MODEL])
    assert beauty_calls == 5, "four failures plus exactly one probe"
    await client.generate(request("again"))
    assert len([r for r in primary.chat_requests() if r.model == BEAUTY_MODEL]) == 5, "open again: no call"
    assert [r.model for r in primary.chat_requests()].count(BASE_MODEL) == 6
