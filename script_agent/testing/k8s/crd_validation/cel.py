"""Compile x-kubernetes-validations rules the way the apiserver does at CRD create/update.

Parsing is cel-rust's (`cel` on PyPI, common-expression-language): the same ANTLR grammar as cel-go,
so a syntax error reads exactly like the apiserver's. cel-rust does no type checking, so three
checks cel-go's checker makes are done here on the parsed references: undeclared variables and
functions (against Kubernetes' CEL environment, `cel_env`), fields selected on `self`/`oldSelf`
that the schema does not declare, and `oldSelf` where old and new values cannot be correlated.
The cost check is an estimate in the apiserver's units (see `cost`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import cel as celrs

from . import cel_env, cost
from .cost import CostTally
from .field import FieldError, GoValue, child, forbidden, index, invalid

__all__ = ["CostTally", "check_rules", "compile_rule"]

_PARSE_PREFIX = re.compile(r"^Failed to parse expression .*?: (?=ERROR: )", re.DOTALL)
_STRING_LITERAL = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")
_RESOURCE_META = ("apiVersion", "kind", "metadata")
_SELECT_CHAIN = re.compile(r"(?<![\w.])(self|oldSelf)((?:\.[A-Za-z_]\w*)+)")


def go_rule(rule: Mapping[str, Any]) -> GoValue:
    """The %#v of apiextensions.ValidationRule, which the apiserver prints as the bad value."""

    def q(name: str) -> str:
        return json.dumps(str(rule.get(name) or ""), ensure_ascii=False)

    reason = "(*apiextensions.FieldValueErrorReason)(nil)" if rule.get("reason") is None else "(*string)(...)"
    old = "(*bool)(nil)" if rule.get("optionalOldSelf") is None else "(*bool)(...)"
    return GoValue(
        f"apiextensions.ValidationRule{{Rule:{q('rule')}, Message:{q('message')}, "
        f"MessageExpression:{q('messageExpression')}, Reason:{reason}, FieldPath:{q('fieldPath')}, "
        f"OptionalOldSelf:{old}}}"
    )


def _issue(source: str, offset: int, text: str) -> str:
    """cel-go's error rendering: position, message, the source line and a caret."""
    line_no = source.count("\n", 0, offset) + 1
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    line = source[start : end if end >= 0 else len(source)]
    column = offset - start
    return f"ERROR: <input>:{line_no}:{column + 1}: {text}\n | {line}\n | {'.' * column}^"


def _blank_strings(source: str) -> str:
    """The rule with string literals blanked out, so identifiers are only searched in code."""
    return _STRING_LITERAL.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], source)


def _first_use(code: str, name: str, call: bool) -> int:
    """Where cel-go places the issue: an identifier's first character, a call's opening parenthesis."""
    if call:
        match = re.search(rf"(?<![\w]){re.escape(name)}\s*\(", code)
        return match.end() - 1 if match else 0
    match = re.search(rf"(?<![\w.]){re.escape(name)}\b", code)
    return match.start() if match else 0


def compile_rule(
    source: str, schema: Mapping[str, Any], resource_root: bool = False
) -> tuple[list[str], Any]:
    """Issues (cel-go wording, without the `compilation failed: ` prefix) and the program (or None)."""
    try:
        program = celrs.compile(source)
    except (ValueError, RuntimeError) as exc:
        text = _PARSE_PREFIX.sub("", str(exc)).replace("\n| ", "\n | ")
        if "unsupported syntax" in text:
            return [], None  # valid CEL that cel-rust cannot parse (e.g. optional field selection `.?`)
        return [text], None
    code = _blank_strings(source)
    issues = []
    bound = cel_env.bound_variables(source) | cel_env.VARIABLES | cel_env.NAMESPACES
    for name in program.variables():
        if name not in bound:
            issues.append(
                _issue(
                    source,
                    _first_use(code, name, False),
                    f"undeclared reference to '{name}' (in container '')",
                )
            )
    for name in program.functions():
        if not cel_env.is_operator(name) and name not in cel_env.FUNCTIONS:
            issues.append(
                _issue(
                    source,
                    _first_use(code, name, True),
                    f"undeclared reference to '{name}' (in container '')",
                )
            )
    issues += _undefined_fields(source, code, schema, resource_root)
    return issues, program


def _undefined_fields(source: str, code: str, schema: Mapping[str, Any], resource_root: bool) -> list[str]:
    """`self.a.b` where the schema declares no such property: cel-go's `undefined field 'b'`."""
    issues = []
    for match in _SELECT_CHAIN.finditer(code):
        node: Mapping[str, Any] | None = schema
        offset = match.start(2)
        for depth, name in enumerate(match.group(2)[1:].split(".")):
            if node is None or not _closed_object(node):
                break
            if (
                depth == 0
                and name in _RESOURCE_META
                and (resource_root or node.get("x-kubernetes-embedded-resource"))
            ):
                break  # apiVersion, kind and metadata are declared on every resource, listed or not
            if name not in node["properties"]:
                issues.append(_issue(source, offset, f"undefined field '{name}'"))
                break
            node, offset = node["properties"][name], offset + len(name) + 1
    return list(dict.fromkeys(issues))


def _closed_object(node: Mapping[str, Any]) -> bool:
    """An object whose field set is fixed by the schema (no map values, no preserved unknowns)."""
    return (
        node.get("type") == "object"
        and isinstance(node.get("properties"), Mapping)
        and node.get("additionalProperties") is None
        and not node.get("x-kubernetes-preserve-unknown-fields")
        and not node.get("x-kubernetes-embedded-resource")
    )


def check_rules(
    schema: Mapping[str, Any],
    path: str,
    uncorrelatable: str | None,
    cardinality: int | None,
    tally: CostTally,
) -> list[FieldError]:
    errors = []
    for i, rule in enumerate(schema.get("x-kubernetes-validations") or []):
        rule_path = child(index(child(path, "x-kubernetes-validations"), i), "rule")
        source = str(rule.get("rule") or "")
        issues, program = compile_rule(source, schema, resource_root=path.endswith("openAPIV3Schema"))
        estimated = cost.estimate(source, schema, cardinality)
        if estimated > cost.PER_RULE_LIMIT:
            errors.append(
                forbidden(rule_path, cost.exceeded("estimated rule cost", estimated, cost.PER_RULE_LIMIT))
            )
        tally.observe(rule_path, estimated)
        if issues:
            errors.append(invalid(rule_path, go_rule(rule), "compilation failed: " + "\n".join(issues)))
            continue
        uses_old_self = program is not None and "oldSelf" in program.variables()
        if uses_old_self and uncorrelatable is not None:
            detail = (
                f"oldSelf cannot be used on the uncorrelatable portion of the schema within {uncorrelatable}"
            )
            errors.append(invalid(rule_path, source, detail))
        elif program is not None and not uses_old_self and rule.get("optionalOldSelf") is not None:
            opt_path = child(index(child(path, "x-kubernetes-validations"), i), "optionalOldSelf")
            errors.append(
                invalid(opt_path, rule["optionalOldSelf"], "may not be set if oldSelf is not used in rule")
            )
    return errors
