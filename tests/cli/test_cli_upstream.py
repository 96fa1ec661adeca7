"""The CLI uses the reliable LLM client when an upstream is configured (real HTTP on loopback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.llm_upstream import FakeLLMUpstream, Fault

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


def _run(upstream: FakeLLMUpstream, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_"))}
    env |= {
        "LLM_PRIMARY_BASE_URL": upstream.url,
        "LLM_PRIMARY_MODEL": "base-model",
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
