"""Advertising-law compliance: a claim-level rule engine, product-aware, with legal basis and fixes.

Public surface (pure functions, no I/O):
- `detect(text, facts)` → rule findings (taxonomy.RULES: id, category, basis, severity, fix);
- `rewrite(text, facts)` → the text with offending clauses softened or dropped, re-checked clean;
- `facts_from(product, promotion=…)` → what the product data lets a script claim;
- `find_violations` / `sanitize` / `scan`: the older entry points, kept for the quality agent and the
  template writer.
The semantic (exemplar) and LLM-judge layers sit behind ports and are composed by
`script_agent.agents.compliance.ComplianceChecker`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from script_agent.domain.compliance.engine import detect
from script_agent.domain.compliance.facts import ProductFacts, facts_from
from script_agent.domain.compliance.findings import CheckReport, Finding
from script_agent.domain.compliance.rewrite import rewrite
from script_agent.domain.compliance.taxonomy import RULES, Category, Rule, Severity
from script_agent.domain.models import QualityIssue

__all__ = [
    "RULES",
    "Category",
    "CheckReport",
    "Finding",
    "ProductFacts",
    "Rule",
    "Severity",
    "Violation",
    "detect",
    "facts_from",
    "feedback_line",
    "find_violations",
    "issue_of",
    "rewrite",
    "sanitize",
    "scan",
]


@dataclass(frozen=True)
class Violation:
    rule: str
    term: str
    start: int
    end: int


def _facts(known_prices: Iterable[float], facts: ProductFacts | None) -> ProductFacts:
    return facts if facts is not None else facts_from(None, extra_prices=known_prices)


def scan(
    text: str, *, known_prices: Iterable[float] = (), facts: ProductFacts | None = None
) -> list[Violation]:
    return [Violation(f.rule_id, f.text, f.start, f.end) for f in detect(text, _facts(known_prices, facts))]


def feedback_line(f: Finding) -> str:
    """One instruction the writer can act on: rule, span (with offsets), why, and what to do."""
    where = f"第{f.start}-{f.end}字“{f.text}”（所在分句“{f.clause}”）"
    return f"[{f.rule_id}] {where}：{f.message}，依据{f.basis}。修改：{f.fix}"


def issue_of(f: Finding) -> QualityIssue:
    return QualityIssue(
        code=f"compliance.{f.rule_id}", message=feedback_line(f), blocking=f.blocking, evidence=f.clause
    )


def find_violations(
    text: str, *, known_prices: Iterable[float] = (), facts: ProductFacts | None = None
) -> list[QualityIssue]:
    """Quality issues for every rule finding in `text`."""
    return [issue_of(f) for f in detect(text, _facts(known_prices, facts))]


def sanitize(text: str, *, known_prices: Iterable[float] = (), facts: ProductFacts | None = None) -> str:
    """The template writer's safety net: whole-clause rewrite (see rewrite.py), never word surgery."""
    return rewrite(text, _facts(known_prices, facts))
