"""The learned layer's scoring: hashed character n-grams per clause, one logistic regression per category.

Why a learned layer beside the rules (#11): rules are tuned on the splits their authors studied and
catch 65-83% of a new author's violations on first sight; a character 1-3-gram classifier that never
saw an author lifted pooled recall on nine unseen authors 74.8% -> 85.2% (false positives 9.6% -> 10.5%,
bench/compliance_learned.py --variant asof) when it may only ADD findings. This module is the pure
part: features, the sparse dot and the findings, with no I/O and no numpy (the weights arrive as a flat
sequence of floats, loaded by script_agent/memory/compliance_learned.py). The experiment
(script_agent/testing/compliance_learning.py) trains with exactly these features; how it weights the
loss is training only, so weights of a new recipe keep this FEATURE_VERSION.

FEATURE_VERSION freezes how a text becomes buckets (the clause splitter, the padding, the n-gram sizes,
the hash). Any change to those, including to clauses.py's boundaries, must bump it and retrain
(`make compliance-model`): the loader refuses weights of another version rather than score garbage.
"""

from __future__ import annotations

import functools
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from script_agent.domain.compliance.clauses import Span, clauses, sentences
from script_agent.domain.compliance.findings import Finding
from script_agent.domain.compliance.taxonomy import Category, primary_rule

FEATURE_VERSION = 1
CATEGORIES = tuple(c.value for c in Category)  # the weight matrix's column order
DIM = 1 << 16  # hashed buckets; bucket 0 doubles as the bias (every row holds it)
SIZES = (1, 2, 3)
# Price is left to the rules: the model's own price false positives are ~5% on the as-of folds (a
# price claim hangs on the product's facts, which character n-grams cannot see).
SKIPPED = frozenset({Category.PRICE.value})


def ngrams(text: str) -> list[str]:
    """Character n-grams of each clause, padded with ^ and $ so a clause-opening 不 differs from an
    inner one and no n-gram spans a clause boundary (a comma is not part of a claim)."""
    parts = [span.text for span in clauses(text)] or [text]
    out: list[str] = []
    for part in parts:
        padded = f"^{part}$"
        out += [padded[i : i + n] for n in SIZES for i in range(len(padded) - n + 1)]
    return out


@functools.lru_cache(maxsize=65536)  # n-grams recur across sentences and scripts; crc32 + encode each time
def bucket(token: str) -> int:
    """A stable hash (crc32, not Python's salted hash) so weights trained once are valid in any run."""
    return zlib.crc32(token.encode()) % DIM


def features(text: str) -> list[int]:
    """The sorted unique buckets of text plus the bias bucket 0; each counts 1/sqrt(len) (unit L2)."""
    return sorted({bucket(g) for g in ngrams(text)} | {0})


@dataclass(frozen=True)
class LearnedModel:
    """Weights as a flat row-major (DIM, len(categories)) sequence, with what they were trained for."""

    weights: Sequence[float]
    threshold: float
    feature_version: int = FEATURE_VERSION
    categories: tuple[str, ...] = CATEGORIES
    # The per-category sums of the rows `ids` select, when the loader has a faster way (a vectorised
    # gather outside the pure domain) than the plain slices below; the same numbers either way.
    row_sums: Callable[[list[int]], Sequence[float]] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        """Fail loudly on weights this code cannot read (another feature version, other columns)."""
        if self.feature_version != FEATURE_VERSION:
            raise ValueError(
                f"learned compliance weights are feature version {self.feature_version}, the code is "
                f"{FEATURE_VERSION}: run `make compliance-model`"
            )
        if self.categories != CATEGORIES:
            raise ValueError(f"learned compliance weights cover {self.categories}, expected {CATEGORIES}")
        if len(self.weights) != DIM * len(CATEGORIES):
            raise ValueError(f"learned compliance weights hold {len(self.weights)} values, expected DIM x 12")
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"learned compliance threshold {self.threshold} is not a probability")

    def proba(self, text: str) -> dict[str, float]:
        """Per-category probability for one unit of text (the sparse dot, then a sigmoid)."""
        ids = features(text)
        scale = 1.0 / math.sqrt(len(ids))
        return {
            cat: 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, total * scale))))
            for cat, total in zip(CATEGORIES, self._sums(ids), strict=True)
        }

    def _sums(self, ids: list[int]) -> Sequence[float]:
        if self.row_sums is not None:
            return self.row_sums(ids)
        k = len(CATEGORIES)
        rows = [self.weights[b * k : (b + 1) * k] for b in ids]
        return [sum(col) for col in zip(*rows, strict=True)]

    def flagged(self, text: str) -> dict[str, float]:
        """Categories (price excepted) whose probability reaches the threshold, with that probability."""
        return {c: p for c, p in self.proba(text).items() if p >= self.threshold and c not in SKIPPED}


def units(text: str) -> list[Span]:
    """What the layer scores: sentences, the unit the corpus rows (and so the training rows) are."""
    return sentences(text) or ([Span(0, len(text), text)] if text.strip() else [])


def findings(text: str, rule_findings: Sequence[Finding], model: LearnedModel) -> list[Finding]:
    """Warnings for categories the model is sure of in a sentence where no rule finding of that
    category overlaps: the layer only adds, never clears or changes a rule hit."""
    out = []
    for span in units(text):
        covered = {f.category.value for f in rule_findings if f.start < span.end and span.start < f.end}
        for cat, p in model.flagged(span.text).items():
            if cat in covered:
                continue
            rule = primary_rule(Category(cat))
            message = f"{rule.message}（学习模型判断疑似违规，概率{p:.0%}，请人工复核）"
            span_ = (span.start, span.end)
            out.append(Finding.added(rule, text, span_, layer="learned", score=round(p, 3), message=message))
    return out
