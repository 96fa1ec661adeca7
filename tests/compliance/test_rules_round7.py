"""Round-7 families (tuned on blind5): claims told as stories, bets and hints, and their look-alikes.

Every phrase here is new (in no corpus split): a family is only fixed when a paraphrase the rules were
not written from behaves the same way.
"""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import detect
from script_agent.domain.compliance.facts import ProductFacts, facts_from
from script_agent.domain.models import Product

LIPSTICK = facts_from(Product(name="口红", category="美妆", price=129, original_price=169))
SERUM = facts_from(Product(name="保湿精华", category="美妆", price=199))


def categories(text: str, facts: ProductFacts | None = None) -> set[str]:
    return {f.category.value for f in detect(text, facts)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A condition named early in a story, the outcome after "now".
        ("我舅舅痛风犯了好多年，后来每晚泡这个，现在走路都不带疼的", "medical"),
        ("小狗老是挠耳朵，滴了三天这瓶，现在耳螨都没有了", "medical"),
        ("鼻炎的朋友别担心，这喷雾就是专门对付这个的，鼻炎一喷就通", "medical"),
        ("【功效】温经通络，适合常年手脚冰凉的人", "medical"),
        # A function on food said in other words, or hinted at.
        ("这款红枣茶一天一杯，冬天手脚不冰了，抵抗力也好了", "food_health"),
        ("给孩子每天冲一包，整个学期一次都没感冒过", "food_health"),
        ("爷们儿泡酒喝这个，效果嘛，懂的都懂", "food_health"),
        ("吃了这款代餐，半个月瘦了六斤", "food_health"),
        # A medical-aesthetic procedure as the benchmark, greying reversed.
        ("这款乳液就是光子嫩肤的平替，天天涂省得去医院", "cosmetics"),
        ("用了两个月白头发慢慢转黑，以后不用染了", "cosmetics"),
        # Bets, forfeits and courses as guarantees.
        ("一周斑不淡，我当着大家的面吃键盘", "guarantee"),
        ("报我们的雅思班，考不过的免费重修，学费全退", "guarantee"),
        ("我跟大家赌一顿烧烤，用完这瓶肯定变白", "guarantee"),
        # Authorities' own households, stars' make-up bags.
        ("好几位皮肤科大夫家里都用这款洗面奶", "endorsement"),
        # A price said to be conceded, a bare base with a discount that does not land.
        ("我跟厂家软磨硬泡，人家才松口给到八十八", "price"),
        # Pressure in other words, diversion through the host's card, quoted praise, rivals by placeholder.
        ("这批货不拍的话，再等就得等明年了", "pressure"),
        ("钱直接打到我卡上，不走平台能便宜十块", "diversion"),
        ("评价里就写“宝宝特别爱吃”，写完找客服领红包", "review"),
        ("××家的猫粮我拆过，里面全是粉尘，猫吃了呛人", "disparage"),
        ("果园里摘的，能有什么农药残留？", "natural"),
    ],
)
def test_the_round_7_families_are_flagged(text: str, category: str) -> None:
    assert category in categories(text), text


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # Honest superlatives inside the shop's own range, over time, as advice or an aim.
        ("我们家这两款乳液里，这款最清爽", None),
        ("这款去年是我们卖得最好的一季", None),
        ("打开以后最好一个月内用完", None),
        ("我们的目标是做顾客最省心的店", None),
        ("它不是全网最便宜的，但是我们敢说价格透明", None),
        # A registered 保健食品 states its approved function.
        ("这款鱼油有蓝帽子，批准的保健功能是辅助降血脂，不能代替药物", None),
        # What the product cannot do, a claim the viewer is told not to believe, one called irrelevant.
        ("掉发的问题这款洗发水解决不了，要去看医生", None),
        ("别信那种七天见效的说法，头发生长有周期", None),
        ("明星用不用跟你选护肤品没关系，看成分", None),
        ("倒计时不是为了催大家，是系统自动显示的", None),
        # A concession backed by known prices, a question answered "I don't know".
        ("老板松口了，原价169今天给到129", LIPSTICK),
        ("有没有医生推荐过我不知道，我只讲成分表", None),
        # The past explained, a review not required, a warning against fake reviews, a caveat.
        ("上次没抢到的也别怪自己，这回货够", None),
        ("不写评价也没关系，售后一样给你处理", None),
        ("别去帮人刷好评，那是违规的", None),
        ("不可能一点香精都不加，这款的香精含量很低", SERUM),
    ],
)
def test_the_round_7_look_alikes_pass(text: str, facts: ProductFacts | None) -> None:
    assert detect(text, facts) == [], text


def test_a_discount_off_a_bare_amount_must_land_on_the_real_price() -> None:
    assert "price" in categories("169的口红今天五折给大家，直接129拿走", LIPSTICK)
    assert categories("169的口红今天七六折，直接129拿走", LIPSTICK) == set()


def test_a_condition_named_by_its_suffix_is_reported_from_its_name() -> None:
    """The span-start fix: the finding quotes 唇炎…, not 炎…, so a reviewer sees what was claimed."""
    spans = [f.text for f in detect("用了它唇炎就好了") if f.category.value == "medical"]
    assert spans and spans[0].startswith("唇炎")
    assert next(f.text for f in detect("我老公咽炎好多年，用了这个咽炎都没了")).startswith("咽炎")
