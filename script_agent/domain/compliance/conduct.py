"""Live-stream conduct: pressure and false scarcity, off-platform diversion, review incentives and
competitor disparagement (网络直播营销管理办法, 电子商务法 art. 17, 网络交易监督管理办法 art. 14,
广告法 art. 13).

Scarcity is product-aware: 还剩50件 or 限量200件 passes when the promotion carries that count, a
deadline passes when the promotion has one; the same words without a fact behind them are flagged.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, matcher

_NUM = "(?:\\d+|[一二两三四五六七八九十百千几]+)"
_UNIT = alt("件 单 份 瓶 支 个 台 盒 袋 箱 套 罐 包 组 双")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count(text: str) -> int | None:
    digits = re.search("\\d+", text)
    if digits:
        return int(digits.group())
    chars = re.search(f"[{''.join(_CN)}]", text)
    return _CN[chars.group()] if chars else None


def _real_stock(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return _count(m.group()) in facts.stock


def _real_deadline(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return facts.deadline


def _real_deadline_or_stock(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """A real promotion (a deadline or a stock count in the data) makes urgency a fact, not a tactic."""
    return facts.deadline and bool(facts.stock)


_MISSED = alt("没抢到 没拍到 抢不到 拍不到 买不到 没买到 错过 拍慢 手慢 下手慢 没下手 没跟上")
_BLAME = alt("哭 骂 怪 找我 后悔 闹 怨 埋怨 说我")
_LATER = alt("明天 明早 下播 下播后 过了今晚 过了今天 等会儿 一会儿 下一场 下场")
_NOT_AGAIN = "[^，。,！？!?]{0,6}?(?:就|都|可)?(?:不会再有|不会有了|没有了|没了|再也没有)"
_REVERT = alt("原价 涨价 涨回 恢复日常价 恢复正价 日常价 正价")

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
            "翻倍 见底 快没了 快抢光 快卖完 被别人抢走 被抢走 "
            "被抢光 被抢空 被抢完 抢不到别 抢没了 就没这个价 没这个价了 "
            "不会有这个价 "
            "恢复原价 回到原价 只剩下?[几两三四五]单 "
            "(?:犹豫|慢|晚)(?:一秒|一下|一会儿?|一分钟|半秒)(?:就|都)?(?:没|抢不到) "
            "晚一秒 手速要快 手慢了? 仅此一次 名额"
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
    # The chance itself is said to vanish: 这波过了就不会再有了, 错过就没了.
    matcher(
        "pressure.scarcity",
        f"(?:过了|错过|下播|这波|这次|今天){_NOT_AGAIN}|{_NOT_AGAIN}(?:这个价|这种价|这个机会)",
        allowed=_real_deadline,
    ),
    matcher("pressure.scarcity", f"{_LATER}[^。！？!?，,]{{0,5}}?{_REVERT}", allowed=_real_deadline),
]

_CONTACT = alt(
    "微信 VX vx Vx V信 v信 威信 薇信 微心 绿泡泡 QQ qq 企鹅号 小号 手机号 电话 私人号 二维码 联系方式 "
    "朋友圈 支付宝 企业微信 暗号 手机尾号 电话号码 号码 微信号 绿色软件 绿色app 绿色APP 绿软 小绿"
)
_SHOP_ELSEWHERE = alt("小红书 红书 某书 某音 某手 微店 有赞 天猫 得物 唯品会 闲鱼 独立站 小程序")


def _delivery(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """快递会电话联系你: the courier calling about delivery is logistics, not a private channel."""
    return re.search("快递|物流|配送|骑手|派送", text[max(0, m.start() - 10) : m.start()]) is not None


DIVERSION: list[Matcher] = [
    matcher(
        "diversion.off_platform",
        "(?:加|添加|搜|扫|留|留下|私信|联系|发|关注|备注|写|扣|报)(?:一下|个|下)?"
        f"(?:我|主播|你|您|你们)?(?:的|个|下)?(?:个人|私人)?{_CONTACT}",
    ),
    # Collecting a viewer's contact to reach them outside the platform: 手机号打在公屏, 微信…加你.
    matcher(
        "diversion.off_platform",
        f"{_CONTACT}[^。！？!?]{{0,8}}?(?:(?:打|发|留|写|扣)在(?:公屏|评论区|弹幕)"
        "|(?:我|助理|小助理|客服|主播)(?:私下|单独)?(?:加你|拉你|联系你))",
    ),
    matcher(
        "diversion.off_platform",
        f"(?:去|到|在)(?:我们?的?)?{_SHOP_ELSEWHERE}(?:店铺?|上|里)?[^。！？!?，,]{{0,8}}?(?:买|下单|拍|付款|搜)",
    ),
    matcher("diversion.off_platform", "(?:打款|打钱|汇款|转钱|付钱)给?我|(?:直接|私下)(?:打款|汇款|打钱)"),
    matcher("diversion.off_platform", "(?:扣|私|加|滴|找|戳)(?:个|一下)?[VvＶ](?![Ii][Pp])"),
    matcher(
        "diversion.off_platform",
        "(?:扫码|扫一扫|截图扫)[^，。,！？!?]{0,4}?(?:进|加|入)|进我(?:们)?的[^，。,！？!?]{0,4}群",
    ),
    # The profile as a signpost to a channel: 主页简介有我的联系方式, 看头像…加好友.
    matcher(
        "diversion.off_platform",
        f"(?:主页|简介|头像|个签|签名|背景图)[^。！？!?]{{0,10}}?(?:{_CONTACT}|好友)",
    ),
    matcher(
        "diversion.off_platform",
        f"{_CONTACT}(?:号)?(?:搜|加|联系|私聊|群|找我|下单|付款)",
        allowed=_delivery,
    ),
    matcher(
        "diversion.off_platform",
        alt(
            "私聊 私信我 私信下单 私下 线下交易 不走平台 绕开平台 转账 扫码付款 扫码进群 进群 "
            "群里 加群 内部价 退差价 站外 加V 加v 主页有联系 给你发链接 单独发链接 单独给你发 "
            "私我 私戳 私发 加好友 个人账户 私人账户 私户 个人收款码 "
            "朋友圈 内购 店外 场外 线下(?:给你)?发货 报个?暗号 直播间不好发 转我"
        ),
    ),
    matcher(
        "diversion.off_platform",
        "(?:去|到|在)(?:我们?的?)?"
        + alt("某宝 淘宝 拼多多 京东 某东 某多多 闲鱼 外面 线下")
        + "(?:店|上|买|下单)",
    ),
]

_REVIEW_ACT = (
    alt("五星 5星 五颗星 满星 好评 晒图 带图 追评 评价 晒单 买家秀 差评 中评 夸一夸 夸夸 多夸 夸几句 好话")
    + "(?!率|如潮|不断|榜)"
)
_REWARD = alt(
    "返现 返 送 领 红包 现金 有礼 抽奖 赠品 补偿 给你 奖励 优惠券 券 礼品 礼物 立减 再减 补贴 补你 补给你 "
    "免单 惊喜 拿福利 领福利 多送 多发一 运费险我们出 运费我们出 打?(?:\\d|[一二三四五六七八九])折 "
    "(?:减|便宜|优惠)了?(?:\\d+|[一二两三四五六七八九十几]+)(?:块|元|毛)"
)
# Faking the numbers a buyer relies on: 刷销量, 帮忙冲一下销量, 刷刷数据.
_FAKE = "(?:刷|帮(?:忙|我们|我|主播)?(?:冲|拉|撑|做|刷))(?:一下|一点|一些|点|些|刷|几单)?"
_FIGURES = alt("销量 单量 数据 好评 评论(?!区) 评价(?!区) 人气 单子 成交")


_REFUSAL = re.compile(
    "(?:不|没|从不|绝不|拒绝|严禁|禁止|杜绝|从来不)(?:建议|要|允许|会|做|搞|参与)?(?:大家|你们|任何人)?(?:去)?$"
)


def _refused(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """我们不刷单 / 拒绝刷好评: a refusal of the practice is what an honest shop says."""
    return _REFUSAL.search(text[max(0, m.start() - 8) : m.start()]) is not None


REVIEW: list[Matcher] = [
    matcher("review.incentive", f"{_REVIEW_ACT}[^。！？!?]{{0,12}}?{_REWARD}"),
    matcher(
        "review.incentive",
        alt(
            "刷单 刷[一两几三五十]+单 刷好评 刷评论 刷个评论 刷评价 删差评 删评 改差评 改成好评 改好评 "
            "中差评.{0,8}联系 每条给你 好评率刷"
        ),
        allowed=_refused,
    ),
    matcher("review.incentive", f"{_FAKE}{_FIGURES}", allowed=_refused),
]


def _own_shop(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return re.search("(?:我们|自己)(?:家)?的?(?:上一代|老款|之前)", m.group()) is not None


_RIVAL = alt(
    "别家 别人家 别的牌子 别的品牌 其他品牌 其他牌子 其他家 其他直播间 别的直播间 隔壁 "
    "某某品牌 某某牌子 某某 那家 他们家 他家 大牌 某宝上 "
    "外面的 外面那些 市面上那些 便宜货 地摊货 同行 友商 你用的那个 "
    "市面上的 别人的 便宜的那些 其他主播 别的主播 那些大牌 某品牌 那个品牌 隔壁家 别人直播间"
)
_SMEAR = alt(
    "智商税 假货 假的 次品 垃圾 坑人 割韭菜 三无 地沟油 黑心 过期 激素 荧光剂 被查 烂脸 "
    "红屁屁 千万别买 别买 骗人 骗子 不行 劣质 有毒 致癌 不靠谱 差远了 比不了 没法比 "
    "被曝光 翻车 山寨 一百倍 吊打 秒杀 在卖包装 卖的是包装 勾兑 贴牌 飞丝 废了 骗 容易过敏 不建议买 "
    "塞的都是 交智商税 坑 含铅 含汞 重金属 超标 不合格 掉色 起球"
)
DISPARAGE: list[Matcher] = [
    matcher("disparage.competitor", f"{_RIVAL}[^。！？!?]{{0,12}}?{_SMEAR}", allowed=_own_shop),
    matcher("disparage.competitor", f"(?:比|吊打|秒杀|碾压){_RIVAL}"),
    matcher("disparage.competitor", f"(?:别信|不要信|别去买|别买){_RIVAL}"),
]
