"""The optional LLM judge against the fake upstream (a real OpenAI-compatible server on loopback).

It adds findings only for sentences no earlier layer flagged, never clears a rule hit, caches its
verdicts, and treats a slow or unparsable answer as "no opinion".
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import pytest

from script_agent.agents.compliance import ComplianceChecker
from script_agent.agents.compliance_judge import LLMComplianceJudge
from script_agent.config.llm import LLMSettings
from script_agent.domain.compliance import Severity, detect
from script_agent.llm.breaker import BreakerPolicy, BreakerRegistry
from script_agent.llm.client import LLMServiceClient
from script_agent.llm.factory import build_client
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault

TEXT = "这款面霜是全网最好用的。下了播来后台找我聊聊。"
VERDICTS = {
    "verdicts": [
        {"i": 1, "violation": True, "category": "absolute", "confidence": 0.8},
        {"i": 2, "violation": True, "category": "diversion", "confidence": 0.9},
    ]
}


@pytest.fixture(scope="module")
def upstream() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(reply=json.dumps(VERDICTS, ensure_ascii=False)) as server:
        yield server


@pytest.fixture
async def llm(upstream: FakeLLMUpstream) -> AsyncIterator[LLMServiceClient]:
    upstream.reset()
    settings = LLMSettings(
        primary_backend="openai",
        primary_base_url=upstream.url,
        primary_model="judge",
        fallback_enabled=False,
        template_last_resort=False,
        max_retries=0,
        deadline_s=2.0,
        sync_read_timeout_s=1.0,
        sync_total_timeout_s=1.5,
    )
    client = build_client(settings, breakers=BreakerRegistry(BreakerPolicy(min_calls=10_000)))
    yield client
    await client.aclose()


async def test_judge_confirms_rule_hits_and_adds_a_warning_where_none_fired(upstream, llm) -> None:
    judge = LLMComplianceJudge(llm, timeout_s=3.0)
    report = await ComplianceChecker(judge=judge).check(TEXT)
    rules = detect(TEXT)
    assert [f.rule_id for f in report.findings] == [f.rule_id for f in rules] + ["judge.diversion"]
    added = report.findings[-1]
    assert added.text == "下了播来后台找我聊聊" and added.severity is Severity.WARNING and added.score == 0.9
    (sent,) = upstream.chat_requests()
    prompt = sent.body["messages"][-1]["content"]
    assert "1. 这款面霜是全网最好用的" in prompt and "2. 下了播来后台找我聊聊" in prompt
    assert report.findings[0].confirmed and not added.confirmed


async def test_verdicts_are_cached_per_sentence(upstream, llm) -> None:
    checker = ComplianceChecker(judge=LLMComplianceJudge(llm, timeout_s=3.0))
    first = await checker.check(TEXT)
    second = await checker.check(TEXT)
    assert first.findings == second.findings
    assert len(upstream.chat_requests()) == 1


async def test_a_judge_saying_clean_never_clears_a_rule_hit(upstream, llm) -> None:
    upstream.reply = json.dumps({"verdicts": [{"i": 1, "violation": False, "confidence": 1.0}]})
    try:
        report = await ComplianceChecker(judge=LLMComplianceJudge(llm)).check("这是全网最好用的面霜。")
    finally:
        upstream.reply = json.dumps(VERDICTS, ensure_ascii=False)
    assert [(f.rule_id, f.confirmed) for f in report.findings] == [("absolute.superlative", False)]


@pytest.mark.parametrize("fault", [Fault.slow_first_byte(2.0), Fault.malformed(), Fault.http(503)])
async def test_a_failing_judge_means_no_opinion(upstream, llm, fault: Fault) -> None:
    upstream.script(fault)
    judge = LLMComplianceJudge(llm, timeout_s=0.5)
    report = await ComplianceChecker(judge=judge).check("下了播来后台找我聊聊。")
    assert report.findings == []


async def test_garbage_replies_are_ignored(upstream, llm) -> None:
    upstream.reply = "这句话我觉得没问题"
    try:
        report = await ComplianceChecker(judge=LLMComplianceJudge(llm)).check("下了播来后台找我聊聊。")
    finally:
        upstream.reply = json.dumps(VERDICTS, ensure_ascii=False)
    assert report.findings == []
