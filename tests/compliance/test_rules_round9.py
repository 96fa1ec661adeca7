"""Round-9 families (tuned on blind7): refunds staked on a trial, illness kept away by a device, advice
resumed through a pronoun, ratings set by hand, rivals by their share of the trade, and their look-alikes.

Every phrase here is new (in no corpus split): a family is only fixed when a paraphrase the rules were
not written from behaves the same way.
"""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import detect
from script_agent.domain.compliance.facts import ProductFacts, facts_from
from script_agent.domain.models import Product

LIPSTICK = facts_from(Product(name="口红", category="美妆", price=129, original_price=169))


def categories(text: str, facts: ProductFacts | None = None) -> set[str]:
    return {f.category.value for f in detect(text, facts)}


@pytest.mark.parametrize(
    ("text", "category", "facts"),
    [
        # A trial whose failure is paid for, the effect as a potential-negative, a refund said in English.
        ("这个腰部按摩带绑满二十天，腰还发酸的话，一分钱都不收", "guarantee", None),
        ("防脱精华用完一个疗程头发长不出来，双倍退款", "guarantee", None),
        ("这款眼罩保证戴上十分钟就入睡", "guarantee", None),
        ("no effect我们就refund，这个瘦腿袜敢这么说", "guarantee", None),
        # Illness kept away, a check-up back to normal, a therapeutic effect in English.
        ("这款净化器开着，全家再也不闹感冒", "medical", None),
        ("痛风的老哥们泡了这款草药包，化验尿酸都正常了", "medical", None),
        ("这个颈椎按摩仪对偏头痛有therapy作用", "medical", None),
        # Lines repaired.
        ("这支唇釉天天涂，唇纹修复得看不出来", "cosmetics", LIPSTICK),
        # Advice resumed through a pronoun; praise from the media; caught on camera with it.
        ("张博士在健康课上讲到这款核桃粉，他推荐孩子每天冲一杯", "endorsement", None),
        ("央视表扬过的非遗手工醋，大家放心拍", "endorsement", None),
        ("有位一线女星被拍到，手里拿的就是我们这款水杯", "endorsement", None),
        # A reference price from the counter; stock counted in tickets.
        ("这张游乐园门票窗口价一百六，今天六十八", "price", None),
        ("音乐节的票就剩二十来张，手慢无", "pressure", None),
        # A private message for a lower price, cash at the door.
        ("DM主播，私下给你更便宜的价格", "diversion", None),
        ("不会线上付的叔叔，打我电话，送上门收现金", "diversion", None),
        # A review rewarded by likes, ratings set by hand, a five-star review in English.
        ("抖音发视频带上我们的话题，点赞满两百送你一盒", "review", None),
        ("让技术把评分改到四点九，显得专业", "review", None),
        ("give us a five star review，再send你一张券", "review", None),
        # Rivals by their share of the trade, by a description, by 某 and their kind; goods that fall apart.
        ("市面上大多数的空气炸锅涂层都有毒，只有我们的不粘", "disparage", None),
        ("那个粉丝最多的主播卖的银饰都是镀银的", "disparage", None),
        ("某连锁火锅店的底料都是回收油，别去吃了", "disparage", None),
        ("别家的晾衣架就是几根铁管，挂两个月就断", "disparage", None),
    ],
)
def test_the_round_9_families_are_flagged(text: str, category: str, facts: ProductFacts | None) -> None:
    assert category in categories(text, facts), text


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # A return for fit or taste, a refund on a broken product, a spray named by its function.
        ("这双鞋穿一周不合适可以退，只要不影响二次销售", None),
        ("收到货有裂纹，我们退一赔一，拍照给客服就行", None),
        ("助眠香薰就是薰衣草精油的味道，睡不睡得好因人而异", None),
        # A device that protects from water, a check-up advised, a device's setting limit.
        ("这款防水手表游泳可以戴，防尘也做得好", None),
        ("有高血压的朋友，用之前先去医院检查一下", None),
        ("这个电烤盘温度最高230度，有三档火力", None),
        # A look explained by the finish.
        ("唇釉是水光质地，涂上唇纹显得浅是因为有光泽", LIPSTICK),
        # The authority named without endorsing; a report about the place.
        ("张博士在健康课上讲到，孩子早餐要吃得均衡", None),
        ("电视台采访过我们村的茶农，今天这款是村里合作社的茶", None),
        # The broadcast's own schedule; the last picture of the listing.
        ("今晚直播九点结束，没赶上的可以看回放", None),
        ("证书在详情页最后一张图，大家自己点开", None),
        # Private messages to customer service, payment on the platform.
        ("有问题DM客服，下单都在小黄车", None),
        # A review with no reward; a five-star hotel; sales counted by the platform.
        ("五星酒店的自助早餐券，周一到周五可用", None),
        ("评价想怎么写都行，我们不送任何东西", None),
        # The trade described honestly; a rival host named without a smear.
        ("市面上大多数空气炸锅都有不粘涂层，我们这款是陶瓷的", None),
        ("那个粉丝最多的主播也卖银饰，大家货比三家", None),
    ],
)
def test_the_round_9_look_alikes_pass(text: str, facts: ProductFacts | None) -> None:
    assert detect(text, facts) == [], text
