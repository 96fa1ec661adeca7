"""The CLI uses the reliable LLM client when an upstream is configured (real HTTP on loopback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault, closed_port_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ROOT / "examples" / "products" / "lipstick.json"
INFLUENCER = ROOT / "examples" / "influencers" / "xiaomei.json"


def _reply() -> str:
    product = json.loads(PRODUCT.read_text(encoding="utf-8"))
    points = "，".join(product["selling_points"])
    return (
        f"宝子们，晚上好！今天给大家介绍{product['name']}。{points}。喜欢的宝子们在公屏扣1，我们马上上链接！"
    )


@pytest.fixture
def upstream():
    with FakeLLMUpstream(models={"base-model"}, reply=_reply()) as fake:
        yield fake


def _run(
    upstream: FakeLLMUpstream | str, *extra: str, model: str = "base-model"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_"))}
    env |= {
        "LLM_PRIMARY_BASE_URL": upstream if isinstance(upstream, str) else upstream.url,
        "LLM_PRIMARY_MODEL": model,
        "LLM_FALLBACK_ENABLED": "false",
        "LLM_BACKOFF_BASE_S": "0.01",
        "LLM_DEADLINE_S": "10",
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "script_agent",
            "generate",
            "--product",
            str(PRODUCT),
            "--influencer",
            str(INFLUENCER),
            "--scene",
            "opening",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )


def test_generate_streams_from_the_configured_upstream(upstream):
    proc = _run(upstream, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["result"]["backend"] == "openai" and out["result"]["model"] == "base-model"
    assert out["result"]["text"] == _reply()
    chats = upstream.chat_requests()
    assert len(chats) == 1 and chats[0].idempotency_key


def test_a_retryable_fault_is_retried_and_the_run_completes(upstream):
    upstream.script(Fault.http(503))
    proc = _run(upstream, "--json")
    assert proc.returncode == 0, proc.stderr
    keys = [r.idempotency_key for r in upstream.chat_requests()]
    assert len(keys) == 2 and keys[0] == keys[1], "a retry must resend the same Idempotency-Key"


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("script-agent: warning:")]


def test_a_v1_base_url_is_served_by_the_upstream_without_a_warning(upstream):
    proc = _run(upstream.url + "/v1", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["result"]["backend"], out["result"]["degraded"]) == ("openai", False)
    assert [r.path for r in upstream.chat_requests()] == ["/v1/chat/completions"]
    assert _warnings(proc.stderr) == []


def test_an_unreachable_upstream_prints_one_warning_line_naming_url_and_cause():
    url = closed_port_url()
    proc = _run(url + "/v1", "--json")
    assert proc.returncode == 0, proc.stderr
    (warning,) = _warnings(proc.stderr)
    assert f"GET {url}/v1/models" in warning and "connection refused" in warning
    out = json.loads(proc.stdout)
    assert (out["result"]["backend"], out["result"]["degraded"]) == ("template", True)


def test_a_model_the_server_does_not_serve_prints_one_warning_line(upstream):
    proc = _run(upstream, "--json", model="qwen-typo")
    (warning,) = _warnings(proc.stderr)
    assert "'qwen-typo' is not served" in warning and "base-model" in warning
