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

JsonDict = dict[str, Any]

_NAME_ALPHABET = string.ascii_lowercase + string.digits
# Fields of metadata that only the API server writes; client patches to them are ignored.
SERVER_OWNED_METADATA = ("uid", "creationTimestamp", "generation", "deletionTimestamp", "resourceVersion")


# Compiled validators per CRD schema object (a handful per process; the schema is kept alive with it).
_VALIDATORS: dict[int, tuple[Mapping[str, Any], jsonschema.Draft4Validator]] = {}


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
        patched: JsonDict = jsonpatch.apply_patch(copy.deepcopy(target), ops, in_place=False)
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
    """
    if not schema:
        return []
    cached = _VALIDATORS.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = _VALIDATORS[id(schema)] = (schema, jsonschema.Draft4Validator(schema))
    validator = cached[1]
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path))
    return [f"{'.'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}" for e in errors[:limit]]
