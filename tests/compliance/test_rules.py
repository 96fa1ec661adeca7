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


def test_a_disease_claim_on_food_is_reported_under_food_law_and_advertising_law() -> None:
    """食品安全法 art. 73 and 广告法 art. 17 both forbid it: the agency sees both bases on one span."""
    found = detect("每天吃一把能降血压", facts_from(NUTS))
    assert {f.rule_id for f in found} == {"food.health_function", "medical.treatment"}
    assert len({(f.start, f.end) for f in found}) == 1


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


@pytest.mark.parametrize(
    ("composition", "claim"),
    [
        ("羊绒含量100%", "效果100%看得见"),
        ("成分：锦纶100%", "颜值百分百在线"),
        ("纯棉面料，含棉量达到100%", "品质100%放心"),
    ],
)
def test_a_material_named_before_a_percentage_is_a_composition(composition: str, claim: str) -> None:
    assert not categories(composition)
    assert Category.ABSOLUTE in categories(claim)


@pytest.mark.parametrize(
    ("refusal", "solicitation"),
    [("我们从不刷单", "有空帮我们刷一下销量"), ("拒绝刷好评，评价都是真实的", "刷点好评的私聊客服")],
)
def test_refusing_review_manipulation_is_compliant_asking_for_it_is_not(
    refusal: str, solicitation: str
) -> None:
    assert not categories(refusal)
    assert Category.REVIEW in categories(solicitation)


def test_any_reward_for_a_review_is_an_incentive_but_a_review_alone_is_not() -> None:
    assert Category.REVIEW in categories("追评带图的，下单再便宜八块")
    assert Category.REVIEW in categories("买家秀拍得好看的，客服补贴你运费")
    assert not categories("买家评价都说颜色很正")


def test_cheaper_than_an_unquoted_benchmark_is_an_unprovable_reference_price() -> None:
    assert Category.PRICE in categories("比批发价还便宜", NUTS)
    assert Category.PRICE in categories("价格低于出厂价", NUTS)
    assert not categories("比专柜89便宜了不少", NUTS)  # 89 is the product's own original price
    assert not categories("比上一代轻了二十克", NUTS)


def test_collecting_a_viewers_contact_is_diversion_a_courier_call_is_not() -> None:
    assert Category.DIVERSION in categories("把你的微信号打在评论区，助理加你")
    assert Category.DIVERSION in categories("下单备注你的手机尾号")
    assert not categories("快递小哥派送前会电话联系你")


def test_blaming_the_viewer_for_missing_out_is_coercion_reassurance_is_not() -> None:
    assert Category.PRESSURE in categories("没抢到的可别回头骂主播")
    assert not categories("没抢到的别着急，链接一直在")


def test_an_absolute_denial_of_harm_is_flagged_a_mild_one_is_not() -> None:
    assert Category.NATURAL in categories("对宝宝的皮肤不会造成任何伤害")
    assert Category.NATURAL in categories("配方对头皮完全没有刺激")
    assert not categories("配方比较温和，刺激性低")


def test_nothing_like_it_is_a_superlative_but_a_second_item_is_an_offer() -> None:
    assert Category.ABSOLUTE in categories("同价位里找不到第二款")
    assert Category.ABSOLUTE in categories("效果甩开了所有竞品")
    assert not categories("第二支半价，两支一起拍")


def test_media_exposure_is_an_endorsement_but_a_student_staple_is_not() -> None:
    assert Category.ENDORSEMENT in categories("这款登上过央视的节目")
    assert not categories("大学生都在用的平价款")
