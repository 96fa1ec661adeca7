"""Small pieces the test suites and the benchmarks share: stopping a child process, deleting a run's
Redis keys, and the example request built from examples/ (one copy instead of one per caller)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import redis

from script_agent.domain.models import InfluencerProfile, Product, Scene, ScriptRequest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def stop_process(proc: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM, then SIGKILL after 10 s: a child never outlives its test or benchmark."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def delete_prefixed(prefix: str, url: str) -> None:
    """Delete every key under `prefix` in batches. SCAN is fine here: cleanup, never product code."""
    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
        for i in range(0, len(keys), 1000):
            client.delete(*keys[i : i + 1000])
    finally:
        client.close()


def example_request(tenant: str, session_id: str) -> ScriptRequest:
    """An opening-scene request for the first example product and influencer in examples/."""
    product, influencer = (
        sorted((EXAMPLES / kind).glob("*.json"))[0] for kind in ("products", "influencers")
    )
    return ScriptRequest(
        tenant=tenant,
        session_id=session_id,
        query="帮我写一段开场话术",
        scene=Scene.OPENING,
        product=Product.model_validate_json(product.read_text(encoding="utf-8")),
        influencer=InfluencerProfile.model_validate_json(influencer.read_text(encoding="utf-8")),
    )
