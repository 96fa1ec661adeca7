"""OpenAPI-level checks of a CRD schema (validation.go's ValidateCustomResourceDefinitionOpenAPISchema).

One depth-first walk with the context the apiserver threads through it: whether defaults are
allowed here (not in top-level metadata), whether we are inside ObjectMeta/TypeMeta, where oldSelf
stops being correlatable (under a non-map list or an atomic map), and how many times a node can occur
in one object (for CEL cost). Schema errors and CEL errors are kept apart, as upstream does: CEL is
only compiled where the schema below is sound.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from . import cel
from .cost import CostTally
from .field import FieldError, child, forbidden, index, invalid, key, not_supported, required

OPENAPI_TYPES = ("array", "boolean", "integer", "number", "object", "string")
META_FIELDS = ("metadata", "kind", "apiVersion")
LIST_TYPES = ("atomic", "set", "map")
MAP_TYPES = ("atomic", "granular")
RULE_REASONS = ("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired")
_UNSUPPORTED = (
    ("id", "id is not supported"),
    ("additionalItems", "additionalItems is not supported"),
    ("patternProperties", "patternProperties is not supported"),
    ("definitions", "definitions is not supported"),
    ("dependencies", "dependencies is not supported"),
    ("$ref", "$ref is not supported"),
)


@dataclasses.dataclass(frozen=True)
class Walk:
    """The context one schema node is validated in."""

    allow_defaults: bool = True
    defaults_reason: str = ""
    inside_meta: bool = False
    uncorrelatable: str | None = None
    cardinality: int | None = 1  # None: unbounded
    cel_ok: bool = True

    def forbid_defaults(self, reason: str) -> Walk:
        return dataclasses.replace(self, allow_defaults=False, defaults_reason=reason)

    def forbid_old_self(self, path: str) -> Walk:
        return self if self.uncorrelatable is not None else dataclasses.replace(self, uncorrelatable=path)

    def times(self, bound: int | None) -> Walk:
        card = None if self.cardinality is None or bound is None else self.cardinality * bound
        return dataclasses.replace(self, cardinality=card)


@dataclasses.dataclass
class Errors:
    schema: list[FieldError] = dataclasses.field(default_factory=list)
    cel: list[FieldError] = dataclasses.field(default_factory=list)
    cost: CostTally = dataclasses.field(default_factory=CostTally)

    def extend(self, other: Errors) -> None:
        self.schema += other.schema
        self.cel += other.cel


def validate_schema(schema: Mapping[str, Any], path: str, *, cel_enabled: bool, tally: CostTally) -> Errors:
    errors = Errors(cost=tally)
    _node(schema, path, Walk(cel_ok=cel_enabled), True, errors)
    return errors


def _node(s: Mapping[str, Any], path: str, walk: Walk, is_root: bool, out: Errors) -> None:
    here = Errors(cost=out.cost)
    here.schema += _keywords(s, path, walk)
    _descend(s, path, walk, is_root, here)
    here.schema += _extensions(s, path)
    here.schema += _list_map_keys(s, path)
    here.schema += _rule_fields(s, path)
    if s.get("x-kubernetes-validations") and not here.schema and walk.cel_ok:
        here.cel += cel.check_rules(s, path, walk.uncorrelatable, walk.cardinality, out.cost)
    out.extend(here)


def _keywords(s: Mapping[str, Any], path: str, walk: Walk) -> list[FieldError]:
    """specStandardValidatorV3.validate: keywords a CRD schema may not use at all, or not here."""
    errors = []
    type_ = s.get("type")
    if type_ and type_ not in OPENAPI_TYPES and type_ != "null":
        errors.append(not_supported(child(path, "type"), type_, OPENAPI_TYPES))
    if "default" in s and not walk.allow_defaults:
        detail = "must not be set" + (f" {walk.defaults_reason}" if walk.defaults_reason else "")
        errors.append(forbidden(child(path, "default"), detail))
    errors += [forbidden(child(path, kw), detail) for kw, detail in _UNSUPPORTED if s.get(kw)]
    if type_ == "null":
        errors.append(
            forbidden(child(path, "type"), "type cannot be set to null, use nullable as an alternative")
        )
    if isinstance(s.get("items"), list):
        errors.append(forbidden(child(path, "items"), "items must be a schema object and not an array"))
    if walk.inside_meta and s.get("x-kubernetes-embedded-resource"):
        errors.append(
            forbidden(
                child(path, "x-kubernetes-embedded-resource"), "must not be used inside of resource meta"
            )
        )
    if s.get("uniqueItems") is True:
        detail = "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"
        errors.append(forbidden(child(path, "uniqueItems"), detail))
    extra = s.get("additionalProperties")
    if extra is not None and s.get("properties") and (extra is False or isinstance(extra, Mapping)):
        detail = "additionalProperties and properties are mutual exclusive"
        errors.append(forbidden(child(path, "additionalProperties"), detail))
    return errors


def _descend(s: Mapping[str, Any], path: str, walk: Walk, is_root: bool, out: Errors) -> None:
    extra = s.get("additionalProperties")
    if isinstance(extra, Mapping):
        sub = (
            walk.forbid_defaults("inside additionalProperties applying to object metadata")
            if walk.inside_meta
            else walk
        )
        _node(extra, child(path, "additionalProperties"), sub.times(s.get("maxProperties")), False, out)
    for name in sorted(s.get("properties") or {}):
        prop = s["properties"][name]
        if not isinstance(prop, Mapping):
            continue
        sub = walk if s.get("x-kubernetes-map-type") != "atomic" else walk.forbid_old_self(path)
        if (is_root or s.get("x-kubernetes-embedded-resource")) and name in META_FIELDS:
            sub = dataclasses.replace(sub, inside_meta=True, cel_ok=False)
            if is_root:
                sub = sub.forbid_defaults(f"in top-level {name}")
        _node(prop, key(child(path, "properties"), name), sub, False, out)
    for junctor in ("allOf", "anyOf", "oneOf"):
        for i, part in enumerate(s.get(junctor) or []):
            if isinstance(part, Mapping):
                _node(
                    part, index(child(path, junctor), i), dataclasses.replace(walk, cel_ok=False), False, out
                )
    if isinstance(s.get("not"), Mapping):
        _node(s["not"], child(path, "not"), dataclasses.replace(walk, cel_ok=False), False, out)
    if isinstance(s.get("items"), Mapping):
        sub = walk if s.get("x-kubernetes-list-type") == "map" else walk.forbid_old_self(path)
        _node(s["items"], child(path, "items"), sub.times(s.get("maxItems")), False, out)


def _extensions(s: Mapping[str, Any], path: str) -> list[FieldError]:
    errors = []
    type_ = s.get("type") or ""
    if s.get("x-kubernetes-preserve-unknown-fields") is False:
        errors.append(
            invalid(child(path, "x-kubernetes-preserve-unknown-fields"), False, "must be true or undefined")
        )
    map_type, list_type = s.get("x-kubernetes-map-type"), s.get("x-kubernetes-list-type")
    if map_type is not None and type_ != "object":
        detail = "must be object if x-kubernetes-map-type is specified"
        errors.append(
            invalid(child(path, "type"), type_, detail) if type_ else required(child(path, "type"), detail)
        )
    if map_type is not None and map_type not in MAP_TYPES:
        errors.append(not_supported(child(path, "x-kubernetes-map-type"), map_type, MAP_TYPES))
    if list_type is not None and type_ != "array":
        detail = "must be array if x-kubernetes-list-type is specified"
        errors.append(
            invalid(child(path, "type"), type_, detail) if type_ else required(child(path, "type"), detail)
        )
    elif list_type == "set" and isinstance(s.get("items"), Mapping):
        errors += _set_items(s["items"], path)
    if list_type is not None and list_type not in LIST_TYPES:
        errors.append(not_supported(child(path, "x-kubernetes-list-type"), list_type, LIST_TYPES))
    return errors


def _set_items(items: Mapping[str, Any], path: str) -> list[FieldError]:
    detail = "must be atomic as item of a list with x-kubernetes-list-type=set"
    if items.get("type") == "array" and items.get("x-kubernetes-list-type") not in (None, "atomic"):
        return [
            invalid(child(path, "items", "x-kubernetes-list-type"), items["x-kubernetes-list-type"], detail)
        ]
    if items.get("type") == "object" and items.get("x-kubernetes-map-type") != "atomic":
        return [invalid(child(path, "items", "x-kubernetes-map-type"), None, detail)]
    return []


def _list_map_keys(s: Mapping[str, Any], path: str) -> list[FieldError]:
    """x-kubernetes-list-type: map needs object items keyed by required (or defaulted) scalar fields."""
    errors = []
    list_type, keys = s.get("x-kubernetes-list-type"), list(s.get("x-kubernetes-list-map-keys") or [])
    if keys and list_type is None:
        errors.append(
            required(
                child(path, "x-kubernetes-list-type"),
                "must be map if x-kubernetes-list-map-keys is non-empty",
            )
        )
    elif keys and list_type != "map":
        detail = "must be map if x-kubernetes-list-map-keys is non-empty"
        errors.append(invalid(child(path, "x-kubernetes-list-type"), list_type, detail))
    if list_type != "map":
        return errors
    items = s.get("items")
    if not keys:
        errors.append(
            required(
                child(path, "x-kubernetes-list-map-keys"),
                "must not be empty if x-kubernetes-list-type is map",
            )
        )
    if items is None:
        return [
            *errors,
            required(child(path, "items"), "must have a schema if x-kubernetes-list-type is map"),
        ]
    if not isinstance(items, Mapping):
        return errors
    if items.get("type") != "object":
        detail = "must be object if parent array's x-kubernetes-list-type is map"
        return [*errors, invalid(child(path, "items", "type"), items.get("type", ""), detail)]
    props, seen = items.get("properties") or {}, set()
    for k in keys:
        prop_path = key(child(path, "items", "properties"), k)
        if k not in props:
            errors.append(
                invalid(
                    child(path, "x-kubernetes-list-map-keys"),
                    keys,
                    "entries must all be names of item properties",
                )
            )
        elif props[k].get("type") in ("array", "object"):
            detail = "must be a scalar type if parent array's x-kubernetes-list-type is map"
            errors.append(invalid(child(prop_path, "type"), items.get("type"), detail))
        elif k not in (items.get("required") or []) and "default" not in props[k]:
            detail = (
                "this property is in x-kubernetes-list-map-keys, so it must have a default "
                "or be a required property"
            )
            errors.append(required(child(prop_path, "default"), detail))
        if k in seen:
            errors.append(
                invalid(child(path, "x-kubernetes-list-map-keys"), keys, "must not contain duplicate entries")
            )
        seen.add(k)
    return errors


def _rule_fields(s: Mapping[str, Any], path: str) -> list[FieldError]:
    """x-kubernetes-validations entries: rule present, messages single-line, a supported reason."""
    errors = []
    for i, rule in enumerate(s.get("x-kubernetes-validations") or []):
        base = index(child(path, "x-kubernetes-validations"), i)
        text, message = str(rule.get("rule") or "").strip(), str(rule.get("message") or "")
        if not text:
            errors.append(required(child(base, "rule"), "rule is not specified"))
        elif message and not message.strip():
            errors.append(invalid(child(base, "message"), message, "message must be non-empty if specified"))
        elif "\n" in message.strip() or "\r" in message.strip():
            errors.append(invalid(child(base, "message"), message, "message must not contain line breaks"))
        elif ("\n" in text or "\r" in text) and not message.strip():
            errors.append(
                required(child(base, "message"), "message must be specified if rule contains line breaks")
            )
        expression = rule.get("messageExpression")
        if expression is not None and expression != "" and not str(expression).strip():
            errors.append(
                required(child(base, "messageExpression"), "messageExpression must be non-empty if specified")
            )
        if rule.get("reason") is not None and rule["reason"] not in RULE_REASONS:
            errors.append(not_supported(child(base, "reason"), rule["reason"], RULE_REASONS))
    return errors
