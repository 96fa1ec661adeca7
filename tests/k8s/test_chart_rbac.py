"""RBAC equals exactly the verbs the operator uses — no more, no fewer.

OPERATOR_USES is the contract with the operator code (operator/scriptjob_operator): whoever changes
which API calls the operator makes changes this set in the same commit, and the chart follows.
  - scriptjobs: kopf list+watch (a job is re-read through scriptjobs/status get); patch (kopf
    finalizers and progress annotations); delete (ttlSecondsAfterFinished);
  - scriptjobs/status: get, patch (status only through the subresource);
  - events (core v1): create (kopf.info/warn/event and kopf's own handler events);
  - namespaces (core v1): get (the tenant label of a job's namespace, KubeClient.get_namespace);
  - peering (only with operator.peering.enabled): list, watch, patch of kopf.dev KopfPeering
    (ClusterKopfPeering when watching all namespaces).
Not needed: customresourcedefinitions and list/watch of namespaces, because the operator runs kopf with
settings.scanning.disabled = True (see the comment at the top of templates/rbac.yaml).
"""

from __future__ import annotations

from typing import Any

import pytest

from .chart_tools import NAMESPACE, installable
from .chart_tools import by_kind as all_of_kind
from .chart_tools import manifests as render_manifests

Rules = set[tuple[str, str, str]]  # (apiGroup, resource, verb)

OPERATOR_USES: Rules = {
    *{("scriptagent.dev", "scriptjobs", v) for v in ("list", "watch", "patch", "delete")},
    *{("scriptagent.dev", "scriptjobs/status", v) for v in ("get", "patch")},
    ("", "events", "create"),
    ("", "namespaces", "get"),
}
PEERING_USES: Rules = {("kopf.dev", "kopfpeerings", v) for v in ("list", "watch", "patch")}
CLUSTER_PEERING_USES: Rules = {("kopf.dev", "clusterkopfpeerings", v) for v in ("list", "watch", "patch")}


def manifests(values: dict[str, Any]) -> list[dict[str, Any]]:
    return render_manifests(installable(values))


def by_kind(objects: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """The operator's own RBAC objects (the aggregated user roles are tested in test_chart_features)."""
    return [
        o
        for o in all_of_kind(objects, kind)
        if kind == "ServiceAccount"
        or o["metadata"]["labels"].get("app.kubernetes.io/component") == "operator"
    ]


def flatten(role: dict[str, Any]) -> Rules:
    assert all("resourceNames" not in r and "nonResourceURLs" not in r for r in role["rules"])
    return {
        (g, res, v)
        for r in role["rules"]
        for g in r["apiGroups"]
        for res in r["resources"]
        for v in r["verbs"]
    }


def assert_bound(objects: list[dict[str, Any]], role_kind: str, binding_kind: str) -> None:
    service_accounts = {sa["metadata"]["name"] for sa in by_kind(objects, "ServiceAccount")}
    for binding in by_kind(objects, binding_kind):
        assert binding["roleRef"]["kind"] == role_kind
        (subject,) = binding["subjects"]
        assert subject["name"] in service_accounts and subject["name"].endswith("-operator")
        assert subject["namespace"] == NAMESPACE


@pytest.mark.parametrize(
    "values, expected",
    [({}, OPERATOR_USES), ({"operator": {"peering": {"enabled": True}}}, OPERATOR_USES | PEERING_USES)],
)
def test_namespaced_mode_uses_a_role_with_exactly_the_operator_verbs(values: dict, expected: Rules):
    objects = manifests(values)
    assert by_kind(objects, "ClusterRole") == [] and by_kind(objects, "ClusterRoleBinding") == []
    (role,) = by_kind(objects, "Role")
    assert flatten(role) == expected
    assert_bound(objects, "Role", "RoleBinding")


def test_one_role_per_watched_namespace():
    objects = manifests({"operator": {"watchNamespaces": ["shop-a", "shop-b"]}})
    assert sorted(r["metadata"]["namespace"] for r in by_kind(objects, "Role")) == ["shop-a", "shop-b"]
    assert sorted(b["metadata"]["namespace"] for b in by_kind(objects, "RoleBinding")) == ["shop-a", "shop-b"]
    assert all(flatten(role) == OPERATOR_USES for role in by_kind(objects, "Role"))


@pytest.mark.parametrize(
    "peering, expected", [(False, OPERATOR_USES), (True, OPERATOR_USES | CLUSTER_PEERING_USES)]
)
def test_cluster_role_only_when_watching_all_namespaces(peering: bool, expected: Rules):
    objects = manifests({"operator": {"allNamespaces": True, "peering": {"enabled": peering}}})
    assert by_kind(objects, "Role") == [] and by_kind(objects, "RoleBinding") == []
    (role,) = by_kind(objects, "ClusterRole")
    assert flatten(role) == expected
    assert_bound(objects, "ClusterRole", "ClusterRoleBinding")


def test_no_rbac_when_disabled():
    objects = manifests({"rbac": {"create": False}})
    assert not [
        o
        for o in all_of_kind(objects, "Role")
        + all_of_kind(objects, "RoleBinding")
        + all_of_kind(objects, "ClusterRole")
        + all_of_kind(objects, "ClusterRoleBinding")
    ]
