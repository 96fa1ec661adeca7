"""Structural-schema invariants (apiextensions-apiserver pkg/apiserver/schema, ValidateStructural).

A structural schema is what lets the apiserver prune and default: every node typed, value
validations (allOf/anyOf/oneOf/not) only *restricting* what the structure already declares, root
metadata left to the server. The checks and their wording follow the apiserver's; errors are sorted
by their text, as it does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .field import FieldError, child, forbidden, index, invalid, key, required

ROOT, ITEM, FIELD = "root", "item", "field"
JUNCTORS = ("allOf", "anyOf", "oneOf")
_INT_OR_STRING_ANY_OF = [{"type": "integer"}, {"type": "string"}]
_EMPTY_TYPE = {
    ROOT: "must not be empty at the root",
    ITEM: "must not be empty for specified array items",
    FIELD: "must not be empty for specified object fields",
}
# Keywords a nested (junctor) schema may not carry, with the apiserver's detail for each.
_NESTED_FORBIDDEN = (
    ("type", "must be empty to be structural"),
    ("additionalProperties", "must be undefined to be structural"),
    ("default", "must be undefined to be structural"),
    ("title", "must be empty to be structural"),
    ("description", "must be empty to be structural"),
    ("nullable", "must be false to be structural"),
    ("externalDocs", "must be undefined to be structural"),
    ("x-kubernetes-preserve-unknown-fields", "must be false to be structural"),
    ("x-kubernetes-embedded-resource", "must be false to be structural"),
    ("x-kubernetes-int-or-string", "must be false to be structural"),
    ("x-kubernetes-list-map-keys", "must be empty to be structural"),
    ("x-kubernetes-list-type", "must be undefined to be structural"),
    ("x-kubernetes-map-type", "must be undefined to be structural"),
    ("x-kubernetes-validations", "must be empty to be structural"),
)
# What the root metadata schema may hold: its type, name/generateName restrictions, and a default
# (a default is reported separately, as "must not be set in top-level metadata").
_METADATA_OK_KEYS = {"type", "properties", "default"}


def _sub(schema: Any) -> Mapping[str, Any] | None:
    return schema if isinstance(schema, Mapping) else None


def _int_or_string_any_of(s: Mapping[str, Any]) -> bool:
    return s.get("anyOf") == _INT_OR_STRING_ANY_OF


def _int_or_string_all_of(s: Mapping[str, Any]) -> bool:
    all_of = s.get("allOf") or []
    return bool(all_of) and isinstance(all_of[0], Mapping) and all_of[0].get("anyOf") == _INT_OR_STRING_ANY_OF


def validate_structural(path: str, schema: Mapping[str, Any]) -> list[FieldError]:
    errors = _invariants(schema, ROOT, path) + _completeness(schema, path)
    return sorted(errors, key=str)


def _invariants(s: Mapping[str, Any], lvl: str, path: str) -> list[FieldError]:
    errors: list[FieldError] = []
    errors += _children(s, lvl, path)
    errors += _extensions(s, path)
    skip_any_of, skip_first_all_of = _int_or_string_any_of(s), _int_or_string_all_of(s)
    errors += _value_validation(s, skip_any_of, skip_first_all_of, path)
    errors += _typing(s, lvl, path)
    check_metadata = lvl == ROOT or bool(s.get("x-kubernetes-embedded-resource"))
    props = s.get("properties") or {}
    for name in ("kind", "apiVersion"):
        if check_metadata and isinstance(props.get(name), Mapping) and props[name].get("type") != "string":
            type_path = child(key(child(path, "properties"), name), "type")
            errors.append(invalid(type_path, props[name].get("type", ""), "must be string"))
    if isinstance(props.get("metadata"), Mapping):
        meta_path = key(child(path, "properties"), "metadata")
        errors += _metadata(props["metadata"], check_metadata, lvl, meta_path)
    embedded_without_fields = s.get("x-kubernetes-embedded-resource") and not s.get(
        "x-kubernetes-preserve-unknown-fields"
    )
    if embedded_without_fields and not props:
        detail = (
            "must not be empty if x-kubernetes-embedded-resource is true without "
            "x-kubernetes-preserve-unknown-fields"
        )
        errors.append(required(child(path, "properties"), detail))
    return errors


def _children(s: Mapping[str, Any], lvl: str, path: str) -> list[FieldError]:
    errors: list[FieldError] = []
    if s.get("type") == "array" and s.get("items") is None:
        errors.append(required(child(path, "items"), "must be specified"))
    if (items := _sub(s.get("items"))) is not None:
        errors += _invariants(items, ITEM, child(path, "items"))
    for name, sub in (s.get("properties") or {}).items():
        if (sub := _sub(sub)) is not None:
            errors += _invariants(sub, FIELD, key(child(path, "properties"), name))
    if s.get("additionalProperties") is not None and s.get("additionalProperties") is not True:
        if lvl == ROOT:
            errors.append(forbidden(child(path, "additionalProperties"), "must not be used at the root"))
        if (extra := _sub(s.get("additionalProperties"))) is not None:
            errors += _invariants(extra, FIELD, child(path, "additionalProperties"))
    elif s.get("additionalProperties") is True and lvl == ROOT:
        errors.append(forbidden(child(path, "additionalProperties"), "must not be used at the root"))
    return errors


def _extensions(s: Mapping[str, Any], path: str) -> list[FieldError]:
    errors = []
    if s.get("x-kubernetes-int-or-string") and s.get("x-kubernetes-preserve-unknown-fields"):
        detail = "must be false if x-kubernetes-int-or-string is true"
        errors.append(invalid(child(path, "x-kubernetes-preserve-unknown-fields"), True, detail))
    if s.get("x-kubernetes-int-or-string") and s.get("x-kubernetes-embedded-resource"):
        detail = "must be false if x-kubernetes-int-or-string is true"
        errors.append(invalid(child(path, "x-kubernetes-embedded-resource"), True, detail))
    return errors


def _typing(s: Mapping[str, Any], lvl: str, path: str) -> list[FieldError]:
    errors = []
    type_ = s.get("type") or ""
    embedded = bool(s.get("x-kubernetes-embedded-resource"))
    if embedded and type_ != "object":
        detail = "must be object if x-kubernetes-embedded-resource is true"
        errors.append(
            invalid(child(path, "type"), type_, detail) if type_ else required(child(path, "type"), detail)
        )
    elif (
        not type_
        and not s.get("x-kubernetes-int-or-string")
        and not s.get("x-kubernetes-preserve-unknown-fields")
    ):
        errors.append(required(child(path, "type"), _EMPTY_TYPE[lvl]))
    if embedded and s.get("additionalProperties") is not None:
        detail = "must not be used if x-kubernetes-embedded-resource is set"
        errors.append(forbidden(child(path, "additionalProperties"), detail))
    if lvl == ROOT and type_ and type_ != "object":
        errors.append(invalid(child(path, "type"), type_, "must be object at the root"))
    return errors


def _metadata(s: Mapping[str, Any], check_metadata: bool, lvl: str, path: str) -> list[FieldError]:
    """Root metadata may restrict name and generateName, nothing more (the server owns ObjectMeta)."""
    errors = []
    if check_metadata and s.get("type") != "object":
        errors.append(invalid(child(path, "type"), s.get("type", ""), "must be object"))
    if lvl != ROOT:
        return errors
    props = s.get("properties") or {}
    if set(s) - _METADATA_OK_KEYS or not set(props) <= {"name", "generateName"}:
        detail = (
            "must not specify anything other than name and generateName, but metadata is implicitly specified"
        )
        errors.append(forbidden(path, detail))
    return errors


def _value_validation(
    s: Mapping[str, Any], skip_any_of: bool, skip_first_all_of_any_of: bool, path: str
) -> list[FieldError]:
    errors: list[FieldError] = []
    for junctor in JUNCTORS:
        if junctor == "anyOf" and skip_any_of:
            continue
        for i, sub in enumerate(s.get(junctor) or []):
            if (sub := _sub(sub)) is not None:
                skip = junctor == "allOf" and i == 0 and skip_first_all_of_any_of
                errors += _nested(sub, skip, index(child(path, junctor), i))
    if (sub := _sub(s.get("not"))) is not None:
        errors += _nested(sub, False, child(path, "not"))
    return errors


def _nested(v: Mapping[str, Any], skip_any_of: bool, path: str) -> list[FieldError]:
    """A schema under a junctor: it may only restrict values, never declare structure."""
    errors = _value_validation(v, skip_any_of, False, path)
    if (items := _sub(v.get("items"))) is not None:
        errors += _nested(items, False, child(path, "items"))
    for name, sub in (v.get("properties") or {}).items():
        if (sub := _sub(sub)) is not None:
            errors += _nested(sub, False, key(child(path, "properties"), name))
    for keyword, detail in _NESTED_FORBIDDEN:
        if v.get(keyword) not in (None, False, "", []):
            errors.append(forbidden(child(path, keyword), detail))
    if "metadata" in (v.get("properties") or {}):
        metadata_path = key(child(path, "properties"), "metadata")
        errors.append(forbidden(metadata_path, "must not be specified in a nested context"))
    return errors


def _completeness(s: Mapping[str, Any], path: str) -> list[FieldError]:
    """Every property or items a value validation mentions must exist in the structure too."""
    errors: list[FieldError] = []
    errors += _complete_value_validation(s, s, path, path)
    if (items := _sub(s.get("items"))) is not None:
        errors += _completeness(items, child(path, "items"))
    for name, sub in (s.get("properties") or {}).items():
        if (sub := _sub(sub)) is not None:
            errors += _completeness(sub, key(child(path, "properties"), name))
    if (extra := _sub(s.get("additionalProperties"))) is not None:
        errors += _completeness(extra, child(path, "additionalProperties"))
    return errors


def _complete_value_validation(
    v: Mapping[str, Any], s: Mapping[str, Any] | None, s_path: str, v_path: str
) -> list[FieldError]:
    errors: list[FieldError] = []
    for junctor in JUNCTORS:
        for i, sub in enumerate(v.get(junctor) or []):
            if (sub := _sub(sub)) is not None:
                errors += _complete_nested(sub, s, s_path, index(child(v_path, junctor), i))
    if (sub := _sub(v.get("not"))) is not None:
        errors += _complete_nested(sub, s, s_path, child(v_path, "not"))
    return errors


def _complete_nested(
    v: Mapping[str, Any], s: Mapping[str, Any] | None, s_path: str, v_path: str
) -> list[FieldError]:
    if s is None:
        return [required(s_path, f"because it is defined in {v_path}")]
    errors = _complete_value_validation(v, s, s_path, v_path)
    if (items := _sub(v.get("items"))) is not None:
        errors += _complete_nested(
            items, _sub(s.get("items")), child(s_path, "items"), child(v_path, "items")
        )
    s_props = s.get("properties") or {}
    for name, sub in (v.get("properties") or {}).items():
        sp, vp = key(child(s_path, "properties"), name), key(child(v_path, "properties"), name)
        if name not in s_props:
            errors.append(required(sp, f"because it is defined in {vp}"))
        elif (sub := _sub(sub)) is not None:
            errors += _complete_nested(sub, _sub(s_props[name]), sp, vp)
    return errors
