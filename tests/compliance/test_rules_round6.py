"""Round 6's families, pinned pair by pair: a claim and the look-alike it must not catch.

blind4 (a fourth unseen author, 83.3% recall / 11.7% false positives when first measured) showed
comment replies the rules misread (a viewer's question quoted and then refused, 有没有副作用 read as
没有副作用), ingredient lists read as rankings, and claims phrased in ways the rules had no part for:
a condition held down (压下去) or said with a spoken particle (好咯), a named medicine given up or
used as the benchmark, growing taller, a medical-aesthetic procedure as the benchmark, one counted
failure compensated, stars by region, prices in words, a plea or a price rise as pressure, the
host's own code or account, fake orders and rewards for reviewers, rivals named by a letter.
These phrases are written for this file, not copied from any split.
"""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import Category, detect, facts_from
from script_agent.domain.models import Product

CREAM = Product(name="保湿面霜", category="美妆", price=199, features=["保湿"])
SERUM = Product(name="美白精华", category="美妆", price=259, features=["美白祛斑"])
LIPSTICK = Product(name="口红", category="美妆", price=129, original_price=169)
MILK = Product(name="纯牛奶", category="食品", price=69)
NUTS = Product(name="坚果", category="食品", price=59.9, original_price=89)


def categories(text: str, product: Product | None = None) -> set[Category]:
    return {f.category for f in detect(text, facts_from(product))}


@pytest.mark.parametrize(
    ("category", "claim", "look_alike", "product"),
    [
        (Category.MEDICAL, "灰指甲涂了半个月就给压住了", "灰指甲要去医院看，别在弹幕里找偏方", None),
        (Category.MEDICAL, "鼻炎的喷两下，比吃抗过敏药还好使", "鼻炎犯了先别喷香水，等消下去了再用", None),
        (Category.MEDICAL, "喝了半年，我妈的降糖药都停了", "降糖药千万别自己断，这个奶就是早餐", MILK),
        (Category.MEDICAL, "老寒腿泡了一周，腿就不疼咯", "腿疼得厉害去医院，这个泡脚包只是热乎", None),
        (
            Category.FOOD_HEALTH,
            "上初中的娃天天一瓶，个子往上窜了五公分",
            "个子高不高跟遗传关系最大，奶当早餐喝",
            MILK,
        ),
        (Category.COSMETICS, "抹了三周，细纹淡得像打了水光针", "做完水光针三天内先别上妆", SERUM),
        (Category.GUARANTEE, "用了再长一颗痘，我全额退你", "长痘原因很多，我们不承诺用了就不长", CREAM),
        (Category.ENDORSEMENT, "好几位韩星的化妆师都在囤这支", "这支没请明星代言，靠的是回头客", LIPSTICK),
        (
            Category.ENDORSEMENT,
            "今天请来了一位营养师，给家人们讲讲这罐奶",
            "我们没请营养师，说的都是配料表",
            MILK,
        ),
        (Category.PRICE, "便利店里卖一百三一支，这里129", "吊牌价一百六十九，今天一百二十九", LIPSTICK),
        (Category.PRICE, "比原价便宜了六十块", "比原价便宜四十，今天129", LIPSTICK),
        (Category.PRESSURE, "今天卖不完我得自己掏钱垫上，救救主播", "卖不完也没事，喜欢的再来", None),
        (Category.PRESSURE, "下个月就要涨到两百多了", "价格会不会调我也不知道，以页面为准", None),
        (Category.PRESSURE, "这会儿不下单就等于白白亏钱", "不买也不亏，想好了再来", None),
        (Category.DIVERSION, "别走平台了，扫主播手机上的码付", "退货不必私下找主播，订单页申请就行", None),
        (
            Category.DIVERSION,
            "我们小号上卖得更便宜，去那边拍",
            "平台里的粉丝群可以进，群里只发开播提醒",
            None,
        ),
        (Category.REVIEW, "帮店里拍几单，不发货，钱原路退", "有人冒充我们招人拍单返佣金，那是诈骗", None),
        (
            Category.REVIEW,
            "写了追评的家人下回报名字，专属小样先给你",
            "给了追评的家人谢谢你们，差评也会回访",
            None,
        ),
        (Category.REVIEW, "评论里写上“正品放心买”，客服给你补张券", "评论写什么都行，照实写", None),
        (Category.DISPARAGE, "K牌那款面霜一测就是激素超标", "K牌的面霜也不错，油皮可以选它", CREAM),
        (Category.NATURAL, "有没有刺激？我跟你讲，一丁点都没有", "有没有刺激不好说，敏感肌先在耳后试", CREAM),
        (Category.NATURAL, "色素香精防腐剂，我们家半点都不沾", "零添加这种说法别被忽悠了，看配料表", NUTS),
        (
            Category.ABSOLUTE,
            "同类牛奶里只有我们是唯一敢只用生牛乳的",
            "配料表第一位也是唯一一位，是生牛乳",
            MILK,
        ),
    ],
)
def test_round6_claim_is_caught_and_its_look_alike_passes(
    category: Category, claim: str, look_alike: str, product: Product | None
) -> None:
    assert category in categories(claim, product)
    assert not categories(look_alike, product)


@pytest.mark.parametrize(
    "text",
    [
        "有宝子问能不能晒图返现，不能，平台不允许",
        "弹幕问是不是全网最低价，这个我不敢说，以页面为准",
        "有人问用了觉得没用可不可以退，拆封后不支持按效果退",
        "宝宝误舔了一口会不会没事？这个真不好说，赶紧问医生",
        "用了会不会过敏？因人而异，先在耳后试",
    ],
)
def test_a_question_answered_with_a_refusal_or_a_deferral_is_not_a_claim(text: str) -> None:
    assert not categories(text, LIPSTICK if "最低价" in text else None)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("有人问能不能治脚气，当然能，涂三天就好了，别的不敢说", Category.MEDICAL),
        ("会不会过敏？不会！放心用", Category.NATURAL),
    ],
)
def test_a_question_answered_yes_keeps_the_claim(text: str, category: Category) -> None:
    assert category in categories(text)


def test_a_disease_claim_on_food_cites_both_laws() -> None:
    """Disease on food: 食品安全法 art. 73 and 广告法 art. 17, so it is a medical claim too."""
    found = categories("每天一把坚果，冠心病的老人心口闷的毛病都好啦", NUTS)
    assert {Category.MEDICAL, Category.FOOD_HEALTH} <= found


def test_a_span_keeps_its_leading_demonstrative() -> None:
    """那些主播… and 那边比这儿…: the span a reviewer sees starts at the claim, 那 included."""
    (rival,) = [f for f in detect("那些主播卖的口红都是假货") if f.category is Category.DISPARAGE]
    assert rival.text.startswith("那些主播")
    (elsewhere,) = detect("那边比这儿便宜十块，去那边拍")
    assert elsewhere.text.startswith("那边")
