"""A small learned layer over the intent rules, for a leave-one-author-out experiment (#12 item 3).

Why: the rules are tuned round by round on one author's dialogues and each new author scores far
below the tuned parts. The question this module serves is whether a model that never saw an author
generalizes to them better than the rules do. It is experiment code (numpy only, no new dependency):
hashed character 1-3-grams of the query as the rules read it (register and jargon normalised), a few
context features the replay knows, and a multinomial logistic regression fitted by full-batch Adam
on a sparse design matrix (a few hundred steps on ~2,300 rows takes well under a second).

The fold logic and the replay live in intent_learning_folds.py; this module is the pure part.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

KINDS = ("generate", "continue", "modify", "switch_product", "query")
SCENES = ("opening", "product_intro", "selling_points", "promotion", "closing")
CATEGORIES = ("美妆", "数码", "服饰", "食品", "家居", "母婴")
DIM = 1 << 15  # hashed n-gram buckets; collisions are rare at ~2,300 short queries


@dataclass(frozen=True)
class Context:
    """What the replay knows about a turn besides its words (all of it is known at serving time)."""

    scripts: int  # scripts written so far in the session
    scene: str | None  # scene in force (session.scene)
    last_scene: str | None  # scene of the last script written
    sent_product: bool  # the client sends a product with the turn
    session_product: bool  # a product is already in play
    asked_back: bool  # the last reply was a clarifying question
    rules_kind: str
    rules_clarify: bool
    rules_category: str | None


def ngrams(text: str, sizes: Iterable[int] = (1, 2, 3)) -> list[str]:
    """Character n-grams, padded with ^ and $ so that an opening 再 differs from an inner one."""
    padded = f"^{text}$"
    return [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]


def bucket(token: str, salt: str = "") -> int:
    """A stable hash (crc32, not Python's salted hash) so weights trained once are valid in any run."""
    return zlib.crc32(f"{salt}\x1f{token}".encode()) % DIM


def _one_hot(prefix: str, value: object, values: Sequence[object]) -> list[str]:
    return [f"{prefix}={value}"] if value in values else [f"{prefix}=none"]


def context_tokens(c: Context, stacked: bool) -> list[str]:
    """Context as named tokens (hashed like n-grams, under their own salt). stacked: include the
    rules' own answer (kind, clarify), letting the model learn when to disagree with them."""
    out = [
        "bias",
        f"scripts={min(c.scripts, 3)}",
        *_one_hot("scene", c.scene, SCENES),
        *_one_hot("last", c.last_scene, SCENES),
        f"sent={c.sent_product}",
        f"inplay={c.session_product}",
        f"asked_back={c.asked_back}",
    ]
    if stacked:
        out += [f"rk={c.rules_kind}", f"rc={c.rules_clarify}", f"rk={c.rules_kind}&s={min(c.scripts, 2)}"]
    return out


def features(text: str, c: Context, stacked: bool, history: str = "") -> list[tuple[int, float]]:
    """(column, value) pairs of one turn: n-grams scaled to unit norm, context tokens at 1.
    history: earlier queries of the dialogue (the category model reads the product named before)."""
    grams = set(ngrams(text))
    cols: dict[int, float] = {}
    if grams:
        w = 1.0 / np.sqrt(len(grams))
        for g in grams:
            cols[bucket(g, "q")] = cols.get(bucket(g, "q"), 0.0) + w
    past = set(ngrams(history, (2, 3))) if history else set()
    for g in past:
        cols[bucket(g, "h")] = 0.5 / np.sqrt(len(past))
    for t in context_tokens(c, stacked):
        cols[bucket(t, "c")] = 1.0
    return sorted(cols.items())


@dataclass
class Sparse:
    """A CSR-like matrix in three numpy arrays: enough for X @ W and X.T @ G without scipy."""

    rows: np.ndarray  # int32, sorted by row
    cols: np.ndarray  # int32
    vals: np.ndarray  # float64
    n_rows: int

    @classmethod
    def of(cls, pairs: Sequence[Sequence[tuple[int, float]]]) -> Sparse:
        rows = np.repeat(np.arange(len(pairs), dtype=np.int32), [len(p) for p in pairs])
        cols = np.fromiter((c for p in pairs for c, _ in p), dtype=np.int32, count=len(rows))
        vals = np.fromiter((v for p in pairs for _, v in p), dtype=np.float64, count=len(rows))
        return cls(rows, cols, vals, len(pairs))

    def take(self, index: np.ndarray) -> Sparse:
        """The rows in index (in that order)."""
        starts = np.searchsorted(self.rows, index)
        ends = np.searchsorted(self.rows, index, side="right")
        picks = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
        lengths = ends - starts
        return Sparse(
            np.repeat(np.arange(len(index), dtype=np.int32), lengths),
            self.cols[picks],
            self.vals[picks],
            len(index),
        )

    def dot(self, w: np.ndarray) -> np.ndarray:
        prod = self.vals[:, None] * w[self.cols]
        starts = np.searchsorted(self.rows, np.arange(self.n_rows))
        out: np.ndarray = np.add.reduceat(prod, starts, axis=0)
        return out  # every row has the bias column, so no row is empty

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.stack(
            [
                np.bincount(self.cols, weights=self.vals * g[self.rows, k], minlength=DIM)
                for k in range(g.shape[1])
            ],
            axis=1,
        )


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


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


def predict(w: np.ndarray, x: Sparse) -> np.ndarray:
    """Class probabilities, one row per turn."""
    return softmax(x.dot(w))


def overridden(rules: np.ndarray, proba: np.ndarray, threshold: float) -> np.ndarray:
    """The combination: the model's class where it disagrees with the rules with probability above
    threshold, the rules' answer everywhere else."""
    model = proba.argmax(axis=1)
    sure = proba.max(axis=1) > threshold
    return np.where(sure & (model != rules), model, rules)


def best_threshold(
    rules: np.ndarray, proba: np.ndarray, want: np.ndarray, mask: np.ndarray | None = None
) -> float:
    """The override threshold with the most right answers on the rows given (ties: the higher one,
    i.e. the fewer overrides). 1.0 means never override."""
    mask = np.ones(len(want), dtype=bool) if mask is None else mask
    grid = [1.0, 0.99, 0.98, 0.97, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5]
    scores = [(overridden(rules, proba, t)[mask] == want[mask]).sum() for t in grid]
    return grid[int(np.argmax(scores))]
