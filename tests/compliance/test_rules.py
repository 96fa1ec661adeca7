"""Behaviour of the rule layer that the corpus figures alone do not pin down: negation and disclaimer
scope, ordinary uses of 最/第一/唯一/100%, product-aware claims, price grounding with units, spans."""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import RULES, Category, Severity, detect, facts_from
from script_agent.domain.models import Product

CREAM = Product(name="保湿面霜", category="美妆", price=199, features=["保湿"])
WHITENING = Product(name="美白精华", category="美妆", price=259, features=["特殊化妆品", "美白祛斑"])
NUTS = Product(name="每日坚果", category="食品", price=59.9, original_price=89, features=["净含量750g"])
PROMO = Product(name="口红", category="美妆", price=129, promotion="限量200件，今晚24点截止，还剩50件")


def categories(text: str, product: Product | None = None) -> set[Category]:
    return {f.category for f in detect(text, facts_from(product))}


def test_every_rule_has_basis_severity_message_and_fix() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id and rule.id.split(".")[0] in {c.value.split("_")[0] for c in Category}
        assert "《" in rule.basis and rule.message and rule.fix
        assert rule.severity is Severity.BLOCKING


@pytest.mark.parametrize(
    ("claim", "denial"),
    [
        ("这款茶能治好慢性咽炎", "这款茶不能治疗咽炎，有症状请就医"),
        ("喝了能提高免疫力", "它是普通食品，不具有提高免疫力的功能"),
        ("坚持用可以淡化色斑", "它没有淡化色斑的功效，只做日常保湿"),
    ],
)
def test_a_denial_of_the_same_claim_is_compliant(claim: str, denial: str) -> None:
    assert categories(claim, CREAM if "色斑" in claim else None)
    assert not categories(denial, CREAM if "色斑" in denial else None)


def test_a_disclaimer_clause_does_not_clear_a_claim_in_another_clause() -> None:
    found = detect("用了三天颈椎病就好了，本品不能代替药物")
    assert [f.rule_id for f in found] == ["medical.treatment"]
    assert "颈椎病" in found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "最近换季皮肤有点干",
        "第一步先洗脸",
        "这是我第一次在直播间讲它",
        "唯一的缺点是颜色少",
        "面料是100%桑蚕丝",
        "符合国家标准GB 2760",
        "最后一步上散粉",
        "我最喜欢这个颜色",
    ],
)
def test_ordinary_uses_of_absolute_characters_pass(text: str) -> None:
    assert not categories(text)


@pytest.mark.parametrize(
    "text", ["人气第一的款", "第一名的口红", "唯一一款做到的", "最划算的一次", "全国首家"]
)
def test_claims_built_on_the_same_characters_are_flagged(text: str) -> None:
    assert Category.ABSOLUTE in categories(text)


def test_cosmetic_efficacy_is_allowed_only_when_the_product_carries_it() -> None:
    text = "坚持用能美白淡斑"
    assert Category.COSMETICS in categories(text, CREAM)
    assert not categories(text, WHITENING)


def test_a_disease_claim_on_food_is_reported_under_food_law() -> None:
    found = detect("每天吃一把能降血压", facts_from(NUTS))
    assert {f.rule_id for f in found} == {"food.health_function"}


def test_scarcity_is_allowed_only_with_the_real_count_or_deadline() -> None:
    assert not categories("还剩50件，需要的拍", PROMO)
    assert Category.PRESSURE in categories("还剩3件，需要的拍", PROMO)
    assert Category.PRESSURE in categories("还剩50件，需要的拍")
    assert not categories("只有今晚这个价", PROMO)
    assert Category.PRESSURE in categories("只有今晚这个价")


def test_prices_are_grounded_in_the_price_fields_with_units() -> None:
    assert not categories("原价89，今天59.9", NUTS)
    assert Category.PRICE in categories("原价129，今天59.9", NUTS)
    assert not categories("净含量750g，到手59.9", NUTS)
    assert Category.PRICE in categories("到手只要49", NUTS)
    assert Category.PRICE in categories("原价好几百，今天不到一百", NUTS)


def test_findings_carry_exact_offsets_and_their_clause() -> None:
    text = "宝子们好！这支口红是全网最好用的，颜色很正。"
    (finding,) = detect(text)
    assert text[finding.start : finding.end] == finding.text == "最好"
    assert finding.clause == text[finding.clause_start : finding.clause_end] == "这支口红是全网最好用的"
    assert finding.basis.startswith("《广告法》第九条")
