"""The learned compliance layer as shipped: fresh weights, loud failure, and what a user sees.

The phrases below are in no corpus split and not in the exemplar bank (checked here), so they show
how the layer behaves on text it never saw: a violation no rule lists gets a warning citing the
category's legal basis, a compliant look-alike stays clean, and a rule hit is reported unchanged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from script_agent.agents.compliance import ComplianceChecker
from script_agent.bootstrap import build_compliance
from script_agent.config import Settings
from script_agent.domain.compliance import Category, Severity, detect, learned
from script_agent.domain.compliance.taxonomy import primary_rule
from script_agent.memory import compliance_learned as loader
from script_agent.testing import compliance_learning as cl
from script_agent.testing.compliance_corpus import CORPUS, SPLITS, TUNING

UNLISTED = "散场了别走，找我小号聊，价格另算"  # off-platform diversion, in words no rule lists
LOOK_ALIKE = "有售后问题直接找平台客服，用不着另外加谁的私人号"  # the compliant way to say where to ask
RULE_HIT = "这个枕头睡了一周，颈椎病好了一大半。"  # a medical claim the rules catch


@pytest.fixture(scope="module")
def model() -> learned.LearnedModel:
    return loader.load_learned()


def test_the_shipped_weights_match_the_training_splits_now() -> None:
    arrays = loader.read(loader.MODEL_PATH.read_bytes())
    assert str(arrays["splits_sha256"]) == cl.splits_digest(), (
        "the corpus changed since compliance_learned.npz was trained: run `make compliance-model`"
    )
    assert int(arrays["feature_version"]) == learned.FEATURE_VERSION, "run `make compliance-model`"


def test_the_unseen_split_is_never_trained_on() -> None:
    assert set(cl.TRAINING_SPLITS) == {*TUNING, "holdout", "fresh", "blind"}
    assert SPLITS[-len(cl.UNSEEN) :] == cl.UNSEEN and not set(cl.UNSEEN) & {*cl.TRAINING_SPLITS, *TUNING}
    assert set(cl.TRAINING_SPLITS) | set(cl.UNSEEN) == set(SPLITS)


def test_the_features_are_frozen_at_their_version() -> None:
    """A change to the clause splitter or the n-grams changes this digest: bump FEATURE_VERSION and
    retrain (`make compliance-model`), then record the new digest here."""
    texts = ["全网最低价，错过再等一年！", "喝了它，三高都降了；不能代替药物", "加我vx：私聊~给你便宜…好吧"]
    digest = hashlib.sha256(repr([learned.features(t) for t in texts]).encode()).hexdigest()[:16]
    assert (learned.FEATURE_VERSION, digest) == (1, "ca9dffdd59d337fd")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated download
        lambda raw: b"not a zip at all",
    ],
)
def test_a_corrupt_file_fails_loudly(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "w.npz"
    bad.write_bytes(damage(loader.MODEL_PATH.read_bytes()))
    with pytest.raises(loader.CorruptWeights, match="make compliance-model"):
        loader.load_learned(bad)


def test_weights_of_another_feature_version_or_shape_are_refused(tmp_path: Path) -> None:
    arrays = loader.read(loader.MODEL_PATH.read_bytes())
    for change in (
        {"feature_version": np.array(learned.FEATURE_VERSION + 1)},
        {"weights": arrays["weights"][1:]},
    ):
        path = tmp_path / "w.npz"
        np.savez_compressed(path, **{**arrays, **change})
        with pytest.raises(loader.CorruptWeights):
            loader.load_learned(path)
    missing = {k: v for k, v in arrays.items() if k != "threshold"}
    np.savez_compressed(path, **missing)
    with pytest.raises(loader.CorruptWeights, match="threshold"):
        loader.load_learned(path)


def test_the_phrases_below_are_in_no_split() -> None:
    bank = [(CORPUS / f"{name}.jsonl").read_text(encoding="utf-8") for name in SPLITS]
    bank.append((Path(loader.__file__).parents[1] / "data" / "compliance_exemplars.jsonl").read_text("utf-8"))
    for phrase in (UNLISTED, LOOK_ALIKE, RULE_HIT):
        for part in phrase.rstrip("。").split("，"):
            assert not any(part in text for text in bank), part


async def test_a_violation_no_rule_lists_gets_a_warning_with_the_categorys_basis(
    model: learned.LearnedModel,
) -> None:
    assert not detect(UNLISTED)
    report = await ComplianceChecker(learned=model).check(UNLISTED)
    (finding,) = report.findings
    rule = primary_rule(Category.DIVERSION)
    assert (finding.rule_id, finding.layer, finding.severity) == (
        "learned.diversion",
        "learned",
        Severity.WARNING,
    )
    assert (finding.basis, finding.fix) == (rule.basis, rule.fix)
    assert finding.score is not None and finding.score >= model.threshold
    assert report.layers == ["rule", "learned"] and report.blocking == 0


async def test_a_compliant_look_alike_stays_clean(model: learned.LearnedModel) -> None:
    assert (await ComplianceChecker(learned=model).check(LOOK_ALIKE)).clean


async def test_a_rule_hit_is_unchanged_and_its_category_adds_nothing(model: learned.LearnedModel) -> None:
    text = RULE_HIT + UNLISTED
    rules = detect(text)
    report = await ComplianceChecker(learned=model).check(text)
    assert [f for f in report.findings if f.layer == "rule"] == rules
    extra = [f for f in report.findings if f.layer == "learned"]
    assert [f.rule_id for f in extra] == ["learned.diversion"] and extra[0].start == len(RULE_HIT)
    # In the rule hit's own sentence the model's medical score, if any, is covered by the rule.
    assert not learned.findings(RULE_HIT, detect(RULE_HIT), model)


def test_price_is_left_to_the_rules(model: learned.LearnedModel) -> None:
    flat = list(model.weights)
    k = len(learned.CATEGORIES)
    col = learned.CATEGORIES.index("price")
    for b in learned.features("原价999今天只要9块9"):
        flat[b * k + col] = 10.0  # a model certain of price
    sure = learned.LearnedModel(flat, model.threshold)
    assert sure.proba("原价999今天只要9块9")["price"] > 0.99
    assert "price" not in sure.flagged("原价999今天只要9块9")


def test_the_setting_turns_the_layer_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPLIANCE_LEARNED", raising=False)
    assert build_compliance(Settings()).layers == ["rule", "learned"]
    monkeypatch.setenv("COMPLIANCE_LEARNED", "false")
    assert build_compliance(Settings()).layers == ["rule"]


async def test_in_the_quality_agent_a_learned_warning_is_feedback_but_costs_no_points(
    model: learned.LearnedModel,
) -> None:
    """A model's guess alone must not push a script under min_score and force a regeneration."""
    from script_agent.agents.quality import QualityAgent
    from script_agent.domain.models import Scene
    from script_agent.stores.memory.repositories import default_repositories
    from tests.agents.support import brief_for

    brief = await brief_for(default_repositories(), "xiaomei", "lipstick-316", Scene.PROMOTION)
    text = "宝子们好！今天给大家带来绯记丝绒雾面口红，丝绒雾面不拔干。" + UNLISTED + "。喜欢的宝子扣1告诉我！"
    with_model = await QualityAgent(compliance=ComplianceChecker(learned=model)).check(text, brief)
    rules_only = await QualityAgent().check(text, brief)
    (issue,) = [i for i in with_model.issues if i.code == "compliance.learned.diversion"]
    assert not issue.blocking and "[learned.diversion]" in with_model.feedback
    assert with_model.score == rules_only.score and with_model.passed == rules_only.passed


# Each unseen split with the learned layer on, measured once before the model was trained on it
# (test_corpus.py has the rules' own first figures). blind10 was measured with the round-11 model and
# rules, then tuned on and trained on in round 12; blind11 and blind12 with the round-12 rules and the
# look-alike-weighted model, which had not seen them, then tuned and trained on in round 13. These are
# records now; the unseen split's floor is in test_unseen_splits.py.
COMBINED_FIRST = {
    "blind10": {"recall": (90, 120), "false_positives": (12, 120)},
    "blind11": {"recall": (101, 120), "false_positives": (12, 120)},
    "blind12": {"recall": (97, 120), "false_positives": (20, 120)},
}


@pytest.mark.parametrize("split", sorted(COMBINED_FIRST))
def test_rules_and_learned_on_an_unseen_split_hold_their_first_measurement(
    model: learned.LearnedModel, split: str
) -> None:
    from script_agent.testing.compliance_corpus import evaluate, facts_for, load, products

    catalogue = products()

    def both(row):  # type: ignore[no-untyped-def]
        rules = {f.category.value for f in detect(row.text, facts_for(row, catalogue))}
        return rules | {cat for span in learned.units(row.text) for cat in model.flagged(span.text)}

    overall = evaluate(load(split), both)["overall"]
    assert overall.caught >= COMBINED_FIRST[split]["recall"][0], overall.misses
    assert overall.false_positives <= COMBINED_FIRST[split]["false_positives"][0], overall.flagged
