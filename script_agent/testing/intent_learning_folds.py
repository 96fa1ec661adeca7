"""Leave-one-author-out folds for the learned intent layer (intent_learning.py): collecting turns from
the replay, fitting per fold, choosing the override threshold on the other folds, and replaying a
part with the combined kind plugged in.

Why a replay and not the raw file: the context features (scripts written so far, scene in force)
are what the agent would see when serving, and they depend on what the rules answered before.
The newest blind author (FINAL) is kept out of every training set and every threshold choice until
it is the test fold.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from script_agent.agents import intent_learned as product
from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import ScriptRequest
from script_agent.domain.session import Session
from script_agent.testing import intent_learning as il
from script_agent.testing.intent_dataset import DATA, PARTS, TRAINED, UNSEEN, load, replay, score

FINAL = "heldout18"  # the newest blind author a fold may be: a test fold only, measured once, last
# Authors not measured yet when this experiment was last chosen (intent_dataset.UNSEEN): no fold, no
# training row, no threshold — they are the next honest figure, not material for this one.
BLIND = tuple(p for p in PARTS if p.startswith("heldout") and p != FINAL and p not in UNSEEN)
# heldoutN's misses were fixed as families first written as new turns in dev(N-1) through heldout14;
# heldout15 was never tuned on, heldout16's families went into dev14, heldout17's and heldout18's into
# dev15 (test_intent_set.py). That dev part carries the author's phrasings, so it leaves the training
# set with them.
PAIRED = {
    **{f"heldout{n}": f"dev{n - 1}" for n in range(5, 15)},
    "heldout16": "dev14",
    "heldout17": "dev15",
    "heldout18": "dev15",
}
# the order the parts were written in (approximate for the first five): heldoutN was measured once
# clean, then its dev part was written from its misses. What precedes an author is what the rules (and
# the model "as of then") knew when that author was first measured.
WRITTEN = (
    "dev",
    "dev2",
    "dev3",
    "heldout",
    "heldout4",
    "heldout5",
    *(p for n in range(6, 16) for p in (f"dev{n - 2}", f"heldout{n}")),
    "heldout16",
    "dev14",
    "heldout17",
    "heldout18",
    "dev15",
    "heldout19",
)


# The shipped kind model (script_agent/data/intent_kind.npz, scripts/train_intent_kind.py): the
# experiment's kind settings, trained on every part. 0.85 is the threshold the other authors' folds
# chose for heldout15 before it was written (bench/intent_learned.py).
KIND_L2, KIND_STEPS, KIND_THRESHOLD = 1e-4, 300, 0.85


def parts_digest(parts: Sequence[str] = TRAINED) -> str:
    """sha256 over the labelled parts (name and bytes, in order): the model file records the one it
    was trained on, so weights gone stale against the labels cannot ship unnoticed."""
    h = hashlib.sha256()
    for part in parts:
        h.update(f"{part}\n".encode())
        h.update((DATA / f"{part}.txt").read_bytes())
    return h.hexdigest()


async def train_kind(parts: Sequence[str] = TRAINED) -> np.ndarray:
    """The kind weights (DIM, 5) fitted on parts: zero start, full batch, so the same labels and
    rules give the same weights on any machine."""
    rows = [r for p in parts for r in await collect(p)]
    task = Task("kind", len(il.KINDS), stacked=False)
    return il.fit(task.matrix(rows), task.want(rows), task.classes, l2=KIND_L2, steps=KIND_STEPS)


def pool_out(test: str) -> list[str]:
    """Leave one author out: every part but the test part, its paired dev part, FINAL (unless
    FINAL is the test) and the unseen parts."""
    drop = {test, PAIRED.get(test), FINAL, *UNSEEN}
    return [p for p in PARTS if p not in drop]


def pool_before(test: str) -> list[str]:
    """The parts written before the test author was first measured: the rules' information then."""
    return [p for p in WRITTEN[: WRITTEN.index(test)] if p not in UNSEEN]


@dataclass
class Row:
    """One labelled turn as the replay saw it, with the rules' answer and its marks."""

    part: str
    dialogue: str
    text: str
    history: str
    context: il.Context
    want_kind: int
    want_clarify: bool
    want_cat: int | None  # only where category is scored (answered turn with cat=)
    rules_cat: int  # -1: none or not one of CATEGORIES
    marks: dict[str, bool] = field(default_factory=dict)


def reading(query: str) -> str:
    """The query as the rules read it (the product's reading, the one the served model sees)."""
    return product.reading(query)


def context_of(request: ScriptRequest, session: Session, r: IntentResult) -> il.Context:
    return product.context_of(request, session, r.kind.value, r.needs_clarification, r.category)


def _history(session: Session) -> str:
    return " ".join(reading(t.text) for t in session.turns if t.role == "user")


class _Recording(IntentAgent):
    """The rules agent, keeping what each turn saw so that features are the serving-time ones."""

    def __init__(self) -> None:
        super().__init__(learned=False)  # the rules' own answers are what the model learns over
        self.seen: list[tuple[ScriptRequest, Session, IntentResult]] = []

    async def recognize(self, request: ScriptRequest, session: Session) -> IntentResult:
        r = await super().recognize(request, session)
        self.seen.append((request, session, r))
        return r


async def collect(part: str) -> list[Row]:
    rows = []
    for dialogue in load(part):
        agent = _Recording()
        for (turn, r), (request, session, _) in zip(await replay(dialogue, agent), agent.seen, strict=True):
            e = turn.expect
            cat = e.get("cat") if "clarify" not in e else None
            rows.append(
                Row(
                    part=part,
                    dialogue=dialogue.name,
                    text=reading(turn.query),
                    history=_history(session),
                    context=context_of(request, session, r),
                    want_kind=il.KINDS.index(e["kind"]),
                    want_clarify="clarify" in e,
                    want_cat=il.CATEGORIES.index(cat) if cat in il.CATEGORIES else None,
                    rules_cat=il.CATEGORIES.index(r.category) if r.category in il.CATEGORIES else -1,
                    marks=score(turn, r),
                )
            )
    return rows


@dataclass(frozen=True)
class Task:
    """One slot the model predicts: its classes, its label and the rules' answer per row."""

    name: str
    classes: int
    stacked: bool
    history: bool = False

    def want(self, rows: Sequence[Row]) -> np.ndarray:
        if self.name == "kind":
            return np.array([r.want_kind for r in rows])
        if self.name == "clarify":
            return np.array([int(r.want_clarify) for r in rows])
        # the category of a product noun: where the client sends the product, it says its category
        return np.array([-1 if r.want_cat is None or r.context.sent_product else r.want_cat for r in rows])

    def rules(self, rows: Sequence[Row]) -> np.ndarray:
        if self.name == "kind":
            return np.array([il.KINDS.index(r.context.rules_kind) for r in rows])
        if self.name == "clarify":
            return np.array([int(r.context.rules_clarify) for r in rows])
        return np.array([r.rules_cat for r in rows])

    def scored(self, rows: Sequence[Row]) -> np.ndarray:
        return self.want(rows) >= 0

    def matrix(self, rows: Sequence[Row]) -> il.Sparse:
        return il.Sparse.of(
            [il.features(r.text, r.context, self.stacked, r.history if self.history else "") for r in rows]
        )


def out_of_fold(
    rows: Sequence[Row],
    task: Task,
    tests: Sequence[str],
    pool: Callable[[str], Sequence[str]],
    l2: float,
    steps: int,
) -> dict[str, np.ndarray]:
    """part -> class probabilities of its rows from a model trained on pool(part) (never the part)."""
    x = task.matrix(rows)
    want = task.want(rows)
    parts = np.array([r.part for r in rows])
    out = {}
    for test in tests:
        train = np.flatnonzero(np.isin(parts, [p for p in pool(test) if p != test]) & (want >= 0))
        w = il.fit(x.take(train), want[train], task.classes, l2=l2, steps=steps)
        out[test] = il.predict(w, x.take(np.flatnonzero(parts == test)))
    return out


@dataclass
class Fold:
    part: str
    n: int
    rules: float
    model: float
    combined: float
    threshold: float


def fold_table(
    rows: Sequence[Row], task: Task, proba: dict[str, np.ndarray], threshold_pool: Mapping[str, Sequence[str]]
) -> list[Fold]:
    """Per test part: rules vs model vs combined accuracy, the threshold chosen on threshold_pool[part]
    (the other folds' out-of-fold probabilities, never the test part's)."""
    by_part = {p: [r for r in rows if r.part == p] for p in proba}
    out = []
    for part, p in proba.items():
        pool = [q for q in threshold_pool[part] if q in proba and q != part]
        pr = np.concatenate([proba[q] for q in pool])
        pool_rows = [r for q in pool for r in by_part[q]]
        t = il.best_threshold(task.rules(pool_rows), pr, task.want(pool_rows), task.scored(pool_rows))
        test = by_part[part]
        want, rules, mask = task.want(test), task.rules(test), task.scored(test)
        comb = il.overridden(rules, p, t)
        out.append(
            Fold(
                part,
                int(mask.sum()),
                float((rules == want)[mask].mean()),
                float((p.argmax(axis=1) == want)[mask].mean()),
                float((comb == want)[mask].mean()),
                t,
            )
        )
    return out


class CombinedAgent(IntentAgent):
    """The rules, with the kind overridden where the model disagrees above the threshold; counts
    the CPU of each half so the model's cost per turn is measured against the rules' in one run."""

    def __init__(self, weights: np.ndarray, threshold: float, stacked: bool) -> None:
        super().__init__(learned=False)  # the override under test is this one, not the shipped one
        self.weights, self.threshold, self.stacked = weights, threshold, stacked
        self.rules_ns = self.model_ns = self.turns = self.overrides = 0

    async def recognize(self, request: ScriptRequest, session: Session) -> IntentResult:
        started = time.process_time_ns()
        r = await super().recognize(request, session)
        middle = time.process_time_ns()
        c = context_of(request, session, r)
        x = il.Sparse.of([il.features(reading(request.query), c, self.stacked)])
        p = il.predict(self.weights, x)[0]
        self.rules_ns += middle - started
        self.model_ns += time.process_time_ns() - middle
        self.turns += 1
        best = int(p.argmax())
        if p[best] > self.threshold and il.KINDS[best] != r.kind.value:
            self.overrides += 1
            return r.model_copy(update={"kind": IntentKind(il.KINDS[best])})
        return r


async def replay_turns(part: str, agent: IntentAgent) -> tuple[int, int, int]:
    """(turns fully right, kind right, turns) of a part replayed through agent."""
    full = kind = n = 0
    for dialogue in load(part):
        for turn, r in await replay(dialogue, agent):
            marks = score(turn, r)
            full, kind, n = full + all(marks.values()), kind + marks["kind"], n + 1
    return full, kind, n
