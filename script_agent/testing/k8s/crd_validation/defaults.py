"""Schema defaults must be values the schema accepts, and must survive pruning (ValidateDefaults).

A default the schema rejects would make every object that omits the field invalid; a default with
fields the schema does not declare would be silently pruned on every write. The apiserver refuses
both at CRD creation, and so does the emulator.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ..objects import prune
from .field import FieldError, child, invalid, key
from .values import validate_value

_ROOT_META = ("metadata", "kind", "apiVersion")


def validate_defaults(schema: Mapping[str, Any], path: str) -> list[FieldError]:
    return _walk(schema, path, is_root=True)


def _walk(s: Mapping[str, Any], path: str, *, is_root: bool = False) -> list[FieldError]:
    errors = _check(s, path) if "default" in s else []
    for name, sub in sorted((s.get("properties") or {}).items()):
        if isinstance(sub, Mapping) and not (is_root and name in _ROOT_META):
            errors += _walk(sub, key(child(path, "properties"), name))
    if isinstance(s.get("items"), Mapping):
        errors += _walk(s["items"], child(path, "items"))
    if isinstance(s.get("additionalProperties"), Mapping):
        errors += _walk(s["additionalProperties"], child(path, "additionalProperties"))
    return errors


def _check(s: Mapping[str, Any], path: str) -> list[FieldError]:
    default, default_path = s["default"], child(path, "default")
    if isinstance(default, dict | list) and prune(copy.deepcopy(default), _prunable(s)) != default:
        return [invalid(default_path, default, "must not have unknown fields")]
    return validate_value(default, s, default_path)


def _prunable(s: Mapping[str, Any]) -> Mapping[str, Any]:
    """objects.prune keeps everything for an empty schema; a typed node without properties keeps nothing."""
    if s.get("type") == "object" and not s.get("properties") and "additionalProperties" not in s:
        return {**s, "properties": {}} if not s.get("x-kubernetes-preserve-unknown-fields") else s
    return s
