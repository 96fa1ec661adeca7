"""Round 5's families, pinned pair by pair: a claim and the look-alike it must not catch.

blind3 (an unseen author, 79.2% recall / 14.2% false positives when first measured) showed that the
rules flagged terms named only to be refused (好评返现这种我们不做, 我不敢说它是最好的), warnings built
on 绝对 (绝对不要涂在破皮处), the show's own order (最后一个链接), and missed rivals called by their
brand (X家的…都是假的), discounts that do not reach the real price, and deadlines the promotion does
not carry. These pairs are written for this file, not copied from any split.
"""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import Category, detect, facts_from
from script_agent.domain.models import Product

CREAM = Product(name="保湿面霜", category="美妆", price=199, features=["保湿"])
LIPSTICK = Product(name="口红", category="美妆", price=129, original_price=169)
PROMO = Product(
    name="口红", category="美妆", price=129, original_price=169, promotion="活动今晚24点截止，库存还剩50件"
)
MILK = Product(name="纯牛奶", category="食品", price=69)


def categories(text: str, product: Product | None = None) -> set[Category]:
    return {f.category for f in detect(text, facts_from(product))}


@pytest.mark.parametrize(
    ("category", "claim", "look_alike", "product"),
    [
        (Category.ABSOLUTE, "这就是全网最好用的面霜", "我不敢说它是最好用的，但保湿够了", CREAM),
        (Category.ABSOLUTE, "这支绝对是同价位的顶配", "晚上绝对不要厚涂，先薄薄一层", CREAM),
        (Category.ABSOLUTE, "用它最放心，口碑没人比得过", "敏感肌能不能用，问你的皮肤科医生最稳妥", CREAM),
        (Category.REVIEW, "好评截图发给客服，送一支小样", "好评返现这种事我们不做，评价随心写", None),
        (Category.REVIEW, "夸一下主播再截图给助理，换张优惠券", "差评我们也认，不会找你改评价", None),
        (Category.PRESSURE, "十点一到就截止，十点一过恢复原价", "今晚24点截止，24点后恢复日常价", PROMO),
        (Category.PRESSURE, "就剩最后两支了，犹豫一秒就被抢走", "最后一个链接了，讲完我们就下播", None),
        (Category.PRICE, "原价169，今天直接打五折", "原价169今天129，差不多七六折", LIPSTICK),
        (Category.PRICE, "吊牌价169，今天一律打三折", "满两件打九折，活动页有写", LIPSTICK),
        (Category.DISPARAGE, "青禾家的面霜都是假的，涂完脸发红", "青禾家的面霜也不错，干皮可以看看", CREAM),
        (Category.DISPARAGE, "那些几十块的洗发水全是香精", "我们家的面霜被说过假货，后来公开了检测", None),
        (Category.DIVERSION, "我让助理把微信号私发给你们", "别信任何让你加微信、私下转账的人", None),
        (Category.DIVERSION, "打开淘宝搜我们店名，那边比这儿便宜", "外面比这儿贵不贵我不清楚", None),
        (Category.MEDICAL, "喉咙疼的含一颗，比吃药还管用", "它不能代替药物，不舒服请按时吃药", MILK),
        (Category.MEDICAL, "脚上的真菌感染洗一洗就好", "真菌感染要用药，别指望洗发水能解决", None),
        (Category.COSMETICS, "用了一周，脸上的泛红就退了", "泛红建议找专业机构看看，这款只是保湿", CREAM),
    ],
)
def test_a_claim_is_caught_and_its_look_alike_is_not(
    category: Category, claim: str, look_alike: str, product: Product | None
) -> None:
    assert category in categories(claim, product)
    assert not categories(look_alike, product)


def test_a_deadline_is_a_fact_only_when_it_is_the_promotions_own() -> None:
    assert Category.PRESSURE in categories("活动就到今晚八点，八点一过就没了", PROMO)
    assert not categories("活动今晚12点截止，12点以后恢复日常价", PROMO)
