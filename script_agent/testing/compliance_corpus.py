"""The labelled evaluation corpus: loading, per-row product facts, and recall / false-positive tallies.

Splits in SPLITS (README.md in corpus/ tells which was written when and which were tuned on): `dev`
(the rules and the semantic thresholds were tuned on it; it is also the exemplar bank shipped as
package data), `holdout` (written before any rule, never used for tuning), `fresh`, `blind` and
`blind2` to `blind10` (written to be unseen, measured once, then tuned on in rounds 2 to 12), and
`blind11` / `blind12` (written side by side during round 12, measured once after it, tuned on in round
13). Each row: id, category (the rule family it exercises), violation (False for a compliant
look-alike), text, and optionally a product key into products.json.

A new unseen split is one more `<name>.jsonl` in corpus/ and one more name at the end of SPLITS;
bench/compliance.py and the corpus tests then report it like the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from script_agent.domain.compliance.facts import ProductFacts, facts_from
from script_agent.domain.models import Product

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "compliance" / "corpus"
SPLITS = (
    "dev",
    "holdout",
    "fresh",
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "blind13",
)
# Splits the semantic thresholds are calibrated on and the rules were tuned on: dev, blind2 (tuned on in
# round 4), blind3 (round 5), blind4 (round 6), blind5 (round 7), blind6 (round 8), blind7 (round 9),
# blind8 (round 10), blind9 (round 11), blind10 (round 12, after its one measurement: 65.0% / 8.3%) and
# blind11 / blind12 (round 13, after their one measurement: 72.5% / 9.2% and 64.2% / 15.8%). A new unseen
# split goes into SPLITS, never into TUNING before it was measured once. (bench/compliance.py
# and the learned layer's TRAINING_SPLITS read it here.)
TUNING = (
    "dev",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
)


@dataclass(frozen=True)
class Row:
    id: str
    category: str
    violation: bool
    text: str
    product: str | None = None


def load(split: str) -> list[Row]:
    lines = (CORPUS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [Row(**json.loads(line)) for line in lines if line.strip()]


def products() -> dict[str, Product]:
    raw = json.loads((CORPUS / "products.json").read_text(encoding="utf-8"))
    return {key: Product(**value) for key, value in raw.items()}


def facts_for(row: Row, catalogue: dict[str, Product]) -> ProductFacts:
    return facts_from(catalogue[row.product] if row.product else None)


@dataclass
class Tally:
    violations: int = 0
    caught: int = 0
    compliant: int = 0
    false_positives: int = 0
    misses: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.violations if self.violations else 1.0

    @property
    def fp_rate(self) -> float:
        return self.false_positives / self.compliant if self.compliant else 0.0


Verdict = Callable[[Row], set[str]]  # categories flagged for a row


def evaluate(rows: Iterable[Row], verdict: Verdict) -> dict[str, Tally]:
    """Per category plus "overall": a violation counts as caught only when its own category is
    flagged; a compliant look-alike with any finding at all is a false positive."""
    tallies: dict[str, Tally] = {"overall": Tally()}
    for row in rows:
        flagged = verdict(row)
        for tally in (tallies.setdefault(row.category, Tally()), tallies["overall"]):
            if row.violation:
                tally.violations += 1
                tally.caught += row.category in flagged
                if row.category not in flagged:
                    tally.misses.append(row.text)
            else:
                tally.compliant += 1
                tally.false_positives += bool(flagged)
                if flagged:
                    tally.flagged.append(row.text)
    return tallies
