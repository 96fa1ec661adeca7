"""Leave-one-author-out folds for the learned compliance layer (#11), against the rules' first figures.

Why this shape: each blind split blind2..blind10 is one author's. A fold holds one out, fits the model
on the rest, and scores the held-out author; the "as-of" variant fits only on what existed when that
author was first measured (dev as it stood after that round, holdout, fresh, blind and the earlier
blind splits) - the fair match for the rules' first figure, which is recomputed row by row from the
rules committed at that round (compliance_rule_snapshots.py). COMBINED is rules ∪ model findings at a
probability threshold chosen on the other folds only, so no fold's own labels pick its threshold, and
without the model's price findings (the product leaves price to the rules, learned.SKIPPED).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from script_agent.domain.compliance.learned import SKIPPED
from script_agent.testing import compliance_learning as cl
from script_agent.testing.compliance_corpus import Row, Tally, evaluate
from script_agent.testing.compliance_rule_snapshots import FIRST_RULES, corpus_dir, verdicts

FOLDS = tuple(FIRST_RULES)  # blind2..blind10, in the order they were written
OTHER = ("holdout", "fresh", "blind")  # written before blind2, never a fold (not one blind author each)
# Rows of dev.jsonl (in append order, README.md) present when each fold was first measured: blindK was
# measured after round K+1, whose dev rows the rules of that round were tuned on.
DEV_AS_OF = {
    "blind2": 448,
    "blind3": 808,
    "blind4": 926,
    "blind5": 1070,
    "blind6": 1238,
    "blind7": 1400,
    "blind8": 1488,
    "blind9": 1588,
    "blind10": 1676,
}
GRID = tuple(round(x, 2) for x in np.arange(0.05, 0.96, 0.05))


def load(split: str) -> list[Row]:
    lines = (corpus_dir() / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [Row(**json.loads(line)) for line in lines if line.strip()]


def training_rows(fold: str, variant: str, splits: dict[str, list[Row]]) -> list[Row]:
    """loao: every split but the fold; clean: loao without the dev rows written from studying the
    fold (the round that tuned on it; blind9 has none); asof: only what was written before the fold
    was measured."""
    if variant == "loao":
        return [r for name, rows in splits.items() if name != fold for r in rows]
    if variant == "clean":
        later = FOLDS[FOLDS.index(fold) + 1] if fold != FOLDS[-1] else None
        studied = range(DEV_AS_OF[fold], DEV_AS_OF[later]) if later else range(0)
        dev = [r for i, r in enumerate(splits["dev"]) if i not in studied]
        return dev + [r for name, rows in splits.items() if name not in ("dev", fold) for r in rows]
    earlier = [name for name in FOLDS[: FOLDS.index(fold)]]
    rows = splits["dev"][: DEV_AS_OF[fold]]
    return rows + [r for name in (*OTHER, *earlier) for r in splits[name]]


@dataclass
class Fold:
    name: str
    rows: list[Row]
    rules: list[set[str]]  # the first-measurement rules' verdicts
    proba: np.ndarray  # (rows, categories) from the model that never saw this author
    fit_s: float = 0.0


def run_folds(variant: str, splits: dict[str, list[Row]]) -> list[Fold]:
    """One fit per fold with the shipped recipe (cl.fit_rows), scored on the held-out author's rows."""
    import time

    out = []
    for name in FOLDS:
        train = training_rows(name, variant, splits)
        started = time.perf_counter()
        model = cl.fit_rows(train)
        took = time.perf_counter() - started
        rows = splits[name]
        rules = verdicts(FIRST_RULES[name], name)
        out.append(
            Fold(
                name,
                rows,
                [rules[r.id] for r in rows],
                model.proba(cl.featurize([r.text for r in rows])),
                took,
            )
        )
    return out


def model_flags(fold: Fold, threshold: float) -> list[set[str]]:
    """The model's categories as the product reports them: price is left to the rules (SKIPPED)."""
    return [flags - SKIPPED for flags in cl.flagged(fold.proba, threshold)]


def tallies(fold: Fold, flags: Sequence[set[str]], subset: str = "all") -> dict[str, Tally]:
    """subset: all, product (rows keyed to products.json, whose verdict may hang on the facts) or text."""
    chosen = [
        (row, f)
        for row, f in zip(fold.rows, flags, strict=True)
        if subset == "all" or (subset == "product") == (row.product is not None)
    ]
    lookup = {row.id: f for row, f in chosen}
    return evaluate([row for row, _ in chosen], lambda row: lookup[row.id])


def pooled(
    folds: Sequence[Fold], flags_of: Mapping[str, Sequence[set[str]]], subset: str = "all"
) -> dict[str, Tally]:
    """Per-category and overall tallies summed over folds."""
    total: dict[str, Tally] = {}
    for fold in folds:
        for key, t in tallies(fold, flags_of[fold.name], subset).items():
            acc = total.setdefault(key, Tally())
            acc.violations += t.violations
            acc.caught += t.caught
            acc.compliant += t.compliant
            acc.false_positives += t.false_positives
    return total


def choose_thresholds(folds: Sequence[Fold], fp_budget: float = 0.01) -> dict[str, float]:
    """Per fold, the threshold whose COMBINED recall pooled over the OTHER folds is highest with
    their pooled false positives within fp_budget of the rules' own there."""
    out = {}
    for fold in folds:
        others = [f for f in folds if f is not fold]
        base = pooled(others, {f.name: f.rules for f in others})["overall"].fp_rate
        score = {}
        for t in GRID:
            both = {f.name: cl.combine(f.rules, model_flags(f, t)) for f in others}
            o = pooled(others, both)["overall"]
            score[t] = (o.recall, o.fp_rate)
        out[fold.name] = cl.pick_threshold(GRID, score, base, fp_budget)
    return out
