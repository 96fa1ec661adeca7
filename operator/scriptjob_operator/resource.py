"""Names of the ScriptJob resource and of everything the operator stores on it.

One place for the strings the CRD, the RBAC rules and the operator must agree on.
"""

from __future__ import annotations

GROUP = "scriptagent.dev"
VERSION = "v1alpha1"
PLURAL = "scriptjobs"
KIND = "ScriptJob"
API_VERSION = f"{GROUP}/{VERSION}"

# kopf's own bookkeeping (finalizer, last-handled configuration, handler progress) lives in
# metadata under our domain, not kopf's default `kopf.zalando.org`, so `kubectl get -o yaml`
# shows who owns it and a second kopf-based operator in the cluster never collides with ours.
KOPF_PREFIX = "operator.scriptagent.dev"
FINALIZER = f"{KOPF_PREFIX}/finalizer"

# Phases (derived summary) as the CRD's status.phase enum spells them.
PENDING = "Pending"
RUNNING = "Running"
SUCCEEDED = "Succeeded"
FAILED = "Failed"
DEGRADED = "Degraded"
FINISHED_PHASES = frozenset({SUCCEEDED, FAILED, DEGRADED})
ALL_PHASES = (PENDING, RUNNING, SUCCEEDED, FAILED, DEGRADED)


def job_url(namespace: str, name: str, *, subresource: str | None = None) -> str:
    """Path of one ScriptJob (or its subresource) relative to the API server root."""
    path = f"/apis/{GROUP}/{VERSION}/namespaces/{namespace}/{PLURAL}/{name}"
    return f"{path}/{subresource}" if subresource else path
