"""A coarse static cost estimate for CEL rules, in the apiserver's units and against its limits.

The apiserver multiplies each rule's worst-case cost by how often its node can occur in one object;
both grow with unbounded lists and strings (it assumes a 3 MiB request). Without cel-go's checker,
this estimate counts the parts that dominate: comprehensions over lists (times their maxItems),
string scans (a tenth of a cost unit per byte of maxLength), times the node's cardinality. It errs
high for sequential comprehensions (it multiplies them). What it is for: the classic mistake, a
rule iterating an array without maxItems or scanning a string without maxLength, is rejected with
the apiserver's message, and a schema that bounds them is accepted.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from typing import Any

from .field import FieldError, forbidden

PER_RULE_LIMIT = 10_000_000  # StaticEstimatedCostLimit
TOTAL_LIMIT = 100_000_000  # StaticEstimatedCRDCostLimit
MAX_REQUEST_BYTES = 3 * 1024 * 1024
UNBOUNDED_ITEMS = MAX_REQUEST_BYTES // 3  # smallest list element on the wire: `"",` / `{},`
_COMPREHENSION = re.compile(r"((?:self|oldSelf)(?:\.[A-Za-z_]\w*)*)\.(?:all|exists|exists_one|map|filter)\(")
_STRING_SCAN = re.compile(r"\.(?:matches|contains|startsWith|endsWith|split|replace|find|findAll|indexOf)\(")
_TOTAL_REPORTED = 4


def exceeded(name: str, estimated: float, limit: int) -> str:
    """getCostErrorMessage's wording."""
    factor = estimated / limit
    shown = "more than 100x" if factor > 100 else f"{factor:f}x" if factor < 1.5 else f"{factor:.1f}x"
    return (
        f"{name} exceeds budget by factor of {shown} (try simplifying the rule, or adding maxItems, "
        "maxProperties, and maxLength where arrays, maps, and strings are declared)"
    )


def _resolve(schema: Mapping[str, Any], chain: str) -> Mapping[str, Any] | None:
    node: Mapping[str, Any] | None = schema
    for name in chain.split(".")[1:]:
        node = ((node or {}).get("properties") or {}).get(name)
    return node


def _length(node: Mapping[str, Any] | None) -> int:
    if not node or node.get("type") != "string":
        return 0
    return int(node.get("maxLength") or MAX_REQUEST_BYTES)


def estimate(rule: str, schema: Mapping[str, Any], cardinality: int | None) -> int:
    """Worst-case cost of one rule over one object."""
    factor, scanned = 1, _length(schema)
    for match in _COMPREHENSION.finditer(rule):
        target = _resolve(schema, match.group(1))
        if target is not None and target.get("type") == "array":
            factor *= int(target.get("maxItems") or UNBOUNDED_ITEMS)
            scanned = max(scanned, _length(target.get("items")))
        elif target is not None and target.get("type") == "object" and "additionalProperties" in target:
            factor *= int(target.get("maxProperties") or UNBOUNDED_ITEMS)
    per_value = 1 + len(_STRING_SCAN.findall(rule)) * math.ceil(scanned * 0.1)
    return factor * per_value * (UNBOUNDED_ITEMS if cardinality is None else cardinality)


@dataclasses.dataclass
class CostTally:
    """The running total over a whole schema, and the rules that contribute most."""

    total: int = 0
    rules: list[tuple[int, str]] = dataclasses.field(default_factory=list)

    def observe(self, path: str, estimated: int) -> None:
        self.total += estimated
        self.rules.append((estimated, path))

    def errors(self, schema_path: str) -> list[FieldError]:
        if self.total <= TOTAL_LIMIT:
            return []
        detail = "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema"
        top = sorted(self.rules, key=lambda pair: -pair[0])[:_TOTAL_REPORTED]
        errors = [forbidden(path, detail) for _, path in top]
        name = "x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema"
        return [*errors, forbidden(schema_path, exceeded(name, self.total, TOTAL_LIMIT))]
