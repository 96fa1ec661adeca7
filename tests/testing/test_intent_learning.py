"""The pure parts of the learned intent layer (script_agent/testing/intent_learning.py): n-grams,
stable hashing, the sparse products, the fit on a separable toy set, and the override rule."""

from __future__ import annotations

import numpy as np

from script_agent.testing import intent_learning as il
from script_agent.testing import intent_learning_folds as folds

CTX = il.Context(
    scripts=1,
    scene="opening",
    last_scene="opening",
    sent_product=True,
    session_product=True,
    asked_back=False,
    rules_kind="modify",
    rules_clarify=False,
    rules_category=None,
)


def test_ngrams_are_padded_and_sized() -> None:
    assert il.ngrams("再来", (1,)) == ["^", "再", "来", "$"]
    assert "^再" in il.ngrams("再来") and "再来$" in il.ngrams("再来")


def test_buckets_are_stable_across_runs() -> None:
    assert il.bucket("再来", "q") == il.bucket("再来", "q")
    assert il.bucket("再来", "q") != il.bucket("再来", "c")  # salts keep feature families apart
    assert 0 <= il.bucket("x") < il.DIM


def test_the_rules_answer_is_a_feature_only_when_stacked() -> None:
    assert not any(t.startswith("rk=") for t in il.context_tokens(CTX, stacked=False))
    assert "rk=modify" in il.context_tokens(CTX, stacked=True)


def test_sparse_products_match_dense() -> None:
    pairs = [il.features(q, CTX, stacked=False) for q in ("再来一段", "短一点", "换成手机")]
    x = il.Sparse.of(pairs)
    dense = np.zeros((3, il.DIM))
    for i, row in enumerate(pairs):
        for c, v in row:
            dense[i, c] += v
    w = np.random.default_rng(0).normal(size=(il.DIM, 2))
    g = np.random.default_rng(1).normal(size=(3, 2))
    assert np.allclose(x.dot(w), dense @ w)
    assert np.allclose(x.tdot(g), dense.T @ g)
    assert np.allclose(x.take(np.array([2, 0])).dot(w), (dense @ w)[[2, 0]])


def test_fit_separates_a_toy_set() -> None:
    texts = ["再来一段", "再来一个", "短一点", "改短点", "换成手机", "换个耳机"]
    y = np.array([0, 0, 1, 1, 2, 2])
    x = il.Sparse.of([il.features(t, CTX, stacked=False) for t in texts])
    w = il.fit(x, y, 3, l2=1e-4, steps=200)
    assert (il.predict(w, x).argmax(axis=1) == y).all()


def test_the_model_overrides_only_above_the_threshold() -> None:
    rules = np.array([0, 0, 1])
    proba = np.array([[0.1, 0.9], [0.4, 0.6], [0.2, 0.8]])
    assert il.overridden(rules, proba, 0.85).tolist() == [1, 0, 1]
    assert il.overridden(rules, proba, 1.0).tolist() == [0, 0, 1]
    assert il.best_threshold(rules, proba, np.array([0, 0, 1])) == 1.0
    assert il.best_threshold(rules, proba, np.array([1, 0, 1])) in (0.85, 0.8, 0.7, 0.6)


def test_the_newest_author_is_in_no_training_pool_but_its_own() -> None:
    for part in folds.BLIND:
        assert folds.FINAL not in folds.pool_out(part) and part not in folds.pool_out(part)
        assert folds.FINAL not in folds.pool_before(part)
        assert not set(folds.UNSEEN) & {*folds.pool_out(part), *folds.pool_before(part), *folds.BLIND}
    assert folds.PAIRED["heldout13"] == "dev12" and "dev12" not in folds.pool_out("heldout13")
    assert folds.pool_before("heldout6")[-2:] == ["heldout5", "dev4"]
