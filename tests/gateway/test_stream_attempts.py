"""State events number generation attempts exactly as `script-agent generate` prints them."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import httpx

from script_agent.testing.gateway import KEYS, ROOT, generate_body, read_sse
from script_agent.testing.llm_upstream import FakeLLMUpstream

# Absolute claims banned by 广告法 art. 9: every attempt fails the blocking compliance check.
BANNED = (
    "家人们看过来！这是全网最低价、史上第一好用的国家级面霜，用了立刻年轻十岁，100%有效，错过再也没有了！"
)
PRODUCT = ROOT / "examples" / "products" / "lipstick.json"
INFLUENCER = ROOT / "examples" / "influencers" / "xiaomei.json"


def cli_attempts(upstream_url: str) -> list[int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_"))}
    env |= {
        "LLM_PRIMARY_BASE_URL": upstream_url,
        "LLM_PRIMARY_MODEL": "base",
        "LLM_FALLBACK_ENABLED": "false",
        "LLM_TEMPLATE_LAST_RESORT": "false",
        "LLM_BACKOFF_BASE_S": "0.01",
    }
    cmd = [sys.executable, "-m", "script_agent", "generate", "--product", str(PRODUCT)]
    cmd += ["--influencer", str(INFLUENCER), "--scene", "opening"]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    printed = re.findall(r"\[SCRIPT_GENERATING\] checkpoint v\d+ \(attempt (\d+)\)", done.stderr)
    return [int(n) for n in printed]


async def test_sse_attempts_match_the_cli(client: httpx.AsyncClient, upstream: FakeLLMUpstream) -> None:
    good = upstream.reply
    upstream.reply = BANNED
    try:
        async with client.stream(
            "POST", "/api/v1/generate/stream", json=generate_body(), headers=KEYS["a"].headers
        ) as resp:
            events = await read_sse(resp)
    finally:
        upstream.reply = good
    pairs = [(e.data["state"], e.data["attempt"]) for e in events if e.event == "state"]
    generating = [n for state, n in pairs if state == "SCRIPT_GENERATING"]
    assert generating == [1, 2, 3]  # the first attempt and two regenerations with feedback
    checked = [n for state, n in pairs if state == "QUALITY_CHECKING"]
    assert checked == generating  # a check belongs to the attempt it checks
    assert all(n == 0 for state, n in pairs[:4])  # nothing generated before SCRIPT_GENERATING
    with FakeLLMUpstream(reply=BANNED) as cli_upstream:
        assert cli_attempts(cli_upstream.url) == generating
