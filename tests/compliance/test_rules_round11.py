"""Round-11 families (tuned on blind9): postural and reading outcomes on devices and food, medicine cut
down, medical effects on skin products, staked tests and "still" failures, school authorities, threshold
discounts restated as flat ones, lifetime waits and tears, own apps and numbers on the profile, reviews
bought back or told to hide their source, rivals by their kind of trade; look-alikes: positions and
preferences with 最, state-designated zones, advice to have it tested, covering make-up and wigs, a topic
handed to a doctor, requests for a channel refused, moderated comments, a conceded higher price.

Every phrase here is new (in no corpus split): a family is only fixed when a paraphrase the rules were
not written from behaves the same way.
"""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import detect
from script_agent.domain.compliance.facts import facts_from
from script_agent.domain.models import Product
from tests.compliance.support import categories


@pytest.mark.parametrize(
    ("text", "category", "product"),
    [
        # A displaced part put back, a reading moving the right way (广告法 art. 17).
        ("脊柱侧弯的孩子背这款书包，一学期弯的地方就慢慢正回来了", "medical", None),
        ("高低肩的人睡这个床垫，半年肩膀自己就归回去", "medical", None),
        ("缺铁的女生天天用这个铁锅煮汤，血色素两个月就涨上来了", "medical", None),
        # On food: a reading, medicine cut down (食品安全法 art. 73).
        ("每天一袋这个荞麦粉，餐后血糖不会升，降压药也能少吃一片", "food_health", None),
        ("这款枸杞原浆喝一个月，体检报告里转氨酶就回到正常了", "food_health", None),
        # A medical effect on something applied to the skin (化妆品监督管理条例 art. 37).
        ("这支护手霜涂三天，手上的湿疹就全消了", "cosmetics", None),
        ("这瓶晒后乳抹上去，晒伤的地方第二天就长好了", "cosmetics", None),
        # A test after use staked, the effect still missing after use (广告法 art. 28).
        ("装上这台净水器，水质检测不达标我们退三倍", "guarantee", None),
        ("吃完这盒还打呼噜的，整盒钱退给你", "guarantee", None),
        ("贴上这个驱蚊贴，晚上被叮出一个包我赔你十块", "guarantee", None),
        # School authorities (广告法 art. 16, 38).
        ("好几所重点小学的语文老师都推荐这套字帖", "endorsement", None),
        ("这是我们市实验幼儿园园长指定的绘本", "endorsement", None),
        # A threshold discount restated as a deeper flat one (明码标价和禁止价格欺诈规定 art. 19).
        ("满300减50，算下来相当于打六折", "price", None),
        # A lifetime's wait, tears foretold, a fight with one's own wallet (网络直播营销管理办法 art. 18).
        ("这个价过了今晚，这辈子都碰不到了", "pressure", None),
        ("现在不拍，明天哭着回来找我也没用", "pressure", None),
        ("不抢的都是跟钱包过不去的人", "pressure", None),
        # The shop's own app and the number on the profile.
        ("去我们自家的APP下单，比这里便宜二十", "diversion", None),
        ("想私聊的，扣扣号就在我主页背景图上", "diversion", None),
        # A bad review bought back, praise to copy, the source hidden (电子商务法 art. 17).
        ("我给你返十五，你把那条中评改了", "review", None),
        ("好评就照着我公屏这句话抄，一字别改", "review", None),
        ("买家秀里别提是直播间抽到的券，就说是自己在店里买的", "review", None),
        # Rivals by their kind of trade, with goods farmed out or refilled (广告法 art. 13).
        ("其他进口超市的橄榄油都是国内分装的，根本不是原瓶", "disparage", None),
        ("别的网红店卖的蜂蜜都是过期货重新灌的", "disparage", None),
    ],
)
def test_the_round_11_families_are_flagged(text: str, category: str, product: str | None) -> None:
    assert category in categories(text, product), text


@pytest.mark.parametrize(
    ("text", "category", "product"),
    [
        # Positions and personal preferences; a state-designated zone; advice to have it tested.
        ("衣柜最上层可以放换季的被子", "absolute", None),
        ("三种香型里我自己最偏爱木质调，你们闻着选", "absolute", None),
        ("我们的茶园挨着国家级自然保护区，空气好", "absolute", None),
        ("水质好不好，最保险还是送到有资质的检测机构测一下", "absolute", None),
        # A picture of the listing, the promotion's own deadline in words.
        ("成分表放在主图最后一张了，自己放大看", "pressure", None),
        ("活动二十四点结束，库存还有五十件，不着急", "pressure", "promo"),
        # A threshold discount restated at its true rate.
        ("满300减50，算下来差不多八三折", "price", None),
        # Covering make-up and wigs; the product turning white; a registration named as the condition.
        ("这个遮瑕膏把黑眼圈盖住了，卸了妆还在", "cosmetics", None),
        ("发片夹上去显得头发多了，自己的头发不会变多", "cosmetics", None),
        ("洁面膏加水一搓就变白起泡，冲干净就行", "cosmetics", None),
        ("有特证的产品才能讲祛斑，没特证的别信", "cosmetics", None),
        # A topic handed to a doctor; 不管 before the effect.
        ("血糖高不高的事你去问医生，我们卖的只是挂面", "food_health", None),
        ("这款洗发水不管防脱，就是洗得干净", "cosmetics", "shampoo"),
        # A request for a channel refused, moderated comments, a rule forbidding it.
        ("评论区让我留电话的，不留哈，有事找平台客服", "diversion", None),
        ("发QQ号的弹幕我都拉黑了，平台不允许私下交易", "diversion", None),
        # A refund for fit is after-sales; a conceded higher price disparages no one.
        ("穿了还不合适的，七天内可以退", "guarantee", None),
        ("我们比隔壁贵一点，贵在送运费险", "disparage", None),
    ],
)
def test_the_round_11_look_alikes_pass(text: str, category: str, product: str | None) -> None:
    assert category not in categories(text, product), text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("这波满减算下来，就跟打四折一样", True),  # the promotion's 满200减30 is 八五折
        ("满减一算差不多九折，买两支更划算", False),  # shallower than the real rate: not misstated
    ],
)
def test_a_bare_threshold_restated_as_a_flat_rate_is_checked_against_the_promotion(
    text: str, flagged: bool
) -> None:
    product = Product(name="口红", category="美妆", price=129, promotion="满200减30，今晚24点截止")
    assert ("price" in {f.category.value for f in detect(text, facts_from(product))}) is flagged
