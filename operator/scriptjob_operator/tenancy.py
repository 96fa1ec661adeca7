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

import re
from collections.abc import Mapping
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

    Not cached: one GET per attempt is cheap next to an LLM call, and a relabelled namespace takes
    effect at the next attempt. Errors of the reader (API down, RBAC) propagate to the caller."""

    def __init__(self, reader: NamespaceReader, settings: OperatorSettings) -> None:
        self._reader = reader
        self._settings = settings

    async def resolve(self, namespace: str) -> Resolution:
        labels: Mapping[str, str] = {}
        if needs_namespace(self._settings, namespace):
            body = await self._reader.get_namespace(namespace)
            labels = (body.get("metadata") or {}).get("labels") or {}
        return decide(self._settings, namespace, labels)
