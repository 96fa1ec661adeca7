"""What `kubectl get <kind> [-o wide]` prints for an object: its CRD's printer columns, evaluated.

kubectl asks the apiserver for a Table, which evaluates each column's JSONPath (client-go jsonpath)
on the object; tests use `row()` to check the columns a user sees, e.g. that `-o wide` shows why a
job failed. Supported paths: the grammar `crd_validation.printer` accepts (fields, indexes, `*`,
`[?(@.a == "x")]` filters); a path that matches nothing prints as an empty cell, as in kubectl.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_TOKEN = re.compile(
    r"\.([A-Za-z0-9_\-/]+)|\[(\d+|\*)\]|\[\?\(@((?:\.[A-Za-z0-9_\-]+)+)\s*(==|!=)\s*('[^']*'|\"[^\"]*\")\)\]"
)


def evaluate(path: str, obj: Any) -> list[Any]:
    """Every value the JSONPath selects (kubectl prints the first for a column)."""
    values, pos = [obj], 0
    while pos < len(path):
        match = _TOKEN.match(path, pos)
        if match is None:
            raise ValueError(f"unsupported JSONPath at {path[pos:]!r}: {path}")
        values = [v for value in values for v in _step(match, value)]
        pos = match.end()
    return values


def _step(match: re.Match[str], value: Any) -> list[Any]:
    name, item, filter_path, op, literal = match.groups()
    if name is not None:
        return [value[name]] if isinstance(value, Mapping) and name in value else []
    if item is not None:
        items = value if isinstance(value, list) else []
        return list(items) if item == "*" else items[int(item) : int(item) + 1]
    wanted = json.loads(literal) if literal.startswith('"') else literal[1:-1]
    out = []
    for element in value if isinstance(value, list) else []:
        got = evaluate(filter_path, element)
        if (op == "==") == (bool(got) and got[0] == wanted):
            out.append(element)
    return out


def row(crd: Mapping[str, Any], obj: Mapping[str, Any], *, wide: bool = False) -> dict[str, str]:
    """Column name -> cell text for the CRD's served version the object belongs to."""
    version = str(obj.get("apiVersion", "")).rpartition("/")[2]
    spec = next(v for v in crd["spec"]["versions"] if v["name"] == version)
    cells = {}
    for column in spec.get("additionalPrinterColumns") or []:
        if column.get("priority", 0) == 0 or wide:
            found = evaluate(column["jsonPath"], obj)
            cells[column["name"]] = "" if not found else str(found[0])
    return cells
