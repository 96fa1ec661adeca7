"""Round-13 families (tuned on blind11 and blind12): the top in other words (头一份, 独此一家, 当世无双),
diseases prevented, kept away or put back by sitting and carrying, use counted as therapy, the stomach
looked after and the bowels promised to move on food, dandruff and itching on a shampoo, a sunscreen
said to last all day in the water, effects promised in the trade's own words (不塌, 连竿, 升杯, 不衰减)
and vouched after the effect, an authority's recipe, an influencer's video used without consent, thanks
sent as the proof, the price raised before the cut, a gift's value inflated and another place's price
as the reference, stock set and countdowns extended by the host, a phone number handed over for the
warehouse, identity papers by private message, reviews and sales placed by the shop's own people, rivals
by the pronoun, the rival across the way and 某 with part of a name, rivals asked about and smeared in
the answer, flimsy, copied or mislabelled goods, 零风险 and harm denied by half a measure; look-alikes: a
term quoted from the brief and struck, hearsay the host refutes, a step on the dial and a batch in the
pot, the shop's own links and series, advice read off the manual, the struck-through price's legal
definition, a programme appeared on and an expert brought on to teach, the last thing said, a cut-off
quoted from the organiser's terms, a channel denied or moderated, the platform's own price
protection, a draw open to every review, a double negation and a guarantee nobody can give.

Every phrase here is new (in no corpus split): a family is only fixed when a paraphrase the rules were
not written from behaves the same way. A look-alike must come out with no finding at all.
"""

from __future__ import annotations

import pytest

from tests.compliance.support import categories


@pytest.mark.parametrize(
    ("text", "category", "product"),
    [
        # The top in other words (广告法 art. 9(3)).
        ("说起手冲壶的出水，我们家在圈子里是头一份", "absolute", None),
        ("这套砚台的雕工，当今独此一家", "absolute", None),
        # Diseases prevented, kept away, put back; use counted as therapy (广告法 art. 17).
        ("这款护腰坐垫天天垫着，腰肌劳损都能预防", "medical", None),
        ("孩子睡这个定型枕，扁头都能给你睡回来", "medical", None),
        ("这双理疗鞋穿着走一天路，就是做一天理疗，脚底筋膜炎的可以试试", "medical", None),
        # The stomach and the bowels on food (食品安全法 art. 73).
        ("这款小米粥天天喝，特别养胃", "food_health", None),
        ("火龙果干晚上吃一把，第二天准通", "food_health", None),
        # Dandruff and itching on a shampoo, all-day sunscreen (化妆品监督管理条例 art. 37).
        ("这瓶洗发水洗两次，头屑就不见了", "cosmetics", "shampoo"),
        ("这支防晒早上抹一次，出汗下水都不用补", "cosmetics", "sunscreen"),
        # Effects promised in the trade's words, and vouched after the effect (广告法 art. 28).
        ("这个面包机做吐司，三次都不塌，塌了我退钱", "guarantee", None),
        ("这副耳机续航三年不衰减，我保证", "guarantee", None),
        ("跟着这套视频练，一个月学不会我全额退", "guarantee", None),
        # An authority's recipe, a video used without consent, thanks as the proof (广告法 art. 16, 33).
        ("这款杂粮饼干是营养学会的教授帮我们配的，糖友都能吃", "endorsement", None),
        ("有个跑步博主的测评视频我直接剪进来了，也没跟他打招呼", "endorsement", None),
        # The price raised before the cut, a gift's value inflated (明码标价和禁止价格欺诈规定 art. 19).
        ("这台破壁机昨天我把价调到了五百九，今天给你们打个五折", "price", None),
        ("下单送价值两百的保温杯，这杯子店里单卖才十五块", "price", None),
        # Stock set and countdowns extended by the host (网络直播营销管理办法 art. 18).
        ("场控把剩余数量调成4，让他们抢一抢", "pressure", None),
        ("这价就两分钟，到点了——场控，再给我续两分钟", "pressure", None),
        # A phone number for the warehouse, identity papers by private message.
        ("小黄车扣点多，我给你个电话，直接跟我们仓库拿货", "diversion", None),
        ("要办宽带的把身份证照片私信发我，我帮你去营业厅办", "diversion", None),
        # Reviews and sales placed by the shop's own people (电子商务法 art. 17).
        ("评论区那些长图好评，都是我们店里的小伙伴帮忙写的", "review", None),
        ("这款月销五千，说实话之前刷了不少", "review", None),
        # Rivals by pronoun, across the way, by a 某 and asked about (广告法 art. 13).
        ("对面那家的烤肠全是淀粉，吃了闹肚子", "disparage", None),
        ("别家那款吹风机？那也配叫吹风机？吹一会就烫手", "disparage", None),
        ("某德那款电钻一摔就裂，别买", "disparage", None),
        # 零风险 and harm denied by half a measure (广告法 art. 4, 28).
        ("这款儿童牙膏零风险，吞下去也不怕", "natural", None),
        ("这盘香用料纯草本，点一整夜都无半分害处", "natural", None),
    ],
)
def test_the_round_13_families_are_flagged(text: str, category: str, product: str | None) -> None:
    assert category in categories(text, product), text


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # A term quoted from the brief and struck; hearsay the host refutes.
        ("品牌稿子里写着“行业顶尖”，这四个字违规，我不念", None),
        ("网上有人说这款茶能降血糖，那是谣传，它就是普通花茶", None),
        ("弹幕里有人讲我们找了明星代言，没这回事，一个明星都没找过", None),
        # A step on the dial, a batch in the pot, the shop's own links and series.
        ("电烤箱有四档火力，第一档用来发面", None),
        ("咱们店里最贵的就是双门那台，单门的便宜一半", None),
        # Advice read off the manual; the struck-through price's legal definition.
        ("说明书写了，滤芯最好半年换一次", None),
        ("这个划线价指近三十日内的最低成交价，详见价格说明", None),
        # A programme appeared on; an expert brought on to teach.
        ("我们的卤鹅上过省电视台的美食栏目，那期节目在主页能看", None),
        # The last thing said; a cut-off quoted from the organiser's terms.
        ("最后一个小提醒，滤芯装好以后先放两杯水再喝", None),
        ("满减活动30号夜里12点截止，是平台统一定的，页面上有写", None),
        # A channel denied, moderated or refused; the platform's own price protection.
        ("开播提醒是平台推送的，不是加群", None),
        ("收款码？我们不发，谁发的都别扫", None),
        ("买了以后十五天内有价保，降价的话联系客服退差价", None),
        # A draw open to every review; a double negation and a guarantee nobody can give.
        ("晒图的不论好评还是差评都能参加抽奖，照实写就行", None),
        ("肥皂本来就是化学反应的产物，没有不含化学的", None),
        ("香水先在手腕试一下，没有哪个牌子能保证不过敏", None),
    ],
)
def test_the_round_13_look_alikes_pass(text: str, product: str | None) -> None:
    assert not categories(text, product), text
