"""The entry points the quality agent and the template writer use (find_violations, scan, sanitize),
exercised on the labelled corpus instead of one case per pattern: each violation row yields a blocking
issue whose code names its category, each compliant look-alike yields none, and sanitize fixes a row
without leaving any issue behind. The full per-category figures are in tests/compliance."""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import find_violations, sanitize, scan
from script_agent.testing.compliance_corpus import facts_for, load, products

CATALOGUE = products()
ROWS = [row for split in ("dev", "holdout", "fresh") for row in load(split)]  # blind: see tests/compliance


@pytest.mark.parametrize("row", [r for r in ROWS if r.violation], ids=lambda r: r.id)
def test_violation_rows_yield_a_blocking_issue_that_says_what_to_fix(row) -> None:
    issues = find_violations(row.text, facts=facts_for(row, CATALOGUE))
    assert issues and all(i.blocking for i in issues)
    assert all(
        i.code.startswith("compliance.") and "修改：" in i.message and "依据" in i.message for i in issues
    )
    assert not find_violations(
        sanitize(row.text, facts=facts_for(row, CATALOGUE)), facts=facts_for(row, CATALOGUE)
    )


@pytest.mark.parametrize("row", [r for r in ROWS if not r.violation], ids=lambda r: r.id)
def test_compliant_look_alikes_yield_nothing_and_are_left_alone(row) -> None:
    facts = facts_for(row, CATALOGUE)
    assert scan(row.text, facts=facts) == []
    assert sanitize(row.text, facts=facts) == row.text


def test_known_prices_keep_their_old_meaning() -> None:
    assert scan("原价169，现价129元！", known_prices=[129, 169]) == []
    (v,) = scan("原价399，现价129元！", known_prices=[129, 169])
    assert v.rule == "price.reference" and v.term == "原价399" and (v.start, v.end) == (0, 5)
