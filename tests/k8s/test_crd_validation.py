"""The emulator validates CustomResourceDefinitions like kube-apiserver (issue 18), over real HTTP.

Each known-bad CRD below breaks one rule of the apiextensions apiserver; the expected text is the
apiserver's own wording for that rule (from k8s.io/apiextensions-apiserver's validation.go and
pkg/apiserver/schema, and cel-go for compile errors), never derived from the emulator's code. The
first case is the ScriptJob CRD as it shipped before issue 18 (root `metadata.description`), with
the exact message a v1.36 apiserver printed for it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import helm_python as helm
import pytest
import yaml

from script_agent.testing.k8s import SCRIPTJOBS, ApiError, EmulatorThread, K8sApi

from .chart_tools import CHART, REPO_ROOT

CRDS = "apiextensions.k8s.io/v1/customresourcedefinitions"
ROOT = "spec.validation.openAPIV3Schema"
SPEC = f"{ROOT}.properties[spec]"
PROJECT_CRD = yaml.safe_load((REPO_ROOT / "crds" / "scriptjob.yaml").read_text(encoding="utf-8"))
JsonDict = dict[str, Any]


def widget_crd() -> JsonDict:
    """A small valid CRD every bad case starts from (one version, status subresource, one column)."""
    spec_schema = {
        "type": "object",
        "properties": {
            "size": {"type": "integer", "minimum": 0, "maximum": 10, "default": 1},
            "color": {"type": "string", "maxLength": 16},
            "tags": {"type": "array", "maxItems": 8, "items": {"type": "string", "maxLength": 32}},
        },
    }
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.example.com"},
        "spec": {
            "group": "example.com",
            "scope": "Namespaced",
            "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
            "versions": [
                {
                    "name": "v1",
                    "served": True,
                    "storage": True,
                    "subresources": {"status": {}},
                    "additionalPrinterColumns": [
                        {"name": "Size", "type": "integer", "jsonPath": ".spec.size"}
                    ],
                    "schema": {
                        "openAPIV3Schema": {
                            "type": "object",
                            "properties": {"spec": spec_schema, "status": {"type": "object"}},
                        }
                    },
                }
            ],
        },
    }


def schema_of(crd: JsonDict) -> JsonDict:
    return crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]


def spec_props(crd: JsonDict) -> JsonDict:
    return schema_of(crd)["properties"]["spec"]["properties"]


def column(crd: JsonDict) -> JsonDict:
    return crd["spec"]["versions"][0]["additionalPrinterColumns"][0]


def rules(node: JsonDict, *rule: str) -> None:
    node["x-kubernetes-validations"] = [{"rule": r} for r in rule]


def map_list(crd: JsonDict, **ext: Any) -> None:
    item = {"type": "object", "properties": {"name": {"type": "string"}, "v": {"type": "string"}}}
    spec_props(crd)["entries"] = {"type": "array", "maxItems": 4, "items": item, **ext}


# (case id, mutation of the widget CRD, the apiserver's message for that rule)
BAD: list[tuple[str, Callable[[JsonDict], Any], str]] = [
    # structural schema: every node typed
    ("field-without-type", lambda c: spec_props(c).update(x={"description": "no type"}),
     f"{SPEC}.properties[x].type: Required value: must not be empty for specified object fields"),
    ("items-without-type", lambda c: spec_props(c)["tags"].update(items={"description": "no type"}),
     f"{SPEC}.properties[tags].items.type: Required value: must not be empty for specified array items"),
    ("array-without-items", lambda c: spec_props(c)["tags"].pop("items"),
     f"{SPEC}.properties[tags].items: Required value: must be specified"),
    ("root-not-object", lambda c: schema_of(c).update(type="array", items={"type": "string"}),
     f'{ROOT}.type: Invalid value: "array": only "object" is allowed as the type at the root of the schema '
     "if the status subresource is enabled"),
    # no additionalProperties beside properties, none at the root
    ("additional-properties-beside-properties",
     lambda c: schema_of(c)["properties"]["spec"].update(additionalProperties={"type": "string"}),
     f"{SPEC}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive"),
    ("additional-properties-at-root", lambda c: schema_of(c).update(additionalProperties={"type": "string"}),
     f"{ROOT}.additionalProperties: Forbidden: must not be used at the root"),
    # value validations may only restrict what the structure declares
    ("type-inside-any-of",
     lambda c: spec_props(c)["color"].update(anyOf=[{"type": "string"}, {"maxLength": 3}]),
     f"{SPEC}.properties[color].anyOf[0].type: Forbidden: must be empty to be structural"),
    ("all-of-property-not-in-structure",
     lambda c: schema_of(c)["properties"]["spec"].update(allOf=[{"properties": {"shape": {"maxLength": 3}}}]),
     f"{SPEC}.properties[shape]: Required value: because it is defined in {SPEC}.allOf[0].properties[shape]"),
    ("metadata-in-nested-context",
     lambda c: schema_of(c)["properties"]["spec"].update(
         {"not": {"properties": {"metadata": {"maxLength": 1}}}}),
     f"{SPEC}.not.properties[metadata]: Forbidden: must not be specified in a nested context"),
    # x-kubernetes-preserve-unknown-fields / int-or-string / embedded-resource as documented
    ("preserve-unknown-fields-false",
     lambda c: schema_of(c)["properties"]["status"].update({"x-kubernetes-preserve-unknown-fields": False}),
     f"{ROOT}.properties[status].x-kubernetes-preserve-unknown-fields: Invalid value: false: "
     "must be true or undefined"),
    ("int-or-string-and-preserve-unknown",
     lambda c: spec_props(c).update(port={"x-kubernetes-int-or-string": True,
                                          "x-kubernetes-preserve-unknown-fields": True}),
     f"{SPEC}.properties[port].x-kubernetes-preserve-unknown-fields: Invalid value: true: "
     "must be false if x-kubernetes-int-or-string is true"),
    ("embedded-resource-not-object",
     lambda c: spec_props(c).update(template={"type": "string", "x-kubernetes-embedded-resource": True}),
     f'{SPEC}.properties[template].type: Invalid value: "string": '
     "must be object if x-kubernetes-embedded-resource is true"),
    ("embedded-resource-without-fields",
     lambda c: spec_props(c).update(template={"type": "object", "x-kubernetes-embedded-resource": True}),
     f"{SPEC}.properties[template].properties: Required value: must not be empty if "
     "x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"),
    # root metadata only name/generateName; apiVersion and kind strings
    ("root-metadata-labels",
     lambda c: schema_of(c)["properties"].update(metadata={"type": "object", "properties": {
         "labels": {"type": "object", "additionalProperties": {"type": "string"}}}}),
     f"{ROOT}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, "
     "but metadata is implicitly specified"),
    ("root-metadata-not-object", lambda c: schema_of(c)["properties"].update(metadata={"type": "string"}),
     f'{ROOT}.properties[metadata].type: Invalid value: "string": must be object'),
    ("kind-not-string", lambda c: schema_of(c)["properties"].update(kind={"type": "integer"}),
     f'{ROOT}.properties[kind].type: Invalid value: "integer": must be string'),
    ("api-version-not-string", lambda c: schema_of(c)["properties"].update(apiVersion={"type": "boolean"}),
     f'{ROOT}.properties[apiVersion].type: Invalid value: "boolean": must be string'),
    ("default-in-metadata",
     lambda c: schema_of(c)["properties"].update(metadata={"type": "object", "default": {"name": "x"}}),
     f"{ROOT}.properties[metadata].default: Forbidden: must not be set in top-level metadata"),
    # defaults valid against their schema and surviving pruning
    ("default-of-wrong-type", lambda c: spec_props(c)["size"].update(default="3"),
     f'{SPEC}.properties[size].default: Invalid value: "string": '
     f'{SPEC}.properties[size].default in body must be of type integer: "string"'),
    ("default-out-of-range", lambda c: spec_props(c)["size"].update(default=11),
     f"{SPEC}.properties[size].default: Invalid value: 11: "
     f"{SPEC}.properties[size].default in body should be less than or equal to 10"),
    ("default-pruned-away",
     lambda c: spec_props(c).update(box={"type": "object", "properties": {"w": {"type": "integer"}},
                                         "default": {"w": 1, "depth": 2}}),
     f'{SPEC}.properties[box].default: Invalid value: map[string]interface {{}}{{"depth":2, "w":1}}: '
     "must not have unknown fields"),
    # list-type / map-keys consistency
    ("map-list-without-keys", lambda c: map_list(c, **{"x-kubernetes-list-type": "map"}),
     f"{SPEC}.properties[entries].x-kubernetes-list-map-keys: Required value: "
     "must not be empty if x-kubernetes-list-type is map"),
    ("map-key-not-an-item-property",
     lambda c: map_list(c, **{"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["id"]}),
     f'{SPEC}.properties[entries].x-kubernetes-list-map-keys: Invalid value: []interface {{}}{{"id"}}: '
     "entries must all be names of item properties"),
    ("map-key-neither-required-nor-defaulted",
     lambda c: map_list(c, **{"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}),
     f"{SPEC}.properties[entries].items.properties[name].default: Required value: this property is in "
     "x-kubernetes-list-map-keys, so it must have a default or be a required property"),
    ("map-keys-without-list-type", lambda c: map_list(c, **{"x-kubernetes-list-map-keys": ["name"]}),
     f"{SPEC}.properties[entries].x-kubernetes-list-type: Required value: "
     "must be map if x-kubernetes-list-map-keys is non-empty"),
    ("list-type-on-an-object",
     lambda c: schema_of(c)["properties"]["status"].update({"x-kubernetes-list-type": "set"}),
     f'{ROOT}.properties[status].type: Invalid value: "object": '
     "must be array if x-kubernetes-list-type is specified"),
    ("unknown-list-type", lambda c: spec_props(c)["tags"].update({"x-kubernetes-list-type": "bag"}),
     f'{SPEC}.properties[tags].x-kubernetes-list-type: Unsupported value: "bag": '
     'supported values: "atomic", "set", "map"'),
    # keywords a CRD schema may not use
    ("unique-items", lambda c: spec_props(c)["tags"].update(uniqueItems=True),
     f"{SPEC}.properties[tags].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime "
     "complexity becomes quadratic"),
    ("ref", lambda c: spec_props(c)["color"].update({"$ref": "#/definitions/color"}),
     f"{SPEC}.properties[color].$ref: Forbidden: $ref is not supported"),
    # printer columns
    ("column-path-without-dot", lambda c: column(c).update(jsonPath="spec.size"),
     'spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path '
     "starting with ."),
    ("column-type-unknown", lambda c: column(c).update(type="text"),
     'spec.additionalPrinterColumns[0].type: Invalid value: "text": must be one of '
     "boolean,date,integer,number,string"),
    # (emulator-only strictness, see the harness README: the apiserver parses the path when serving)
    ("column-path-unparsable",
     lambda c: column(c).update(jsonPath='.status.conditions[?(@.type=="Ready"].reason'),
     "spec.additionalPrinterColumns[0].JSONPath: Invalid value: "
     '".status.conditions[?(@.type==\\"Ready\\"].reason"'),
    ("column-without-path", lambda c: column(c).pop("jsonPath"),
     "spec.additionalPrinterColumns[0].JSONPath: Required value"),
    # CEL rules compile (cel-go's wording), oldSelf only where correlatable, cost within budget
    ("cel-syntax-error", lambda c: rules(schema_of(c)["properties"]["spec"], "self.size >"),
     f"{SPEC}.x-kubernetes-validations[0].rule: Invalid value: "
     'apiextensions.ValidationRule{Rule:"self.size >", Message:"", MessageExpression:"", '
     'Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", '
     "OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:12: Syntax error: mismatched input "
     "'<EOF>' expecting"),
    ("cel-undeclared-variable", lambda c: rules(schema_of(c)["properties"]["spec"], "self.size == limit"),
     "compilation failed: ERROR: <input>:1:14: undeclared reference to 'limit' (in container '')\n"
     " | self.size == limit\n | .............^"),
    ("cel-undefined-field", lambda c: rules(schema_of(c)["properties"]["spec"], "has(self.weight)"),
     "compilation failed: ERROR: <input>:1:9: undefined field 'weight'"),
    ("cel-unknown-function",
     lambda c: rules(schema_of(c)["properties"]["spec"], "self.color.lowercase() == 'red'"),
     "compilation failed: ERROR: <input>:1:21: undeclared reference to 'lowercase' (in container '')"),
    ("cel-old-self-on-list-items", lambda c: rules(spec_props(c)["tags"]["items"], "self == oldSelf"),
     f'{SPEC}.properties[tags].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": '
     f"oldSelf cannot be used on the uncorrelatable portion of the schema within {SPEC}.properties[tags]"),
    ("cel-cost-unbounded",
     lambda c: spec_props(c).update(names={"type": "array", "items": {"type": "string"},
                                           "x-kubernetes-validations": [
                                               {"rule": "self.all(n, n.matches('^a'))"}]}),
     f"{SPEC}.properties[names].x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds "
     "budget by factor of more than 100x (try simplifying the rule, or adding maxItems, maxProperties, "
     "and maxLength "
     "where arrays, maps, and strings are declared)"),
    ("cel-multiline-rule-without-message",
     lambda c: rules(schema_of(c)["properties"]["spec"], "self.size > 0 ||\n self.size == 0"),
     f"{SPEC}.x-kubernetes-validations[0].message: Required value: message must be specified if rule "
     "contains line breaks"),
    # the CRD object: name, group, versions
    ("name-not-plural-dot-group", lambda c: c["metadata"].update(name="widget.example.com"),
     'metadata.name: Invalid value: "widget.example.com": must be spec.names.plural+"."+spec.group'),
    ("group-without-a-dot",
     lambda c: c["spec"].update(group="example") or c["metadata"].update(name="widgets.example"),
     'spec.group: Invalid value: "example": should be a domain with at least one dot'),
    ("two-storage-versions",
     lambda c: c["spec"]["versions"].append(copy.deepcopy(c["spec"]["versions"][0]) | {"name": "v2"}),
     "spec.versions: Invalid value: \"\": must have exactly one version marked as storage version"),
]  # fmt: skip


@pytest.fixture
def api() -> Iterator[K8sApi]:
    """An emulator with no CRD installed: every CRD in these tests arrives over HTTP."""
    with EmulatorThread(crds=[], namespaces=["default"]) as server:
        client = K8sApi(server)
        try:
            yield client
        finally:
            client.close()


def rejection(api: K8sApi, crd: JsonDict) -> JsonDict:
    with pytest.raises(ApiError) as exc:
        api.create(crd)
    assert exc.value.status == 422
    return exc.value.body


@pytest.mark.parametrize("mutate, expected", [pytest.param(m, e, id=i) for i, m, e in BAD])
def test_a_bad_crd_is_rejected_with_the_apiservers_message(api: K8sApi, mutate: Callable, expected: str):
    crd = widget_crd()
    mutate(crd)
    body = rejection(api, crd)
    assert body["reason"] == "Invalid"
    assert body["message"].startswith(
        f'CustomResourceDefinition.apiextensions.k8s.io "{crd["metadata"]["name"]}"'
    )
    assert expected in body["message"]
    assert body["details"]["causes"], "one StatusCause per field error, as the apiserver sends"
    assert api.find(CRDS, crd["metadata"]["name"], namespace=None) is None


def test_the_crd_as_shipped_before_issue_18_is_rejected_as_a_real_apiserver_did(api: K8sApi):
    shipped = copy.deepcopy(PROJECT_CRD)
    metadata = shipped["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["metadata"]
    metadata["description"] = "Standard object metadata (name, namespace, labels, annotations)."
    body = rejection(api, shipped)
    assert body["message"] == (
        'CustomResourceDefinition.apiextensions.k8s.io "scriptjobs.scriptagent.dev" is invalid: '
        "spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything "
        "other than name and generateName, but metadata is implicitly specified"
    )


def test_the_widget_crd_itself_is_accepted_and_served(api: K8sApi):
    created = api.create(widget_crd())
    assert created["metadata"]["uid"]
    widget = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {}}
    assert api.create(widget)["spec"] == {"size": 1}  # served, with the schema's default


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda c: spec_props(c).update(port={"x-kubernetes-int-or-string": True, "anyOf": [
            {"type": "integer"}, {"type": "string"}]}), id="int-or-string-any-of"),
        pytest.param(lambda c: spec_props(c).update(template={"type": "object",
            "x-kubernetes-embedded-resource": True, "x-kubernetes-preserve-unknown-fields": True}),
            id="embedded-resource"),
        pytest.param(lambda c: schema_of(c)["properties"].update(metadata={"type": "object", "properties": {
            "name": {"type": "string", "maxLength": 20}}}), id="metadata-name-restricted"),
        pytest.param(lambda c: map_list(c, **{"x-kubernetes-list-type": "map",
                                              "x-kubernetes-list-map-keys": ["name"]})
            or spec_props(c)["entries"]["items"].update(required=["name"]), id="map-list"),
        pytest.param(lambda c: rules(schema_of(c)["properties"]["spec"], "self.color.lowerAscii() != 'x'",
            "!has(self.tags) || self.tags.all(t, t.size() < 10)", "self == oldSelf"), id="cel-rules"),
        pytest.param(lambda c: column(c).update(jsonPath='.status.conditions[?(@.type=="Ready")].reason',
            type="string"), id="filtered-column"),
    ],
)  # fmt: skip
def test_documented_uses_of_the_extensions_are_accepted(api: K8sApi, mutate: Callable):
    crd = widget_crd()
    mutate(crd)
    assert api.create(crd)["metadata"]["name"] == "widgets.example.com"


def test_an_update_is_validated_too_and_group_and_plural_are_immutable(api: K8sApi):
    api.create(widget_crd())
    with pytest.raises(ApiError) as exc:
        api.patch(CRDS, "widgets.example.com", {"spec": {"group": "example.org"}}, namespace=None)
    assert exc.value.status == 422
    assert 'spec.group: Invalid value: "example.org": field is immutable' in exc.value.body["message"]
    spec = {"type": "object", "properties": {"size": {"type": "integer", "default": "one"}}}
    schema = {"openAPIV3Schema": {"type": "object", "properties": {"spec": spec}}}
    bad_default = {"spec": {"versions": [widget_crd()["spec"]["versions"][0] | {"schema": schema}]}}
    with pytest.raises(ApiError) as exc:
        api.patch(CRDS, "widgets.example.com", bad_default, namespace=None)
    assert "default in body must be of type integer" in exc.value.body["message"]


def test_the_project_crd_is_accepted_over_http_and_serves_scriptjobs(api: K8sApi):
    api.create(PROJECT_CRD)
    job = yaml.safe_load((REPO_ROOT / "examples" / "scriptjob.yaml").read_text(encoding="utf-8"))
    job["metadata"]["namespace"] = "default"
    job["spec"].pop("ttlSecondsAfterFinished", None)
    assert api.create(job)["spec"]["backoffLimit"] == 3
    assert api.get(SCRIPTJOBS, job["metadata"]["name"])["metadata"]["generation"] == 1


def test_the_charts_crd_as_helm_loads_it_is_accepted(api: K8sApi):
    with helm.Chart.load(CHART) as chart:
        files = [yaml.safe_load(item["data"]) for item in chart.crds]
    assert [f["metadata"]["name"] for f in files] == ["scriptjobs.scriptagent.dev"]
    assert api.create(files[0])["spec"] == PROJECT_CRD["spec"] | {"conversion": {"strategy": "None"}}


def test_names_and_conversion_get_the_apiservers_defaults(api: K8sApi):
    crd = widget_crd()
    del crd["spec"]["names"]["listKind"], crd["spec"]["names"]["singular"]  # kopf's peering CRD omits them
    stored = api.create(crd)["spec"]
    assert (stored["names"]["listKind"], stored["names"]["singular"]) == ("WidgetList", "widget")
    assert stored["conversion"] == {"strategy": "None"}
