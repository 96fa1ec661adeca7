"""Round-8 families (tuned on blind6): claims told in another's voice, across two turns, or as promises
of money, harvests and jobs, and their look-alikes.

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
STOCKED = facts_from(
    Product(name="口红", category="美妆", price=129, promotion="限量200件，今晚24点截止，库存还剩50件")
)


def categories(text: str, facts: ProductFacts | None = None) -> set[str]:
    return {f.category.value for f in detect(text, facts)}


@pytest.mark.parametrize(
    ("text", "category", "facts"),
    [
        # A therapeutic effect claimed outright, a reading from one value to another, no more hospital.
        ("这款草本热敷包对肩周炎有辅助治疗作用，每天敷二十分钟", "medical", None),
        ("用了这副护具半年，我的骨刺从两毫米缩到一毫米了", "medical", None),
        ("有了这台理疗仪，膝盖疼就不用老往医院跑了", "medical", None),
        # A question answered by a hint; a disease claim on something eaten; a customer's word as proof.
        ("这款荷叶茶能不能降血脂？老客户复查的单子，你们自己品", "food_health", None),
        ("喝了这个梨膏，我老慢支都好了", "food_health", None),
        ("读一条买家留言：“泡了两周这个药浴包，腰间盘突出不疼了”", "endorsement", None),
        # A condition shown in one turn and its outcome in the next; scars; a procedure's own effect.
        ("主播：大家看我额头这道抬头纹。助播：擦了半个月这支精华，几乎平了", "cosmetics", SERUM),
        ("这款修复凝胶，烫伤留下的疤一个月就淡了", "cosmetics", None),
        ("晚上敷一片，第二天就是做完光子嫩肤的效果", "cosmetics", None),
        # Returns, harvests, jobs and certainty as promises.
        ("跟着老师的操盘课，每月至少多赚三千，亏了我补给你", "guarantee", None),
        ("这批柿子苗保证后年挂果，死一棵赔一棵", "guarantee", None),
        ("学完我们的UI设计课包入职，月薪不低于一万", "guarantee", None),
        ("这双跑鞋穿三个月，小腿变细那是十拿九稳的", "guarantee", None),
        # An authority's use through a pronoun, their loyalty far along the sentence.
        ("名字不方便说，一位老牌影后，她每天早上都喝我们这款黑芝麻丸", "endorsement", None),
        ("我小姨在省妇幼当了二十年的护士长，家里买奶瓶就认这个牌子", "endorsement", None),
        # A discount with only its landing price; guilt, a harvest left to rot, gone for good, vague stock.
        ("口红今天九折，到手只要129", "price", LIPSTICK),
        ("这些苹果再卖不掉就只能烂在树上了，帮帮老乡吧", "pressure", None),
        ("今天谁不下单，就是对不起在山里守了一年的果农", "pressure", None),
        ("这个链接拍完就永久下架，以后都不上了", "pressure", None),
        ("后台只剩零星几单了，抓紧", "pressure", STOCKED),
        # A private meeting, a staff member's contact, the number in the profile.
        ("这台二手相机不挂车了，想要的私信约时间面交", "diversion", None),
        ("想定制训练计划的，加我们健身教练的店长微信", "diversion", None),
        ("主页头像里挂了个号，有需要的自己加", "diversion", None),
        # The same words from everyone, the reward paid once the shop checked.
        ("请各位在好评里统一打“正品无疑”，客服审核后返两元", "review", None),
        ("追评配上三张买家秀，售后核实无误以后送一包湿巾", "review", None),
        # Rivals by where they sell, across a question, by a platform placeholder.
        ("菜市场卖的那些小米都是染过色的，我们家是本色", "disparage", None),
        ("主播：Q牌的吹风机呢？助播：那玩意儿半年就坏，还烫头皮", "disparage", None),
        ("某宝上那些几十块的蚕丝被，里面塞的都是化纤", "disparage", None),
        # Nothing added at all.
        ("给宝宝做的肉松，啥都没放，放心吃", "natural", None),
    ],
)
def test_the_round_8_families_are_flagged(text: str, category: str, facts: ProductFacts | None) -> None:
    assert category in categories(text, facts), text


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # A question refused after 吗, an ingredient's role in the recipe, a device named by its function.
        ("主播：这个艾灸盒能治好老寒腿吗？助播：不能的，它就是取暖用的", None),
        ("这款饼干里用维生素E做抗氧化，保质期内不容易有哈喇味", None),
        ("这盏护眼台灯的照度达到国标AA级，检测报告在详情页", None),
        # Efficacy the product was never tested for, and another product to go to.
        ("有人问能不能淡斑：这支精华没做淡斑功效测试，想淡斑另外选有特证的", SERUM),
        ("这款只管补水，想抗老的宝子看五号链接", SERUM),
        # A caveat inside the sentence, a scar that is just a story.
        ("眼袋跟作息和年龄有关，眼霜不保证能消", None),
        ("我手上这道疤是小时候烫的，跟今天的产品没关系", None),
        # Honest courses, seedlings and investment talk.
        ("理财课只讲基础概念，收益高低看市场，我们不作任何承诺", None),
        ("果苗挂不挂果跟管理有关，我们只保证是三年生的嫁接苗", None),
        ("结业后我们推送招聘信息，能不能入职看个人", None),
        ("这件事是板上钉钉的：明天上午统一发货", None),
        # An endorsement named to be denied.
        ("有人说我们上过新闻联播，那是谣言，别信", None),
        # A discount that lands where the data says, the real stock.
        ("口红今天打七六折，到手只要129", LIPSTICK),
        ("后台库存还剩50件，今晚24点截止", STOCKED),
        # A free group with payment on the platform; feedback from a group.
        ("学员群只用来答疑，不收任何费用，报名都在平台支付", None),
        ("宝妈群里的反馈大多说奶嘴软，效果因人而异", None),
        # No reward for reviews, a rival named honestly, ordinal stages.
        ("评价随便写，真实就好，我们不会为好评送任何东西", None),
        ("主播：Q牌的吹风机呢？助播：那款风力也大，就是噪音稍微大一点", None),
        ("集训营分两个阶段，第一阶段练基本功，第二阶段做项目", None),
        # The one ingredient there is.
        ("肉松配料表上除了猪肉和盐，啥都没放", None),
    ],
)
def test_the_round_8_look_alikes_pass(text: str, facts: ProductFacts | None) -> None:
    assert detect(text, facts) == [], text
