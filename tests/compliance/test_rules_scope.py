"""Scope of a claim, pinned pair by pair: the same words as a claim and as a compliant look-alike.

Round 4 widened the families (no second one, nobody beats it, rank words after a ranking context,
function regained after an illness, weight and tiredness on food, lines and wounds on cosmetics,
promises that it works, celebrities' own use, paying the host, dictated praise, deception smears,
universal denials of additives). Each widening came with the look-alike it must not catch: a denial
(治不了, 不敢保证, 没请明星), a warning (千万别私下转账), a wish sent elsewhere (想美白的别冲它), a
caveat (天然的也不代表…), advice (最好先问医生), an instruction (等伤口长好再用).
"""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import Category, detect, facts_from
from script_agent.domain.models import Product

CREAM = Product(name="保湿面霜", category="美妆", price=199, features=["保湿"])
NUTS = Product(name="每日坚果", category="食品", price=59.9, original_price=89, features=["净含量750g"])


def categories(text: str, product: Product | None = None) -> set[Category]:
    return {f.category for f in detect(text, facts_from(product))}


@pytest.mark.parametrize(
    ("category", "claim", "look_alike", "product"),
    [
        (Category.ABSOLUTE, "同价位里挑不出第二双这么轻的跑鞋", "第二双半价，两双一起拍", None),
        (Category.ABSOLUTE, "没有哪个品牌比得上它的续航", "我没比较过其他品牌，只说自己的感受", None),
        (Category.ABSOLUTE, "在同类产品里一直稳坐头名", "我家孩子考了年级头名", None),
        (Category.MEDICAL, "关节炎的用了一个月，蹲下起来都利索了", "这款护膝治不了关节炎，只是保暖", None),
        (Category.FOOD_HEALTH, "每天喝一瓶，小肚子一周就平了", "喝多了一样会胖，一天一瓶就够", NUTS),
        (Category.COSMETICS, "抹了一周，眼角的纹路淡得看不出了", "想淡纹的姐妹别选这瓶，它只是保湿", CREAM),
        (Category.COSMETICS, "嘴角的裂口抹一晚就愈合了", "有伤口的地方先别涂，等长好了再用", CREAM),
        (Category.GUARANTEE, "我拍胸脯说，贴上就管用", "我不敢保证多久见效，因人而异", None),
        (Category.GUARANTEE, "用了没反应的，全款退给你", "七天无理由退货，运费险也送了", None),
        (Category.ENDORSEMENT, "好几个一线女星都在回购这支", "没请明星代言，钱都花在原料上", None),
        (Category.ENDORSEMENT, "营养师都建议每天吃一把", "吃多少听医生的建议，别自己加量", NUTS),
        (Category.DIVERSION, "扫我这个收款码付款更便宜", "千万别私下转账，有问题找平台客服", None),
        (Category.DIVERSION, "大家上拼多多搜我们的店名", "拼多多上卖的不是我们家的，认准直播间", None),
        (Category.REVIEW, "评论区统一打一句“已回购”", "评论区打“想要”的我统计一下人数", None),
        (Category.REVIEW, "帮我把店铺评分冲上去", "评分是平台按真实评价算的", None),
        (Category.DISPARAGE, "别家的洗衣液都是兑了水的，糊弄人", "别家的我没用过，不乱评价", None),
        (Category.NATURAL, "什么防腐剂都没放，放心吃", "配料里有防腐剂，在国标范围内", None),
        (Category.NATURAL, "吃了只有好处没坏处", "天然的东西也不代表人人都能吃", None),
        (Category.PRESSURE, "这次不拍，回头你肯定后悔", "买了不合适也不用后悔，七天可退", None),
    ],
)
def test_the_claim_is_caught_and_its_look_alike_is_not(
    category: Category, claim: str, look_alike: str, product: Product | None
) -> None:
    assert category in categories(claim, product), claim
    assert not categories(look_alike, product), (look_alike, detect(look_alike, facts_from(product)))


def test_superlative_advice_is_not_a_claim_but_the_best_to_use_is() -> None:
    assert not categories("拿不准的最好先问问皮肤科医生")
    assert Category.ABSOLUTE in categories("这是我用过之后觉得全网最好用的")


def test_an_intensifier_built_on_a_negator_does_not_deny_the_claim() -> None:
    assert Category.GUARANTEE in categories("不是吹保证你三天见效")
    assert not categories("我不保证三天见效")


def test_a_promise_denied_and_a_promise_made_in_one_script_are_told_apart() -> None:
    found = detect("我不敢保证效果。但是我敢打包票，用完一定管用。")
    assert [f.rule_id for f in found] == ["guarantee.efficacy"]
    assert found[0].start >= len("我不敢保证效果。")
