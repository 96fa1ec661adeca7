"""The metrics module: every bounded label set exists at zero before its first event (so the first
burst shows in rate()/increase()), the process collectors are there, the exposition passes
`promtool check metrics`, the vocabularies are the ones the code emits, and /metrics can move off
the API port."""

from __future__ import annotations

import re
import subprocess
import sys

import httpx
from prometheus_client.parser import text_string_to_metric_families
from scriptjob_operator import driver

from script_agent.config.app import GatewaySettings
from script_agent.domain.states import TERMINAL_STATES
from script_agent.gateway.routes.metrics import _api_routes, start_metrics_listener
from script_agent.llm import errors
from script_agent.llm.breaker import State
from script_agent.observability import metrics
from script_agent.ports.llm import ErrorClass
from script_agent.ports.stores import Dimension
from script_agent.stores.redis import checkpoints, idempotency, locks, rate_limit, sessions
from script_agent.testing.gateway import ROOT, ServerThread, free_port, gateway_settings

from .promtool import promtool

# A fresh interpreter builds the gateway app and its container (primary, fallback and template
# layers; Redis configured but never called) and prints its exposition: nothing has happened yet.
FRESH = """
from prometheus_client import generate_latest
from script_agent.bootstrap import build_container
from script_agent.config.llm import LLMSettings
from script_agent.config.state import RedisSettings
from script_agent.gateway.app import create_app
from script_agent.observability.metrics import REGISTRY
from script_agent.testing.gateway import gateway_settings
llm = LLMSettings(primary_base_url="http://127.0.0.1:9", primary_model="base",
                  fallback_enabled=True,
                  fallback_backend="ollama", fallback_base_url="http://127.0.0.1:9",
                  template_last_resort=True)
settings = gateway_settings(llm=llm, redis=RedisSettings(url="redis://127.0.0.1:6379/0"))
create_app(settings)
build_container(settings, use_memory=False)
print(generate_latest(REGISTRY).decode())
"""


def fresh_exposition() -> str:
    result = subprocess.run(
        [sys.executable, "-c", FRESH], capture_output=True, text=True, timeout=120, cwd=ROOT, check=True
    )
    return result.stdout


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def has(found: dict, name: str, **labels: str) -> bool:
    return (name, frozenset(labels.items())) in found


def test_every_bounded_label_set_exists_at_zero_before_any_event():
    text = fresh_exposition()
    found = samples(text)
    for dimension in ("qps", "tokens"):
        for decision in ("allowed", "rejected"):
            assert has(
                found, "script_agent_rate_limit_decisions_total", dimension=dimension, decision=decision
            )
    for backend, layer in (("openai", "primary"), ("openai", "primary-general"), ("ollama", "fallback")):
        assert has(found, "script_agent_llm_circuit_state", backend=backend, layer=layer)
    assert not any(n == "script_agent_llm_circuit_state" and ("layer", "template") in k for n, k in found)
    for source, target in (
        ("primary-general", "fallback"),
        ("fallback", "template"),
        ("primary", "template"),
    ):
        for reason in ("server_error", "timeout", "circuit_open", "deadline", "model_not_found"):
            assert has(
                found, "script_agent_llm_fallbacks_total", from_layer=source, to_layer=target, reason=reason
            )
    for state in ("COMPLETED", "DEGRADED", "FAILED", "INTENT_CLARIFYING"):
        for path in ("sync", "stream"):
            assert has(found, "script_agent_workflow_runs_total", state=state, path=path)
    for status in ("200", "401", "409", "429", "500", "503"):
        assert has(
            found, "script_agent_http_requests_total", route="/api/v1/generate", method="POST", status=status
        )
    assert has(found, "script_agent_store_errors_total", component="rate_limit", kind="timeout")
    assert has(found, "script_agent_lock_timeouts_total", backend="redis")
    assert has(found, "script_agent_rate_limit_fail_open_total")
    assert has(found, "script_agent_llm_tokens_total", backend="ollama", kind="completion")
    counters = {
        k: v for k, v in found.items() if k[0].startswith("script_agent_") and k[0].endswith("_total")
    }
    assert counters and set(counters.values()) == {0.0}, "primed series start at zero"
    assert not any(name.endswith("_created") for name, _ in found), (
        "no _created series (half the cardinality)"
    )
    assert any(name == "process_resident_memory_bytes" for name, _ in found)
    assert any(name == "python_info" for name, _ in found)
    assert promtool("check", "metrics", stdin=text).strip() == ""


def test_vocabularies_are_what_the_code_emits():
    assert set(metrics.RATE_LIMIT_DIMENSIONS) == {d.value for d in Dimension}
    assert set(metrics.WORKFLOW_TERMINAL_STATES) == {str(s) for s in TERMINAL_STATES}
    assert set(metrics.LLM_OUTCOMES) == {c.value for c in ErrorClass} | {"ok", "short_circuit", "cancelled"}
    reasons = {v for k, v in vars(errors).items() if re.fullmatch(r"[A-Z_]+", k) and isinstance(v, str)}
    fatal = {errors.UNAUTHORIZED, errors.BAD_REQUEST}  # fatal errors never fall back
    assert set(metrics.LLM_FALLBACK_REASONS) == reasons - fatal, "new errors.py reason: add it to metrics.py"
    assert set(metrics.LLM_RETRY_REASONS) <= set(metrics.LLM_FALLBACK_REASONS)
    components = {m.COMPONENT for m in (sessions, checkpoints, locks, idempotency, rate_limit)}
    assert set(metrics.REDIS_COMPONENTS) == components
    assert {s for pair in metrics.BREAKER_TRANSITIONS for s in pair} == {s.label for s in State}
    assert set(metrics.OPERATOR_RETRY_REASONS) == set(driver._RETRY_REASONS) | {"llm_error", "other"}


def test_metrics_port_takes_metrics_off_the_api_port():
    port = free_port()
    settings = gateway_settings(gateway=GatewaySettings(metrics_port=port))
    server = ServerThread(settings).start()
    listener = start_metrics_listener("127.0.0.1", port)
    try:
        assert httpx.get(f"{server.url}/metrics", timeout=5).status_code == 404
        assert httpx.get(f"{server.url}/api/v1/health/live", timeout=5).status_code == 200
        separate = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5)
        assert separate.status_code == 200 and "script_agent_http_requests_total" in separate.text
    finally:
        listener.shutdown()
        listener.server_close()
        server.stop()


def test_without_a_metrics_port_the_api_port_serves_metrics_with_primed_route_labels():
    server = ServerThread(gateway_settings()).start()
    try:
        for path in ("/api/v1/health/live", "/api/v1/sessions/s-1/checkpoints/latest"):
            httpx.get(f"{server.url}{path}", timeout=5)
        response = httpx.get(f"{server.url}/metrics", timeout=5)
        assert response.status_code == 200
    finally:
        server.stop()
    primed = set(_api_routes(server.app.routes))
    assert ("/api/v1/sessions/{session_id}/checkpoints/latest", "GET") in primed
    counted = {
        (s.labels["route"], s.labels["method"])
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
        if s.name == "script_agent_http_requests_total" and s.value > 0 and s.labels["route"] != "unmatched"
    }
    assert counted and counted <= primed, "requests are counted under the route labels primed at start"
