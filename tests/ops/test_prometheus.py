"""The dashboard and the alerts against a real Prometheus scraping a real gateway and operator.

A gateway (`script-agent serve` in its own process, /metrics on GATEWAY_METRICS_PORT) and an
operator (`script-agent operator` in its own process, on the Kubernetes API emulator) share a fake
LLM upstream and the real Redis. Prometheus scrapes both every second (the operator twice, as two
peering replicas would report the same view) while the test drives an incident: a burst of
rate-limit rejections, a failing primary model (fallbacks, then an open breaker), a failing
fallback too (degraded runs from the template), and a ScriptJob. Then every expression of the
dashboard and of the alerts is evaluated through Prometheus's HTTP API.
"""

from __future__ import annotations

import asyncio
import copy
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from script_agent.testing.gateway import GOOD_REPLY, INFLUENCER, KEYS, GatewayProcess, free_port, key_table
from script_agent.testing.k8s.client import SCRIPTJOBS, K8sApi
from script_agent.testing.llm_faults import Fault
from script_agent.testing.llm_upstream import FakeLLMUpstream
from tests.k8s.chart_tools import CHART, REPO_ROOT
from tests.redis_keys import redis_key_prefix

from .prometheus import PrometheusServer, values
from .test_alerts import write_rules

pytestmark = pytest.mark.timeout(150)
REDIS_URL = "redis://127.0.0.1:6379/0"
PRIMARY, BACKUP, OPERATOR_MODEL = "base", "backup", "operator-model"
FINISHED = {"Succeeded", "Degraded", "Failed"}
QPS = 4  # tenant a's burst of 12 concurrent requests gets some 429s; the others stay under it
BODY = {
    "query": "帮我写一段开场话术",
    "scene": "opening",
    "product_id": "lipstick-316",
    "influencer": INFLUENCER,
}


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    with redis_key_prefix("ops") as prefix:
        yield prefix


@pytest.fixture
def upstream() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(reply=GOOD_REPLY) as up:
        yield up


def common_env(upstream: FakeLLMUpstream, prefix: str) -> dict[str, str]:
    return {
        "REDIS_URL": REDIS_URL,
        "REDIS_KEY_PREFIX": prefix,
        "LLM_PRIMARY_BACKEND": "openai",
        "LLM_PRIMARY_BASE_URL": upstream.url,
        "LLM_MAX_RETRIES": "0",
        "LLM_DEADLINE_S": "10",
        "LONGTERM_MEMORY_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def gateway(upstream: FakeLLMUpstream, redis_prefix: str) -> Iterator[tuple[GatewayProcess, int]]:
    metrics_port = free_port()
    env = common_env(upstream, redis_prefix) | {
        "AUTH_MODE": "api_key",
        "AUTH_API_KEYS": key_table(),
        "GATEWAY_METRICS_PORT": str(metrics_port),
        "LLM_PRIMARY_MODEL": PRIMARY,
        "LLM_FALLBACK_ENABLED": "true",
        "LLM_FALLBACK_BACKEND": "openai",
        "LLM_FALLBACK_BASE_URL": upstream.url,
        "LLM_FALLBACK_MODEL": BACKUP,
        "LLM_TEMPLATE_LAST_RESORT": "true",
        "LLM_BREAKER_MIN_CALLS": "3",
        "LLM_BREAKER_COOLDOWN_S": "120",
        "RATE_LIMIT_QPS": str(QPS),
        "RATE_LIMIT_BURST": str(QPS),
    }
    process = GatewayProcess(env).launch().wait_live()
    try:
        yield process, metrics_port
    finally:
        process.stop()


@pytest.fixture
def operator_metrics(run_kopf, upstream: FakeLLMUpstream, redis_prefix: str) -> int:
    metrics_port, liveness_port = free_port(), free_port()
    env = common_env(upstream, redis_prefix) | {
        "LLM_PRIMARY_MODEL": OPERATOR_MODEL,
        "LLM_FALLBACK_ENABLED": "false",
        "OPERATOR_METRICS_PORT": str(metrics_port),
        "OPERATOR_LIVENESS_PORT": str(liveness_port),
        "OPERATOR_RETRY_DELAY_S": "0.3",
        "OPERATOR_TENANT_MAP": json.dumps({"default": scriptjob()["spec"]["tenant"]}),
        "LOG_LEVEL": "INFO",
    }
    argv = [sys.executable, "-m", "script_agent.cli.main", "operator", "--namespace=default", "--standalone"]
    run_kopf(subprocess=True, argv=argv, env=env, ready_url=f"http://127.0.0.1:{liveness_port}/healthz")
    return metrics_port


@pytest.fixture
def prometheus(
    tmp_path: Path, gateway: tuple[GatewayProcess, int], operator_metrics: int
) -> Iterator[PrometheusServer]:
    rules, _ = write_rules(tmp_path)
    operator = f"127.0.0.1:{operator_metrics}"
    targets = {
        "gateway": [{"targets": [f"127.0.0.1:{gateway[1]}"]}],
        # the same operator scraped as two replicas: what kopf peering's active + standby look like
        "operator": [
            {"targets": [operator], "labels": {"pod": "op-a"}},
            {"targets": [operator], "labels": {"pod": "op-b"}},
        ],
    }
    server = PrometheusServer(tmp_path, targets, [rules]).start()
    try:
        yield server
    finally:
        server.stop()


# --- traffic ------------------------------------------------------------------------------------
async def generate(client: httpx.AsyncClient, key: str, **extra: Any) -> httpx.Response:
    return await client.post("/api/v1/generate", json=BODY | extra, headers=KEYS[key].headers, timeout=30)


async def burst(url: str) -> dict[int, int]:
    """12 concurrent requests of one tenant: the rate limiter rejects those above its burst."""
    async with httpx.AsyncClient(base_url=url) as client:
        responses = await asyncio.gather(*(generate(client, "a") for _ in range(12)))
    return {
        code: sum(r.status_code == code for r in responses) for code in {r.status_code for r in responses}
    }


async def sequential(url: str, key: str, count: int) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=url) as client:
        out = []
        for _ in range(count):
            response = await generate(client, key)
            assert response.status_code == 200, response.text
            out.append(response.json())
            await asyncio.sleep(1 / QPS)
        return out


async def stream_once(url: str) -> None:
    async with (
        httpx.AsyncClient(base_url=url) as client,
        client.stream(
            "POST", "/api/v1/generate/stream", json=BODY, headers=KEYS["d"].headers, timeout=30
        ) as response,
    ):
        assert response.status_code == 200
        async for _ in response.aiter_lines():
            pass


def scriptjob() -> dict[str, Any]:
    body = copy.deepcopy(
        yaml.safe_load((REPO_ROOT / "examples" / "scriptjob.yaml").read_text(encoding="utf-8"))
    )
    body["metadata"] = {"name": "ops-job", "namespace": "default"}
    body["spec"].pop("ttlSecondsAfterFinished", None)
    return body


# --- expressions ----------------------------------------------------------------------------------
def dashboard_exprs() -> list[tuple[str, str]]:
    dashboard = json.loads((CHART / "dashboards" / "script-agent.json").read_text(encoding="utf-8"))
    return [(panel["title"], target["expr"]) for panel in dashboard["panels"] for target in panel["targets"]]


def as_prometheus(expr: str) -> str:
    """Grafana's variables as Grafana would fill them for a 1s scrape and 'All' namespaces."""
    return expr.replace("$__rate_interval", "10s").replace("$namespace", ".*")


def test_dashboard_and_alerts_see_the_first_incident(
    prometheus: PrometheusServer,
    gateway: tuple[GatewayProcess, int],
    upstream: FakeLLMUpstream,
    k8s_api: K8sApi,
):
    url = gateway[0].url
    start = time.time()
    # every target up and scraped twice before anything happens: the baseline is zero, not absent
    prometheus.wait_for("count(up == 1)", lambda r: r and float(r[0]["value"][1]) == 3, what="3 targets up")
    prometheus.wait_for(
        'count_over_time(script_agent_rate_limit_decisions_total{decision="rejected", dimension="qps"}[1m])',
        lambda r: r and float(r[0]["value"][1]) >= 2,
        what="two scrapes of the primed rejection counter",
    )

    asyncio.run(stream_once(url))
    codes = asyncio.run(burst(url))
    rejected = codes.get(429, 0)
    assert rejected >= 4 and codes.get(200, 0) >= QPS, codes

    upstream.fault_for_model(PRIMARY, Fault.http(500))  # primary fails: fallbacks, then an open breaker
    fallen_back = asyncio.run(sequential(url, "b", 5))
    assert all(not r.get("degraded") for r in fallen_back), fallen_back
    upstream.fault_for_model(BACKUP, Fault.http(500))  # fallback fails too: the template, DEGRADED
    degraded = asyncio.run(sequential(url, "c", 3))
    assert all(r.get("degraded") or r.get("state") == "DEGRADED" for r in degraded), degraded

    k8s_api.create(scriptjob())
    job = k8s_api.wait_for_object(
        SCRIPTJOBS, "ops-job", lambda o: o.get("status", {}).get("phase") in FINISHED
    )
    phase = job["status"]["phase"]

    # the first burst, exactly: the counter's first sample is 0 and its last the 429s the client saw
    prometheus.wait_for(
        'sum(script_agent_rate_limit_decisions_total{decision="rejected"})',
        lambda r: r and float(r[0]["value"][1]) == rejected,
        what="rejections scraped",
    )
    prometheus.wait_for(
        f'max by (phase) (script_agent_operator_jobs{{phase="{phase}"}})',
        lambda r: r and float(r[0]["value"][1]) == 1,
        what="the finished job scraped",
    )
    time.sleep(2.5)  # a few rule evaluations over the incident
    end = time.time()
    (raw,) = prometheus.query_range(
        'sum(script_agent_rate_limit_decisions_total{decision="rejected"})', start, end
    )
    assert values(raw)[0] == 0 and values(raw)[-1] == rejected
    increase = prometheus.query(
        'sum(increase(script_agent_rate_limit_decisions_total{decision="rejected"}[1m]))'
    )
    assert float(increase[0]["value"][1]) >= rejected * 0.9, "increase() sees the whole first burst"

    check_dashboard(prometheus, start, end)
    check_operator_jobs_are_not_doubled(prometheus, phase)
    check_alerts(prometheus)


def check_dashboard(prometheus: PrometheusServer, start: float, end: float) -> None:
    peaks: dict[str, float] = {}
    for title, expr in dashboard_exprs():
        result = prometheus.query_range(as_prometheus(expr), start, end)
        assert result, f"dashboard panel {title!r} returned no data for {expr}"
        finite = [v for series in result for v in values(series) if v == v]  # NaN != NaN
        peaks[expr] = max(finite, default=float("nan"))
    by_title = {title: peaks[expr] for title, expr in dashboard_exprs()}
    for title in (
        "Rate-limit decisions by dimension",
        "LLM fallbacks by layer and reason",
        "Workflow runs by final state",
        "Degraded and failed runs (share of all runs)",
        "LLM calls by layer and outcome",
        "Session lock wait (p95)",
    ):
        assert by_title[title] > 0, f"{title}: the incident is not visible"
    assert by_title["LLM circuit breaker state per replica"] == 2, "the failing primary's breaker is open"


def check_operator_jobs_are_not_doubled(prometheus: PrometheusServer, phase: str) -> None:
    (panel_expr,) = [e for t, e in dashboard_exprs() if t == "ScriptJobs by phase"]
    result = prometheus.query(as_prometheus(panel_expr))
    finished = [float(r["value"][1]) for r in result if r["metric"]["phase"] == phase]
    assert finished == [1.0], f"two replicas' reports of one job must read 1, got {result}"
    summed = prometheus.query(f'sum(script_agent_operator_jobs{{phase="{phase}"}})')
    assert float(summed[0]["value"][1]) == 2, "the test really scrapes two replica series"


def check_alerts(prometheus: PrometheusServer) -> None:
    rules = prometheus.rules()
    assert len(rules) == 11
    for rule in rules:
        assert rule["health"] == "ok", f"{rule['name']}: {rule.get('lastError')}"
        prometheus.query(rule["query"])  # evaluates without error through the HTTP API
    active = {a["labels"]["alertname"]: a["state"] for a in prometheus.alerts()}
    for name in (
        "ScriptAgentRateLimitRejections",
        "ScriptAgentLLMFallbackRatioHigh",
        "ScriptAgentDegradedRatioHigh",
        "ScriptAgentLLMCircuitOpen",
    ):
        assert active.get(name) in {"pending", "firing"}, f"{name} not raised by the incident: {active}"
    assert "ScriptAgentRedisErrors" not in active and "ScriptAgentRateLimiterFailOpen" not in active
