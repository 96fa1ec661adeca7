"""With REDIS_URL set, the CLI keeps its session and checkpoints in Redis (a real server)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")


ARGS = [
    "--product", str(ROOT / "examples/products/nuts.json"),
    "--influencer", str(ROOT / "examples/influencers/laowang.json"),
    "--session", "cli-redis", "--json",
]  # fmt: skip


def generate(env: dict[str, str], *extra: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "script_agent", "generate", *ARGS, *extra],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_generate_writes_checkpoints_and_session_to_redis():
    prefix = f"sa-cli-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_"))}
    env |= {"REDIS_URL": REDIS_URL, "REDIS_KEY_PREFIX": prefix}
    client = redis.Redis.from_url(REDIS_URL)
    try:
        first = generate(env)
        assert first["checkpoint_version"] == 7
        keys = {k.decode() for k in client.scan_iter(match=f"{prefix}*", count=1000)}
        assert any("cli-redis" in k for k in keys), keys
        # a second process continues the same session from Redis: versions keep counting
        second = generate(env, "--query", "再来一段")
        assert second["checkpoint_version"] == 14
        assert second["result"]["text"] != first["result"]["text"]
    finally:
        for key in client.scan_iter(match=f"{prefix}*", count=1000):
            client.delete(key)
        client.close()
