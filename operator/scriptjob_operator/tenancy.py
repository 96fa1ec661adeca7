"""The tenant of a ScriptJob comes from its namespace, never from what the job's author writes.

Why: sessions, checkpoints, locks and memory recall are all keyed by tenant. If `spec.tenant` were
trusted, anyone allowed to create ScriptJobs in any namespace could read and extend another
tenant's sessions and recall its scripts. Namespaces are the unit Kubernetes RBAC already grants,
and labelling a Namespace object is a cluster-admin act, so the namespace is the trustworthy claim.

The rule, in order:
 1. `OPERATOR_TENANT_MAP` (the operator's own configuration) names the namespace: that tenant;
 2. the Namespace carries the label `OPERATOR_TENANT_LABEL` (default `scriptagent.dev/tenant`):
    its value;
 3. neither: `OPERATOR_TENANT_UNMAPPED` decides — `refuse` (the default) fails the job with
    reason TenantUnresolved; `namespace` uses the namespace name itself.
Refusing is the default because falling back to the namespace name fails open: a namespace an
admin forgot to label silently becomes a tenant of its own, and one whose name equals an existing
tenant (tenant `acme` labelled on namespace `shop-1`, plus a namespace called `acme`) shares that
tenant's sessions and memory. `namespace` is offered for clusters where namespaces are the tenants.

`spec.tenant` stays in the CRD as the author's declaration; one that disagrees with the resolved
tenant fails the job with reason TenantMismatch (an Event says which tenant the namespace maps to).
Pure apart from `NamespaceTenancy.resolve`, which reads the Namespace through the operator's client.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from script_agent.config.app import OperatorSettings

REASON_MISMATCH = "TenantMismatch"
REASON_UNRESOLVED = "TenantUnresolved"
TENANT_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class TenantRejected(Exception):
    """The job may not run as any tenant; `reason` is the condition and Event reason."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class NamespaceReader(Protocol):
    async def get_namespace(self, name: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Resolution:
    """The tenant and where it came from (`map`, `label` or `namespace`), for messages and logs."""

    tenant: str
    source: str


def needs_namespace(settings: OperatorSettings, namespace: str) -> bool:
    """Whether the Namespace object must be read: not when the map already names it, nor when
    labels are switched off (an empty label key), so such installs need no namespace RBAC."""
    return namespace not in settings.tenant_map and bool(settings.tenant_label)


def decide(settings: OperatorSettings, namespace: str, labels: Mapping[str, str]) -> Resolution:
    """Apply the rule above to the namespace's labels; TenantRejected when it yields no tenant."""
    if namespace in settings.tenant_map:
        return Resolution(settings.tenant_map[namespace], "map")
    if settings.tenant_label:
        value = labels.get(settings.tenant_label)
        if value is not None:
            if not TENANT_PATTERN.match(value):
                raise TenantRejected(
                    REASON_UNRESOLVED,
                    f"namespace {namespace}: label {settings.tenant_label}={value!r} is not a valid tenant",
                )
            return Resolution(value, "label")
    if settings.tenant_unmapped == "namespace":
        return Resolution(namespace, "namespace")
    where = f"label {settings.tenant_label} nor " if settings.tenant_label else ""
    raise TenantRejected(
        REASON_UNRESOLVED,
        f"namespace {namespace} has no tenant: neither {where}OPERATOR_TENANT_MAP names one "
        "(OPERATOR_TENANT_UNMAPPED=refuse)",
    )


def check(declared: str, resolution: Resolution, namespace: str) -> str:
    """The tenant to run as; TenantRejected when `spec.tenant` claims another one."""
    if declared != resolution.tenant:
        raise TenantRejected(
            REASON_MISMATCH,
            f"spec.tenant {declared!r} does not match tenant {resolution.tenant!r} of namespace "
            f"{namespace} (from {resolution.source})",
        )
    return resolution.tenant


class NamespaceTenancy:
    """Resolves a namespace's tenant, reading the Namespace only when the rule needs its labels.

    The labels read are kept for `LABELS_TTL_S`, and jobs of one namespace that start together
    share one read (single flight). Why: 500 jobs created at once in one namespace made 500
    identical Namespace GETs, a tenth of the operator's API calls. The price is that a relabelled
    (or unlabelled) namespace takes effect for jobs starting up to `LABELS_TTL_S` later, not at once
    — a job already running keeps its tenant either way. A failed read is never kept: its error
    propagates to the caller (API down, RBAC), and the next job reads again."""

    LABELS_TTL_S = 5.0
    MAX_NAMESPACES = 1024

    def __init__(
        self,
        reader: NamespaceReader,
        settings: OperatorSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._reader = reader
        self._settings = settings
        self._clock = clock
        self._labels: dict[str, tuple[float, Mapping[str, str]]] = {}
        self._reads: dict[str, asyncio.Task[Mapping[str, str]]] = {}

    async def resolve(self, namespace: str) -> Resolution:
        labels: Mapping[str, str] = {}
        if needs_namespace(self._settings, namespace):
            labels = await self._labels_of(namespace)
        return decide(self._settings, namespace, labels)

    async def _labels_of(self, namespace: str) -> Mapping[str, str]:
        kept = self._labels.get(namespace)
        if kept is not None and self._clock() - kept[0] < self.LABELS_TTL_S:
            return kept[1]
        read = self._reads.get(namespace)
        if read is None:
            read = self._reads[namespace] = asyncio.create_task(self._read(namespace))
            read.add_done_callback(lambda done: self._read_done(namespace, done))
        return await asyncio.shield(read)  # one caller cancelled leaves the read to the others

    def _read_done(self, namespace: str, read: asyncio.Task[Mapping[str, str]]) -> None:
        self._reads.pop(namespace, None)
        if not read.cancelled():
            read.exception()  # retrieved: every waiter got it raised, or none is left to

    async def _read(self, namespace: str) -> Mapping[str, str]:
        started = self._clock()
        body = await self._reader.get_namespace(namespace)
        labels: Mapping[str, str] = dict((body.get("metadata") or {}).get("labels") or {})
        if len(self._labels) >= self.MAX_NAMESPACES:
            self._labels.clear()
        self._labels[namespace] = (started, labels)
        return labels
