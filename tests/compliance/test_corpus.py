"""The rule layer on the labelled corpus, per split and per category, against the issue's targets.

Splits, in the order they were written (see tests/compliance/corpus/README.md):
- dev: the tuning split (and the semantic layer's exemplar bank), extended in round 3 with 208 rows
  for the weak families (review rewards, price comparisons, blame-the-viewer pressure, contact
  collection, absolute harmlessness, composition percentages) and probes of the other categories;
- holdout: written before any rule existed, never tuned on (same author, so optimistic);
- fresh: written after the first rules to stress them, then used as the second tuning split;
- blind: written before round 2 and never tuned on until round 3, when its misses were studied
  (90.0% recall, 1.7% false positives before): now a tuned split, no longer an honest figure.
- blind2: written during round 3 by an author who saw neither the rules nor the other splits, measured
  once afterwards (66.7% recall, 8.3% false positives) and never tuned on: the honest figure, well
  below the issue's targets; held to that first measurement so a regression shows.
The blind split's floor is where the engine stands after tuning: a regression below it fails.
A miss or a false positive is printed with its text so a failure names the phrase it broke.
"""

from __future__ import annotations

from collections import Counter

import pytest

from script_agent.domain.compliance import Category, detect
from script_agent.testing.compliance_corpus import SPLITS, Row, evaluate, facts_for, load, products

CATALOGUE = products()
MIN_RECALL, MAX_FP, MIN_CATEGORY_RECALL = 0.95, 0.03, 0.85


def flagged(row: Row) -> set[str]:
    return {f.category.value for f in detect(row.text, facts_for(row, CATALOGUE))}


def test_corpus_is_big_balanced_and_covers_every_category() -> None:
    rows = [r for split in SPLITS for r in load(split)]
    assert len(rows) >= 400
    per_category = Counter(r.category for r in rows)
    assert set(per_category) == {c.value for c in Category}
    assert min(per_category.values()) >= 20
    compliant = sum(not r.violation for r in rows)
    assert compliant == len(rows) - compliant  # half are compliant look-alikes
    assert len({r.text for r in rows}) == len(rows), "no phrase appears twice"
    ids = [r.id for r in rows]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("split", ["dev", "holdout", "fresh"])
def test_rule_layer_meets_the_targets(split: str) -> None:
    tallies = evaluate(load(split), flagged)
    overall = tallies.pop("overall")
    assert overall.recall >= MIN_RECALL, overall.misses
    assert overall.fp_rate <= MAX_FP, overall.flagged
    weak = {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}
    assert not weak


def test_rule_layer_on_the_blind_split_stays_at_its_measured_floor() -> None:
    """Tuned on in round 3: measured 100% recall, 0% false positives afterwards (90.0% / 1.7% before)."""
    tallies = evaluate(load("blind"), flagged)
    overall = tallies.pop("overall")
    assert overall.recall >= 1.0, overall.misses
    assert overall.fp_rate <= 0.0, overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < 1.0}


def test_rule_layer_on_blind2_holds_its_one_measurement() -> None:
    """Never tuned on: 40/60 violations caught, 5/60 look-alikes flagged when first measured."""
    overall = evaluate(load("blind2"), flagged)["overall"]
    assert overall.recall >= 40 / 60 - 1e-9, overall.misses
    assert overall.fp_rate <= 5 / 60 + 1e-9, overall.flagged


def test_the_plain_word_list_does_not_generalize() -> None:
    """The comparison that motivates the engine: domain.md's word list on the holdout split."""
    words = ("最好", "最佳", "最低价", "第一", "唯一", "顶级", "绝对", "根治", "特效", "跳楼价", "不买后悔")
    tallies = evaluate(load("holdout"), lambda r: {"hit"} if any(w in r.text for w in words) else set())
    rule = evaluate(load("holdout"), flagged)["overall"]
    assert tallies["overall"].false_positives > rule.false_positives
