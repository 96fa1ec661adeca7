"""CustomResourceDefinition validation as kube-apiserver's apiextensions does it on create and update.

The emulator used to store any CRD it was given, so a CRD a real cluster rejects (the ScriptJob
CRD's root `metadata.description`, issue 18) passed every test. `validate_crd` applies the
apiserver's rules — object and names (`crd_spec`), structural schema (`structural`), OpenAPI
keywords, list/map types and rule fields (`openapi`), defaults (`defaults`), printer columns
(`printer`), CEL compilation and cost (`cel`, `cost`) — and `invalid_error` turns the result into
the 422 a real apiserver sends, worded the same (`field`). README.md in the harness lists what is
and is not implemented.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kmock import KubernetesError

from . import crd_spec, layout, printer
from .cost import CostTally
from .defaults import validate_defaults
from .field import FieldError, aggregate
from .openapi import validate_schema
from .structural import validate_structural

__all__ = ["FieldError", "invalid_error", "validate_crd"]

GROUP, KIND = "apiextensions.k8s.io", "CustomResourceDefinition"


def validate_crd(crd: Mapping[str, Any], old: Mapping[str, Any] | None = None) -> list[FieldError]:
    """Every error the apiserver would report for this CRD (empty: it would be accepted)."""
    errors = crd_spec.validate_metadata(crd) + crd_spec.validate_spec(crd)
    for path, schema, version in layout.schemas(crd):
        errors += _schema_errors(path, schema, layout.status_enabled(version))
    errors += printer.validate_columns(layout.printer_columns(crd))
    if old is not None:
        errors += crd_spec.validate_update(crd, old)
    return errors


def _schema_errors(path: str, schema: Mapping[str, Any], status_enabled: bool) -> list[FieldError]:
    errors = crd_spec.validate_root(path, schema, status_enabled)
    errors += validate_structural(path, schema)
    if not errors:
        errors += validate_defaults(schema, path)
    cel_enabled = not errors
    tally = CostTally()
    checked = validate_schema(schema, path, cel_enabled=cel_enabled, tally=tally)
    errors += checked.schema + checked.cel
    return errors + (tally.errors(path) if cel_enabled else [])


def invalid_error(crd: Mapping[str, Any], errors: list[FieldError]) -> KubernetesError:
    """The 422 `Status` (reason Invalid, one cause per field error) the apiserver answers with."""
    name = str((crd.get("metadata") or {}).get("name") or "")
    message = f'{KIND}.{GROUP} "{name}" is invalid: {aggregate(errors)}'
    details = {"name": name, "group": GROUP, "kind": KIND, "causes": [e.cause() for e in errors]}
    return KubernetesError(status=422, reason="Invalid", message=message, details=details)
