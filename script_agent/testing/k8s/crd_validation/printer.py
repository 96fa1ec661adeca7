"""additionalPrinterColumns: type, format, and a JSONPath kubectl can evaluate.

The apiserver checks name/type/format and that the path is a simple JSONPath starting with `.`;
it then parses the path with k8s.io/client-go/util/jsonpath to build the table it serves for
`kubectl get`. The emulator parses it at CRD validation already (a subset of that grammar: fields,
quoted keys, indexes, slices, `*`, `..`, and `[?(@.a == "x")]` filters), so a column that would
break `kubectl get` fails the test that installs the CRD instead of a user's terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .field import FieldError, child, invalid, required

TYPES = ("boolean", "date", "integer", "number", "string")
FORMATS = ("byte", "date", "date-time", "double", "float", "int32", "int64", "password")
_NAME = re.compile(r"[A-Za-z0-9_\-/]+|\*")
_INDEX = re.compile(r"^\s*(\*|-?\d+|-?\d*:-?\d*(?::-?\d*)?)\s*$")
_QUOTED_KEYS = re.compile(r"""^\s*('[^']*'|"[^"]*")(\s*,\s*('[^']*'|"[^"]*"))*\s*$""")
_FILTER = re.compile(
    r"""^\?\(\s*@((?:\.[A-Za-z0-9_\-]+)+)\s*(?:(==|!=|<=|>=|<|>|=~)\s*('[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|true|false))?\s*\)$"""
)


def validate_columns(columns: Sequence[tuple[str, Mapping[str, Any]]]) -> list[FieldError]:
    errors: list[FieldError] = []
    for path, column in columns:
        errors += _column(path, column)
    return errors


def _column(path: str, col: Mapping[str, Any]) -> list[FieldError]:
    errors = []
    if not col.get("name"):
        errors.append(required(child(path, "name")))
    type_ = col.get("type") or ""
    if not type_:
        errors.append(required(child(path, "type"), "must be one of " + ",".join(TYPES)))
    elif type_ not in TYPES:
        errors.append(invalid(child(path, "type"), type_, "must be one of " + ",".join(TYPES)))
    if col.get("format") and col["format"] not in FORMATS:
        errors.append(invalid(child(path, "format"), col["format"], "must be one of " + ",".join(FORMATS)))
    json_path, json_path_field = str(col.get("jsonPath") or ""), child(path, "JSONPath")
    if not json_path:
        errors.append(required(json_path_field))
    elif not json_path.startswith("."):
        errors.append(invalid(json_path_field, json_path, "must be a simple json path starting with ."))
    elif problem := parse_error(json_path):
        errors.append(invalid(json_path_field, json_path, problem))
    return errors


def parse_error(text: str) -> str | None:
    """None when `{text}` parses as a client-go JSONPath, else the parser's complaint."""
    pos = 0
    while pos < len(text):
        if text.startswith("..", pos):
            pos += 2
            match = _NAME.match(text, pos)
            if match is None:
                return f"unrecognized character in action: {_char(text, pos)}"
            pos = match.end()
        elif text[pos] == ".":
            match = _NAME.match(text, pos + 1)
            if match is None and pos + 1 < len(text):
                return f"unrecognized character in action: {_char(text, pos + 1)}"
            pos = match.end() if match else pos + 1
        elif text[pos] == "[":
            end = _closing_bracket(text, pos)
            if end < 0:
                return "unclosed array expect ]"
            if problem := _bracket(text[pos + 1 : end]):
                return problem
            pos = end + 1
        else:
            return f"unrecognized character in action: {_char(text, pos)}"
    return None


def _char(text: str, pos: int) -> str:
    ch = text[pos] if pos < len(text) else ""
    return f"U+{ord(ch):04X} {ch!r}" if ch else "EOF"


def _closing_bracket(text: str, start: int) -> int:
    depth, quote = 0, ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                return i if ch == "]" else -1
    return -1


def _bracket(inner: str) -> str | None:
    if _INDEX.match(inner) or _QUOTED_KEYS.match(inner):
        return None
    if inner.startswith("?"):
        return None if _FILTER.match(inner.strip()) else f"unrecognized filter: {inner}"
    return f"invalid array index {inner}"
