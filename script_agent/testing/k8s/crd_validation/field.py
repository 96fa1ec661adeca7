"""Field errors worded like k8s.io/apimachinery's `field.Error`, so messages match a real apiserver's.

A real 422 reads `CustomResourceDefinition.apiextensions.k8s.io "x" is invalid: <path>: <Type>: <detail>`;
kubectl users and tests grep for those strings, so the emulator reproduces the format (including
Go's `%q` / `%#v` rendering of the bad value) instead of inventing its own.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from typing import Any

REQUIRED = "Required value"
INVALID = "Invalid value"
NOT_SUPPORTED = "Unsupported value"
FORBIDDEN = "Forbidden"
TOO_LONG = "Too long"
TOO_MANY = "Too many"
DUPLICATE = "Duplicate value"

# field.ErrorType -> the `reason` of a StatusCause (what `details.causes[].reason` says).
_CAUSE = {
    REQUIRED: "FieldValueRequired",
    INVALID: "FieldValueInvalid",
    NOT_SUPPORTED: "FieldValueNotSupported",
    FORBIDDEN: "FieldValueForbidden",
    TOO_LONG: "FieldValueTooLong",
    TOO_MANY: "FieldValueTooMany",
    DUPLICATE: "FieldValueDuplicate",
}
_NO_VALUE = (REQUIRED, FORBIDDEN, TOO_LONG)
_UNSET = object()


def child(path: str, *names: str) -> str:
    """`field.Path.Child`: dotted segments."""
    return ".".join((path, *names)) if path else ".".join(names)


def key(path: str, name: str) -> str:
    """`field.Path.Key`: a map key in brackets, e.g. properties[metadata]."""
    return f"{path}[{name}]"


def index(path: str, i: int) -> str:
    return f"{path}[{i}]"


def go_repr(value: Any) -> str:
    """Go's `%#v` of a decoded JSON value (what the apiserver prints for a non-scalar bad value)."""
    if value is None:
        return "interface {}(nil)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        items = ", ".join(f"{json.dumps(k)}:{go_repr(v)}" for k, v in sorted(value.items()))
        return f"map[string]interface {{}}{{{items}}}"
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(go_repr(v) for v in value) + "}"
    return str(value)


class GoValue(str):
    """A value already rendered the Go way (e.g. a struct literal): printed as is, never quoted."""


def render_value(value: Any) -> str:
    """`field.Error.ErrorBody`'s value rendering: %v for numbers and bools, %q for strings, else %#v."""
    if isinstance(value, GoValue):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return go_repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return go_repr(value)


def quoted_list(values: Iterable[Any]) -> str:
    return ", ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, str) else str(v) for v in values)


@dataclasses.dataclass(frozen=True)
class FieldError:
    """One validation failure at one field path."""

    type: str
    field: str
    detail: str = ""
    value: Any = _UNSET

    def body(self) -> str:
        text = self.type
        if self.type not in _NO_VALUE:
            text += ": " + render_value(None if self.value is _UNSET else self.value)
        return f"{text}: {self.detail}" if self.detail else text

    def __str__(self) -> str:
        return f"{self.field}: {self.body()}"

    def cause(self) -> dict[str, str]:
        return {
            "reason": _CAUSE.get(self.type, "FieldValueInvalid"),
            "message": self.body(),
            "field": self.field,
        }


def required(path: str, detail: str = "") -> FieldError:
    return FieldError(REQUIRED, path, detail)


def invalid(path: str, value: Any, detail: str) -> FieldError:
    return FieldError(INVALID, path, detail, value)


def forbidden(path: str, detail: str) -> FieldError:
    return FieldError(FORBIDDEN, path, detail)


def not_supported(path: str, value: Any, supported: Iterable[str]) -> FieldError:
    return FieldError(NOT_SUPPORTED, path, "supported values: " + quoted_list(supported), value)


def too_long(path: str, max_length: int) -> FieldError:
    return FieldError(TOO_LONG, path, f"may not be more than {max_length} bytes")


def too_many(path: str, actual: int, max_items: int) -> FieldError:
    return FieldError(TOO_MANY, path, f"must have at most {max_items} items", actual)


def aggregate(errors: list[FieldError]) -> str:
    """`utilerrors.NewAggregate(...).Error()`: one error as is, several in brackets."""
    texts = list(dict.fromkeys(str(e) for e in errors))
    return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"
