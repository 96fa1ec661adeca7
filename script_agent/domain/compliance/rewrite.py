"""Fixes that keep sentences whole: soften or drop the offending clause, then re-check.

Why clause-level: replacing a flagged word in place breaks the sentence around it (第一名 → 靠前名,
仅剩最后三单 → a fragment). A clause is either rewritten by a substitution that is safe for its rule
(最好用 → 很好用, 顶级 → 优质) and then re-checked, or removed with its punctuation; a sentence left
with no clause is removed whole. The result is checked again until no rule fires (bounded).
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.clauses import Span, clause_at
from script_agent.domain.compliance.engine import detect
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.findings import Finding

_SCOPE = re.compile("(?:全网|全国|全球|全世界|行业内?|史上|市面上|同类产品中|业界)(?=最)")
_TERM_SWAPS = {
    "顶级": "优质",
    "顶尖": "出色",
    "极致": "出色",
    "绝对": "真的",
    "永久": "持久",
    "万能": "",
    "全能": "多用途",
    "终极": "升级",
}
_SOFTENABLE = {"absolute.superlative", "absolute.term"}
MAX_PASSES = 4


def _soften(clause: str) -> str:
    out = _SCOPE.sub("", clause)
    out = re.sub("最(?:为)?(?=[\u4e00-\u9fff])", "很", out)
    for word, swap in _TERM_SWAPS.items():
        out = out.replace(word, swap)
    return out


def _rewrite_clause(clause: str, rules: set[str], facts: ProductFacts) -> str:
    """The softened clause when only softenable rules fired and it now checks clean; else ''."""
    if not rules <= _SOFTENABLE:
        return ""
    softened = _soften(clause)
    return softened if softened != clause and not detect(softened, facts) else ""


def _tidy(text: str) -> str:
    text = re.sub("[，,、]+(?=[。！？!?；;…～~]|$)", "", text)
    text = re.sub("(?:(?<=^)|(?<=[。！？!?；;\n]))\\s*[，,、：:]+", "", text)
    text = re.sub("[，,]{2,}", "，", text)
    text = re.sub("^[。！？!?；;\\s]+", "", text)
    return re.sub("(?<=[。！？!?])[。！？!?]+", "", text).strip()


def _apply(text: str, findings: list[Finding], facts: ProductFacts) -> str:
    by_clause: dict[tuple[int, int], set[str]] = {}
    for f in findings:
        by_clause.setdefault((f.clause_start, f.clause_end), set()).add(f.rule_id)
    out = text
    for (start, end), rules in sorted(by_clause.items(), reverse=True):
        replacement = _rewrite_clause(text[start:end], rules, facts)
        if replacement:
            out = out[:start] + replacement + out[end:]
        else:
            out = out[:start] + out[_drop_end(out, Span(start, end, out[start:end])) :]
    return _tidy(out)


def _drop_end(text: str, clause: Span) -> int:
    """Where the removal ends: the clause and the comma after it (a sentence end stays)."""
    end = clause.end
    while end < len(text) and text[end] in "，,、：: ":
        end += 1
    return end


def rewrite(text: str, facts: ProductFacts | None = None) -> str:
    """`text` with every rule finding fixed; the result checks clean under the same facts."""
    facts = facts or ProductFacts()
    for _ in range(MAX_PASSES):
        findings = detect(text, facts)
        if not findings:
            return text
        text = _apply(text, findings, facts)
    # Still dirty after bounded passes: drop each remaining offending sentence outright.
    for f in reversed(detect(text, facts)):
        clause = clause_at(text, f.start)
        text = text[: clause.start] + text[_drop_end(text, clause) :]
    return _tidy(text)
