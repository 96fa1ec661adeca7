"""Fixes rewrite or drop whole clauses and re-check: the result is clean and no sentence is broken."""

from __future__ import annotations

import re

import pytest

from script_agent.domain.compliance import detect, rewrite, sanitize
from script_agent.domain.compliance.clauses import clauses
from script_agent.testing.compliance_corpus import SPLITS, facts_for, load, products

CATALOGUE = products()
FRAME = "宝子们晚上好！今天给大家带来一款新品。{}。喜欢的点购物车下单。"


@pytest.mark.parametrize("split", SPLITS)
def test_every_violation_is_fixed_and_the_frame_survives(split: str) -> None:
    for row in (r for r in load(split) if r.violation):
        facts = facts_for(row, CATALOGUE)
        fixed = rewrite(FRAME.format(row.text), facts)
        assert not detect(fixed, facts), (row.text, fixed)
        assert fixed.startswith("宝子们晚上好！今天给大家带来一款新品。") and fixed.endswith(
            "喜欢的点购物车下单。"
        )


def _kept_share(clause: str, original: str) -> float:
    """How much of `original` survives around one replaced stretch (common prefix + suffix).

    A stretch swapped for one plain word of at most two characters counts as whole however short
    the clause (全国最甜的 → 很甜的), and so does a clause that was one such word (…安静到……极致 →
    出色): the fragment test is about text stranded from elsewhere."""
    prefix = _common_start(clause, original)
    suffix = _common_start(clause[prefix:][::-1], original[prefix:][::-1])
    if (prefix + suffix or len(original) <= 2) and len(clause) - prefix - suffix <= 2:
        return 1.0
    return (prefix + suffix) / len(original)


def _common_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@pytest.mark.parametrize("split", SPLITS)
def test_every_output_clause_is_an_input_clause_or_a_local_swap_in_one(split: str) -> None:
    """No word surgery that strands a fragment (仅剩最后三单 → 仅剩喜欢的…) or doubles a word."""
    for row in (r for r in load(split) if r.violation):
        original = [c.text for c in clauses(row.text)]
        for clause in clauses(rewrite(row.text, facts_for(row, CATALOGUE))):
            assert max(_kept_share(clause.text, c) for c in original) >= 0.5, (row.text, clause.text)
            assert not re.search("(..)\\1", clause.text) or re.search("(..)\\1", row.text), clause.text


def test_the_old_broken_rewrites_do_not_happen() -> None:
    assert "靠前名" not in sanitize("这是销量第一名的口红，颜色很正。")
    out = sanitize("仅剩最后三单，喜欢的抓紧。颜色很正。")
    assert out == "喜欢的抓紧。颜色很正。"


def test_compliant_text_is_returned_unchanged() -> None:
    text = "宝子们好！这支口红颜色很正，本品不能代替药物。今天到手价129元。"
    assert sanitize(text, known_prices=[129]) == text
