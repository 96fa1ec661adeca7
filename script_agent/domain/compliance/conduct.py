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


PRESSURE: list[Matcher] = [
    matcher(
        "pressure.scarcity",
        f"(?:最后|仅剩|只剩|还剩|就剩|剩下|限量)(?:最后)?\\s*{_NUM}\\s*{_UNIT}",
        allowed=_real_stock,
    ),
    matcher(
        "pressure.scarcity",
        alt(
            "最后一批 最后一波 再也不生产 不再生产 绝版 断货王 马上断货 库存马上清空 马上清空 "
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
            "翻倍 见底 快没了 快抢光 快卖完 被别人抢走 被抢走 抢不到别 抢没了 就没这个价 没这个价了 "
            "不会有这个价 "
            "恢复原价 回到原价 只剩下?[几两三四五]单 晚一秒 手速要快 手慢了? 仅此一次 名额"
        ),
        allowed=_real_deadline_or_stock,
    ),
    matcher(
        "pressure.coercion",
        alt(
            "不买(?:就)?后悔 后悔一辈子 都会后悔 会后悔的 别后悔 "
            "错过(?:今天|这次|这波)?(?:就)?(?:再也|没有|等一年|不再|再等) 再也买不到 再也没有 "
            "以后.{0,6}买不到 犹豫就会败北 别想了 别犹豫 不抢就 没抢到.{0,4}别怪 别来找我 "
            "下次别来 不买的.{0,6}别 不要问.{0,4}直接拍 过了今天就"
        ),
    ),
]

_CONTACT = alt(
    "微信 VX vx Vx V信 v信 威信 薇信 微心 绿泡泡 QQ qq 企鹅号 小号 手机号 电话 私人号 二维码 联系方式 "
    "朋友圈 支付宝 企业微信 暗号"
)
DIVERSION: list[Matcher] = [
    matcher(
        "diversion.off_platform",
        f"(?:加|添加|搜|扫|留|私信|联系|发|关注)(?:一下)?(?:我|主播)?(?:的|个|下)?{_CONTACT}",
    ),
    matcher("diversion.off_platform", f"{_CONTACT}(?:号)?(?:搜|加|联系|私聊|群|找我|下单|付款)"),
    matcher(
        "diversion.off_platform",
        alt(
            "私聊 私信我 私信下单 私下 线下交易 不走平台 绕开平台 转账 扫码付款 扫码进群 进群 "
            "群里 加群 内部价 退差价 站外 加V 加v 主页有联系 给你发链接 单独发链接 单独给你发 "
            "私我 私戳 私发 朋友圈 内购 店外 场外 线下(?:给你)?发货 报个?暗号 直播间不好发 转我"
        ),
    ),
    matcher(
        "diversion.off_platform",
        "(?:去|到|在)(?:我们?的?)?"
        + alt("某宝 淘宝 拼多多 京东 某东 某多多 闲鱼 外面 线下")
        + "(?:店|上|买|下单)",
    ),
]

_REWARD = alt("返现 返 送 领 红包 现金 有礼 抽奖 赠品 补偿 给你 奖励 优惠券 券 礼品")
REVIEW: list[Matcher] = [
    matcher(
        "review.incentive",
        f"(?:五星|5星|好评|晒图|带图|追评|评价|晒单|买家秀|差评|中评)[^。！？!?]{{0,12}}?{_REWARD}",
    ),
    matcher(
        "review.incentive",
        alt(
            "刷单 刷好评 刷评论 刷个评论 刷评价 删差评 删评 改差评 改成好评 改好评 "
            "中差评.{0,8}联系 每条给你 好评率刷"
        ),
    ),
]


def _own_shop(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return re.search("(?:我们|自己)(?:家)?的?(?:上一代|老款|之前)", m.group()) is not None


_RIVAL = alt(
    "别家 别人家 别的牌子 别的品牌 其他品牌 其他牌子 其他家 其他直播间 别的直播间 隔壁 "
    "某某品牌 某某牌子 某某 那家 他们家 他家 大牌 某宝上 外面的 同行 友商 你用的那个 "
    "市面上的 别人的 便宜的那些 其他主播 别的主播 那些大牌 某品牌 那个品牌 隔壁家 别人直播间"
)
_SMEAR = alt(
    "智商税 假货 假的 次品 垃圾 坑人 割韭菜 三无 地沟油 黑心 过期 激素 荧光剂 被查 烂脸 "
    "红屁屁 千万别买 别买 骗人 骗子 不行 劣质 有毒 致癌 不靠谱 差远了 比不了 没法比 "
    "被曝光 翻车 山寨 一百倍 吊打 秒杀 在卖包装 卖的是包装 勾兑 贴牌 飞丝 废了 骗 容易过敏 不建议买 "
    "塞的都是 交智商税 坑"
)
DISPARAGE: list[Matcher] = [
    matcher("disparage.competitor", f"{_RIVAL}[^。！？!?]{{0,12}}?{_SMEAR}", allowed=_own_shop),
    matcher("disparage.competitor", f"(?:比|吊打|秒杀|碾压){_RIVAL}"),
    matcher("disparage.competitor", f"(?:别信|不要信|别去买|别买){_RIVAL}"),
]
