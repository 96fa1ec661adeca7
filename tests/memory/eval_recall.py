"""Recall@3 and threshold calibration on the labelled Chinese set (tests/memory/data).

Run `python tests/memory/eval_recall.py` for the full table; the tests import the same functions.
"""

from __future__ import annotations

import csv
import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
EmbedFn = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Doc:
    id: str
    category: str
    product: str
    scene: str
    text: str


@dataclass(frozen=True)
class Query:
    kind: str  # direct | paraphrase | offtopic
    product: str
    text: str


def load_corpus() -> list[Doc]:
    with (DATA / "corpus.tsv").open(encoding="utf-8") as fh:
        return [Doc(**row) for row in csv.DictReader(fh, delimiter="\t")]


def load_queries() -> list[Query]:
    with (DATA / "queries.tsv").open(encoding="utf-8") as fh:
        return [Query(**row) for row in csv.DictReader(fh, delimiter="\t")]


@dataclass
class EvalResult:
    recall_at_3: dict[str, float]  # by query kind, plus "all"
    relevant_scores: list[float]  # similarity of each relevant doc that made the top 3
    irrelevant_top_scores: list[float]  # best score of a wrong-product doc per query (incl. off-topic)
    threshold: float
    separation: float  # fraction of relevant hits kept and of irrelevant tops rejected, averaged


def evaluate(embed: EmbedFn, corpus: list[Doc], queries: list[Query]) -> EvalResult:
    doc_vecs = embed([d.text for d in corpus])
    q_vecs = embed([q.text for q in queries])
    sims = q_vecs @ doc_vecs.T
    per_kind: dict[str, list[float]] = {}
    rel_scores: list[float] = []
    irr_tops: list[float] = []
    for qi, query in enumerate(queries):
        order = np.argsort(-sims[qi])
        relevant = {i for i, d in enumerate(corpus) if d.product == query.product}
        irrelevant = [i for i in order if i not in relevant]
        irr_tops.append(float(sims[qi, irrelevant[0]]))
        if not relevant:
            continue
        top3 = list(order[:3])
        hits = [i for i in top3 if i in relevant]
        rel_scores.extend(float(sims[qi, i]) for i in hits)
        recall = len(hits) / min(3, len(relevant))
        per_kind.setdefault(query.kind, []).append(recall)
        per_kind.setdefault("all", []).append(recall)
    threshold, separation = calibrate(rel_scores, irr_tops)
    return EvalResult(
        {k: float(np.mean(v)) for k, v in per_kind.items()}, rel_scores, irr_tops, threshold, separation
    )


def calibrate(relevant: list[float], irrelevant: list[float]) -> tuple[float, float]:
    """Pick the threshold maximising balanced accuracy (Youden's J) between relevant hits and the best
    irrelevant candidate of each query; ties go to the lower threshold (missing an example costs more
    than showing a weak one). Rounded to 0.01 so the setting is a readable number."""
    best_t, best_score = 0.0, -1.0
    for t in np.arange(0.0, 1.0, 0.01):
        kept = float(np.mean([s >= t for s in relevant])) if relevant else 0.0
        rejected = float(np.mean([s < t for s in irrelevant])) if irrelevant else 0.0
        score = (kept + rejected) / 2
        if score > best_score + 1e-9:
            best_t, best_score = round(float(t), 2), score
    return best_t, best_score


@functools.cache
def available_embedders() -> dict[str, EmbedFn]:
    """Every embedder variant that can run here: hash variants always, the model ones when installed."""
    from script_agent.memory.features import FEATURE_SETS
    from script_agent.memory.hash_embedder import HashingEmbedder

    out: dict[str, EmbedFn] = {}
    for name in FEATURE_SETS:
        out[f"hash-{name}"] = HashingEmbedder(dim=512, features=name).embed_sync
    try:
        from script_agent.memory.use_embedder import UniversalSentenceEncoderEmbedder

        use = UniversalSentenceEncoderEmbedder()
        if use.available():
            out[use.name] = use.embed_sync
    except ImportError:
        pass
    try:
        from script_agent.memory.st_embedder import SentenceTransformerEmbedder

        st = SentenceTransformerEmbedder()
        if st.available():
            out[st.name] = st.embed_sync
    except ImportError:
        pass
    return out


def main(argv: list[str]) -> None:
    corpus, queries = load_corpus(), load_queries()
    names = argv or list(available_embedders())
    embedders = available_embedders()
    print(f"{len(corpus)} scripts, {len(queries)} queries")
    print(
        f"{'embedder':<26}{'R@3 all':>8}{'direct':>8}{'paraph':>8}{'thresh':>8}{'sep':>7}"
        f"{'rel p10':>8}{'irr p90':>8}"
    )
    for name in names:
        res = evaluate(embedders[name], corpus, queries)
        r = res.recall_at_3
        print(
            f"{name:<26}{r['all']:>8.3f}{r['direct']:>8.3f}{r['paraphrase']:>8.3f}{res.threshold:>8.2f}"
            f"{res.separation:>7.3f}{np.percentile(res.relevant_scores, 10):>8.3f}"
            f"{np.percentile(res.irrelevant_top_scores, 90):>8.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
