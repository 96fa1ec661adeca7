"""`script-agent generate` when the upstream breaks mid-stream: the reset is shown on stderr and a
pipe receives only the final script, never the text of the attempt that broke (real subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ROOT / "examples" / "products" / "lipstick.json"
INFLUENCER = ROOT / "examples" / "influencers" / "xiaomei.json"
BROKEN = "这是会被丢弃的半段文字" * 6


def test_a_reset_is_shown_and_a_pipe_gets_only_the_final_script() -> None:
    with FakeLLMUpstream(chunk_chars=6) as upstream:
        upstream.model_replies = {"base-model": BROKEN}
        upstream.script(Fault.cut(after_chunks=3))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_"))}
        env |= {
            "LLM_PRIMARY_BASE_URL": upstream.url,
            "LLM_PRIMARY_MODEL": "base-model",
            "LLM_FALLBACK_ENABLED": "false",
            "LLM_MAX_RETRIES": "0",
        }
        cmd = [sys.executable, "-m", "script_agent", "generate", "--product", str(PRODUCT)]
        cmd += ["--influencer", str(INFLUENCER), "--scene", "opening"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
        calls = len(upstream.chat_requests())
    assert proc.returncode == 0, proc.stderr
    assert "[reset] attempt 1 broke mid-stream on layer primary-general (truncated)" in proc.stderr
    assert "[SCRIPT_GENERATING]" in proc.stderr and "(attempt 2)" in proc.stderr
    assert "DEGRADED" in proc.stderr and "backend=template" in proc.stderr  # the last resort wrote it
    script = proc.stdout.strip()
    assert script and BROKEN[:6] not in proc.stdout and "---" not in proc.stdout
    assert calls == 1  # the broken layer is not asked again
