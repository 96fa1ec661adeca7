"""Validate a JSON value against a structural schema with the apiserver's wording for each failure.

Used for schema defaults at CRD creation: the apiserver validates each default with the same
OpenAPI validator (kube-openapi) as custom resources, so a wrong default reads like a wrong field:
`...default: Invalid value: "string": ...default in body must be of type integer: "string"`.
`format` is not checked (as for custom resources in the emulator).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .field import FieldError, child, invalid, not_supported, required, too_long, too_many


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _type_ok(value: Any, schema: Mapping[str, Any]) -> bool:
    expected, actual = schema.get("type"), json_type(value)
    if schema.get("x-kubernetes-int-or-string"):
        return actual in ("integer", "string")
    if not expected or (actual == "null" and schema.get("nullable")):
        return True
    return actual == expected or (expected == "number" and actual == "integer")


def validate_value(value: Any, schema: Mapping[str, Any], path: str) -> list[FieldError]:
    if not _type_ok(value, schema):
        detail = f'{path} in body must be of type {schema.get("type")}: "{json_type(value)}"'
        return [_type_invalid(path, json_type(value), detail)]
    errors = _scalar(value, schema, path)
    if isinstance(value, Mapping):
        errors += _object(value, schema, path)
    elif isinstance(value, list):
        errors += _array(value, schema, path)
    return errors


def _type_invalid(path: str, type_name: str, detail: str) -> FieldError:
    """field.TypeInvalid renders like field.Invalid."""
    return invalid(path, type_name, detail)


def _scalar(value: Any, schema: Mapping[str, Any], path: str) -> list[FieldError]:
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(not_supported(path, value, [str(v) for v in schema["enum"]]))
    if isinstance(value, str):
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.append(too_long(path, schema["maxLength"]))
        if "minLength" in schema and len(value) < schema["minLength"]:
            errors.append(
                invalid(path, value, f"{path} in body should be at least {schema['minLength']} chars long")
            )
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(invalid(path, value, f"{path} in body should match '{schema['pattern']}'"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        errors += _bounds(value, schema, path)
    return errors


def _bounds(value: float, schema: Mapping[str, Any], path: str) -> list[FieldError]:
    errors = []
    if "maximum" in schema:
        exclusive = bool(schema.get("exclusiveMaximum"))
        if value > schema["maximum"] or (exclusive and value == schema["maximum"]):
            word = "less than" if exclusive else "less than or equal to"
            errors.append(invalid(path, value, f"{path} in body should be {word} {schema['maximum']}"))
    if "minimum" in schema:
        exclusive = bool(schema.get("exclusiveMinimum"))
        if value < schema["minimum"] or (exclusive and value == schema["minimum"]):
            word = "greater than" if exclusive else "greater than or equal to"
            errors.append(invalid(path, value, f"{path} in body should be {word} {schema['minimum']}"))
    if schema.get("multipleOf") and (value / schema["multipleOf"]) % 1:
        errors.append(invalid(path, value, f"{path} in body should be a multiple of {schema['multipleOf']}"))
    return errors


def _object(value: Mapping[str, Any], schema: Mapping[str, Any], path: str) -> list[FieldError]:
    errors = [required(child(path, name)) for name in schema.get("required") or [] if name not in value]
    props, extra = schema.get("properties") or {}, schema.get("additionalProperties")
    for name, item in value.items():
        if name in props:
            errors += validate_value(item, props[name], child(path, name))
        elif isinstance(extra, Mapping):
            errors += validate_value(item, extra, child(path, name))
    if "maxProperties" in schema and len(value) > schema["maxProperties"]:
        errors.append(too_many(path, len(value), schema["maxProperties"]))
    return errors


def _array(value: list[Any], schema: Mapping[str, Any], path: str) -> list[FieldError]:
    errors = []
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        errors.append(too_many(path, len(value), schema["maxItems"]))
    if "minItems" in schema and len(value) < schema["minItems"]:
        errors.append(invalid(path, value, f"{path} in body should have at least {schema['minItems']} items"))
    if isinstance(schema.get("items"), Mapping):
        for i, item in enumerate(value):
            errors += validate_value(item, schema["items"], f"{path}[{i}]")
    return errors
