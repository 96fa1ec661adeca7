"""Evaluate a CRD's x-kubernetes-validations on custom-resource create and update, like the apiserver.

Without this, the ScriptJob CRD's `self == oldSelf` (spec immutability) and the product/influencer
rules only existed on a real cluster. Semantics follow the apiextensions apiserver:

- each rule runs with `self` bound to every value its schema node matches (each list item, each map
  value); a false result is `<path>: Invalid value: "<type>": <message>` (or `failed rule: <rule>`),
  with `reason`/`fieldPath` honoured;
- transition rules (those using `oldSelf`) run only on update and only where the old value
  correlates: same property path, or the same keys in a `x-kubernetes-list-type: map` list;
- ratcheting: on update a value equal to its old value is not re-validated.

Rules run on cel-rust (`cel`), with its cel-go-compatible extension library added when a rule calls
functions beyond the core. Compiled programs are cached (bounded).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import cel as celrs
from cel.stdlib import add_stdlib_to_context
from kmock import KubernetesError

from .crd_validation.field import DUPLICATE, FieldError, aggregate, child, forbidden, invalid, required
from .crd_validation.values import json_type

JsonDict = dict[str, Any]
Admission = Callable[[JsonDict, JsonDict | None], None]
_MISSING = object()
_CORE = frozenset({"size", "has", "all", "exists", "exists_one", "map", "filter", "matches", "startsWith",
                   "endsWith", "contains", "int", "uint", "double", "string", "bytes", "bool", "duration",
                   "timestamp", "type", "dyn"})  # fmt: skip


@functools.lru_cache(maxsize=512)
def _program(rule: str) -> tuple[Any, bool, bool]:
    """(program, uses oldSelf, needs the extension library); program None when cel-rust cannot parse it."""
    try:
        program = celrs.compile(rule)
    except (ValueError, RuntimeError):
        return None, False, False
    extended = any(f[:1].isalpha() and f not in _CORE for f in program.functions())
    return program, "oldSelf" in program.variables(), extended


_HOOKS: dict[int, tuple[Mapping[str, Any], Admission | None]] = {}  # per schema object (a handful)
_HOOKS_MAX = 64


def cel_admission(schema: Mapping[str, Any]) -> Admission | None:
    """The admission hook for one CRD version's schema (cached), or None when it declares no rules."""
    cached = _HOOKS.get(id(schema))
    if cached is None or cached[0] is not schema:
        if len(_HOOKS) >= _HOOKS_MAX:
            _HOOKS.clear()
        cached = _HOOKS[id(schema)] = (schema, _build(schema) if _has_rules(schema) else None)
    return cached[1]


def _build(schema: Mapping[str, Any]) -> Admission:

    def admit(obj: JsonDict, old: JsonDict | None) -> None:
        errors: list[FieldError] = []
        for name, sub in (schema.get("properties") or {}).items():
            if name not in ("apiVersion", "kind", "metadata") and isinstance(sub, Mapping) and name in obj:
                old_value = old.get(name, _MISSING) if old is not None else _MISSING
                _walk(sub, obj[name], old_value, name, errors)
        _rules(schema, obj, old if old is not None else _MISSING, "<nil>", errors)
        if errors:
            raise _invalid(obj, errors)

    return admit


def _has_rules(schema: Any) -> bool:
    if not isinstance(schema, Mapping):
        return False
    if schema.get("x-kubernetes-validations"):
        return True
    subs = [
        *(schema.get("properties") or {}).values(),
        schema.get("items"),
        schema.get("additionalProperties"),
    ]
    return any(_has_rules(s) for s in subs)


def _walk(s: Mapping[str, Any], new: Any, old: Any, path: str, errors: list[FieldError]) -> None:
    if old is not _MISSING and new == old:
        return  # ratcheting: an unchanged value is not re-validated
    _rules(s, new, old, path, errors)
    if isinstance(new, dict):
        old_map = old if isinstance(old, dict) else {}
        for name, sub in (s.get("properties") or {}).items():
            if name in new and isinstance(sub, Mapping):
                _walk(sub, new[name], old_map.get(name, _MISSING), child(path, name), errors)
        extra = s.get("additionalProperties")
        if isinstance(extra, Mapping):
            for name, value in new.items():
                _walk(extra, value, old_map.get(name, _MISSING), f"{path}[{name}]", errors)
    elif isinstance(new, list) and isinstance(s.get("items"), Mapping):
        olds = _correlate(s, new, old)
        for i, item in enumerate(new):
            _walk(s["items"], item, olds[i], f"{path}[{i}]", errors)


def _correlate(s: Mapping[str, Any], new: list[Any], old: Any) -> list[Any]:
    """Old items for new ones: by key in a map list, none otherwise (only map lists correlate)."""
    keys = s.get("x-kubernetes-list-map-keys") or []
    if s.get("x-kubernetes-list-type") != "map" or not isinstance(old, list) or not keys:
        return [_MISSING] * len(new)

    def key_of(item: Any) -> tuple[Any, ...] | None:
        return tuple(item.get(k) for k in keys) if isinstance(item, dict) else None

    by_key = {key_of(item): item for item in old}
    return [by_key.get(key_of(item), _MISSING) for item in new]


def _rules(s: Mapping[str, Any], new: Any, old: Any, path: str, errors: list[FieldError]) -> None:
    for rule in s.get("x-kubernetes-validations") or []:
        program, uses_old, extended = _program(str(rule.get("rule") or ""))
        if program is None or (uses_old and old is _MISSING):
            continue
        context: Any = {"self": new, "oldSelf": old} if uses_old else {"self": new}
        if extended:
            context = _extended(context)
        try:
            ok = program.execute(context)
        except Exception as exc:  # an evaluation error is a validation failure, as in the apiserver
            errors.append(invalid(path, json_type(new), str(exc)))
            continue
        if ok is not True:
            errors.append(_failure(rule, new, path))


def _extended(variables: Mapping[str, Any]) -> Any:
    context = celrs.Context(variables=dict(variables))
    add_stdlib_to_context(context)
    return context


def _failure(rule: Mapping[str, Any], value: Any, path: str) -> FieldError:
    message = str(rule.get("message") or "").strip() or f"failed rule: {rule.get('rule')}"
    where = path + str(rule.get("fieldPath") or "") if rule.get("fieldPath") else path
    reason = rule.get("reason")
    if reason == "FieldValueForbidden":
        return forbidden(where, message)
    if reason == "FieldValueRequired":
        return required(where, message)
    if reason == "FieldValueDuplicate":
        return FieldError(DUPLICATE, where, message, json_type(value))
    return invalid(where, json_type(value), message)


def _invalid(obj: JsonDict, errors: list[FieldError]) -> KubernetesError:
    api_version, kind = str(obj.get("apiVersion") or ""), str(obj.get("kind") or "")
    group = api_version.split("/")[0] if "/" in api_version else ""
    name = str((obj.get("metadata") or {}).get("name") or "")
    message = f'{kind}.{group} "{name}" is invalid: {aggregate(errors)}'
    details = {"name": name, "group": group, "kind": kind, "causes": [e.cause() for e in errors]}
    return KubernetesError(status=422, reason="Invalid", message=message, details=details)
