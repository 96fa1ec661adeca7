"""The emulator evaluates a CRD's CEL rules on custom-resource writes, like the apiserver (issue 13, item 7).

The ScriptJob CRD's rules were only checked by reading the YAML; here they are exercised by
requests: spec immutability (a transition rule on `oldSelf`), the product and influencer rules,
and the apiserver's semantics around them (transition rules skipped on create, map-list items
correlated by key, unchanged values not re-validated).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from script_agent.testing.k8s import SCRIPTJOBS, ApiError, EmulatorThread, K8sApi

from .test_crd_validation import spec_props, widget_crd

WIDGETS = "example.com/v1/widgets"
JsonDict = dict[str, Any]


def job(name: str, **spec: Any) -> JsonDict:
    base = {"tenant": "t1", "scene": "opening", "product": {"id": "p1"}, "influencer": {"id": "i1"}}
    return {"apiVersion": "scriptagent.dev/v1alpha1", "kind": "ScriptJob", "metadata": {"name": name},
            "spec": {**base, **spec}}  # fmt: skip


def invalid(call: Any) -> str:
    with pytest.raises(ApiError) as exc:
        call()
    assert exc.value.status == 422 and exc.value.body["reason"] == "Invalid"
    return exc.value.body["message"]


def test_the_scriptjob_spec_is_immutable(k8s_api: K8sApi):
    k8s_api.create(job("a"))
    message = invalid(lambda: k8s_api.patch(SCRIPTJOBS, "a", {"spec": {"query": "louder"}}))
    assert message == (
        'ScriptJob.scriptagent.dev "a" is invalid: spec: Invalid value: "object": '
        "spec is immutable; delete and re-create the ScriptJob to change it"
    )
    assert "query" not in k8s_api.get(SCRIPTJOBS, "a")["spec"]
    # metadata and status writes are not spec changes: ratcheting leaves the rule alone
    k8s_api.patch(SCRIPTJOBS, "a", {"metadata": {"labels": {"k": "v"}}})
    k8s_api.patch(SCRIPTJOBS, "a", {"status": {"phase": "Running"}}, subresource="status")


@pytest.mark.parametrize(
    "spec, expected",
    [
        ({"product": {"brand": "x"}},
         'spec.product: Invalid value: "object": product needs an id, or an inline name and category'),
        ({"product": {"name": "口红"}}, "product needs an id, or an inline name and category"),
        ({"influencer": {"id": "i1", "profile": {"name": "小美"}}},
         'spec.influencer: Invalid value: "object": influencer needs exactly one of id or profile'),
        ({"influencer": {}}, "influencer needs exactly one of id or profile"),
    ],
)  # fmt: skip
def test_product_and_influencer_rules_reject_on_create(k8s_api: K8sApi, spec: JsonDict, expected: str):
    message = invalid(lambda: k8s_api.create(job("bad", **spec)))
    assert message.startswith('ScriptJob.scriptagent.dev "bad" is invalid: ') and expected in message
    assert k8s_api.find(SCRIPTJOBS, "bad") is None


def test_inline_product_and_profile_are_accepted(k8s_api: K8sApi):
    inline = {"product": {"name": "口红", "category": "美妆"}, "influencer": {"profile": {"name": "小美"}}}
    assert k8s_api.create(job("ok", **inline))["spec"]["product"]["category"] == "美妆"


@pytest.fixture
def widgets() -> Iterator[K8sApi]:
    """A CRD with a map list whose items carry a transition rule, and a rule-free spec field."""
    crd = widget_crd()
    item = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string", "maxLength": 8}, "v": {"type": "integer"}},
        "x-kubernetes-validations": [
            {"rule": "!has(oldSelf.v) || !has(self.v) || self.v >= oldSelf.v", "message": "v may only grow"}
        ],
    }
    spec_props(crd)["entries"] = {
        "type": "array",
        "maxItems": 4,
        "items": item,
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
    }
    spec_props(crd)["color"]["x-kubernetes-validations"] = [
        {"rule": "self != 'red'", "reason": "FieldValueForbidden", "message": "no red"}
    ]
    with EmulatorThread(crds=[crd], namespaces=["default"]) as server:
        api = K8sApi(server)
        try:
            yield api
        finally:
            api.close()


def widget(name: str, **spec: Any) -> JsonDict:
    return {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": name}, "spec": spec}


def test_transition_rules_follow_map_list_items_by_key(widgets: K8sApi):
    widgets.create(widget("w", entries=[{"name": "a", "v": 5}, {"name": "b", "v": 1}]))
    reordered = [{"name": "b", "v": 2}, {"name": "a", "v": 5}]  # same keys, new order: a still 5, b grew
    assert widgets.patch(WIDGETS, "w", {"spec": {"entries": reordered}})["spec"]["entries"] == reordered
    message = invalid(lambda: widgets.patch(WIDGETS, "w", {"spec": {"entries": [{"name": "a", "v": 4}]}}))
    assert 'spec.entries[0]: Invalid value: "object": v may only grow' in message
    fresh = [{"name": "c", "v": 0}]  # a new key has no old value: the transition rule does not apply
    assert widgets.patch(WIDGETS, "w", {"spec": {"entries": fresh}})["spec"]["entries"] == fresh


def test_rule_reason_and_generation_on_a_mutable_spec(widgets: K8sApi):
    created = widgets.create(widget("w", color="blue"))
    message = invalid(lambda: widgets.patch(WIDGETS, "w", {"spec": {"color": "red"}}))
    assert "spec.color: Forbidden: no red" in message
    changed = widgets.patch(WIDGETS, "w", {"spec": {"color": "green"}, "status": {"ignored": True}})
    assert changed["metadata"]["generation"] == created["metadata"]["generation"] + 1  # spec writes bump it
    assert "status" not in changed  # the main resource ignores status (status subresource on)
