"""Pure helpers on Kubernetes object dicts: patches, defaults, names, timestamps, CRD discovery info.

No I/O and no event loop here, so every rule the emulator applies is testable as a plain function.
"""

from __future__ import annotations

import copy
import datetime
import secrets
import string
from collections.abc import Mapping
from typing import Any

import jsonpatch
import jsonschema
import orjson

JsonDict = dict[str, Any]

_NAME_ALPHABET = string.ascii_lowercase + string.digits
# Fields of metadata that only the API server writes; client patches to them are ignored.
SERVER_OWNED_METADATA = ("uid", "creationTimestamp", "generation", "deletionTimestamp", "resourceVersion")


# Compiled validators per CRD schema object (a handful per process; the schema is kept alive with it).
_VALIDATORS: dict[tuple[str, int], tuple[Mapping[str, Any], jsonschema.Draft4Validator]] = {}


class PatchTestFailed(Exception):
    """A JSON-patch `test` op did not hold (the API server answers 422 Unprocessable Entity)."""


class PatchInvalid(Exception):
    """A patch cannot be applied at all (bad path, bad document): also a 422."""


def now_rfc3339() -> str:
    """UTC time the way the API server writes it (second precision, `Z` suffix)."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def generated_name(prefix: str) -> str:
    """`metadata.generateName` semantics: the prefix plus five random lowercase alphanumerics."""
    return prefix + "".join(secrets.choice(_NAME_ALPHABET) for _ in range(5))


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch: dicts merge recursively, `null` deletes, anything else replaces."""
    if not isinstance(patch, Mapping):
        return copy.deepcopy(patch)
    result: JsonDict = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def json_patch(target: JsonDict, ops: list[JsonDict]) -> JsonDict:
    """RFC 6902 JSON patch; a failed `test` op and an unappliable op are distinguished for the caller."""
    try:
        patched: JsonDict = jsonpatch.apply_patch(target, ops, in_place=False)  # copies `target` itself
        return patched
    except jsonpatch.JsonPatchTestFailed as exc:
        raise PatchTestFailed(str(exc)) from exc
    except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException, TypeError, KeyError) as exc:
        raise PatchInvalid(str(exc)) from exc


def apply_defaults(obj: Any, schema: Mapping[str, Any]) -> Any:
    """Structural-schema defaulting as the API server does it: fill absent properties that have a default.

    Only objects that are present are descended into (a default never creates a parent object unless
    the parent itself has a default), matching apiextensions-apiserver behaviour.
    """
    if isinstance(obj, dict):
        for key, sub in (schema.get("properties") or {}).items():
            if key not in obj and "default" in sub:
                obj[key] = copy.deepcopy(sub["default"])
            if key in obj:
                apply_defaults(obj[key], sub)
    elif isinstance(obj, list) and isinstance(schema.get("items"), Mapping):
        for item in obj:
            apply_defaults(item, schema["items"])
    return obj


def without(obj: Mapping[str, Any], *keys: str) -> JsonDict:
    """A shallow copy without some top-level keys (used to compare "everything but status")."""
    return {key: value for key, value in obj.items() if key not in keys}


def crd_discovery(crd: Mapping[str, Any]) -> list[tuple[str, JsonDict]]:
    """Discovery entries (`group/version/plural`, ResourceInfo kwargs) for every served CRD version."""
    spec = crd["spec"]
    names = spec["names"]
    entries = []
    for version in spec["versions"]:
        if not version.get("served", True):
            continue
        info = {
            "kind": names["kind"],
            "singular": names.get("singular", names["kind"].lower()),
            "namespaced": spec.get("scope", "Namespaced") == "Namespaced",
            "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            "shortnames": names.get("shortNames", []),
            "categories": names.get("categories", []),
            "subresources": sorted((version.get("subresources") or {}).keys()),
        }
        entries.append((f"{spec['group']}/{version['name']}/{names['plural']}", info))
    return entries


def crd_schema(crd: Mapping[str, Any], version: str) -> JsonDict:
    """The openAPIV3Schema of one CRD version (empty when the version declares none)."""
    for item in crd["spec"]["versions"]:
        if item["name"] == version:
            return dict((item.get("schema") or {}).get("openAPIV3Schema") or {})
    return {}


def prune(value: Any, schema: Mapping[str, Any]) -> Any:
    """Structural pruning: drop fields the schema does not declare (as the API server does for CRDs).

    `x-kubernetes-preserve-unknown-fields: true` keeps unknown fields; `additionalProperties`
    schemas (maps) are descended into. An empty schema (resource without one) prunes nothing.
    """
    if not schema:
        return value
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        additional = schema.get("additionalProperties")
        keep_unknown = bool(schema.get("x-kubernetes-preserve-unknown-fields")) or additional is True
        out: JsonDict = {}
        for key, sub in value.items():
            if key in props:
                out[key] = prune(sub, props[key])
            elif isinstance(additional, Mapping):
                out[key] = prune(sub, additional)
            elif keep_unknown:
                out[key] = sub
        return out
    if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        return [prune(item, schema["items"]) for item in value]
    return value


def prune_object(obj: JsonDict, schema: Mapping[str, Any]) -> JsonDict:
    """Prune a whole object; apiVersion, kind and metadata are never pruned (ObjectMeta is server-owned)."""
    if not schema:
        return obj
    body: JsonDict = prune(without(obj, "apiVersion", "kind", "metadata"), schema)
    return {key: obj[key] for key in ("apiVersion", "kind", "metadata") if key in obj} | body


def schema_errors(obj: JsonDict, schema: Mapping[str, Any], limit: int = 5) -> list[str]:
    """OpenAPI v3 validation of a whole object (types, enums, bounds, required, patterns).

    Read as JSON Schema draft 4, which the structural subset of OpenAPI v3 is; the
    x-kubernetes-* keywords (including CEL rules) are ignored: CEL is not evaluated here.

    Every write validates the whole object, as the API server does; what is saved is re-doing
    the same work. Validation is a pure function of (schema, value), and most writes change one
    top-level field (a /status patch leaves spec and metadata as they were), so the root is
    checked on its own and each top-level property's errors are remembered by the property's
    JSON text (`_property_errors`). Same value, same answer: nothing is skipped. A root schema
    whose keywords relate properties to each other (additionalProperties, patternProperties,
    combinators, $ref) is validated in one piece instead.
    """
    if not schema:
        return []
    found: list[tuple[list[Any], str]] = []
    properties = schema.get("properties")
    if isinstance(properties, Mapping) and _splittable(schema):
        root = {key: value for key, value in schema.items() if key != "properties"}
        found += _errors(_validator(root, ("root", id(schema))), obj)
        for key, value in obj.items():
            sub = properties.get(key)
            if isinstance(sub, Mapping):
                found += [([key, *path], message) for path, message in _property_errors(sub, key, value)]
    else:
        found = _errors(_validator(schema, ("whole", id(schema))), obj)
    found.sort(key=lambda error: error[0])
    return [f"{'.'.join(str(p) for p in path) or '<root>'}: {message}" for path, message in found[:limit]]


# Root keywords that make one property's validity depend on the others (or on definitions).
_ENTANGLED = frozenset(
    {"additionalProperties", "patternProperties", "allOf", "anyOf", "oneOf", "not", "$ref"}
)
_ERRORS_KEPT = 4096
# (id of the property's schema, property, its JSON) -> (that schema, kept alive so the id stays its, errors)
_PROPERTY_ERRORS: dict[tuple[int, str, bytes], tuple[Mapping[str, Any], list[tuple[list[Any], str]]]] = {}


_SPLITTABLE: dict[int, tuple[Mapping[str, Any], bool]] = {}


def _splittable(schema: Mapping[str, Any]) -> bool:
    kept = _SPLITTABLE.get(id(schema))
    if kept is None or kept[0] is not schema:
        whole = not _ENTANGLED.intersection(schema) and not _has_ref(schema)
        kept = _SPLITTABLE[id(schema)] = (schema, whole)
    return kept[1]


def _has_ref(schema: Any) -> bool:
    if isinstance(schema, Mapping):
        return "$ref" in schema or any(_has_ref(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_has_ref(v) for v in schema)
    return False


def _validator(schema: Mapping[str, Any], key: tuple[str, int]) -> jsonschema.Draft4Validator:
    """Compiled validators, per schema (a handful per process). An id is reused only once its object
    is gone, so a kept schema that is neither this one nor equal to it means: compile anew."""
    cached = _VALIDATORS.get(key)
    if cached is None or (cached[0] is not schema and cached[0] != schema):
        cached = _VALIDATORS[key] = (schema, jsonschema.Draft4Validator(schema))
    return cached[1]


def _errors(validator: jsonschema.Draft4Validator, value: Any) -> list[tuple[list[Any], str]]:
    return [(list(e.absolute_path), e.message) for e in validator.iter_errors(value)]


def _property_errors(schema: Mapping[str, Any], key: str, value: Any) -> list[tuple[list[Any], str]]:
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # not JSON (only a test's hand-made object): validate it as it is
        return _errors(_validator(schema, ("property", id(schema))), value)
    memo_key = (id(schema), key, text)
    kept = _PROPERTY_ERRORS.get(memo_key)
    if kept is None or kept[0] is not schema:
        if len(_PROPERTY_ERRORS) >= _ERRORS_KEPT:
            _PROPERTY_ERRORS.clear()
        errors = _errors(_validator(schema, ("property", id(schema))), value)
        kept = _PROPERTY_ERRORS[memo_key] = (schema, errors)
    return kept[1]
