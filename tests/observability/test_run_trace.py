"""Runs started outside a request get their own trace id on every log line (CLI, embedded use)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from script_agent.bootstrap import build_container
from script_agent.config import Settings
from script_agent.config.llm import LLMSettings
from script_agent.config.memory import MemorySettings
from script_agent.config.state import RedisSettings
from script_agent.domain.models import InfluencerProfile, Product, ScriptRequest
from script_agent.observability.logging import TRACE_ID, bound_trace_id
from script_agent.testing.llm_upstream import closed_port_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ROOT / "examples" / "products" / "lipstick.json"
INFLUENCER = ROOT / "examples" / "influencers" / "xiaomei.json"


def _settings() -> Settings:
    """A primary nobody listens on: the LLM client logs warnings inside the run, then the template
    writer serves. Those warnings are the lines under test."""
    llm = LLMSettings(primary_base_url=closed_port_url(), fallback_enabled=False, max_retries=0, deadline_s=5)
    return Settings(llm=llm, redis=RedisSettings(url=None), memory=MemorySettings(enabled=False))


def _request() -> ScriptRequest:
    return ScriptRequest(
        query="帮我写一段开场话术",
        product=Product.model_validate_json(PRODUCT.read_text(encoding="utf-8")),
        influencer=InfluencerProfile.model_validate_json(INFLUENCER.read_text(encoding="utf-8")),
    )


async def test_a_run_without_a_request_logs_under_its_own_trace_id(json_logs) -> None:
    lines = json_logs("INFO")
    container = build_container(_settings(), use_memory=False)
    try:
        outcome = await container.orchestrator.run(_request())
    finally:
        await container.aclose()
    run_lines = [line for line in lines() if line["logger"].startswith("script_agent.llm")]
    assert run_lines, "the refused primary must have been logged"
    assert {line["trace_id"] for line in run_lines} == {outcome.trace_id}
    assert TRACE_ID.get() is None, "the run's id does not outlive the run"


async def test_a_run_inside_a_traced_context_adopts_that_id(json_logs) -> None:
    lines = json_logs("INFO")
    container = build_container(_settings(), use_memory=False)
    try:
        with bound_trace_id("caller-trace-0001"):
            events = [event async for event in container.orchestrator.stream(_request())]
    finally:
        await container.aclose()
    assert events[-1].outcome.trace_id == "caller-trace-0001"
    assert {line["trace_id"] for line in lines() if line["logger"].startswith("script_agent")} == {
        "caller-trace-0001"
    }


def test_cli_json_logs_carry_the_runs_trace_id() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_", "LOG_"))}
    env |= {
        "LLM_PRIMARY_BASE_URL": closed_port_url(),
        "LLM_FALLBACK_ENABLED": "false",
        "LLM_MAX_RETRIES": "0",
        "LOG_JSON": "true",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "script_agent", "generate", "--product", str(PRODUCT),
         "--influencer", str(INFLUENCER), "--scene", "opening", "--json"],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr  # a run's outcome either way, never a crash
    trace = json.loads(proc.stdout)["trace_id"]
    logged = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
    assert logged and all(line["trace_id"] == trace for line in logged), proc.stderr
