"""Advertising-law lexicon (广告法 art. 9 and related rules) with context-aware matching.

Why context matters: a checker that flags every 最 or 第一 sends good scripts into needless
regeneration. So each rule is a pattern plus the contexts in which it is ordinary language:
最近 / 最后一天 are not 最+adjective claims, 第一次 / 第一步 are sequence words unless a claim word
(销量, 排名, 全网 …) precedes them, 唯一的遗憾是… is not a uniqueness claim.

Pure functions only: `scan` finds spans, `find_violations` turns them into blocking QualityIssues,
`sanitize` rewrites them into compliant wording (the template writer's safety net).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from script_agent.domain.models import QualityIssue

ABSOLUTE = "absolute"
MEDICAL = "medical"
PRICE = "price"
PRESSURE = "pressure"
PLATFORM = "platform"

RULE_MESSAGES: dict[str, str] = {
    ABSOLUTE: "绝对化用语违反广告法第九条",
    MEDICAL: "虚假或医疗功效宣称（普通商品不得宣称治疗作用）",
    PRICE: "价格欺诈风险：无依据的价格对比或噱头价格",
    PRESSURE: "诱导性施压话术或虚假稀缺",
    PLATFORM: "平台敏感词：站外导流、私下交易或刷单返现",
}

RULE_ADVICE: dict[str, str] = {
    ABSOLUTE: "改用客观、可验证的描述（如“很好用”“口碑不错”）",
    MEDICAL: "删除功效/治疗宣称，只描述产品资料里的事实和使用感受",
    PRICE: "只使用商品资料中给出的价格和优惠，不编造原价对比",
    PRESSURE: "去掉施压和虚假稀缺的说法，改为真实的活动信息",
    PLATFORM: "删除站外联系方式和私下交易、好评返现等说法，引导在直播间购物车下单",
}

# 最 + an adjective of praise or price. 最近 / 最后 / 最初 / 最终 / 最多 / 最少 are not in the list.
_SUPERLATIVE = re.compile(
    "最(?:好|佳|优|低|便宜|划算|实惠|强|棒|牛|高级|高端|先进|安全|有效|专业|权威|正宗|受欢迎|畅销|热销"
    "|火爆|火|美|赞|值|舒服|顶尖|顶级|靠谱|时尚|流行|新鲜)"
)
_FIRST = re.compile("第一")
# What may follow 第一 when it is only an ordinal (第一次, 第一步, 第一时间, 第一口 …).
_ORDINAL_TAIL = re.compile(
    "(?:次|步|天|眼|时间|口|遍|轮|段|件|个|款|批|波|期|节|课|印象|反应|感觉|层|周|季|场|单|章|部分|点"
    "|条|种|排|句|道|站|把|百|千|万|个人|位)"
)
# A claim word shortly before 第一 turns even 第一款 into a ranking claim (国内第一款, 销量第一).
_CLAIM_CONTEXT = re.compile(
    "(?:销量|排名|行业|全网|全国|国内|世界|全球|亚洲|品类|同类|市场|稳居|荣获|勇夺|全场|全店|全平台)"
)
_UNIQUE = re.compile("唯一")
_UNIQUE_OK_TAIL = re.compile(
    "(?:的|一个|一点)?(?:小)?(?:遗憾|缺点|不足|问题|要求|条件|注意|提醒|槽点|建议|区别|不同|要注意|需要注意|办法)"
)
_HUNDRED = re.compile("100\\s*[%％]|百分之百|百分百")
_MATERIAL_TAIL = re.compile("\\s*(?:纯)?(?:棉|羊毛|蚕丝|桑蚕丝|羊绒|涤纶|聚酯|亚麻|原汁|果汁)")
_FIXED_ABSOLUTE = re.compile(
    "首个|首家|首创|顶级|极致|全网底价|绝对|永久|万能|国家级|世界级|全球级|独一无二|史无前例|无敌"
    "|销量冠军|遥遥领先|零风险|无副作用|(?i:no\\.?\\s*1(?!\\d)|top\\s*1(?!\\d))"
)
_MEDICAL = re.compile(
    "根治|包治百病|特效|秘方|药到病除|治愈|疗效|治疗|抗癌|防癌|降血压|降血糖|降血脂|消炎|祛病|神药|药用"
)
_HYPE_PRICE = re.compile("跳楼价|骨折价|亏本价|赔本价|亏本甩卖|跳楼甩卖|血亏|白菜价")
_ORIGINAL_PRICE = re.compile("原价\\s*[:：是]?\\s*[¥￥]?\\s*(\\d+(?:\\.\\d+)?)")
_VAGUE_ORIGINAL = re.compile(
    "原价(?!\\s*[:：是]?\\s*[¥￥]?\\s*\\d)[^。！？!?\\n]{0,15}?(?:现价|现在只要|只要|到手|仅需)"
)
_PRESSURE = re.compile(
    "不买(?:就)?后悔|不买血亏|错过(?:就)?再也没有|错过不再有|错过今天再等一年|错过等一年|再也买不到|手慢无"
    "|过了今天就没有了"
)
_SCARCITY = re.compile(
    "(?:最后|仅剩|只剩|还剩)\\s*(?:\\d+|[一二三四五六七八九十两几百千]+)\\s*"
    "(?:件|单|份|瓶|支|个|台|盒|袋|箱|套|罐|包)"
)

_PLATFORM = re.compile(
    "加(?:我)?(?:微信|V信|vx|VX|威信|QQ)|加V|私下交易|线下交易|私信下单|刷单|好评返现|返现好评|晒图返现"
)

_REPLACEMENTS: dict[str, str] = {
    "最低": "实惠",
    "最便宜": "实惠",
    "最划算": "很划算",
    "最实惠": "很实惠",
    "第一": "靠前",
    "唯一": "难得的",
    "顶级": "优质",
    "极致": "出色",
    "绝对": "真的",
    "永久": "长期",
    "万能": "多用途",
}
_RULE_FALLBACK = {MEDICAL: "呵护", PRICE: "优惠价", PRESSURE: "喜欢的可以看看", PLATFORM: "在直播间下单"}


@dataclass(frozen=True)
class Violation:
    rule: str
    term: str
    start: int
    end: int


def _absolute(text: str) -> Iterable[Violation]:
    for m in _SUPERLATIVE.finditer(text):
        yield Violation(ABSOLUTE, m.group(), m.start(), m.end())
    for m in _FIRST.finditer(text):
        ordinal = _ORDINAL_TAIL.match(text, m.end()) is not None
        claim = _CLAIM_CONTEXT.search(text[max(0, m.start() - 4) : m.start()]) is not None
        if claim or not ordinal:
            yield Violation(ABSOLUTE, m.group(), m.start(), m.end())
    for m in _UNIQUE.finditer(text):
        if _UNIQUE_OK_TAIL.match(text, m.end()) is None:
            yield Violation(ABSOLUTE, m.group(), m.start(), m.end())
    for m in _HUNDRED.finditer(text):
        if _MATERIAL_TAIL.match(text, m.end()) is None:
            yield Violation(ABSOLUTE, m.group(), m.start(), m.end())
    for m in _FIXED_ABSOLUTE.finditer(text):
        yield Violation(ABSOLUTE, m.group(), m.start(), m.end())


def _prices(text: str, known_prices: set[float]) -> Iterable[Violation]:
    for m in _HYPE_PRICE.finditer(text):
        yield Violation(PRICE, m.group(), m.start(), m.end())
    for m in _ORIGINAL_PRICE.finditer(text):
        if float(m.group(1)) not in known_prices:
            yield Violation(PRICE, m.group(), m.start(), m.end())
    for m in _VAGUE_ORIGINAL.finditer(text):
        yield Violation(PRICE, m.group(), m.start(), m.end())


def scan(text: str, *, known_prices: Iterable[float] = ()) -> list[Violation]:
    """Every violation span in `text`, in order, without overlaps.

    `known_prices` are prices present in the product data: a 原价 comparison quoting one of them has a
    basis; any other 原价…现价 comparison is treated as fabricated.
    """
    known = {float(p) for p in known_prices}
    found: list[Violation] = [*_absolute(text), *_prices(text, known)]
    rules = ((MEDICAL, _MEDICAL), (PRESSURE, _PRESSURE), (PRESSURE, _SCARCITY), (PLATFORM, _PLATFORM))
    for rule, pattern in rules:
        found.extend(Violation(rule, m.group(), m.start(), m.end()) for m in pattern.finditer(text))
    found.sort(key=lambda v: (v.start, -(v.end - v.start)))
    merged: list[Violation] = []
    for v in found:
        if merged and v.start < merged[-1].end:
            continue
        merged.append(v)
    return merged


def find_violations(text: str, *, known_prices: Iterable[float] = ()) -> list[QualityIssue]:
    """Blocking quality issues for every advertising-law violation in `text`."""
    issues = []
    for v in scan(text, known_prices=known_prices):
        issues.append(
            QualityIssue(
                code=f"compliance.{v.rule}",
                message=f"{RULE_MESSAGES[v.rule]}：“{v.term}”。{RULE_ADVICE[v.rule]}",
                blocking=True,
                evidence=text[max(0, v.start - 8) : v.end + 8],
            )
        )
    return issues


def _replacement(v: Violation) -> str:
    if v.term in _REPLACEMENTS:
        return _REPLACEMENTS[v.term]
    if v.rule == ABSOLUTE and v.term.startswith("最"):
        return "很" + v.term[1:]
    return _RULE_FALLBACK.get(v.rule, "")


def sanitize(text: str, *, known_prices: Iterable[float] = ()) -> str:
    """Rewrite violations into compliant wording (最好 -> 很好, 跳楼价 -> 优惠价 …)."""
    out = text
    for v in reversed(scan(text, known_prices=known_prices)):
        out = out[: v.start] + _replacement(v) + out[v.end :]
    return out
