"""Quality agent: blocking vs non-blocking issues, score, and feedback the writer can act on."""

from __future__ import annotations

import pytest

from script_agent.agents.quality import QualityAgent, covers
from script_agent.domain.models import Scene
from tests.agents.support import brief_for

GOOD = (
    "宝子们好！今天给大家带来绯记丝绒雾面口红。丝绒雾面不拔干，上班一整天嘴巴也舒服；豆沙玫瑰色黄皮也显白，"
    "素颜涂也好看；一支能涂唇也能当腮红，出门包里带一支就够。最近好多姐妹问我，第一次用的朋友也很好上手，"
    "唯一的遗憾是我没早点遇到它。今天直播间价格是129元，想要的宝子们直接点购物车链接下单，扣1告诉我！"
)


@pytest.fixture
async def promo_brief(repos):
    return await brief_for(repos, "xiaomei", "lipstick-316", Scene.PROMOTION)


async def test_good_script_passes_with_a_high_score(promo_brief) -> None:
    report = await QualityAgent().check(GOOD, promo_brief)
    assert report.passed and report.score >= 90 and report.issues == [] and report.feedback == ""


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("这是全网最好的口红！", "compliance.absolute.superlative"),
        ("它可以根治唇炎。", "compliance.medical.treatment"),
        ("不买后悔！", "compliance.pressure.coercion"),
        ("原价399，现价129元！", "compliance.price.reference"),
        ("今天只要99元！", "fact.invented_price"),
    ],
)
async def test_violations_block_and_feedback_says_what_to_fix(promo_brief, bad: str, code: str) -> None:
    report = await QualityAgent().check(GOOD + bad, promo_brief)
    assert not report.passed and report.blocking
    assert code in [i.code for i in report.issues]
    assert report.feedback.startswith("1. ")
    assert report.score < (await QualityAgent().check(GOOD, promo_brief)).score


async def test_known_original_price_is_not_invented(promo_brief) -> None:
    report = await QualityAgent().check(GOOD + "日常169元，今天129元。", promo_brief)
    assert report.passed, report.issues


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("作为AI，我来写一段：" + GOOD, "structure.meta"),
        ("以下是开场话术：\n" + GOOD, "structure.meta"),
        ("## 开场\n" + GOOD, "structure.meta"),
        ("**重点**" + GOOD, "structure.meta"),
        ("好的，" + GOOD, "structure.meta"),
        ("【达人风格】小美\n" + GOOD, "structure.prompt_echo"),
        (GOOD + "想要的宝子们赶紧", "structure.incomplete"),
        ("宝子们，丝绒雾面不拔干，下单吧！", "structure.too_short"),
    ],
)
async def test_structure_problems_block(promo_brief, text: str, code: str) -> None:
    report = await QualityAgent().check(text, promo_brief)
    assert not report.passed
    assert code in [i.code for i in report.issues if i.blocking]


async def test_one_missing_selling_point_is_not_blocking(promo_brief) -> None:
    text = GOOD.replace("一支能涂唇也能当腮红，出门包里带一支就够。", "")
    report = await QualityAgent().check(text, promo_brief)
    missing = [i for i in report.issues if i.code == "coverage.missing"]
    assert len(missing) == 1 and not missing[0].blocking and missing[0].evidence == "一支能涂唇也能当腮红"
    assert report.passed and report.score < 100
    assert "补上卖点“一支能涂唇也能当腮红”" in report.feedback


async def test_very_low_coverage_blocks(promo_brief) -> None:
    text = (
        "宝子们好！今天给大家推荐一支口红，颜色很好看，质地也很舒服，日常通勤都能用，"
        "价格是129元，想要的点购物车链接下单吧！"
    )
    report = await QualityAgent().check(text, promo_brief)
    assert not report.passed and "coverage.very_low" in [i.code for i in report.issues if i.blocking]


def test_coverage_accepts_paraphrase_but_not_absence() -> None:
    assert covers("豆沙玫瑰色黄皮也显白", "这个豆沙玫瑰色，黄皮涂也显白")
    assert not covers("豆沙玫瑰色黄皮也显白", "这个颜色很好看")
    assert covers("5000mAh 大电池一天一充", "5000mAh的大电池，基本一天一充")


async def test_inferred_points_are_not_demanded(repos) -> None:
    brief = await brief_for(repos, "xiaomei", None, Scene.OPENING, product_name="口红", category="美妆")
    text = (
        "宝子们好！今天给大家看一支口红，颜色很日常，上班约会都能用，出门补妆也方便，"
        "想要的宝子们在公屏扣1，我看看有多少人想要！"
    )
    report = await QualityAgent().check(text, brief)
    assert report.passed and not [i for i in report.issues if i.code.startswith("coverage")]


async def test_style_and_cta_are_non_blocking(promo_brief) -> None:
    text = GOOD.replace("宝子们", "大家").replace("直接点购物车链接下单，扣1告诉我！", "记得看看。")
    report = await QualityAgent().check(text, promo_brief)
    codes = {i.code for i in report.issues}
    assert {"style.catchphrase", "scene.no_cta", "style.interaction"} <= codes
    good = await QualityAgent().check(GOOD, promo_brief)
    assert not report.blocking and report.passed and report.score <= good.score - 7
    assert not (await QualityAgent(min_score=report.score + 1).check(text, promo_brief)).passed


async def test_natural_speech_is_not_meta(promo_brief) -> None:
    text = GOOD + "两支当然可以叠加着涂，以后有问题随时问我。"
    assert (await QualityAgent().check(text, promo_brief)).passed


async def test_compliance_feedback_names_rule_span_basis_and_fix(promo_brief) -> None:
    text = GOOD + "这支口红是全网最好用的。"
    report = await QualityAgent().check(text, promo_brief)
    (issue,) = [i for i in report.issues if i.code.startswith("compliance.")]
    start = text.index("最好")
    assert f"[absolute.superlative] 第{start}-{start + 2}字“最好”" in issue.message
    assert "《广告法》第九条" in issue.message and "修改：" in issue.message
    assert issue.evidence == "这支口红是全网最好用的"


async def test_the_score_is_a_rubric_not_a_constant(promo_brief) -> None:
    """Repetition, a missing catchphrase and unknown figures cost points even with no issue."""
    repeated = GOOD + "丝绒雾面不拔干，上班一整天嘴巴也舒服。" * 3
    figures = GOOD.replace("最近好多姐妹问我", "已经有3000多个姐妹回购")
    good = (await QualityAgent().check(GOOD, promo_brief)).score
    assert (await QualityAgent().check(repeated, promo_brief)).score < good
    assert (await QualityAgent().check(figures, promo_brief)).score < good


async def test_a_compliance_warning_costs_points_but_does_not_block(promo_brief) -> None:
    from script_agent.agents.compliance import ComplianceChecker
    from script_agent.domain.compliance.semantic import Exemplar
    from script_agent.domain.compliance.taxonomy import Category

    class OneExemplar:
        name = "test"

        async def warmup(self) -> None:
            return None

        async def nearest(self, texts, k=5):
            from script_agent.domain.compliance.semantic import Neighbour

            bad = Exemplar("x", Category.PRESSURE, True)
            return [[Neighbour(bad, 0.99 if "遗憾" in t else 0.1)] for t in texts]

    agent = QualityAgent(compliance=ComplianceChecker(OneExemplar()))
    report = await agent.check(GOOD, promo_brief)
    assert report.passed and [i.code for i in report.issues] == ["compliance.semantic.pressure"]
    assert report.score < (await QualityAgent().check(GOOD, promo_brief)).score


async def test_only_price_fields_and_the_promotion_count_as_known_prices(promo_brief) -> None:
    """lipstick-316's features say 3.5g: a quantity in the data is not a price the script may quote."""
    assert "3.5g 标准管" in promo_brief.product.product.features
    report = await QualityAgent().check(GOOD + "今天只要3.5元！", promo_brief)
    assert "fact.invented_price" in [i.code for i in report.issues if i.blocking]
