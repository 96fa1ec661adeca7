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
# A potential-negative right after the claim verb denies it the way a negator before it does:
# 治不了腰病, 调不了什么毛病, 去不掉斑.
_CANNOT = re.compile("(?:能|可以|会|就)?[\u4e00-\u9fff]{1,2}?不(?:了|掉|住)")


def alt(*parts: str) -> str:
    """A non-capturing alternative of whitespace-separated words, longest first (最便宜 before 最便)."""
    words = [w for part in parts for w in part.split()]
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_META = set("()[]{}\\.^$|?*+")


def _top_level(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (split on | outside groups and classes)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


def _firsts(pattern: str) -> set[str] | None:
    """Characters any match of `pattern` must start with, or None when that is not simple to tell."""
    out: set[str] = set()
    for part in _top_level(pattern):
        if not part or part[0] in "^$|?*+{)\\.":
            return None
        if part.startswith("(?:"):
            depth, end = 0, 0
            for j, c in enumerate(part):
                depth += c == "("
                depth -= c == ")"
                if depth == 0:
                    end = j
                    break
            if end + 1 < len(part) and part[end + 1] in "?*{":
                return None
            inner = _firsts(part[3:end])
            if inner is None:
                return None
            out |= inner
        elif part[0] == "[":
            end = part.find("]")
            body = part[1:end]
            if end < 0 or not body or body[0] == "^" or "-" in body or "\\" in body:
                return None
            if end + 1 < len(part) and part[end + 1] in "?*{":
                return None
            out |= set(body)
        elif part[0] in _META or (len(part) > 1 and part[1] in "?*{"):
            return None
        else:
            out.add(part[0])
    return out


def lead(pattern: str) -> str:
    """`pattern` behind a one-class lookahead of its first characters.

    Why: after a window such as [^。]{0,12}?, Python's regex engine tries every word of the following
    alternation at every window position; one class test rejects most positions at once. (At the very
    start of a pattern the engine already does this itself, so use it only after a window.)"""
    firsts = _firsts(pattern)
    if not firsts:
        return pattern
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])" + pattern


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
    # The rarer part of a two-part pattern: when it is nowhere in the text, the pattern cannot match,
    # and one scan for it is much cheaper than trying the whole pattern at every position.
    gate: re.Pattern[str] | None = None
    # Round 11: a rejected occurrence must not hide a later one inside its span (湿疹别再抹激素了…三天湿疹
    # 就下去了: the first 湿疹's match is an instruction, the second 湿疹 is the claim): search again from
    # the next character instead of after the rejected match. Only for wide two-part patterns.
    retry: bool = False

    def _rejected(self, text: str, m: re.Match[str], facts: ProductFacts) -> bool:
        if m.end() == m.start():
            return True
        if self.negatable and (
            negated(text, m.start()) or in_disclaimer(text, m.start()) or _CANNOT.match(m.group())
        ):
            return True
        return self.allowed is not None and self.allowed(text, m, facts)

    def find(self, text: str, facts: ProductFacts) -> Iterator[Hit]:
        if self.gate is not None and self.gate.search(text) is None:
            return
        if not self.retry:
            for m in self.pattern.finditer(text):
                if not self._rejected(text, m, facts):
                    yield Hit(self.rule_id, m.start(), m.end())
            return
        pos = 0
        while (found := self.pattern.search(text, pos)) is not None:
            if self._rejected(text, found, facts):
                pos = found.start() + 1
                continue
            yield Hit(self.rule_id, found.start(), found.end())
            pos = max(found.end(), found.start() + 1)


def matcher(
    rule_id: str,
    pattern: str,
    *,
    negatable: bool = False,
    allowed: Guard | None = None,
    gate: str | None = None,
    retry: bool = False,
) -> Matcher:
    return Matcher(
        rule_id,
        re.compile(pattern),
        negatable=negatable,
        allowed=allowed,
        gate=re.compile(gate) if gate else None,
        retry=retry,
    )


def run(matchers: Iterable[Matcher], text: str, facts: ProductFacts) -> list[Hit]:
    return [hit for m in matchers for hit in m.find(text, facts)]
