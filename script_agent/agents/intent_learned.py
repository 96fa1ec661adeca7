"""The learned kind override: a small model that may overrule the intent rules' kind (#12 item 3).

Why: the rules are tuned author by author and each new author scores below the tuned parts. A
character 1-3-gram logistic regression over the query as the rules read it plus what the session
knows (scripts written, scene in force, product sent), allowed to overrule the rules' KIND only when
it is sure (probability above a threshold chosen on other authors' folds), fixed turns on two unseen
authors and broke none (README, "A learned layer was tried"). Only the kind: scene, reference and
product are then read by the rules for the final kind.

Pure inference, numpy only: the weights are read once from script_agent/data/intent_kind.npz
(built by scripts/train_intent_kind.py, `make intent-model`), lazily and under a lock, and every
turn after that is a few hundred crc32 hashes and one small dot product (no I/O). Training and the
leave-one-author-out folds live in script_agent/testing/intent_learning*.py and import this module,
so serving and training hash the same features.
"""

from __future__ import annotations

import math
import threading
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Self

import numpy as np

from script_agent.agents.intent_jargon import plain
from script_agent.agents.intent_reference import refers_to_script
from script_agent.agents.intent_register import normalized
from script_agent.agents.intent_rules import A_NOT_A
from script_agent.agents.intent_slots import Slots
from script_agent.domain.intent import DirectiveKind, IntentKind
from script_agent.domain.models import ScriptRequest
from script_agent.domain.session import Session

KINDS = ("generate", "continue", "modify", "switch_product", "query")
SCENES = ("opening", "product_intro", "selling_points", "promotion", "closing")
CATEGORIES = ("美妆", "数码", "服饰", "食品", "家居", "母婴")
DIM = 1 << 15  # hashed n-gram buckets; collisions are rare at ~2,300 short queries
SALTS = ("q", "h", "c")  # query n-grams, history n-grams, context tokens: one hash space each
FEATURE_VERSION = 1  # bump when features() changes: a model file of another version is refused
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "intent_kind.npz"


class ModelFileError(ValueError):
    """The model file is missing, corrupt or built for other features: never serve a silent guess."""


@dataclass(frozen=True)
class Context:
    """What the session knows about a turn besides its words (all of it is known at serving time).
    The rules_* fields are features only for a stacked model (the experiment's); the shipped kind
    model is not stacked, so it can be asked before the rules' result exists."""

    scripts: int  # scripts written so far in the session
    scene: str | None  # scene in force (session.scene)
    last_scene: str | None  # scene of the last script written
    sent_product: bool  # the client sends a product with the turn
    session_product: bool  # a product is already in play
    asked_back: bool  # the last reply was a clarifying question
    rules_kind: str = ""
    rules_clarify: bool = False
    rules_category: str | None = None


def reading(query: str) -> str:
    """The query as the rules read it: whitespace, register and jargon normalised (as intent.py)."""
    return plain(normalized(" ".join(query.split())))


def context_of(
    request: ScriptRequest,
    session: Session,
    rules_kind: str = "",
    rules_clarify: bool = False,
    rules_category: str | None = None,
) -> Context:
    """The turn's context as the agent sees it before answering (the replay's, turn for turn)."""
    last = session.last_script()
    return Context(
        scripts=session.script_count,
        scene=session.scene.value if session.scene else None,
        last_scene=last.scene.value if last else None,
        sent_product=request.product is not None or bool(request.product_id),
        session_product=session.product is not None,
        asked_back=bool(session.turns) and session.turns[-1].text != "…",
        rules_kind=rules_kind,
        rules_clarify=rules_clarify,
        rules_category=rules_category,
    )


def ngrams(text: str, sizes: Iterable[int] = (1, 2, 3)) -> list[str]:
    """Character n-grams, padded with ^ and $ so that an opening 再 differs from an inner one."""
    padded = f"^{text}$"
    return [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]


def bucket(token: str, salt: str = "") -> int:
    """A stable hash (crc32, not Python's salted hash) so weights trained once are valid in any run.
    crc32 of salt + \x1f + token, continued from the salt's own crc (the same value, fewer bytes)."""
    start = _SALT_CRC.get(salt)
    if start is None:
        start = zlib.crc32(f"{salt}\x1f".encode())
    return zlib.crc32(token.encode(), start) % DIM


_SALT_CRC = {salt: zlib.crc32(f"{salt}\x1f".encode()) for salt in (*SALTS, "")}


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


@lru_cache(maxsize=1 << 16)
def _gram_column(gram: str) -> int:
    """A query n-gram's column: the same few thousand n-grams recur turn after turn (bounded LRU)."""
    return bucket(gram, SALTS[0])


@lru_cache(maxsize=1024)
def _context_columns(c: Context, stacked: bool) -> tuple[int, ...]:
    """The context tokens' columns: a session has few distinct contexts, so each is hashed once."""
    return tuple(bucket(t, SALTS[2]) for t in context_tokens(c, stacked))


def _columns(text: str, c: Context, stacked: bool, history: str = "") -> dict[int, float]:
    h = SALTS[1]
    grams = set(ngrams(text))
    cols: dict[int, float] = {}
    if grams:
        w = 1.0 / math.sqrt(len(grams))
        for g in grams:
            b = _gram_column(g)
            cols[b] = cols.get(b, 0.0) + w
    past = set(ngrams(history, (2, 3))) if history else set()
    for g in past:
        cols[bucket(g, h)] = 0.5 / math.sqrt(len(past))
    for b in _context_columns(c, stacked):
        cols[b] = 1.0
    return cols


def features(text: str, c: Context, stacked: bool, history: str = "") -> list[tuple[int, float]]:
    """(column, value) pairs of one turn: n-grams scaled to unit norm, context tokens at 1.
    history: earlier queries of the dialogue (the category model reads the product named before)."""
    return sorted(_columns(text, c, stacked, history).items())


@dataclass
class Sparse:
    """A CSR-like matrix in three numpy arrays: enough for X @ W without scipy."""

    rows: np.ndarray  # int32, sorted by row
    cols: np.ndarray  # int32
    vals: np.ndarray  # float64
    n_rows: int

    @classmethod
    def of(cls, pairs: Sequence[Sequence[tuple[int, float]]]) -> Self:
        rows = np.repeat(np.arange(len(pairs), dtype=np.int32), [len(p) for p in pairs])
        cols = np.fromiter((c for p in pairs for c, _ in p), dtype=np.int32, count=len(rows))
        vals = np.fromiter((v for p in pairs for _, v in p), dtype=np.float64, count=len(rows))
        return cls(rows, cols, vals, len(pairs))

    def dot(self, w: np.ndarray) -> np.ndarray:
        prod = self.vals[:, None] * w[self.cols]
        starts = np.searchsorted(self.rows, np.arange(self.n_rows))
        out: np.ndarray = np.add.reduceat(prod, starts, axis=0)
        return out  # every row has the bias column, so no row is empty


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=-1, keepdims=True)
    return out


def predict(w: np.ndarray, x: Sparse) -> np.ndarray:
    """Class probabilities, one row per turn."""
    return softmax(x.dot(w))


def overridden(rules: np.ndarray, proba: np.ndarray, threshold: float) -> np.ndarray:
    """The combination: the model's class where it disagrees with the rules with probability above
    threshold, the rules' answer everywhere else."""
    model = proba.argmax(axis=1)
    sure = proba.max(axis=1) > threshold
    return np.where(sure & (model != rules), model, rules)


@dataclass(frozen=True)
class KindModel:
    """The shipped kind model: dense (DIM, len(KINDS)) float32 weights in memory, the threshold above
    which it overrules the rules, and the digest of the labelled parts it was trained on."""

    weights: np.ndarray
    threshold: float
    parts_sha256: str

    def _exp(self, text: str, context: Context) -> list[float]:
        """exp(logit - max logit) per kind: the softmax up to its sum, in plain floats (five numbers:
        numpy's per-call overhead would cost more than the arithmetic)."""
        cols = _columns(text, context, stacked=False)
        keys = np.fromiter(cols.keys(), dtype=np.intp, count=len(cols))
        vals = np.fromiter(cols.values(), dtype=np.float64, count=len(cols))
        z = (vals @ self.weights[keys]).tolist()
        top = max(z)
        return [math.exp(v - top) for v in z]

    def proba(self, text: str, context: Context) -> np.ndarray:
        """The kind probabilities of one turn (text: as reading() gives it)."""
        e = self._exp(text, context)
        return np.array(e) / sum(e)

    def kind(self, rules: IntentKind, text: str, context: Context) -> IntentKind:
        """The rules' kind unless the model disagrees with more than threshold probability."""
        e = self._exp(text, context)
        best = e.index(max(e))
        sure = e[best] / sum(e) > self.threshold
        return IntentKind(KINDS[best]) if sure and KINDS[best] != rules.value else rules


def explicit(
    rules: IntentKind, model: IntentKind, said: Slots, session: Session, context: Context, text: str = ""
) -> bool:
    """Whether the rules read a cue the model's n-grams do not weigh, so their kind stands. Found
    where the model trained on every part overruled hand-written family tests of the rules
    (tests/intent): each is a structural reading, not a word the n-grams could learn to outweigh."""
    if rules is IntentKind.SWITCH_PRODUCT:
        return True  # 换卖耳机吧，写个卖点: the rules say switch only on a product or a switch named
    if rules is IntentKind.QUERY:
        # 最开始那版是不是提了价格: an A-not-A question about what a script holds asks, it edits nothing
        return A_NOT_A.search(text) is not None and refers_to_script(text)
    if rules is not IntentKind.GENERATE:
        return False
    if model is IntentKind.CONTINUE:
        # 再来一段收尾 after an opening, 再来一段讲五种模式的: a new scene or a focus is a new script
        last = session.last_script()
        focused = any(d.kind is DirectiveKind.FOCUS for d in said.directives)
        return focused or (said.named_scene and last is not None and last.scene is not said.scene)
    if model is IntentKind.QUERY:
        return said.scene is not None  # 能帮我想想下播咋说吗: a script asked for, put as a question
    if model is IntentKind.SWITCH_PRODUCT:
        return context.asked_back  # 推一款保温杯 after "which product?": the answer, not a switch
    return False


def overrule(
    rules: IntentKind, text: str, request: ScriptRequest, session: Session, said: Slots
) -> IntentKind:
    """The kind IntentAgent goes on with: the shipped model's where it is sure and the rules read no
    explicit cue against it (text: the query as reading() gives it, said: the rules' slots)."""
    context = context_of(request, session)
    model = shared().kind(rules, text, context)
    return rules if model is rules or explicit(rules, model, said, session, context, text) else model


def encode(weights: np.ndarray, threshold: float, parts_sha256: str, half: bool) -> dict[str, np.ndarray]:
    """The arrays of a model file: only the rows training touched (the rest stay exactly zero from a
    zero start with L2), stored float16 when half, with what the loader checks."""
    rows = np.flatnonzero(np.abs(weights).max(axis=1) > 0).astype(np.int32)
    return {
        "rows": rows,
        "weights": weights[rows].astype(np.float16 if half else np.float32),
        "threshold": np.array(threshold, dtype=np.float64),
        "buckets": np.array(DIM, dtype=np.int64),
        "salts": np.array(SALTS),
        "kinds": np.array(KINDS),
        "feature_version": np.array(FEATURE_VERSION, dtype=np.int64),
        "parts_sha256": np.array(parts_sha256),
    }


def decode(arrays: Mapping[str, np.ndarray], source: str = "model file") -> KindModel:
    """A KindModel from a model file's arrays; ModelFileError on anything the code cannot trust."""
    need = {"rows", "weights", "threshold", "buckets", "salts", "kinds", "feature_version", "parts_sha256"}
    if missing := need - set(arrays):
        raise ModelFileError(f"{source}: missing {sorted(missing)}; rebuild it with `make intent-model`")
    if int(arrays["feature_version"]) != FEATURE_VERSION or int(arrays["buckets"]) != DIM:
        raise ModelFileError(f"{source}: built for other features; rebuild it with `make intent-model`")
    if tuple(arrays["salts"].tolist()) != SALTS or tuple(arrays["kinds"].tolist()) != KINDS:
        raise ModelFileError(f"{source}: other hash salts or kinds; rebuild it with `make intent-model`")
    rows, w, threshold = arrays["rows"], arrays["weights"], float(arrays["threshold"])
    if w.shape != (len(rows), len(KINDS)) or (len(rows) and (rows.min() < 0 or rows.max() >= DIM)):
        raise ModelFileError(f"{source}: weights of shape {w.shape} for {len(rows)} rows")
    if not np.isfinite(w).all() or not 0.0 < threshold <= 1.0:
        raise ModelFileError(f"{source}: non-finite weights or threshold {threshold}")
    dense = np.zeros((DIM, len(KINDS)), dtype=np.float32)
    dense[rows] = w
    dense.setflags(write=False)
    return KindModel(dense, threshold, str(arrays["parts_sha256"]))


def load(path: Path = MODEL_PATH) -> KindModel:
    """Read and check a model file (np.load without pickles: a file is data, never code)."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except Exception as e:  # OSError, zipfile.BadZipFile, a truncated member: say so, loudly
        raise ModelFileError(
            f"{path}: unreadable ({type(e).__name__}: {e}); rebuild it with `make intent-model`"
        ) from e
    try:
        return decode(arrays, str(path))
    except ModelFileError:
        raise
    except Exception as e:  # an array of the wrong kind (text where a number belongs): still corrupt
        raise ModelFileError(
            f"{path}: corrupt ({type(e).__name__}: {e}); rebuild it with `make intent-model`"
        ) from e


_lock = threading.Lock()
_loaded: dict[Path, KindModel] = {}


def shared(path: Path = MODEL_PATH) -> KindModel:
    """The model of path, read on first use and kept: one read per process however many threads or
    agents ask (double-checked under a lock, so the hot path takes no lock once loaded)."""
    model = _loaded.get(path)
    if model is None:
        with _lock:
            model = _loaded.get(path)
            if model is None:
                model = _loaded[path] = load(path)
    return model
