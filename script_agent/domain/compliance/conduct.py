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
_SHOW_ITEM = re.compile("了?(?:链接|环节|产品|宝贝|款|品|福利|问题|话题|图|照片|页|截图|幻灯片)")


def _real_stock(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return _count(m.group()) in facts.stock or _SHOW_ITEM.match(text, m.end()) is not None


# Hours in words leave out 一点 (“a little”): 八点, 十二点, 20点.
_HOUR = re.compile("(\\d{1,2}|十[一二]?|[二两三四五六七八九])\\s*[点时]")


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
            "过了这村就?没这店"
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
        allowed=_real_deadline,
        gate="涨|贵|上调|调价|提价|价",
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
        "|(?:忍心|舍得)(?:看着?|[^，。,！？!?]{0,6}?(?:不下|不买|不拍|不支持|不帮|不管))",
        gate="对不起|辜负|寒了|伤了|亏欠|白费|良心|忍心|好意思|舍得",
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
        allowed=lambda text, m, facts: _real_deadline(text, m, facts) or _show_schedule(text, m),
        gate="截止|结束|下架|恢复原价|涨价|关闭|停止",
    ),
]

_CONTACT = alt(
    "微信 VX vx Vx V信 v信 威信 薇信 微心 绿泡泡 QQ qq 企鹅号 小号 手机号 电话 私人号 二维码 联系方式 "
    "朋友圈 支付宝 企业微信 暗号 手机尾号 电话号码 号码 微信号 绿色软件 绿色app 绿色APP 绿软 小绿 "
    "收款码 付款码 "
    "公众号 助理的号 助理号 助理的微信 助理微信 经纪人的号 工作人员的号"
)
# The shop's staff whose private contact is handed out (加我们营养师V信, 加班主任VX).
# ...and one of theirs introduced by whose they are (健身教练的店长微信): the prefix only with a staff noun.
_STAFF = (
    "(?:(?:[\u4e00-\u9fff]{1,4}的)?"
    + alt("客服 助理 小助理 营养师 健康顾问 顾问 老师 班主任 店长 经理 专员 管家 导师 运营 售后 助教 教练")
    + ")"
)
_SHOP_ELSEWHERE = alt("小红书 红书 某书 某音 某手 微店 有赞 天猫 得物 唯品会 闲鱼 独立站 小程序")


# A warning against the practice (千万别私下转账, 别信私信你的陌生人, 主播从来不会让你加微信) is what a
# compliant host says: the channel words follow a warning, or a bare 别/不要 right before them.
_WARNING = re.compile(
    "千万(?:别|不要|不能)|切勿|谨防|小心|警惕|严禁|禁止|拒绝|绝不|从不|从来不|不会|别信|不要信|别相信|不要相信"
    "|冒充|防止|当心|(?:别|不要|不|不在|不用|不必|无需|没必要)$"
)


# ...or the practice is named to be called a scam (任何私聊报价都是骗子).
WARNING_AFTER = re.compile("[^。！？!?]{0,8}?(?:骗子|诈骗|骗局|报警|不是我们|是假的|举报|别信|不要信)")
# Round 8: a group the shop says takes no money, all payment staying on the platform (群里只答疑、不收任何
# 费用，所有费用都在平台支付): a class or after-sales group, not a private channel.
_PAID_ON_PLATFORM = re.compile(
    "(?:都|只|全部|一律|一切)[^，。,]{0,6}?(?:在|走|通过)平台|平台(?:内)?(?:支付|付款|下单|完成)|不收(?:任何|一分)?(?:费用|钱)"
)
# The platform's own fan group (平台里的粉丝群, 抖音粉丝群) is on the platform, not a private channel.
_PLATFORM_GROUP = re.compile("(?:平台|抖音|快手|站内|官方)(?:的|里的?|内的?|自带的?)?(?:粉丝)?群|粉丝团")


def _warned(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    start = max(0, m.start() - 16)
    for boundary in "，。,！？!?；;\n":
        found = text.rfind(boundary, start, m.start())
        start = max(start, found + 1) if found >= 0 else start
    if WARNING_AFTER.match(text, m.end()) or conduct_scope.scoped(text, m):
        return True
    if "群" in m.group():
        sentence = _sentence(text, m)
        if _PLATFORM_GROUP.search(sentence) or _PAID_ON_PLATFORM.search(sentence):
            return True
    return _WARNING.search(text[start : m.start()]) is not None


def _delivery(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """快递会电话联系你: the courier calling about delivery is logistics, not a private channel."""
    if _warned(text, m, facts):
        return True
    return re.search("快递|物流|配送|骑手|派送", text[max(0, m.start() - 10) : m.start()]) is not None


_PLATFORM = alt("某宝 淘宝 拼多多 京东 某东 某多多 闲鱼 某鱼 外面 线下")
_HERE = alt("这 这里 这儿 直播间 小黄车 平台 链接 购物车")
_CHEAPER_THERE = alt("便宜 划算 省 优惠 私 转 找我 加我 二维码 扫 某宝 淘宝 拼多多")
# Round 9: a private message to the host for a lower price or a link (DM我拿link, 私下发你链接), a private
# channel named in English, and an order phoned in and paid on delivery (打我电话订，货到给钱).
# ...cash collected at the door, and a relative's number handed out (记一下我儿子的手机).
_PRIVATE_DEAL = (
    "(?:DM|dm|私信|私聊)(?:我|主播|本人)[^。！？!?]{0,12}?(?:link|链接|私下|private|低价|更便宜|价格更|便宜)"
    "|(?:private|私人|私下)(?:的)?(?:渠道|通道|链接|link)|打我(?:的)?(?:电话|手机)|货到(?:了)?(?:再)?(?:给钱|付钱|付款)"
    "|(?:上门|当面)?收现金|(?:我|主播)(?:儿子|女儿|闺女|老公|老婆|媳妇|爱人|家里人|妈|爸)的(?:手机|电话|微信|号)"
)
_DIVERSION = [
    "(?:加|添加|搜|扫|留|留下|私信|联系|发|关注|备注|写|扣|报|DD|dd|滴滴)(?:一下|个|下)?"
    f"(?:我们|我|主播|你|您|你们|我哋|我地)?(?:的|个|下|嘅)?{_STAFF}?的?(?:个人|私人)?{_CONTACT}",
    "加(?:我|主播)的?(?:助理|小助理|经纪人|工作人员)",
    # Collecting a viewer's contact to reach them outside the platform: 手机号打在公屏, 微信…加你.
    f"{_CONTACT}[^。！？!?]{{0,8}}?(?:(?:打|发|留|写|扣)在(?:公屏|评论区|弹幕)"
    "|(?:我|助理|小助理|客服|主播)(?:私下|单独)?(?:加你|拉你|联系你))",
    f"(?:去|到|在)(?:我们?的?)?{_SHOP_ELSEWHERE}(?:店铺?|上|里)?[^。！？!?，,]{{0,8}}?(?:买|下单|拍|付款|搜)",
    "(?:打款|打钱|汇款|转钱|付钱)给?我|(?:直接|私下)(?:打款|汇款|打钱)",
    # Round 7: paid to the host's own card, ordered by phone, fetched from the host, found "where you know".
    lead(
        "给(?:我|主播|本人)(?:打款|打钱|汇款|转账|转钱)|打电话(?:订|买|下单|给我)|给我打电话"
        "|找我(?:拿|买|订|取)(?:货)?(?!麻烦)|知道去?(?:哪|哪里|哪儿)(?:找我|买|拍|下单)"
        "|[转打汇付](?:钱|款)?(?:到|进)(?:我|主播|本人)的?(?:卡|银行卡|账户|账上)"
    ),
    # Paying the host directly: 扫了直接付给我, 把钱转给主播.
    "(?:转|付|打|汇)(?:账|款|钱)?给(?:我|主播|本人)(?!们?的?(?:客服|平台|售后|官方))",
    "(?:扣|私|加|滴|找|戳)(?:个|一下)?[VvＶ](?![Ii][Pp])",
    "(?:扫码|扫一扫|截图扫)[^，。,！？!?]{0,4}?(?:进|加|入)|(?:进|来|加)我(?:们)?的?[^，。,！？!?]{0,4}?群",
    "群里(?:细聊|聊|说|报价|发价)|直播间(?:里)?不方便(?:讲|说|发|报)",
    # The shop's own store as the cheaper place to pay: 在我们门店付现金更便宜, 来我们线下店找我.
    "(?:在|到|去|来)(?:我们?的?)?(?:门店|实体店|线下店|店里)[^。！？!?]{0,8}?(?:便宜|划算|省|现金|找我|私下)",
    # The profile as a signpost to a channel: 主页简介有我的联系方式, 看头像…加好友.
    f"(?:主页|简介|头像|个签|签名|背景图)[^。！？!?]{{0,10}}?(?:{_CONTACT}|好友|(?:有|留了?|放了?|挂了?)个?号)",
    # The host's own contact handed out: 我挨个把私人联系方式发给你们, 把微信私发给你.
    f"把(?:我的?|主播的?)?(?:个人|私人)?的?{_CONTACT}[^，。,！？!?]{{0,3}}?(?:发|私发|推|给)(?:给)?(?:你|您|大家)",
    # A shop outside this one as the place to pay: 去我们抖店以外的小店下单.
    "(?:以外|之外)的[^，。,！？!?]{0,4}?(?:店|渠道|平台)[^，。,！？!?]{0,4}?(?:下单|买|拍|付款)",
    # Elsewhere said to be cheaper than here: 那边比这儿便宜十块.
    "(?:那边|那里|外面|那儿|店里)比(?:这儿|这里|这边|直播间|链接|小黄车)[^，。,！？!?]{0,3}?(?:便宜|划算|省|优惠|低)",
    # Another platform as the place to buy: 去某宝搜我们店名, 上拼多多搜同名店铺, 去淘宝找我们家.
    f"(?:去|到|上|在|打开|点开)(?:我们?的?)?{_PLATFORM}(?:店|上|买|下单|[^，。,！？!?]{{0,6}}?(?:搜|找|逛|买|下单))",
    # A payment code of one's own, and the platform's own link as the dearer option (比拍链接省二十).
    "收款码|付款码|比(?:拍|在)?(?:链接|小黄车|直播间|平台|购物车)[^，。,！？!?]{0,4}?(?:便宜|省|划算|优惠|低)",
    # Paying past the platform (付钱别走平台, 不用平台支付) to the host's own code (扫我手机上这个码).
    "(?:别|不要|不用|不必|无需)(?:走|通过|经过)平台(?!以外|之外|外)"
    "|(?:别|不要|不用|不必|无需|不)(?:用|在)平台的?(?:支付|付款|付钱|交易)"
    "|扫(?:一下|一扫|下)?(?:我|主播|咱)(?:的|这个|这张|手机上的?|手机里的?)?[^，。,！？!?]{0,4}?码",
    # The host's other account or "over there" as cheaper (我们另一个号上卖得更低, 那边价格还能再低).
    "(?:我们|我|咱们?|咱家)的?(?:另一个|另外一个|另外的|其他|别的|小|副)(?:号|账号|店|小店|直播间)"
    "[^，。,！？!?]{0,6}?(?:更|还|再)?(?:便宜|低|划算|优惠|省)"
    "|(?:那边|那里|那儿)的?(?:价格|价钱|价)?[^，。,！？!?]{0,4}?(?:还能|还|更|再)再?(?:便宜|低|划算|优惠)",
    # A link or a share code sent by private message (私信给你们发个淘口令, 私信把链接甩给你).
    "私信(?:给)?(?:你|你们|您|大家)|私信[^，。,！？!?]{0,4}?(?:链接|口令|码|价格|报价)|淘口令|口令",
    # Round 10: a code, number or account on screen, a card or a pinned comment (扫屏幕右下角的二维码,
    # 名片上的电话), the platform said to forbid it (平台不让卖…看我主页), a company account.
    "(?:扫|看|加|打|搜|找|联系|关注|去)[^，。,！？!?]{0,4}?(?:屏幕|画面|评论区|置顶|名片|资料页)[^。！？!?]{0,8}?"
    "(?:二维码|码|号码?|电话|联系方式|账号)|是(?:我|主播)的?(?:小号|私人号|个人号)"
    "|平台(?:不让|不允许|不给|上架不了|上不了)[^。！？!?]{0,12}?(?:主页|简介|资料|找我|私|懂的)|对公(?:账户|转账|打款)",
    # Round 8: a lower price offered through a private contact (想要更低价的…我让助理单独联系你).
    "(?:更低价|更低的价|更便宜|更优惠|低价|内部价|底价)[^。！？!?]{0,16}?(?:单独|私下)(?:联系|加|找|发|拉)",
    # Not here, because elsewhere is cheaper: 别在这拍，扫…更划算.
    f"(?:别|不要|不用|先别)在{_HERE}里?(?:拍|下单|买|付款)[^。！？!?]{{0,16}}?{_CHEAPER_THERE}",
]
DIVERSION: list[Matcher] = [
    *(matcher("diversion.off_platform", p, allowed=_warned) for p in _DIVERSION),
    matcher(
        "diversion.off_platform",
        _PRIVATE_DEAL,
        allowed=_warned,
        gate="DM|dm|私信|私聊|private|私人|私下|打我|货到|现金|儿|女|老公|老婆|媳妇|爱人|家里人|妈|爸",
    ),
    matcher(
        "diversion.off_platform",
        f"{_CONTACT}(?:号)?(?:搜|加|联系|私聊|群|找我|下单|付款)",
        allowed=_delivery,
    ),
    matcher(
        "diversion.off_platform",
        alt(
            "私聊 私信我 私信下单 "
            "私下(?:交易|转账|转|联系|找我|加|付|打款|下单|买|卖|发|聊|拉|给你|沟通|约|同你|倾) "
            "加我个?好友 加主播好友 "
            "线下交易 不走平台 绕开平台 转账 扫码付款 扫码进群 进群 "
            # 群里的反馈: where the feedback came from, not a channel to join.
            "群里(?!的?(?:反馈|评价|评论|留言|声音)) 加群 内部价 退差价 站外 加V 加v 主页有联系 "
            "给你发链接 单独发链接 单独给你发 "
            "私我 私戳 私发 加好友 个人账户 私人账户 私户 个人收款码 "
            "朋友圈 内购 店外 场外 线下(?:给你)?发货 报个?暗号 直播间不好发 转我 "
            # Round 8: meeting to hand over goods and money (线下面交, 约个地方见面交易).
            "面交 当面交易 见面交易 当面交钱 见面交钱 见面付款 当面付款"
        ),
        allowed=_warned,
    ),
]
