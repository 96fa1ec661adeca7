"""The ScriptJob CRD: one file in two places, structural, fully described, validating, immutable spec."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from script_agent.domain.models import Scene

from .chart_tools import CHART, KUBE_VERSION, REPO_ROOT

CRD_PATH = REPO_ROOT / "crds" / "scriptjob.yaml"
CRD = yaml.safe_load(CRD_PATH.read_text(encoding="utf-8"))
VERSION = CRD["spec"]["versions"][0]
SCHEMA = VERSION["schema"]["openAPIV3Schema"]
EXAMPLE = yaml.safe_load((REPO_ROOT / "examples" / "scriptjob.yaml").read_text(encoding="utf-8"))


def walk(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema node: properties and array items, depth first."""
    yield path or ".", schema
    for name, sub in (schema.get("properties") or {}).items():
        yield from walk(sub, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        yield from walk(schema["items"], f"{path}[]")


def test_chart_ships_an_identical_copy():
    assert (CHART / "crds" / "scriptjob.yaml").read_bytes() == CRD_PATH.read_bytes()


def test_names_scope_and_subresources():
    spec = CRD["spec"]
    assert CRD["metadata"]["name"] == "scriptjobs.scriptagent.dev"
    assert (spec["group"], spec["scope"]) == ("scriptagent.dev", "Namespaced")
    assert spec["names"]["kind"] == "ScriptJob" and spec["names"]["plural"] == "scriptjobs"
    assert spec["names"]["shortNames"] == ["sj"] and spec["names"]["categories"]
    assert [v["name"] for v in spec["versions"]] == ["v1alpha1"]
    assert VERSION["served"] and VERSION["storage"] and VERSION["subresources"] == {"status": {}}


def test_valid_crd_object_for_the_kubernetes_schema():
    kubernetes_validate.validate(CRD, KUBE_VERSION.lstrip("v"), strict=True)


def test_every_field_has_a_type_and_a_description():
    """All but the root metadata, which may say nothing but `type: object` (the apiserver owns it)."""
    nodes = [(path, node) for path, node in walk(SCHEMA) if path != ".metadata"]
    missing = [path for path, node in nodes if not node.get("type") or not node.get("description")]
    assert missing == []
    assert SCHEMA["properties"]["metadata"] == {"type": "object"}


def test_strings_and_lists_are_bounded_so_cel_cost_is_bounded():
    spec = SCHEMA["properties"]["spec"]
    unbounded = [
        p
        for p, n in walk(spec)
        if (n["type"] == "string" and "maxLength" not in n and "enum" not in n)
        or (n["type"] == "array" and "maxItems" not in n)
    ]
    assert unbounded == []


def test_spec_is_immutable_through_cel():
    rules = SCHEMA["properties"]["spec"]["x-kubernetes-validations"]
    assert {"rule": "self == oldSelf", "message": rules[0]["message"]} in rules


def test_spec_validation_rules():
    spec = SCHEMA["properties"]["spec"]
    assert set(spec["required"]) == {"tenant", "scene", "product", "influencer"}
    assert spec["properties"]["scene"]["enum"] == [s.value for s in Scene]
    assert spec["properties"]["backoffLimit"].items() >= {"default": 3, "minimum": 0, "maximum": 10}.items()
    temperature = spec["properties"]["llm"]["properties"]["temperature"]
    assert temperature.items() >= {"minimum": 0, "maximum": 2}.items()
    assert [r["rule"] for r in spec["properties"]["product"]["x-kubernetes-validations"]]
    assert [r["rule"] for r in spec["properties"]["influencer"]["x-kubernetes-validations"]]


def test_status_follows_api_conventions():
    status = SCHEMA["properties"]["status"]["properties"]
    assert status["phase"]["enum"] == ["Pending", "Running", "Succeeded", "Failed", "Degraded"]
    assert set(status) >= {
        "state",
        "checkpointVersion",
        "attempts",
        "observedGeneration",
        "startTime",
        "completionTime",
        "traceId",
        "conditions",
        "message",
        "result",
    }
    conditions = status["conditions"]
    assert conditions["x-kubernetes-list-type"] == "map" and conditions["x-kubernetes-list-map-keys"] == [
        "type"
    ]
    item = conditions["items"]
    assert set(item["required"]) == {"type", "status"}
    assert set(item["properties"]) == {
        "type",
        "status",
        "reason",
        "message",
        "lastTransitionTime",
        "observedGeneration",
    }
    result = status["result"]["properties"]
    assert set(result) == {"text", "qualityScore", "backend", "layer", "degraded"}
    assert result["text"]["maxLength"] <= 20000


def test_printer_columns():
    columns = {c["name"]: c for c in VERSION["additionalPrinterColumns"]}
    assert list(columns) == ["Phase", "State", "Checkpoint", "Scene", "Age", "Tenant", "Reason", "Message"]
    wide = {"Tenant", "Reason", "Message"}  # `kubectl get sj -o wide` only
    assert all(columns[name]["priority"] == 1 for name in wide)
    assert all(c.get("priority", 0) == 0 for name, c in columns.items() if name not in wide)
    assert columns["Age"]["jsonPath"] == ".metadata.creationTimestamp"
    assert columns["Reason"]["jsonPath"] == '.status.conditions[?(@.type=="Ready")].reason'
    assert columns["Message"]["jsonPath"] == ".status.message"


def openapi_validator() -> jsonschema.Draft4Validator:
    """The structural schema read as JSON Schema (x-kubernetes-* keywords are ignored by jsonschema)."""
    return jsonschema.Draft4Validator(SCHEMA)


def test_the_example_is_valid():
    assert EXAMPLE["apiVersion"] == "scriptagent.dev/v1alpha1" and EXAMPLE["kind"] == "ScriptJob"
    openapi_validator().validate(EXAMPLE)


@pytest.mark.parametrize(
    "path, value",
    [
        (("scene",), "unboxing"),
        (("product", "price"), -1),
        (("backoffLimit",), 11),
        (("llm", "temperature"), 2.5),
        (("influencer", "profile", "style", "sentenceLength"), "endless"),
        (("tenant",), "has spaces"),
    ],
)
def test_out_of_range_specs_are_rejected(path: tuple[str, ...], value: Any):
    bad = yaml.safe_load(yaml.safe_dump(EXAMPLE))
    node = bad["spec"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert not openapi_validator().is_valid(bad)


def test_missing_required_fields_are_rejected():
    bad = yaml.safe_load(yaml.safe_dump(EXAMPLE))
    del bad["spec"]["influencer"]
    assert not openapi_validator().is_valid(bad)


def test_example_path_is_documented_in_the_example():
    assert (
        "kubectl apply -f examples/scriptjob.yaml"
        in Path(REPO_ROOT / "examples" / "scriptjob.yaml").read_text()
    )
