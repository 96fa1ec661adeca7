"""SessionStore contract: CAS versioning, retention on save, tenant index, delete."""

from __future__ import annotations

import asyncio

import pytest

from script_agent.domain.errors import SessionConflict
from script_agent.domain.models import Scene
from script_agent.domain.session import Session, StoredScript, Turn
from tests.contracts.conftest import EMBEDDED_BACKENDS, Harness, open_harness

HARNESS_BACKENDS = EMBEDDED_BACKENDS  # also kept on disk by the CLI (SQLite)


def _session(tenant: str = "t1", sid: str = "s1", turns: int = 1) -> Session:
    return Session(tenant=tenant, id=sid, turns=[Turn(role="user", text=f"第{i}句") for i in range(turns)])


async def test_new_session_roundtrip(harness: Harness) -> None:
    store = harness.stores.sessions
    assert await store.get("t1", "s1") is None
    saved = await store.save(_session())
    assert saved.version == 1
    got = await store.get("t1", "s1")
    assert got is not None and got.version == 1 and got.turns[0].text == "第0句"


async def test_stale_version_conflicts_and_nothing_is_overwritten(harness: Harness) -> None:
    store = harness.stores.sessions
    first = await store.save(_session())
    second = await store.save(first.model_copy(update={"summary": "A"}))
    assert second.version == 2
    with pytest.raises(SessionConflict):
        await store.save(first.model_copy(update={"summary": "B"}))
    with pytest.raises(SessionConflict):
        await store.save(_session())  # version 0 on an existing session
    got = await store.get("t1", "s1")
    assert got is not None and got.summary == "A" and got.version == 2


async def test_concurrent_writers_exactly_one_wins(harness: Harness) -> None:
    store = harness.stores.sessions
    base = await store.save(_session())
    results = await asyncio.gather(
        *(store.save(base.model_copy(update={"summary": str(i)})) for i in range(8)), return_exceptions=True
    )
    assert sum(isinstance(r, Session) for r in results) == 1
    assert sum(isinstance(r, SessionConflict) for r in results) == 7


async def test_retention_applied_on_save(harness: Harness) -> None:
    s = _session(turns=7)
    s.scripts = [
        StoredScript(index=i, text=f"话术{i}", scene=Scene.OPENING, product_name="面霜") for i in range(1, 4)
    ]
    s.script_count = 3
    saved = await harness.stores.sessions.save(s)
    got = await harness.stores.sessions.get("t1", "s1")
    for copy in (saved, got):
        assert copy is not None
        assert [t.text for t in copy.turns] == ["第3句", "第4句", "第5句", "第6句"]
        assert "第0句" in copy.summary
        assert [x.index for x in copy.scripts] == [2, 3] and copy.script_count == 3


@pytest.mark.parametrize("kind", EMBEDDED_BACKENDS)
async def test_compress_switch_off_drops_without_summary(kind: str, prefix: str) -> None:
    from script_agent.config.state import SessionSettings

    store_kind = "redis" if kind == "cluster" else kind
    session_settings = SessionSettings(store=store_kind, max_turns_persisted=2, compress_on_save=False)
    async with open_harness(kind, prefix, session=session_settings) as h:
        saved = await h.stores.sessions.save(_session(turns=5))
        assert len(saved.turns) == 2 and saved.summary == ""


async def test_list_by_tenant_newest_first_and_paged(harness: Harness) -> None:
    store = harness.stores.sessions
    for sid in ("a", "b", "c"):
        await store.save(_session(sid=sid))
    await store.save(_session(tenant="other", sid="x"))
    listed = await store.list("t1")
    assert [s.id for s in listed] == ["c", "b", "a"]
    assert [s.id for s in await store.list("t1", limit=1, offset=1)] == ["b"]
    assert listed[0].turns == 1 and listed[0].version == 1


async def test_delete(harness: Harness) -> None:
    store = harness.stores.sessions
    await store.save(_session())
    assert await store.delete("t1", "s1") is True
    assert await store.delete("t1", "s1") is False
    assert await store.get("t1", "s1") is None
    assert await store.list("t1") == []
    again = await store.save(_session())  # a deleted session starts over at version 1
    assert again.version == 1


async def test_awkward_ids_are_isolated(harness: Harness) -> None:
    store = harness.stores.sessions
    await store.save(_session(tenant="a:b", sid="c"))
    await store.save(_session(tenant="a", sid="b:c"))
    await store.save(_session(tenant="{x}", sid="}"))
    assert [s.id for s in await store.list("a:b")] == ["c"]
    assert [s.id for s in await store.list("a")] == ["b:c"]
    assert (await store.get("{x}", "}")) is not None


async def test_health(harness: Harness) -> None:
    health = await harness.stores.sessions.health()
    assert health.status == "ok"
