"""Held-out check against false rejections: CRDs in the shape the Kubernetes documentation teaches
("Extend the Kubernetes API with CustomResourceDefinitions": CronTab with a pattern, defaults,
CEL rules with messages, transition rules, int-or-string, embedded resources, preserved unknown
fields, list-maps, printer columns, two versions with per-version schemas). A real apiserver accepts
all of them; the emulator must too. Written after the validation code, never used to tune it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from script_agent.testing.k8s import EmulatorThread, K8sApi

JsonDict = dict[str, Any]
CRON = r"^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$"


def crontab(spec: JsonDict, **version: Any) -> JsonDict:
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "crontabs.stable.example.com"},
        "spec": {
            "group": "stable.example.com",
            "scope": "Namespaced",
            "names": {"plural": "crontabs", "singular": "crontab", "kind": "CronTab", "shortNames": ["ct"],
                      "listKind": "CronTabList"},
            "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": {
                "type": "object", "properties": {"spec": spec, "status": {"type": "object",
                "x-kubernetes-preserve-unknown-fields": True}}}}, **version}],
        },
    }  # fmt: skip


BASIC = {
    "type": "object",
    "properties": {
        "cronSpec": {"type": "string", "pattern": CRON, "default": "5 0 * * *"},
        "image": {"type": "string"},
        "replicas": {"type": "integer", "minimum": 1, "maximum": 10, "default": 1},
    },
}
CEL = {
    "type": "object",
    "x-kubernetes-validations": [
        {
            "rule": "self.minReplicas <= self.replicas",
            "message": "replicas should be greater than or equal to minReplicas.",
        },
        {
            "rule": "self.replicas <= self.maxReplicas",
            "messageExpression": "'replicas should be smaller than or equal to ' + string(self.maxReplicas)",
        },
        {"rule": "self.name.startsWith('a')", "fieldPath": ".name", "reason": "FieldValueForbidden"},
    ],
    "properties": {
        "name": {"type": "string", "maxLength": 64},
        "minReplicas": {"type": "integer"},
        "replicas": {"type": "integer"},
        "maxReplicas": {"type": "integer"},
        "value": {
            "type": "string",
            "x-kubernetes-validations": [{"rule": "self == oldSelf", "message": "Value is immutable"}],
        },
        "retries": {
            "type": "integer",
            "x-kubernetes-validations": [{"rule": "self >= oldSelf", "message": "retries may only increase"}],
        },
        "labels": {
            "type": "object",
            "maxProperties": 8,
            "additionalProperties": {"type": "string", "maxLength": 63},
            "x-kubernetes-validations": [{"rule": "self.all(k, k.size() <= 63)"}],
        },
    },
}
EXTENSIONS = {
    "type": "object",
    "properties": {
        "port": {"x-kubernetes-int-or-string": True, "anyOf": [{"type": "integer"}, {"type": "string"}]},
        "bar": {"x-kubernetes-int-or-string": True},
        "template": {
            "type": "object",
            "x-kubernetes-embedded-resource": True,
            "x-kubernetes-preserve-unknown-fields": True,
        },
        "pod": {
            "type": "object",
            "x-kubernetes-embedded-resource": True,
            "properties": {
                "apiVersion": {"type": "string"},
                "kind": {"type": "string"},
                "metadata": {"type": "object"},
                "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
            },
        },
        "anything": {"x-kubernetes-preserve-unknown-fields": True},
        "ports": {
            "type": "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["port", "protocol"],
            "items": {
                "type": "object",
                "required": ["port"],
                "properties": {"port": {"type": "integer"}, "protocol": {"type": "string", "default": "TCP"}},
            },
        },
        "tags": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
        "selector": {
            "type": "object",
            "x-kubernetes-map-type": "atomic",
            "additionalProperties": {"type": "string"},
        },
        "mode": {"type": "string", "enum": ["a", "b"], "nullable": True},
        "oneOfThem": {
            "type": "object",
            "properties": {"x": {"type": "string"}, "y": {"type": "string"}},
            "oneOf": [{"required": ["x"]}, {"required": ["y"]}],
        },
    },
}
COLUMNS = [
    {
        "name": "Spec",
        "type": "string",
        "description": "The cron spec defining the interval a CronJob is run",
        "jsonPath": ".spec.cronSpec",
    },
    {"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"},
    {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"},
    {
        "name": "Ready",
        "type": "string",
        "priority": 1,
        "jsonPath": ".status.conditions[?(@.type=='Ready')].status",
    },
    {"name": "First", "type": "string", "jsonPath": ".spec.containers[0].name", "format": "password"},
]


def root_rule() -> JsonDict:
    """A rule on the whole object may read metadata.name and the spec (the docs' name-length example)."""
    crd = crontab(BASIC, subresources={"status": {}})
    rule = {"rule": "self.metadata.name.size() <= 20 && self.spec.replicas <= 10", "message": "short names"}
    crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["x-kubernetes-validations"] = [rule]
    return crd


def two_versions() -> JsonDict:
    crd = crontab(BASIC)
    v1 = crd["spec"]["versions"][0]
    v2 = copy.deepcopy(v1) | {"name": "v2", "storage": False}
    v2["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]["host"] = {"type": "string"}
    v1["deprecated"] = True
    v1["deprecationWarning"] = "stable.example.com/v1 CronTab is deprecated; use v2"
    crd["spec"]["versions"].append(v2)
    return crd


@pytest.fixture
def api() -> Iterator[K8sApi]:
    with EmulatorThread(crds=[], namespaces=["default"]) as server:
        client = K8sApi(server)
        try:
            yield client
        finally:
            client.close()


@pytest.mark.parametrize(
    "crd",
    [
        pytest.param(crontab(BASIC), id="crontab"),
        pytest.param(crontab(CEL), id="cel-rules"),
        pytest.param(crontab(EXTENSIONS), id="extensions"),
        pytest.param(
            crontab(BASIC, additionalPrinterColumns=COLUMNS, subresources={"status": {}}), id="columns"
        ),
        pytest.param(two_versions(), id="two-versions"),
        pytest.param(root_rule(), id="root-rule"),
    ],
)
def test_documented_crds_are_accepted(api: K8sApi, crd: JsonDict):
    assert api.create(crd)["metadata"]["name"] == "crontabs.stable.example.com"
