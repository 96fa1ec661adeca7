"""The shared shape of a rule matcher: a pattern, the rule it reports, and when it does not apply.

Why patterns are composed from parts (claim verb × object, authority × endorsement verb): a list of
whole phrases only catches the phrases it lists, while a product of parts catches their paraphrases.
Each part list is kept readable and small; `alt` joins one into a regex alternative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from script_agent.domain.compliance.clauses import in_disclaimer, negated
from script_agent.domain.compliance.facts import ProductFacts

Guard = Callable[[str, re.Match[str], ProductFacts], bool]


def alt(*parts: str) -> str:
    """A non-capturing alternative of whitespace-separated words, longest first (最便宜 before 最便)."""
    words = [w for part in parts for w in part.split()]
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Hit:
    rule_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Matcher:
    rule_id: str
    pattern: re.Pattern[str]
    negatable: bool = False  # a negator or a disclaimer in the clause makes the match compliant
    allowed: Guard | None = None  # True when this occurrence is ordinary language or backed by facts

    def find(self, text: str, facts: ProductFacts) -> Iterator[Hit]:
        for m in self.pattern.finditer(text):
            if m.end() == m.start():
                continue
            if self.negatable and (negated(text, m.start()) or in_disclaimer(text, m.start())):
                continue
            if self.allowed is not None and self.allowed(text, m, facts):
                continue
            yield Hit(self.rule_id, m.start(), m.end())


def matcher(rule_id: str, pattern: str, *, negatable: bool = False, allowed: Guard | None = None) -> Matcher:
    return Matcher(rule_id, re.compile(pattern), negatable=negatable, allowed=allowed)


def run(matchers: Iterable[Matcher], text: str, facts: ProductFacts) -> list[Hit]:
    return [hit for m in matchers for hit in m.find(text, facts)]
