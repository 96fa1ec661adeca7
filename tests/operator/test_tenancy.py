"""Tenancy from the namespace, through the real kopf runtime against the API emulator.

Two namespaces: `shop-a` is granted tenant `tenant-a` by the platform admin's Namespace label,
`shop-b` is granted `tenant-b` by the operator's OPERATOR_TENANT_MAP. Jobs in both use the SAME
session id, so any leak between tenants (sessions, checkpoints, memory recall) would show."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from scriptjob_operator.tenancy import (
    REASON_MISMATCH,
    REASON_UNRESOLVED,
    NamespaceTenancy,
    Resolution,
    TenantRejected,
    check,
    decide,
)

from script_agent.config import Settings
from script_agent.config.app import OperatorSettings
from script_agent.config.state import RedisSettings
from script_agent.domain.session import Session
from script_agent.stores.factory import build_stores
from script_agent.testing.k8s import SCRIPTJOBS, K8sApi

from .conftest import job
from .support import REDIS_URL, checkpoints, finished, states

LABEL = "scriptagent.dev/tenant"
SESSION = "shared-live-1"
STATES = [
    "CONTEXT_LOADING",
    "INTENT_RECOGNIZING",
    "PROFILE_FETCHING",
    "PRODUCT_FETCHING",
    "SCRIPT_GENERATING",
    "QUALITY_CHECKING",
    "COMPLETED",
]


def namespace(api: K8sApi, name: str, labels: dict[str, str] | None = None) -> None:
    api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": labels or {}}})


def submit(api: K8sApi, name: str, ns: str, tenant: str, session: str | None = SESSION) -> dict[str, Any]:
    """The example job in `ns`, declaring `tenant`; `session=None` gives it its default session."""
    body = job(name, tenant=tenant, sessionId=session)
    body["metadata"]["namespace"] = ns
    return api.create(body)


def wait(api: K8sApi, name: str, ns: str) -> dict[str, Any]:
    return api.wait_for_object(SCRIPTJOBS, name, finished, namespace=ns, timeout=30)


def session(prefix: str, tenant: str) -> Session | None:
    async def read() -> Session | None:
        stores = build_stores(Settings(redis=RedisSettings(url=REDIS_URL, key_prefix=prefix)))
        try:
            return await stores.sessions.get(tenant, SESSION)
        finally:
            await stores.aclose()

    return asyncio.run(read())


def prompts_of(upstream, obj: dict[str, Any]) -> list[str]:
    """The user prompts the LLM saw for this job (its Idempotency-Key carries the job's uid)."""
    key = f"sj-{obj['metadata']['uid']}:"
    return [
        m["content"]
        for r in upstream.chat_requests()
        if key in r.headers.get("idempotency-key", "")
        for m in r.body["messages"]
        if m["role"] == "user"
    ]


def condition(obj: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c for c in obj["status"]["conditions"] if c["type"] == kind)


@pytest.fixture
def two_tenants(k8s_api: K8sApi, start_operator):
    namespace(k8s_api, "shop-a", {LABEL: "tenant-a"})
    namespace(k8s_api, "shop-b")  # no label: granted by the operator's map below
    return start_operator(clusterwide=True, OPERATOR_TENANT_MAP=json.dumps({"shop-b": "tenant-b"}))


def test_tenant_comes_from_the_namespace_and_sessions_are_isolated(k8s_api, two_tenants, redis_prefix):
    submit(k8s_api, "a", "shop-a", "tenant-a")
    submit(k8s_api, "b", "shop-b", "tenant-b")
    a, b = wait(k8s_api, "a", "shop-a"), wait(k8s_api, "b", "shop-b")
    assert a["status"]["phase"] == b["status"]["phase"] == "Succeeded"
    # Same session id, two tenants: two complete, separate histories, one run each.
    history_a, history_b = checkpoints(redis_prefix, a), checkpoints(redis_prefix, b)
    assert states(history_a) == states(history_b) == STATES
    assert {r.trace_id for r in history_a} == {a["status"]["traceId"]}
    assert {r.trace_id for r in history_b} == {b["status"]["traceId"]}
    sessions = {t: session(redis_prefix, t) for t in ("tenant-a", "tenant-b")}
    assert all(s is not None and len(s.scripts) == 1 for s in sessions.values())


def test_a_spec_tenant_the_namespace_does_not_grant_is_rejected(k8s_api, two_tenants, upstream, redis_prefix):
    submit(k8s_api, "victim", "shop-a", "tenant-a")
    victim = wait(k8s_api, "victim", "shop-a")
    calls = len(upstream.chat_requests())
    submit(k8s_api, "intruder", "shop-b", "tenant-a")  # claims tenant-a from tenant-b's namespace
    obj = wait(k8s_api, "intruder", "shop-b")
    assert obj["status"]["phase"] == "Failed"
    failed = condition(obj, "Failed")
    assert failed["status"] == "True" and failed["reason"] == REASON_MISMATCH
    assert condition(obj, "Ready")["reason"] == REASON_MISMATCH
    assert "tenant-b" in failed["message"] and "shop-b" in failed["message"]
    wait_reasons_in(k8s_api, "shop-b", "intruder", REASON_MISMATCH)
    assert "state" not in obj["status"] and "checkpointVersion" not in obj["status"]
    # Nothing ran: no LLM call, tenant-a's session history untouched.
    assert len(upstream.chat_requests()) == calls
    assert states(checkpoints(redis_prefix, victim)) == STATES
    stored = session(redis_prefix, "tenant-a")
    assert stored is not None and len(stored.scripts) == 1


def test_a_namespace_without_a_tenant_is_refused_by_default(k8s_api, two_tenants, upstream):
    namespace(k8s_api, "shop-c")
    submit(k8s_api, "orphan", "shop-c", "shop-c")  # even its own name is not a grant by default
    obj = wait(k8s_api, "orphan", "shop-c")
    assert obj["status"]["phase"] == "Failed"
    assert condition(obj, "Failed")["reason"] == REASON_UNRESOLVED
    wait_reasons_in(k8s_api, "shop-c", "orphan", REASON_UNRESOLVED)
    assert upstream.chat_requests() == []


def test_memory_recall_never_crosses_tenants(k8s_api, start_operator, upstream):
    namespace(k8s_api, "shop-a", {LABEL: "tenant-a"})
    namespace(k8s_api, "shop-b", {LABEL: "tenant-b"})
    start_operator(clusterwide=True, LONGTERM_MEMORY_ENABLED="true")
    first = submit(k8s_api, "a1", "shop-a", "tenant-a", session=None)
    assert wait(k8s_api, "a1", "shop-a")["status"]["phase"] == "Succeeded"
    other = submit(k8s_api, "b1", "shop-b", "tenant-b", session=None)
    assert wait(k8s_api, "b1", "shop-b")["status"]["phase"] == "Succeeded"
    again = submit(k8s_api, "a2", "shop-a", "tenant-a", session=None)
    assert wait(k8s_api, "a2", "shop-a")["status"]["phase"] == "Succeeded"
    written = upstream.reply[:24]  # tenant-a's first script, written back to tenant-a's memory
    assert all(prompts_of(upstream, o) for o in (first, other, again))
    assert not any(written in p for p in prompts_of(upstream, first))
    assert not any(written in p for p in prompts_of(upstream, other)), "tenant-b recalled tenant-a's script"
    assert any(written in p for p in prompts_of(upstream, again)), "tenant-a should recall its own script"


def wait_reasons_in(api: K8sApi, ns: str, name: str, *wanted: str) -> list[str]:
    def probe() -> list[str] | None:
        got = [e["reason"] for e in api.events(ns, involved=name)]
        return got if all(w in got for w in wanted) else None

    return api.wait_for(probe, 10.0, what=f"events {wanted} for {ns}/{name}")


# --- the rule itself (no I/O) --------------------------------------------------------------------


def settings(**fields: Any) -> OperatorSettings:
    return OperatorSettings.model_validate(fields)


def test_the_operator_map_wins_over_a_namespace_label():
    chosen = decide(settings(tenant_map={"shop": "from-map"}), "shop", {LABEL: "from-label"})
    assert chosen == Resolution("from-map", "map")
    assert decide(settings(), "shop", {LABEL: "from-label"}) == Resolution("from-label", "label")


def test_a_label_that_is_not_a_tenant_name_is_refused_not_trusted():
    with pytest.raises(TenantRejected) as exc:
        decide(settings(), "shop", {LABEL: "bad tenant!"})
    assert exc.value.reason == REASON_UNRESOLVED


def test_the_namespace_name_is_the_tenant_only_when_configured():
    assert decide(settings(tenant_unmapped="namespace"), "shop", {}) == Resolution("shop", "namespace")
    with pytest.raises(TenantRejected):
        decide(settings(tenant_label=""), "shop", {LABEL: "ignored-when-labels-are-off"})


def test_a_matching_declaration_runs_as_the_granted_tenant():
    assert check("acme", Resolution("acme", "label"), "shop") == "acme"
    with pytest.raises(TenantRejected, match="does not match"):
        check("other", Resolution("acme", "label"), "shop")


def test_the_namespace_is_not_read_when_the_map_names_it():
    class Reader:
        def __init__(self) -> None:
            self.reads: list[str] = []

        async def get_namespace(self, name: str) -> dict[str, Any]:
            self.reads.append(name)
            return {"metadata": {"labels": {LABEL: "from-label"}}}

    reader = Reader()
    tenancy = NamespaceTenancy(reader, settings(tenant_map={"mapped": "t-map"}))
    assert asyncio.run(tenancy.resolve("mapped")) == Resolution("t-map", "map")
    assert asyncio.run(tenancy.resolve("labelled")) == Resolution("from-label", "label")
    assert reader.reads == ["labelled"]


def test_invalid_tenant_names_in_the_map_are_a_configuration_error():
    with pytest.raises(ValueError, match="invalid tenant"):
        settings(tenant_map={"shop": "not a tenant"})


class CountingReader:
    """A Namespace reader whose labels the test changes, counting reads; `fail` makes reads fail."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels, self.reads, self.fail = labels, 0, False

    async def get_namespace(self, name: str) -> dict[str, Any]:
        self.reads += 1
        await asyncio.sleep(0)  # a real read yields to the loop: the jobs starting meanwhile share it
        if self.fail:
            raise RuntimeError("API server unavailable")
        return {"metadata": {"labels": dict(self.labels)}}


def test_jobs_starting_together_share_one_namespace_read_and_a_relabel_is_seen_soon():
    now = [0.0]
    reader = CountingReader({LABEL: "tenant-a"})
    tenancy = NamespaceTenancy(reader, settings(), clock=lambda: now[0])

    async def start_jobs(count: int) -> list[Resolution]:
        return list(await asyncio.gather(*(tenancy.resolve("shop") for _ in range(count))))

    assert asyncio.run(start_jobs(50)) == [Resolution("tenant-a", "label")] * 50
    assert reader.reads == 1
    reader.labels[LABEL] = "tenant-b"  # the admin relabels the namespace
    now[0] += NamespaceTenancy.LABELS_TTL_S
    assert asyncio.run(start_jobs(3)) == [Resolution("tenant-b", "label")] * 3
    assert reader.reads == 2


def test_a_failed_namespace_read_fails_the_jobs_waiting_for_it_and_is_not_kept():
    reader = CountingReader({LABEL: "tenant-a"})
    tenancy = NamespaceTenancy(reader, settings())
    reader.fail = True

    async def start_jobs() -> list[Any]:
        jobs = (tenancy.resolve("shop"), tenancy.resolve("shop"))
        return list(await asyncio.gather(*jobs, return_exceptions=True))

    assert [type(r) for r in asyncio.run(start_jobs())] == [RuntimeError, RuntimeError]
    reader.fail = False
    assert asyncio.run(tenancy.resolve("shop")) == Resolution("tenant-a", "label")
    assert reader.reads == 2
