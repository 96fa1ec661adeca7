"""A small learned layer over the intent rules, for a leave-one-author-out experiment (#12 item 3).

Why: the rules are tuned round by round on one author's dialogues and each new author scores far
below the tuned parts. The question this module serves is whether a model that never saw an author
generalizes to them better than the rules do. It is experiment code (numpy only, no new dependency):
hashed character 1-3-grams of the query as the rules read it (register and jargon normalised), a few
context features the replay knows, and a multinomial logistic regression fitted by full-batch Adam
on a sparse design matrix (a few hundred steps on ~2,300 rows takes well under a second).

The features, the sparse product, prediction and the override are the product's
(script_agent/agents/intent_learned.py, re-exported here); this module adds the fit and the
threshold choice, and intent_learning_folds.py the folds and the replay.
"""

from __future__ import annotations

import numpy as np

from script_agent.agents import intent_learned as product
from script_agent.agents.intent_learned import (  # re-exported: the folds and the bench read them here
    CATEGORIES,
    DIM,
    KINDS,
    SCENES,
    Context,
    bucket,
    context_tokens,
    features,
    ngrams,
    overridden,
    predict,
    softmax,
)

__all__ = [
    "CATEGORIES", "DIM", "KINDS", "SCENES", "Context", "Sparse", "best_threshold", "bucket",
    "context_tokens", "features", "fit", "ngrams", "overridden", "predict", "softmax",
]  # fmt: skip


class Sparse(product.Sparse):
    """The product's sparse rows plus what training needs: row selection and X.T @ G."""

    def take(self, index: np.ndarray) -> Sparse:
        """The rows in index (in that order)."""
        starts = np.searchsorted(self.rows, index)
        ends = np.searchsorted(self.rows, index, side="right")
        picks = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
        lengths = ends - starts
        return type(self)(
            np.repeat(np.arange(len(index), dtype=np.int32), lengths),
            self.cols[picks],
            self.vals[picks],
            len(index),
        )

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.stack(
            [
                np.bincount(self.cols, weights=self.vals * g[self.rows, k], minlength=DIM)
                for k in range(g.shape[1])
            ],
            axis=1,
        )


def fit(
    x: Sparse, y: np.ndarray, classes: int, l2: float = 1e-3, steps: int = 300, lr: float = 0.1
) -> np.ndarray:
    """Multinomial logistic regression by full-batch Adam; returns the (DIM, classes) weights.
    Classes are balanced by inverse frequency so a rare kind (switch, query) is not drowned."""
    counts = np.bincount(y, minlength=classes).astype(float)
    weight = (len(y) / (classes * np.maximum(counts, 1.0)))[y]
    target = np.eye(classes)[y]
    w = np.zeros((DIM, classes))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        p = softmax(x.dot(w))
        grad = x.tdot((p - target) * weight[:, None]) / len(y) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def best_threshold(
    rules: np.ndarray, proba: np.ndarray, want: np.ndarray, mask: np.ndarray | None = None
) -> float:
    """The override threshold with the most right answers on the rows given (ties: the higher one,
    i.e. the fewer overrides). 1.0 means never override."""
    mask = np.ones(len(want), dtype=bool) if mask is None else mask
    grid = [1.0, 0.99, 0.98, 0.97, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5]
    scores = [(overridden(rules, proba, t)[mask] == want[mask]).sum() for t in grid]
    return grid[int(np.argmax(scores))]
