"""Where a v1 CRD's per-version parts sit in the apiserver's internal representation.

The apiserver validates the *internal* CRD: when every version carries an identical schema (always
so with one version), conversion hoists it to `spec.validation`, and likewise identical printer
columns to `spec.additionalPrinterColumns` and subresources to `spec.subresources`. That is why a
single-version CRD's error reads `spec.validation.openAPIV3Schema.properties[metadata]` although
the YAML says `spec.versions[0].schema`. The emulator reports the same paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from .field import child, index

JsonDict = dict[str, Any]


def _versions(crd: Mapping[str, Any]) -> list[JsonDict]:
    versions = (crd.get("spec") or {}).get("versions")
    return [v for v in versions if isinstance(v, dict)] if isinstance(versions, list) else []


def _identical(values: list[Any]) -> bool:
    return bool(values) and all(v is not None and v != [] and v == values[0] for v in values)


def schemas(crd: Mapping[str, Any]) -> list[tuple[str, JsonDict, JsonDict]]:
    """(path of openAPIV3Schema, the schema, its version) for each schema to validate."""
    versions = _versions(crd)
    found = [(v.get("schema") or {}).get("openAPIV3Schema") for v in versions]
    if _identical(found):  # whatever it is: a schema that is not an object is reported downstream
        return [("spec.validation.openAPIV3Schema", cast(JsonDict, found[0]), versions[0])]
    return [
        (child(index("spec.versions", i), "schema", "openAPIV3Schema"), s, versions[i])
        for i, s in enumerate(found)
        if isinstance(s, dict)
    ]


def printer_columns(crd: Mapping[str, Any]) -> list[tuple[str, JsonDict]]:
    """(path, column) for every additional printer column."""
    versions = _versions(crd)
    found = [v.get("additionalPrinterColumns") or [] for v in versions]
    if _identical(found):
        return [(index("spec.additionalPrinterColumns", j), c) for j, c in enumerate(found[0])]
    return [
        (index(child(index("spec.versions", i), "additionalPrinterColumns"), j), c)
        for i, cols in enumerate(found)
        for j, c in enumerate(cols)
    ]


def status_enabled(version: Mapping[str, Any]) -> bool:
    return "status" in (version.get("subresources") or {})
