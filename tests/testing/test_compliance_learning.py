"""The pure parts of the learned compliance layer (#11): features, the sparse algebra, the fit, the
threshold rule and the union. The fold experiment itself is a benchmark (bench/compliance_learned.py)."""

from __future__ import annotations

import numpy as np

from script_agent.testing import compliance_learning as cl


def test_ngrams_stay_inside_a_clause_and_mark_its_edges() -> None:
    grams = cl.ngrams("最好，不")
    assert "^最好" in grams and "不$" in grams and "^不" in grams
    assert not any("，" in g for g in grams)  # no n-gram straddles the comma
    assert cl.bucket("最好") == cl.bucket("最好")  # crc32: stable across runs, unlike hash()


def test_featurize_rows_are_unit_norm_with_a_bias_column() -> None:
    x = cl.featurize(["全网最低价", "今天就这样"])
    assert x.rows == 2
    for r in range(2):
        vals = x.vals[x.ptr[r] : x.ptr[r + 1]]
        assert np.isclose(np.sum(vals**2), 1.0, atol=1e-5)
        assert 0 in set(x.cols[x.ptr[r] : x.ptr[r + 1]])


def test_sparse_products_match_dense_algebra() -> None:
    x = cl.featurize(["能治失眠", "保证有效", "加我微信"])
    dense = np.zeros((x.rows, cl.DIM))
    np.add.at(dense, (x.row_ids(), x.cols), x.vals)
    w = np.random.default_rng(0).normal(size=(cl.DIM, 3))
    g = np.random.default_rng(1).normal(size=(x.rows, 3))
    assert np.allclose(x.dot(w), dense @ w, atol=1e-5)
    assert np.allclose(x.tdot(g), dense.T @ g, atol=1e-5)


def test_targets_make_look_alikes_negative_everywhere() -> None:
    y = cl.targets(["medical", "medical", "price"], [True, False, True])
    assert y[0, cl.CATEGORIES.index("medical")] == 1 and y[0].sum() == 1
    assert y[1].sum() == 0
    assert y[2, cl.CATEGORIES.index("price")] == 1


def test_fit_separates_a_toy_corpus_and_round_trips_through_npz(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = ["这个能治好失眠", "吃了能治胃病", "加我微信私聊", "私信加V发你", "今天天气不错", "大家晚上好"]
    cats = ["medical", "medical", "diversion", "diversion", "medical", "diversion"]
    bad = [True, True, True, True, False, False]
    x = cl.featurize(texts)
    model = cl.fit(x, cl.targets(cats, bad), steps=100)
    p = model.proba(x)
    med, div = cl.CATEGORIES.index("medical"), cl.CATEGORIES.index("diversion")
    assert p[0, med] > 0.5 and p[2, div] > 0.5 and p[4].max() < 0.5
    path = tmp_path / "w.npz"
    model.save(str(path))
    assert np.allclose(cl.Model.load(str(path)).proba(x), p, atol=1e-5)


def test_flagged_and_combine_only_add_findings() -> None:
    p = np.zeros((2, len(cl.CATEGORIES)))
    p[0, cl.CATEGORIES.index("price")] = 0.6
    model = cl.flagged(p, 0.5)
    assert model == [{"price"}, set()]
    assert cl.combine([{"absolute"}, {"review"}], model) == [{"absolute", "price"}, {"review"}]


def test_pick_threshold_takes_best_recall_within_the_fp_budget() -> None:
    score = {0.2: (0.9, 0.15), 0.3: (0.85, 0.105), 0.4: (0.85, 0.10), 0.5: (0.8, 0.098)}
    assert cl.pick_threshold(list(score), score, base_fp=0.098) == 0.4  # tie on recall -> higher threshold
    assert cl.pick_threshold(list(score), score, base_fp=0.098, fp_budget=0.01) == 0.4
    assert cl.pick_threshold(list(score), score, base_fp=0.098, fp_budget=0.1) == 0.2
    assert cl.pick_threshold([0.2], {0.2: (0.9, 0.5)}, base_fp=0.0) == 0.2  # nothing fits: the highest


def test_as_of_training_holds_only_what_existed_when_the_fold_was_measured() -> None:
    from script_agent.testing import compliance_learning_folds as folds
    from script_agent.testing.compliance_corpus import Row

    splits = {
        name: [Row(f"{name}-{i}", "price", True, f"{name} {i}") for i in range(2000 if name == "dev" else 3)]
        for name in ("dev", *folds.OTHER, *folds.FOLDS)
    }
    asof = {r.id.rsplit("-", 1)[0] for r in folds.training_rows("blind4", "asof", splits)}
    assert asof == {"dev", "holdout", "fresh", "blind", "blind2", "blind3"}
    assert sum(r.id.startswith("dev-") for r in folds.training_rows("blind4", "asof", splits)) == 926
    loao = {r.id.rsplit("-", 1)[0] for r in folds.training_rows("blind4", "loao", splits)}
    assert "blind4" not in loao and {"blind5", "blind9", "dev"} <= loao
    clean = folds.training_rows("blind4", "clean", splits)
    assert sum(r.id.startswith("dev-") for r in clean) == 2000 - (1070 - 926)  # round 6's rows left out


def test_loss_weights_count_a_look_alike_more_on_its_own_category_only() -> None:
    w = cl.loss_weights(["medical", "price"], [False, True])
    med = cl.CATEGORIES.index("medical")
    assert w[0, med] == 1 + cl.LOOK_ALIKE_WEIGHT and np.delete(w[0], med).tolist() == [1.0] * (w.shape[1] - 1)
    assert (w[1] == 1).all()  # a violation's entries all count once
