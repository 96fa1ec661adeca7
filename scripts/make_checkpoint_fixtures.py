"""Write the checkpoints of release 0.1.0 (commit 8111419) as test fixtures, from that release's code.

Run it against a worktree of the release, never against the current tree (it would then record the
current schema, and the migration test would prove nothing):

    git worktree add /tmp/rel010 8111419
    PYTHONPATH=/tmp/rel010 .venv/bin/python scripts/make_checkpoint_fixtures.py \
        --out tests/orchestrator/fixtures/v0_1_0
    git worktree remove /tmp/rel010

Each scenario runs one request to its end with that release's orchestrator, in-memory stores and an
in-process writer (the template backend, optionally spoiled on chosen attempts so the quality check
sends the run back to generation). The session's whole checkpoint history is saved as stored: record
k of it is the checkpoint of a run stopped right after its k-th state.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from script_agent.bootstrap import build_container
from script_agent.config import Settings
from script_agent.domain.models import InfluencerProfile, Product, ScriptRequest
from script_agent.llm.template import TemplateBackend
from script_agent.ports.llm import LLMDelta, LLMDone, LLMRequest, LLMResult
from script_agent.stores.factory import build_stores

RELEASE = "0.1.0"
# An absolute claim and a price superlative: blocking under advertising law (广告法 第九条) in every
# release, so a spoiled attempt is always sent back to generation.
SPOILER = "全网最低价，史上最强，"


class SpoilingWriter:
    """The template backend, with the spoiler prepended on the attempts named in `spoil`."""

    def __init__(self, spoil: frozenset[int]) -> None:
        self.inner = TemplateBackend()
        self.spoil = spoil
        self.calls = 0

    async def generate(self, request: LLMRequest) -> LLMResult:
        self.calls += 1
        result = await self.inner.generate(request)
        if request.brief is not None and request.brief.attempt in self.spoil:
            result = dataclasses.replace(result, text=SPOILER + result.text)
        return result

    async def stream(self, request: LLMRequest) -> AsyncIterator[LLMDelta | LLMDone]:
        result = await self.generate(request)
        yield LLMDelta(result.text)
        yield LLMDone(result)

    async def health(self) -> list[Any]:
        return []

    async def aclose(self) -> None:
        return None


def _first(examples: Path, folder: str) -> dict[str, Any]:
    path = sorted((examples / folder).glob("*.json"))[0]
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def scenarios(examples: Path) -> dict[str, tuple[ScriptRequest, frozenset[int]]]:
    product = Product.model_validate(_first(examples, "products"))
    influencer = InfluencerProfile.model_validate(_first(examples, "influencers"))
    base = {"tenant": "t1", "product": product, "influencer": influencer}
    return {
        "completed": (
            ScriptRequest(session_id="s-completed", query="帮我写一段开场话术", scene="opening", **base),
            frozenset(),
        ),
        "regenerated": (
            ScriptRequest(session_id="s-regen", query="写一段卖点介绍", scene="selling_points", **base),
            frozenset({1}),
        ),
        "clarifying": (ScriptRequest(tenant="t1", session_id="s-clarify", query="你好"), frozenset()),
    }


async def record(name: str, request: ScriptRequest, spoil: frozenset[int]) -> dict[str, Any]:
    settings = Settings()
    settings = settings.model_copy(update={"redis": settings.redis.model_copy(update={"url": None})})
    stores = build_stores(settings)
    writer = SpoilingWriter(spoil)
    container = build_container(settings, llm=writer, stores=stores, use_memory=False)
    outcome = await container.orchestrator.run(request, trace_id=f"trace-{name}")
    history = await stores.checkpoints.list(request.tenant, request.session_id or "", limit=100)
    records = [r.model_dump(mode="json") for r in sorted(history, key=lambda r: r.version)]
    return {
        "release": RELEASE,
        "scenario": name,
        "request": request.model_dump(mode="json"),
        "final_state": str(outcome.state),
        "llm_calls": writer.calls,
        "spoiled_attempts": sorted(spoil),
        "records": records,
    }


def source_commit(root: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
    )
    return out.stdout.strip()


def main() -> None:
    import script_agent

    root = Path(script_agent.__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    commit = source_commit(root)
    for name, (request, spoil) in scenarios(root / "examples").items():
        fixture = {"commit": commit, **asyncio.run(record(name, request, spoil))}
        path = args.out / f"{name}.json"
        path.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        states = [r["state"] for r in fixture["records"]]
        print(f"{path}: {len(states)} checkpoints {states}, {fixture['llm_calls']} LLM calls")


if __name__ == "__main__":
    main()
