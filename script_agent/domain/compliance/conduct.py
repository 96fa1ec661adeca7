"""Live-stream conduct: pressure and false scarcity, off-platform diversion, review incentives and
competitor disparagement (网络直播营销管理办法, 电子商务法 art. 17, 网络交易监督管理办法 art. 14,
广告法 art. 13).

Scarcity is product-aware: 还剩50件 or 限量200件 passes when the promotion carries that count, a
deadline passes when the promotion has one; the same words without a fact behind them are flagged.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher
from script_agent.domain.numerals import cn_number

_NUM = "(?:\\d+|[一二两三四五六七八九十百千几]+)"
_UNIT = alt("件 单 份 瓶 支 个 台 盒 袋 箱 套 罐 包 组 双")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count(text: str) -> int | None:
    digits = re.search("\\d+", text)
    if digits:
        return int(digits.group())
    chars = re.search(f"[{''.join(_CN)}]", text)
    return _CN[chars.group()] if chars else None


# The running order of the show (最后一个链接, 最后一款产品), not the goods running out.
_SHOW_ITEM = re.compile("了?(?:链接|环节|产品|宝贝|款|品|福利|问题|话题)")


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
    if not facts.deadline:
        return False
    said = _hours(_sentence(text, m))
    return not said or not facts.deadline_hours or bool(said & {h % 12 for h in facts.deadline_hours})


def _sentence(text: str, m: re.Match[str]) -> str:
    start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in "。！？!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _real_deadline_or_stock(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """A real promotion (a deadline or a stock count in the data) makes urgency a fact, not a tactic."""
    return _real_deadline(text, m, facts) and bool(facts.stock)


_MISSED = alt("没抢到 没拍到 抢不到 拍不到 买不到 没买到 错过 拍慢 手慢 下手慢 没下手 没跟上")
_BLAME = alt("哭 骂 怪 找我 后悔 闹 怨 埋怨 说我")
_LATER = alt("一过 明天 明早 下播 下播后 过了今晚 过了今天 等会儿 一会儿 下一场 下场")
_NOT_AGAIN = "[^，。,！？!?]{0,6}?(?:就|都|可)?(?:不会再有|不会有了|没有了|没了|再也没有)"
_REVERT = alt("原价 涨价 涨回 恢复日常价 恢复正价 日常价 正价")
_NOT_BUYING = alt("不买 不拍 不下单 不入手 不囤 不抢 不趁现在 不上车 错过 没抢到 没买 没拍")
_SURELY = alt("肯定 一定 绝对 保准 准得 准会 铁定 必定 保证")

PRESSURE: list[Matcher] = [
    matcher(
        "pressure.scarcity",
        f"(?:最后|仅剩|只剩|还剩|就剩|剩下|限量)(?:最后)?\\s*{_NUM}\\s*{_UNIT}",
        allowed=_real_stock,
    ),
    matcher(
        "pressure.scarcity",
        alt(
            "最后一批 最后一波 最后一拨 最后一次机会 最后的机会 只剩个位数 卡爆了 抢疯了 "
            "抢爆了 快崩了 再也不生产 不再生产 绝版 断货王 马上断货 库存马上清空 马上清空 "
            "马上抢光 就要抢光 马上就没 秒没 手慢无 手慢就没 手慢就真没 抢完就没 想好了就没 "
            "犹豫就没 一会儿就没 下播就恢复 下播就涨 明天就涨 马上涨价 就涨价 再不买就涨 涨价到 "
            "要涨价了 只有这一分钟 只有最后 倒计时 倒数(?!第)"
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
            "晚一秒 手速要快 手慢了? 仅此一次 名额 马上下架 立马下架 准时下架 一到就下架"
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
            "抢到就是赚到 买到就是赚到 不抢就亏 不买就亏"
        ),
    ),
    # Missing out × blaming the host: the viewer is told in advance it will be their fault.
    matcher("pressure.coercion", f"{_MISSED}[^。！？!?]{{0,8}}?别[^。！？!?，,]{{0,6}}?{_BLAME}"),
    # Regret foretold: not buying now, then regret (这次不囤，回头准得后悔; 肯定后悔得睡不着).
    matcher(
        "pressure.coercion",
        f"{_NOT_BUYING}[^。！？!?]{{0,14}}?后悔|{_SURELY}(?:会|要|得)?后悔|后悔(?:到|得|死)(?!过)"
        "|(?:别|不要)(?:说|怪)我没(?:提醒|告诉|说|通知)"
        # Missing this chance means a long wait: 错过这一场，想再买就要等到年底.
        "|错过[^。！？!?]{0,12}?(?:要等|得等|等到|再等)",
    ),
    # The chance itself is said to vanish: 这波过了就不会再有了, 错过就没了.
    matcher(
        "pressure.scarcity",
        f"(?:过了|一过|错过|下播|这波|这次|今天){_NOT_AGAIN}"
        "|(?:不会再有|不会有了|没有了|没了|再也没有)(?:这个价|这种价|这个机会)",
        allowed=_real_deadline,
    ),
    matcher("pressure.scarcity", f"{_LATER}[^。！？!?，,]{{0,5}}?{_REVERT}", allowed=_real_deadline),
    # A clock-time cut-off (十点一到立刻截止, 九点整准时下架) that the promotion does not carry.
    matcher(
        "pressure.scarcity",
        f"{_HOUR.pattern}整?(?:前|一到|一过|准时|就|之前|以后)?[^，。,！？!?]{{0,5}}?(?:截止|结束|下架|恢复原价|涨价|关闭|停止)",
        allowed=_real_deadline,
        gate="截止|结束|下架|恢复原价|涨价|关闭|停止",
    ),
]

_CONTACT = alt(
    "微信 VX vx Vx V信 v信 威信 薇信 微心 绿泡泡 QQ qq 企鹅号 小号 手机号 电话 私人号 二维码 联系方式 "
    "朋友圈 支付宝 企业微信 暗号 手机尾号 电话号码 号码 微信号 绿色软件 绿色app 绿色APP 绿软 小绿 "
    "收款码 付款码 "
    "公众号 助理的号 助理号 助理的微信 助理微信 经纪人的号 工作人员的号"
)
_SHOP_ELSEWHERE = alt("小红书 红书 某书 某音 某手 微店 有赞 天猫 得物 唯品会 闲鱼 独立站 小程序")


# A warning against the practice (千万别私下转账, 别信私信你的陌生人, 主播从来不会让你加微信) is what a
# compliant host says: the channel words follow a warning, or a bare 别/不要 right before them.
_WARNING = re.compile(
    "千万(?:别|不要|不能)|切勿|谨防|小心|警惕|严禁|禁止|拒绝|绝不|从不|从来不|不会|别信|不要信|别相信|不要相信"
    "|冒充|防止|当心|(?:别|不要|不|不在)$"
)


# ...or the practice is named to be called a scam (任何私聊报价都是骗子).
_WARNING_AFTER = re.compile("[^。！？!?]{0,8}?(?:骗子|诈骗|不是我们|是假的|请举报|别信|不要信)")


def _warned(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    start = max(0, m.start() - 16)
    for boundary in "，。,！？!?；;\n":
        found = text.rfind(boundary, start, m.start())
        start = max(start, found + 1) if found >= 0 else start
    if _WARNING_AFTER.match(text, m.end()):
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
_DIVERSION = [
    "(?:加|添加|搜|扫|留|留下|私信|联系|发|关注|备注|写|扣|报)(?:一下|个|下)?"
    f"(?:我们|我|主播|你|您|你们)?(?:的|个|下)?(?:客服|助理|小助理)?的?(?:个人|私人)?{_CONTACT}",
    "加(?:我|主播)的?(?:助理|小助理|经纪人|工作人员)",
    # Collecting a viewer's contact to reach them outside the platform: 手机号打在公屏, 微信…加你.
    f"{_CONTACT}[^。！？!?]{{0,8}}?(?:(?:打|发|留|写|扣)在(?:公屏|评论区|弹幕)"
    "|(?:我|助理|小助理|客服|主播)(?:私下|单独)?(?:加你|拉你|联系你))",
    f"(?:去|到|在)(?:我们?的?)?{_SHOP_ELSEWHERE}(?:店铺?|上|里)?[^。！？!?，,]{{0,8}}?(?:买|下单|拍|付款|搜)",
    "(?:打款|打钱|汇款|转钱|付钱)给?我|(?:直接|私下)(?:打款|汇款|打钱)",
    # Paying the host directly: 扫了直接付给我, 把钱转给主播.
    "(?:转|付|打|汇)(?:账|款|钱)?给(?:我|主播|本人)(?!们?的?(?:客服|平台|售后|官方))",
    "(?:扣|私|加|滴|找|戳)(?:个|一下)?[VvＶ](?![Ii][Pp])",
    "(?:扫码|扫一扫|截图扫)[^，。,！？!?]{0,4}?(?:进|加|入)|(?:进|来|加)我(?:们)?的?[^，。,！？!?]{0,4}?群",
    "群里(?:细聊|聊|说|报价|发价)|直播间(?:里)?不方便(?:讲|说|发|报)",
    # The shop's own store as the cheaper place to pay: 在我们门店付现金更便宜, 来我们线下店找我.
    "(?:在|到|去|来)(?:我们?的?)?(?:门店|实体店|线下店|店里)[^。！？!?]{0,8}?(?:便宜|划算|省|现金|找我|私下)",
    # The profile as a signpost to a channel: 主页简介有我的联系方式, 看头像…加好友.
    f"(?:主页|简介|头像|个签|签名|背景图)[^。！？!?]{{0,10}}?(?:{_CONTACT}|好友)",
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
    # Not here, because elsewhere is cheaper: 别在这拍，扫…更划算.
    f"(?:别|不要|不用|先别)在{_HERE}里?(?:拍|下单|买|付款)[^。！？!?]{{0,16}}?{_CHEAPER_THERE}",
]
DIVERSION: list[Matcher] = [
    *(matcher("diversion.off_platform", p, allowed=_warned) for p in _DIVERSION),
    matcher(
        "diversion.off_platform",
        f"{_CONTACT}(?:号)?(?:搜|加|联系|私聊|群|找我|下单|付款)",
        allowed=_delivery,
    ),
    matcher(
        "diversion.off_platform",
        alt(
            "私聊 私信我 私信下单 私下(?:交易|转账|转|联系|找我|加|付|打款|下单|买|卖|发|聊|拉|给你|沟通|约) "
            "线下交易 不走平台 绕开平台 转账 扫码付款 扫码进群 进群 "
            "群里 加群 内部价 退差价 站外 加V 加v 主页有联系 给你发链接 单独发链接 单独给你发 "
            "私我 私戳 私发 加好友 个人账户 私人账户 私户 个人收款码 "
            "朋友圈 内购 店外 场外 线下(?:给你)?发货 报个?暗号 直播间不好发 转我"
        ),
        allowed=_warned,
    ),
]

_REVIEW_ACT = (
    alt(
        "五星 5星 五颗星 满星 好评 晒图 带图 追评 评价 晒单 买家秀 差评 中评 "
        "夸一夸 夸一下 夸下 夸夸 多夸 夸几句 夸一句 夸了 好话"
    )
    + "(?!率|如潮|不断|榜)"
)
_REWARD = alt(
    "返现 返 送 领 红包 现金 有礼 抽奖 赠品 补偿 给你 奖励 优惠券 券 礼品 礼物 立减 再减 补贴 补你 补给你 "
    "免单 惊喜 拿福利 领福利 多送 多发一 运费险我们出 运费我们出 打(?:\\d|[一二三四五六七八九])折 "
    "[一二三四五六七八九]折 [0123456789]折 "
    "(?:减|便宜|优惠)了?(?:\\d+|[一二两三四五六七八九十几]+)(?:块|元|毛)"
)
# Faking the numbers a buyer relies on: 刷销量, 帮忙冲一下销量, 刷刷数据.
_FAKE = (
    "(?:刷|帮(?:忙|我们|我|主播)?(?:冲|拉|撑|做|刷|顶|抬))"
    "(?:一下|一点|一些|点|些|刷|几单|一波|波|一轮|一拨|一冲|冲|(?:\\d+|[一二两三四五六七八九十几]+)个?)?"
)
_FIGURES = alt("销量 单量 数据 好评 评论(?!区) 评价(?!区) 人气 单子 成交 评分 分数 口碑 星级")
# The rating pushed up by the audience: 帮我把店铺评分顶上去, 把评分拉上去.
_PUSHED_UP = (
    "(?:把|帮)[^，。,！？!?]{0,4}?"
    + alt("评分 分数 好评率 星级 口碑分 口碑 销量 排名 权重")
    + "(?:给)?(?:顶|拉|冲|刷|抬|做|撑)(?:上去|起来|高|上来|到)"
)
# Praise dictated to the audience (公屏打一排“真的好用”, 评论区统一刷“已回购”), and comments by the dozen.
_PRAISE = alt(
    "已买 已购 已回购 已收到 已下单 已拍 已入手 回购 质量超?好 真的?好用 好用 正品 推荐 超值 真香 靠谱 "
    "值得买 划算 很?满意 超赞 太棒 五星 物流快"
)
_DICTATED = (
    "(?:打|刷|评|写|发|扣|留)(?:(?:[一两几三五十百\\d]+|个)?[句排条行波遍][^“\"'‘「]{0,2}?[“\"'‘「]?|\\s*[“\"'‘「])"
    + _PRAISE
    + "|(?:刷|评论|留言|好评)(?:满|够|到)(?:\\d+|[一二两三四五六七八九十百几]+)条"
)


_REFUSAL = re.compile(
    "(?:不|没|从不|绝不|拒绝|严禁|禁止|杜绝|从来不)(?:建议|要|允许|会|做|搞|参与|用|需要|必)?(?:找|让|叫|逼|求|要求)?"
    "(?:大家|你们|任何人|你|您)?(?:去)?$"
)


_NO_REWARD = re.compile("(?:不|没有?|无|从不|绝不|不会|不用|不必|不需要)再?(?:返|送|给|补|领|有)")


def _refused(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """我们不刷单 / 拒绝刷好评 / 好评不返现: a refusal of the practice is what an honest shop says."""
    if _NO_REWARD.search(m.group()):
        return True
    return _REFUSAL.search(text[max(0, m.start() - 8) : m.start()]) is not None


REVIEW: list[Matcher] = [
    matcher("review.incentive", f"{_REVIEW_ACT}[^。！？!?]{{0,14}}?{lead(_REWARD)}", allowed=_refused),
    matcher(
        "review.incentive",
        alt(
            "刷单 刷[一两几三五十]+单 刷好评 刷评论 刷个评论 刷评价 删差评 删评 改差评 改成好评 改好评 "
            "中差评.{0,8}联系 每条给你 好评率刷"
        ),
        allowed=_refused,
    ),
    matcher("review.incentive", f"{_FAKE}{_FIGURES}", allowed=_refused),
    matcher("review.incentive", _PUSHED_UP, allowed=_refused),
    # Proof of the review sent to the shop is how the reward is claimed: 好评截图发粉丝群, 截图给客服.
    matcher(
        "review.incentive",
        f"{_REVIEW_ACT}[^。！？!?]{{0,16}}?(?:截图|截个图|截屏|拍照)(?:后)?(?:给|发|私|找)(?:给)?(?:客服|我|主播|群|粉丝群|助理)",
        allowed=_refused,
    ),
    matcher("review.incentive", _DICTATED, allowed=_refused),
]


def _own_shop(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return re.search("(?:我们|自己)(?:家)?的?(?:上一代|老款|之前)", m.group()) is not None


_RIVAL = alt(
    "别家 别人家 别的牌子 别的品牌 其他品牌 其他牌子 其他家 其他直播间 别的直播间 隔壁 "
    "某某品牌 某某牌子 某某 那家 他们家 他家 大牌 某宝上 "
    "外面的 外面那些 市面上那些 便宜货 地摊货 同行 友商 你用的那个 "
    "市面上的 别人的 便宜的那些 其他主播 别的主播 那些大牌 某品牌 那个品牌 隔壁家 别人直播间 "
    "杂牌 小作坊 小牌子 市面上那种 那种便宜货 某些主播 有些主播 有的主播 某些品牌 某些牌子"
)
_GOODS = alt("坚果 防晒 口红 面霜 精华 洗发水 牛奶 纯牛奶 零食 产品 东西 货 主播 牌子 品牌 大牌 直播间 店")
# A rival named by its brand (果多多的坚果, 雪澜家的, 牧源那个牌子) or pointed at (那些主播, 九块九那种口红):
# anchored on the literal marker so the scan stays cheap; whose name it is is checked after the match.
_NAMED_RIVAL = (
    f"(?:家的|那个牌子|那个品牌|牌子的|品牌的|的(?={_GOODS})|那些[^，。,！？!?]{{0,4}}?{_GOODS}"
    f"|那种[^，。,！？!?]{{0,3}}?{_GOODS})"
)
_OWN = re.compile("我|咱|们|自|这|那|大家|人家|别人|今天|家")


def _not_a_rival(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """The marker must follow a name of two or three characters that is nobody's own (我们家的 is ours)."""
    if m.group().startswith("那"):
        return False
    name = text[max(0, m.start() - 3) : m.start()]
    if m.group().startswith("的"):
        name = name.replace("家", "")  # 他家的 goes through the word list, not here
    cjk = [c for c in name if "\u4e00" <= c <= "\u9fff"]
    return len(cjk) < 2 or _OWN.search(name[-2:]) is not None


_SMEAR = alt(
    "智商税 假货 假的 次品 垃圾 坑人 割韭菜 三无 地沟油 黑心 过期 激素 荧光剂 被查 烂脸 "
    "红屁屁 千万别买 别买 骗人 骗子 不行 劣质 有毒 致癌 不靠谱 差远了 比不了 没法比 "
    "被曝光 翻车 山寨 一百倍 吊打 秒杀 在卖包装 卖的是包装 勾兑 贴牌 飞丝 废了 骗 容易过敏 不建议买 "
    "塞的都是 交智商税 坑 含铅 含汞 重金属 超标 不合格 掉色 起球 "
    # Deceiving the buyer (糊弄, 兑水) and harming them (闷痘, 痒得要死) are smears too.
    "糊弄 忽悠 蒙人 唬人 偷工减料 以次充好 [兑掺注]了?水 便宜原料 廉价原料 缩水 变形 闷痘 爆痘 "
    "痒得 发痒 刺痛 没法用 不能用 一般般 爱过敏 会过敏 广告费 全是营销 "
    "掉屑 掉渣 掉毛 开胶 开线 起毛 不像我们 烫手 焦味 异味 刺鼻 甲醛 尾货 翻新 二手 别上当 "
    "(?:用完|用了|抹完|洗完|涂完)[^，。,！？!?]{0,4}?(?:疼|痛|痒|刺|红肿|烂|过敏|起疹|红了|泛红|红一)",
    # Faked, contaminated or harmful goods, and sweeping "all chemicals" smears.
    "(?:铅|汞|重金属|激素|甲醛|荧光剂)[^，。,]{0,3}?(?:含量|超标|高) 陈货 翻炒 发苦 哈喇味 其实都是 其实就是 "
    "也敢(?:涂|用|吃|喝|买|抹) 闷出 兑出来 工业香精 奶粉冲 复原乳 怪味 虫子 长虫 发霉 霉变 "
    "瞎吹 乱吹 吹牛 冒充 造假 虚标 作假 发黑 越洗越掉 越用越 早该扔 扔了吧 "
    "(?:全是|都是|全都是)(?:硅油|化学|色素|香精|添加剂|激素|科技与狠活|勾兑|假)",
)
DISPARAGE: list[Matcher] = [
    matcher(
        "disparage.competitor",
        f"{_NAMED_RIVAL}[^。！？!?]{{0,20}}?{lead(_SMEAR)}",
        allowed=_not_a_rival,
    ),
    matcher("disparage.competitor", f"{_RIVAL}[^。！？!?]{{0,20}}?{lead(_SMEAR)}", allowed=_own_shop),
    matcher("disparage.competitor", f"(?:比|吊打|秒杀|碾压){_RIVAL}"),
    matcher("disparage.competitor", f"(?:别信|不要信|别去买|别买){_RIVAL}"),
]
