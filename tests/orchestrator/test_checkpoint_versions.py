"""Runs checkpointed by release 0.1.0 resume on this release; payloads from a newer one are refused.

The fixtures were written by the 0.1.0 code itself (scripts/make_checkpoint_fixtures.py run against
commit 8111419): record k of a scenario is the checkpoint of a run stopped right after its k-th state.
Each is put into a real store through its public append (which re-checks the stored checksum), then
the current orchestrator gets the same request again, as a client retrying after a rolling deploy.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from script_agent.config.app import AuthSettings
from script_agent.config.state import CheckpointSettings, LockSettings, RedisSettings
from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord, verify
from script_agent.domain.errors import CheckpointCorrupt
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import WorkflowState as S
from script_agent.gateway.keys import hash_key
from script_agent.llm.template import TemplateBackend
from script_agent.orchestrator.checkpoints import load_run
from script_agent.orchestrator.events import DoneEvent
from script_agent.orchestrator.migrations import (
    SCHEMA_VERSION,
    VERSION_KEY,
    CheckpointSchemaUnsupported,
    upgrade,
)
from script_agent.orchestrator.run_data import request_fingerprint
from script_agent.ports.llm import LLMDelta, LLMDone, LLMRequest, LLMResult
from script_agent.stores.factory import StoreBundle, build_stores
from script_agent.testing.gateway import GOOD_REPLY, ServerThread, gateway_settings
from script_agent.testing.llm_upstream import FakeLLMUpstream
from tests.contracts.conftest import REDIS_URL, cleanup_prefix, open_harness
from tests.orchestrator.conftest import make_orchestrator
from tests.orchestrator.support import CountingLLM

FIXTURES = Path(__file__).parent / "fixtures" / "v0_1_0"
SCENARIOS = ("completed", "regenerated", "clarifying")
API_KEY = "sk-test-checkpoint-versions-t1"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def records_of(name: str) -> list[CheckpointRecord]:
    return [CheckpointRecord.model_validate(r) for r in fixture(name)["records"]]


def resume_points() -> Iterator[tuple[str, int]]:
    """(scenario, k): the run stopped after its k-th checkpoint, for every unfinished one."""
    for name in SCENARIOS:
        for k, record in enumerate(records_of(name), start=1):
            if not record.state.terminal:
                yield name, k


class SpoilingTemplate:
    """This release's template writer, spoiled on the attempts the fixture's run spoiled (the same
    absolute claim the fixture script prepends), so quality sends those back to generation again."""

    def __init__(self, spoiled: list[int]) -> None:
        self.inner, self.spoiled = TemplateBackend(), set(spoiled)

    async def generate(self, request: LLMRequest) -> LLMResult:
        result = await self.inner.generate(request)
        if request.brief is not None and request.brief.attempt in self.spoiled:
            result = replace(result, text="全网最低价，史上最强，" + result.text)
        return result

    async def stream(self, request: LLMRequest) -> AsyncIterator[LLMDelta | LLMDone]:
        result = await self.generate(request)
        yield LLMDelta(result.text)
        yield LLMDone(result)

    async def health(self) -> list[Any]:
        return []

    async def aclose(self) -> None:
        return None


@pytest.fixture(params=["memory", "redis", "sqlite"])
async def bundle(request: pytest.FixtureRequest) -> AsyncIterator[StoreBundle]:
    """Each checkpoint store a release may have left runs in (sqlite: the CLI's on-disk state)."""
    kind = str(request.param)
    overrides = {
        "checkpoint": CheckpointSettings(store=kind, history_limit=50),
        "lock": LockSettings(backend=kind),
    }
    async with open_harness(kind, f"t-{uuid.uuid4().hex[:12]}", **overrides) as harness:
        yield harness.stores


async def seed(stores: StoreBundle, records: list[CheckpointRecord]) -> None:
    """Store records as written, checksum included: append refuses a checksum that does not match."""
    for record in records:
        fields = record.model_dump(exclude={"version"})
        stored = await stores.checkpoints.append(CheckpointDraft.model_validate(fields))
        assert stored.version == record.version and stored.checksum == record.checksum


def test_fixtures_are_unversioned_payloads_of_the_previous_release() -> None:
    for name in SCENARIOS:
        data = fixture(name)
        assert data["commit"].startswith("8111419") and data["release"] == "0.1.0"
        records = records_of(name)
        assert all(verify(r) for r in records), "fixture checksums cover the payload as written"
        assert all(VERSION_KEY not in r.payload and "partials" not in r.payload for r in records)
        assert str(records[-1].state) == data["final_state"]


@pytest.mark.parametrize(("name", "k"), list(resume_points()))
async def test_resume_a_0_1_0_run_stopped_after_each_state(bundle: StoreBundle, settings, name, k) -> None:
    data, records = fixture(name), records_of(name)
    await seed(bundle, records[:k])
    llm = CountingLLM(SpoilingTemplate(data["spoiled_attempts"]))
    request = ScriptRequest.model_validate(data["request"])
    outcome = await make_orchestrator(settings, bundle, llm).run(request)

    assert outcome.resumed and str(outcome.state) == data["final_state"]
    history = sorted(
        await bundle.checkpoints.list("t1", request.session_id or "", limit=100), key=lambda r: r.version
    )
    assert [r.checksum for r in history[:k]] == [r.checksum for r in records[:k]], "old records untouched"
    assert all(VERSION_KEY not in r.payload for r in history[:k]), "stores return payloads as written"
    written = history[k:]
    # Finished states are not run again: the rest of the run is exactly what 0.1.0 had left to do.
    assert [r.state for r in written] == [r.state for r in records[k:]]
    assert all(r.trace_id == records[0].trace_id for r in written)
    assert all(r.payload[VERSION_KEY] == SCHEMA_VERSION for r in written)
    # One LLM call per generation still to run, none for a generation already checkpointed.
    assert llm.calls == sum(r.state is S.SCRIPT_GENERATING for r in records[k - 1 : -1])
    if llm.calls == 0 and outcome.result is not None:
        drafted = load_run(records[-1]).result
        assert drafted is not None and outcome.result.text == drafted.text


async def test_streaming_resume_from_a_0_1_0_checkpointed_draft(bundle: StoreBundle, settings) -> None:
    data, records = fixture("completed"), records_of("completed")
    k = next(i for i, r in enumerate(records, start=1) if r.state is S.QUALITY_CHECKING)
    await seed(bundle, records[:k])
    llm = CountingLLM(SpoilingTemplate([]))
    events = make_orchestrator(settings, bundle, llm).stream(ScriptRequest.model_validate(data["request"]))
    done = [e async for e in events if isinstance(e, DoneEvent)]
    assert llm.calls == 0 and done[0].outcome.resumed and done[0].outcome.state is S.COMPLETED
    draft = load_run(records[k - 1]).draft
    assert draft is not None and done[0].outcome.result is not None
    assert done[0].outcome.result.text == draft.text


@pytest.mark.parametrize("name", SCENARIOS)
async def test_finished_0_1_0_runs_are_reported_not_rerun(bundle: StoreBundle, settings, name) -> None:
    data, records = fixture(name), records_of(name)
    await seed(bundle, records)
    llm = CountingLLM(SpoilingTemplate(data["spoiled_attempts"]))
    orchestrator = make_orchestrator(settings, bundle, llm)
    stream = orchestrator.stream(ScriptRequest.model_validate(data["request"]), resume_only=True)
    done = [e async for e in stream if isinstance(e, DoneEvent)]
    assert llm.calls == 0 and done[0].outcome.replayed
    assert done[0].outcome.checkpoint_version == records[-1].version
    final = records[-1].payload
    assert (done[0].outcome.result is None) == (final.get("result") is None)
    assert done[0].outcome.clarification == final.get("clarification")


def test_migration_reads_v0_into_current_without_touching_the_record() -> None:
    record = records_of("regenerated")[5]
    before = json.dumps(record.payload, sort_keys=True)
    data = load_run(record)
    assert data.schema_version == SCHEMA_VERSION and data.partials == []
    assert data.draft is not None and data.draft.text == record.payload["draft"]["text"]
    assert data.fingerprint == request_fingerprint(data.request)  # re-derived: new request fields
    assert json.dumps(record.payload, sort_keys=True) == before and verify(record)
    again, migrated = upgrade(data.model_dump(mode="json"))
    assert not migrated and again == data.model_dump(mode="json")


async def test_current_writes_carry_the_schema_version_and_keep_reset_attempts(settings) -> None:
    from tests.orchestrator.support import ScriptedLLM

    stores = build_stores(
        settings.model_copy(update={"redis": settings.redis.model_copy(update={"url": None})})
    )
    llm = ScriptedLLM(lambda brief, n: "大家好，欢迎来到直播间，今天给大家带来一款好物。", break_stream=True)
    orchestrator = make_orchestrator(settings, stores, llm)
    request = ScriptRequest.model_validate(fixture("completed")["request"])
    async for _ in orchestrator.stream(request):
        pass
    history = await stores.checkpoints.list("t1", request.session_id or "", limit=100)
    assert history and all(r.payload[VERSION_KEY] == SCHEMA_VERSION for r in history)
    with_resets = [r for r in history if r.payload["partials"]]
    assert with_resets, "a broken stream is recorded in the checkpoint"
    partials = load_run(with_resets[0]).partials
    assert partials[0].attempt == 1 and partials[0].discarded_chars == 10
    assert [p.model_dump(mode="json") for p in partials] == with_resets[0].payload["partials"]
    # The unreleased code before versioning already wrote resets: as version 0 they are kept.
    unversioned = {k: v for k, v in with_resets[0].payload.items() if k != VERSION_KEY}
    upgraded, migrated = upgrade(unversioned)
    assert migrated and upgraded["partials"] == with_resets[0].payload["partials"]


async def test_a_payload_from_a_newer_release_is_refused(bundle: StoreBundle, settings) -> None:
    records = records_of("completed")
    newer = {**load_run(records[3]).model_dump(mode="json"), VERSION_KEY: SCHEMA_VERSION + 1}
    draft = records[3].model_copy(update={"payload": newer, "checksum": ""}).sealed()
    await bundle.checkpoints.append(CheckpointDraft.model_validate(draft.model_dump(exclude={"version"})))
    llm = CountingLLM(SpoilingTemplate([]))
    request = ScriptRequest.model_validate(fixture("completed")["request"])
    with pytest.raises(CheckpointSchemaUnsupported, match=f"schema_version {SCHEMA_VERSION + 1}, newer"):
        await make_orchestrator(settings, bundle, llm).run(request)
    assert llm.calls == 0
    assert len(await bundle.checkpoints.list("t1", request.session_id or "", limit=10)) == 1


@pytest.mark.parametrize("raw", ["1", -1, True, 1.0, None])
def test_a_malformed_schema_version_is_refused(raw: object) -> None:
    with pytest.raises(CheckpointSchemaUnsupported, match="invalid schema_version"):
        upgrade({**records_of("completed")[0].payload, VERSION_KEY: raw})


async def test_a_tampered_0_1_0_record_is_refused_before_any_migration(bundle: StoreBundle) -> None:
    record = records_of("completed")[4]
    tampered = {**record.payload, "attempt": 7}  # the checksum was computed over the payload as written
    with pytest.raises(CheckpointCorrupt):
        await seed(bundle, [record.model_copy(update={"payload": tampered})])


@pytest.fixture
async def gateway_on_redis() -> AsyncIterator[tuple[httpx.AsyncClient, StoreBundle, FakeLLMUpstream]]:
    """The real app under uvicorn on Redis, with a key for the fixtures' tenant; the test seeds the
    same Redis through its own store bundle, as an older replica would have."""
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    keys = json.dumps({hash_key(API_KEY): {"tenant": "t1", "role": "writer"}})
    with FakeLLMUpstream(reply=GOOD_REPLY) as upstream:
        settings = gateway_settings(
            upstream.url,
            redis=RedisSettings(url=REDIS_URL, key_prefix=prefix),
            checkpoint=CheckpointSettings(store="redis", history_limit=50),
            auth=AuthSettings(mode="api_key", api_keys=keys),
        )
        server = ServerThread(settings).start()
        try:
            async with httpx.AsyncClient(base_url=server.url, timeout=15) as client:
                yield client, build_stores(settings), upstream
        finally:
            server.stop()
            await cleanup_prefix(prefix)


async def test_gateway_reads_and_resumes_a_0_1_0_checkpoint(gateway_on_redis) -> None:
    client, stores, upstream = gateway_on_redis
    data, records = fixture("completed"), records_of("completed")
    k = next(i for i, r in enumerate(records, start=1) if r.state is S.QUALITY_CHECKING)
    await seed(stores, records[:k])
    base, headers = "/api/v1/sessions/s-completed/checkpoints", {"X-API-Key": API_KEY}
    latest = await client.get(f"{base}/latest", headers=headers)
    assert latest.status_code == 200 and latest.json()["checksum"] == records[k - 1].checksum
    payload = latest.json()["payload"]
    assert payload[VERSION_KEY] == SCHEMA_VERSION and payload["partials"] == []
    # Shown as this release reads it: the fingerprint is the one a retried request now matches.
    request = ScriptRequest.model_validate(data["request"])
    assert payload["fingerprint"] == request_fingerprint(request) != records[k - 1].payload["fingerprint"]
    body = {key: value for key, value in data["request"].items() if key != "tenant"}
    run = await client.post("/api/v1/generate", json=body, headers=headers)
    assert run.status_code == 200 and run.json()["resumed"] and run.json()["state"] == "COMPLETED"
    assert run.json()["result"]["text"] == records[k - 1].payload["draft"]["text"]
    assert upstream.chat_requests() == [], "a checkpointed generation is not sent upstream again"


async def test_gateway_refuses_a_checkpoint_from_a_newer_release(gateway_on_redis) -> None:
    client, stores, upstream = gateway_on_redis
    record = records_of("completed")[3]
    newer = {**record.payload, VERSION_KEY: SCHEMA_VERSION + 1}
    draft = record.model_copy(update={"payload": newer, "checksum": ""}).sealed()
    await stores.checkpoints.append(CheckpointDraft.model_validate(draft.model_dump(exclude={"version"})))
    headers = {"X-API-Key": API_KEY}
    detail = await client.get("/api/v1/sessions/s-completed/checkpoints/1", headers=headers)
    body = {key: value for key, value in fixture("completed")["request"].items() if key != "tenant"}
    run = await client.post("/api/v1/generate", json=body, headers=headers)
    for response in (detail, run):
        assert response.status_code == 409, response.text
        assert response.json()["code"] == "checkpoint_schema_unsupported"
        assert f"schema_version {SCHEMA_VERSION + 1}" in response.json()["detail"]
    assert upstream.chat_requests() == []
