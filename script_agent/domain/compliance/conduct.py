"""Live-stream conduct: pressure and false scarcity, and off-platform diversion (网络直播营销管理办法).
Review manipulation lives in reviews.py, competitor disparagement in rivals.py.

Scarcity is product-aware: 还剩50件 or 限量200件 passes when the promotion carries that count, a
deadline passes when the promotion has one; the same words without a fact behind them are flagged.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance import conduct_scope
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher
from script_agent.domain.numerals import cn_number

_NUM = "(?:\\d+|[一二两三四五六七八九十百千几]+)"
_UNIT = alt("件 单 份 瓶 支 个 台 盒 袋 箱 套 罐 包 组 双 张 位 名 间 席 期")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count(text: str) -> int | None:
    digits = re.search("\\d+", text)
    if digits:
        return int(digits.group())
    run = re.search("[一二两三四五六七八九十百千]+", text)
    value = cn_number(run.group()) if run else None
    return int(value) if value is not None else None


# The running order of the show (最后一个链接, 最后一款产品), not the goods running out.
# ...nor the last picture or page of the listing (详情页最后一张图).
# Round 13: ...or the last thing said (最后一件事, 最后一个提醒): the host's agenda, not stock.
_SHOW_ITEM = re.compile(
    "了?(?:链接|环节|产品|宝贝|款|品|福利|问题|话题|图|照片|页|截图|幻灯片|事|小?提醒|小?提示|要点|注意事项|说明|小贴士)"
)


# Round 11: ...or the listing named just before (详情页最后一张, 主图最后一张): a picture, not stock.
_LISTING_BEFORE = re.compile("(?:详情页?|主图|图片|相册|页面|轮播图?)[^，。,！？!?]{0,3}$")


def _real_stock(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if _LISTING_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return True
    return _count(m.group()) in facts.stock or _SHOW_ITEM.match(text, m.end()) is not None


# Hours in words leave out 一点 (“a little”): 八点, 十二点, 20点.
# Round 11: 二十四点 is read whole (not as 四点), so the promotion's own 24点 deadline is recognised.
_HOUR = re.compile(
    "(?<![\\d一二两三四五六七八九十])(\\d{1,2}|二十[一二三四]?|十[一二]?|[二两三四五六七八九])\\s*[点时]"
)


def _hours(text: str) -> set[int]:
    out = set()
    for raw in _HOUR.findall(text):
        value = int(raw) if raw.isdigit() else cn_number(raw)
        if value is not None:
            out.add(int(value) % 12)
    return out


def _real_deadline(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """A deadline passes only when it is the promotion's own: 今晚八点 when the offer ends at 24点 is
    a deadline made up on the spot."""
    if not facts.deadline or re.search("分钟|秒", m.group()):
        return False  # a deadline of this minute is never the promotion's own
    said = _hours(_sentence(text, m))
    return not said or not facts.deadline_hours or bool(said & {h % 12 for h in facts.deadline_hours})


# Round 9: the broadcast's own end (直播到晚上十点结束，没看完的看回放) is the schedule, not an offer's
# cut-off — unless the sentence ties a price, a coupon or the goods to it.
_SHOW_END = re.compile("直播|开播|下播|回放")
_OFFER_WORDS = re.compile("价|优惠|福利|券|折|下架|库存|涨|抢|秒杀|赠|送")


def _show_schedule(text: str, m: re.Match[str]) -> bool:
    sentence = _sentence(text, m)
    return _SHOW_END.search(sentence) is not None and _OFFER_WORDS.search(sentence) is None


def _sentence(text: str, m: re.Match[str]) -> str:
    start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in "。！？!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


# Round 13: a cut-off quoted from the organiser's published terms (31号晚上12点结束，是运营商定的，
# 页面上有写).
_PUBLISHED = re.compile(
    "页面上?(?:有|都)?(?:写|标)|是(?:运营商|平台|官方|主办方)(?:统一)?定的|详情页(?:有|都)?写"
)


def _real_deadline_or_stock(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """A real promotion (a deadline or a stock count in the data) makes urgency a fact, not a tactic."""
    return _real_deadline(text, m, facts) and bool(facts.stock)


# Yesterday's price or missed chance explained (昨天是平台发了券，今天券没了; 昨天没抢到的也别骂我) reports
# what happened: pressure is about what is still to come.
_PAST = re.compile("昨天|前天|上次|上回|上一场|上周|前几天")


def _past(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    start = max(max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1, m.start() - 16)
    return _PAST.search(text, start, m.start()) is not None


_MISSED = alt("没抢到 没拍到 抢不到 拍不到 买不到 没买到 错过 拍慢 手慢 下手慢 没下手 没跟上")
_BLAME = alt("哭 骂 怪 找我 后悔 闹 怨 埋怨 说我")
_LATER = alt("一过 明天 明早 下播 下播后 过了今晚 过了今天 等会儿 一会儿 下一场 下场")
_NOT_AGAIN = "[^，。,！？!?]{0,6}?(?:就|都|可)?(?:不会再有|不会有了|没有了|没了|再也没有)"
_LATER_ON = alt(
    "下一期 下期 下一批 下一轮 明天 明早 明年 下个?月 下周 下礼拜 月底 年底 过几天 过两天 回头 以后 下播后? "
    "活动(?:结束|过)后? 开春 年后 节后 "
    "过完[^，。,！？!?]{0,4}"
)
_REVERT = alt("原价 涨价 涨回 恢复日常价 恢复正价 日常价 正价")
_NOT_BUYING = alt("不买 不拍 不下单 不入手 不囤 不抢 不趁现在 不上车 错过 没抢到 没买 没拍")
_SURELY = alt("肯定 一定 绝对 保准 准得 准会 铁定 必定 保证")

PRESSURE: list[Matcher] = [
    matcher(
        "pressure.scarcity",
        f"(?:最后|仅剩|只剩|还剩|就剩|剩下|限量)(?:最后|只有|仅有|就|只)?\\s*(?:零星|寥寥|区区)?{_NUM}\\s*(?:来|多)?{_UNIT}",
        allowed=_real_stock,
    ),
    matcher(
        "pressure.scarcity",
        alt(
            "最后一批 最后一波 最后一拨 最后一次机会 最后的机会 只剩个位数 卡爆了 抢疯了 "
            "抢爆了 快崩了 再也不生产 不再生产 绝版 断货王 马上断货 库存马上清空 马上清空 "
            "马上抢光 就要抢光 马上就没 秒没 手慢无 手慢就没 手慢就真没 抢完就没 想好了就没 "
            "犹豫就没 一会儿就没 下播就恢复 下播就涨 明天就涨 马上涨价 就涨价 再不买就涨 涨价到 "
            "要涨价了 只有这一分钟 只有最后 倒计时 倒数(?!第) 即将停产 马上停产 要停产了 再无此价 "
            "等(?:它|价格|价钱)?(?:涨回去|涨价|恢复原价|回到原价)吗 "
            # Round 8: gone for good (下播前不拍就永久下架了, 以后再也不上了).
            "永久下架 永远下架 再也不上架 不再上架 再也不上了 以后都不上 永不返场 不会再上架"
        ),
        allowed=lambda text, m, facts: conduct_scope.draw_rules(text, m),
    ),
    # Round 10: stock left vague (就剩个位数, 没几件了, 全国就剩这一批) and a sold-out batch topped up — a
    # matcher of its own: one more alternative beside the word list above costs its scan tenfold.
    matcher("pressure.scarcity", conduct_scope.VAGUE_STOCK, gate="剩|全国|光|空|售罄"),
    # Sales figures made up on the spot (你就说已经抢了…单, 把已售数字往上调) and a price rise hinted at
    # (明天什么价我不说，懂的都懂).
    matcher(
        "pressure.scarcity",
        lead(
            "(?:就说|你就说|就报|随便报个?数)[^，。,！？!?]{0,8}?(?:抢了|卖了|拍了|已售|下单)"
            "|(?:已售|销量|销售)(?:数字|数据|数)?[^，。,]{0,2}?(?:往上调|调高|往上改|改高)"
            "|(?:明天|下播后?|过了今天|之后)[^，。,！？!?]{0,4}?(?:什么价|啥价|多少钱)[^。！？!?]{0,8}?"
            "(?:不说|不好说|懂的都懂|你懂的)"
            # Round 13: the stock figure set by the host (库存先给我改成3), the countdown extended on the sly
            # (到点了再给俺续五分钟), a sold-out batch topped up by a favour (最后加的这50件是我求来的).
            "|(?:库存|剩余数量|剩余|余量)(?:数)?[^，。,！？!?]{0,4}?(?:改成|调成|改到|调到|设成|改为|调为)"
            "|再[^，。,！？!?]{0,4}?(?:续|加|延长?)(?:个|上)?(?:\\d+|[一二两三四五六七八九十半]+)分钟"
            f"|{_NUM}{_UNIT}是我(?:求|磨|抢|要|争取|申请)(?:来|回来|过来|下来)的"
        ),
    ),
    matcher(
        "pressure.scarcity",
        "(?:只有|仅限|就)(?:今天|今晚|这一?次|这[一几]?分钟|最后[一二三四五六七八九十\\d]+[秒分])",
        allowed=_real_deadline,
    ),
    matcher(
        "pressure.scarcity",
        alt(
            "翻倍 见底 快没了 快抢光 快卖完 被(?:别人|人家|其他人)?抢(?:光|走|完|空|没) "
            "抢不到别 抢没了 就没这个价 没(?:这个?|这种)价 (?:剩|只有|仅剩|就剩)(?:个位数|最后几) "
            "不会有这个价 "
            "恢复原价 回到原价 只剩下?[几两三四五]单 "
            "(?:犹豫|慢|晚)(?:一秒|一下|一会儿?|一分钟|半秒)(?:就|都)?(?:没|抢不到) "
            "晚一秒 手速要快 手慢了? 仅此一次 名额 马上下架 立马下架 准时下架 一到就下架 "
            "马上(?:就)?要?被[^，。,]{0,4}?下架"
        ),
        allowed=_real_deadline_or_stock,
    ),
    matcher(
        "pressure.coercion",
        alt(
            "不买(?:就)?后悔 后悔一辈子 都会后悔 会后悔的 别后悔 "
            "错过(?:今天|这次|这波)?(?:就)?(?:再也|没有|等一年|不再|再等) 再也买不到 再也没有 "
            "以后.{0,6}买不到 犹豫就会败北 别想了 别犹豫 不要犹豫 不用犹豫 "
            "不抢就 没抢到.{0,4}别怪 别来找我 "
            "下次别来 不买的.{0,6}别 不要问.{0,4}直接拍 过了今天就 "
            "抢到就是赚到 买到就是赚到 不抢就亏 不买就亏 莫犹豫 甭犹豫 别再犹豫 "
            "再不(?:买|拍|抢|下单|上车)就(?:买不到|没了|抢不到|没有了|没机会) "
            "就差你们?了 就差你一个 就等你们?了 "
            "过了这村就?没这店 "
            # Round 13: not buying tonight is a loss or an empty shelf tomorrow (今晚不办就亏大了,
            # 今天不买明天没货), and never again (以后再也办不到了); the offer gone at daybreak
            # (天一亮全部下架).
            "(?:今天|今晚|现在|这会儿)(?:不买|不拍|不下单|不办|不订|不抢)[^，。,！？!?]{0,4}?(?:就)?"
            "(?:没货|没了|亏大了|亏了|断货) "
            "再也(?:办|买|拍|抢|订)不(?:到|着) 天一亮[^，。,！？!?]{0,4}?(?:下架|撤|没)"
        ),
        allowed=_past,
    ),
    # Missing out × blaming the host: the viewer is told in advance it will be their fault.
    matcher(
        "pressure.coercion", f"{_MISSED}[^。！？!?]{{0,8}}?别[^。！？!?，,]{{0,6}}?{_BLAME}", allowed=_past
    ),
    # Regret foretold: not buying now, then regret (这次不囤，回头准得后悔; 肯定后悔得睡不着).
    matcher(
        "pressure.coercion",
        f"{_NOT_BUYING}[^。！？!?]{{0,14}}?后悔|{_SURELY}(?:会|要|得)?后悔|后悔(?:到|得|死)(?!过)"
        "|(?:别|不要)(?:说|怪)我没(?:提醒|告诉|说|通知)"
        # Missing this chance means a long wait: 错过这一场，想再买就要等到年底.
        "|错过[^。！？!?]{0,12}?(?:要等|得等|等到|再等)"
        f"|{_NOT_BUYING}[^。！？!?]{{0,16}}?(?:要等|得等|再等)(?![^，。,]{{0,2}}(?:物流|快递|发货))"
        # Round 11: a lifetime's wait or tears foretold (这辈子都等不到这个价, 不拍等会儿哭都来不及).
        "|(?:这辈子|下辈子|一辈子|这一生)(?:都|也|再)?(?:买不到|等不到|遇不到|碰不到|见不到|抢不到)"
        f"|{_NOT_BUYING}[^。！？!?]{{0,14}}?(?:哭(?:着|都)|求我都?没用|来不及)"
        "|(?:下回|下次|再)见到这个?价",
    ),
    # The chance itself is said to vanish: 这波过了就不会再有了, 错过就没了.
    matcher(
        "pressure.scarcity",
        f"(?:过了|一过|错过|下播|这波|这次|今天){_NOT_AGAIN}"
        "|(?:不会再有|不会有了|没有了|没了|再也没有)(?:这个价|这种价|这个机会)",
        allowed=lambda text, m, facts: _real_deadline(text, m, facts) or _past(text, m, facts),
    ),
    matcher("pressure.scarcity", f"{_LATER}[^。！？!?，,]{{0,5}}?{_REVERT}", allowed=_real_deadline),
    # A rise foretold (明年直接涨到四百, 过完这个月就要往上调) and the last time at this price.
    matcher(
        "pressure.scarcity",
        f"{_LATER_ON}[^，。,！？!?]{{0,6}}?(?:就|直接|会|要|马上|立马)?要?(?:涨(?!粉|知识)|贵|上调|往上调|调价|提价)"
        "|最后一[次回波场]这个?价|就这一[次回波场][^，。,！？!?]{0,3}?这个?价|这个价(?:就|只有|仅此)这一?[次回波场]"
        f"|{_LATER_ON}[^，。,！？!?]{{0,4}}?(?:就|可就|都)?(?:不是|没有|没)(?:这个|这)价",
        allowed=lambda text, m, facts: _real_deadline(text, m, facts) or conduct_scope.unsure(text, m),
        gate="涨|贵|上调|调价|提价|价",
    ),
    # Round 12: the child left behind or the room gone for not buying now (你家孩子再不用，开学就落下一大截;
    # 现在不订，等你生的时候全城都没房了): fear of the future as the reason to buy (网络直播营销管理办法
    # art. 18).
    matcher(
        "pressure.coercion",
        lead(conduct_scope.LEFT_BEHIND),
        gate="落下|落后|跟不上|被甩|甩在|起跑线|输在|掉队|差距|差一大截|都没|订满|约满|排满|没房|没位置|你家",
    ),
    # The host's own loss or a plea as the reason to buy (卖不完我得自己掏钱补, 完不成业绩要被开除, 救救孩子):
    # 网络直播营销管理办法 art. 18 forbids inducing a purchase this way.
    matcher(
        "pressure.coercion",
        "(?:卖不完|卖不够|卖不出去|卖不掉|卖不动|再不卖|没人买|完不成|冲不到|达不到|没卖完)[^。！？!?]{0,14}?"
        "(?:掏钱|贴钱|赔钱|自己补|补上|补给|扣工资|扣钱|罚款|罚钱|开除|辞退|走人|卷铺盖|挨骂|被骂"
        "|(?:工资|奖金|提成)[^，。,！？!?]{0,3}?没|白干"
        # Round 8: the harvest left to rot (再不卖就烂在地里, 只能倒进沟里).
        "|烂在|烂掉|烂了|倒掉|倒进|扔掉|喂猪|坏掉)"
        "|救救(?:孩子|主播|我|我们|小店)|(?:求求|拜托)(?:大家|你们|家人们|宝子们)[^，。,！？!?]{0,4}?(?:下单|拍|买|帮)"
        "|对赌",
        gate="卖不|再不卖|没人买|完不成|冲不到|达不到|没卖完|救救|求求|拜托|对赌",
    ),
    # Round 8: not buying made a moral failing (今天不买，就是对不起种地的爷爷奶奶; 你们良心过得去吗) —
    # guilt as the reason to buy, which 网络直播营销管理办法 art. 18 forbids like any other inducement.
    matcher(
        "pressure.coercion",
        f"{_NOT_BUYING}[^。！？!?]{{0,10}}?(?:就是|就|等于|那就是)?(?:对不起|辜负|寒了|伤了[^，。,]{{0,4}}?心|亏欠|白费)"
        "|(?:不支持|不帮)[^。！？!?]{0,14}?(?:良心|忍心|好意思)|良心(?:过得去|不会痛|不痛|何在)"
        "|(?:忍心|舍得)(?:看着?|[^，。,！？!?]{0,6}?(?:不下|不买|不拍|不支持|不帮|不管))"
        # Round 11: not buying called a fight with one's own money (不拍的都是跟钱包过不去).
        f"|{_NOT_BUYING}[^。！？!?]{{0,10}}?跟[^，。,！？!?]{{0,5}}?(?:钱|钱包|票子)过不去",
        gate="对不起|辜负|寒了|伤了|亏欠|白费|良心|忍心|好意思|舍得|过不去",
    ),
    # Not buying counted as a loss (不拍就是白白亏了一百, 不囤就等于亏钱).
    matcher(
        "pressure.coercion",
        f"{_NOT_BUYING}(?:的话)?[^，。,！？!?]{{0,3}}?(?:就|就是|等于|就等于|相当于|算)(?:白白|白)?(?:亏|吃亏|赔)",
        gate="亏|赔",
    ),
    # A clock-time cut-off (十点一到立刻截止, 九点整准时下架) that the promotion does not carry.
    matcher(
        "pressure.scarcity",
        f"{_HOUR.pattern}整?(?:前|一到|一过|准时|就|之前|以后)?[^，。,！？!?]{{0,5}}?(?:截止|结束|下架|恢复原价|涨价|关闭|停止)",
        allowed=lambda text, m, facts: (
            _real_deadline(text, m, facts)
            or _show_schedule(text, m)
            or _PUBLISHED.search(_sentence(text, m)) is not None
        ),
        gate="截止|结束|下架|恢复原价|涨价|关闭|停止",
    ),
]

# Diversion moved to diversion.py in round 11; re-exported for the engine and reviews.py.
from script_agent.domain.compliance.diversion import DIVERSION, WARNING_AFTER  # noqa: E402

__all__ = ["DIVERSION", "PRESSURE", "WARNING_AFTER"]
