"""Absolute safety and "natural" claims (广告法 art. 4, 28: a claim of no harm nobody can prove).

Safety absolutes (无副作用, 零化学), universal denials of additives and harm (啥添加剂都没有, 一点刺激都
没有) and "only upside" (只有好处没坏处). These matchers are not negatable: their claim is itself a
negation (没有副作用); a caveat (天然的东西也不代表…) or a myth called a myth is what passes.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher

_SAFETY = alt(
    "无副作用 没有副作用 没有任何副作用 零副作用 不会有副作用 毫无副作用 副作用为零 "
    "无毒无害 无毒 对人体无害 对身体无害 零伤害 无任何伤害 零刺激 无刺激 完全无刺激 "
    "没有任何刺激 完全无害 百分百无害 毫无危害 不会过敏 "
    "绝不会过敏 不(?<!确认不)(?<!确定不)(?<!是否不)(?<!测试不)过敏 长期吃也没事 长期用也没事 随便吃 随便用 "
    "喝一口都没事 吃一口都没事 绝对安全 百分百安全 完全安全 "
    # Round 13: no risk and no harm at all (零风险, 没害处).
    "零风险 零危害 零隐患 没害处 没有害处 无害处"
)
_NATURAL = alt(
    "纯天然 全天然 100%天然 百分百天然 天然无添加 零添加 无添加 零化学 不含任何化学 "
    "没有任何化学 没有化学 无化学 不含化学 化学成分都没有 化学物质都没有 纯植物 纯中药 "
    "绿色天然 天然的(?:就是|才是|肯定)?(?:好|安全|最好) 天然的东西 无公害 纯绿色 无污染 纯草本 百分百草本"
)

# Waiting for a condition to pass before using the product is an instruction, not a cure claim
# A universal quantifier with harmlessness: 怎么用都不会伤, 一点刺激都没有, 不含一滴化学品.
_ANYHOW = alt(
    "怎么用 怎么吃 怎么喝 吃多少 用多少 天天用 天天吃 长期用 长期吃 随便用 随便吃 舔了 喝了 吃了 婴儿 孕妇 "
    "新生儿 吃多久 用多久 喝多久 小孩 老人小孩 吃下去 吃进嘴里 吃进去 误食 入口 "
    "吃一辈子 用一辈子 喝一辈子 点一辈子 穿一辈子 睡一辈子 舔到嘴里 舔到 吞下去 随便抹 随便涂 随便擦"
)
_HARMLESS = alt(
    "不会伤 不伤 没事 没问题 不会有问题 不会出问题 不会过敏 "
    "都能用 没有伤害 无害 不伤身 能放心吃 能放心用 放心吃 放心用 不要紧 不碍事"
)
# An absolute denial of harm (没有任何风险, 对肌肤完全没有危害), as opposed to 刺激小 or 比较温和.
_HARM = alt("伤害 危害 刺激 副作用 损伤 风险 负担 不良反应 过敏反应 过敏 隐患 有害物质 有害成分 害处")
_NONE = alt("没有 无 毫无 零 不会有 不会产生 不会造成 不存在 冇")
_BODY_PART = alt("皮肤 肌肤 身体 人体 宝宝 孩子 婴儿 胎儿 肝肾 肠胃 头皮 眼睛")
# Additives and residues denied with a universal quantifier (啥添加剂都没有, 防腐剂色素…一样都没加).
_ADDITIVE = alt(
    "添加剂 防腐剂 色素 香精 激素 农药 农残 农药残留 重金属 化学 添加 香料 人工 工业 科技 狠活 "
    "诱食剂 调味剂 增稠剂 甜味剂 漂白剂 膨松剂 增白剂 抗生素 化工"
)
_ANY = alt("啥 什么 任何 一点 一丁点 丝毫 半点 一滴 一样 全 统统 一概 一律 全都")
_ABSENT = "都?(?:没有|没加|不加|不放|没放|不含|找不到|没|不沾|没沾|不碰|没碰|不掺|没掺)"
# A caveat or a meta-mention right after the claim words: 天然的东西也不代表…, 纯天然这种说法我们不用.
_CAVEAT_AFTER = re.compile(
    "[^，。,！？!?]{0,3}?(?:不代表|不等于|不一定|未必|并不|不见得|也可能|也会|也有|这种说法|这个说法|的说法|这个词"
    "|(?:那)?是?不可能|不现实|是假话|是骗人|其实很难|很难做到)"
)


_CAVEAT_BEFORE = re.compile(
    "(?:不代表|不等于|不一定|未必|并不意味着?|不见得|别以为|别信|不要信|谁说|也可能|不是|哪有|不可能|不存在|做不到|没法"
    "|所谓)"
    "[^，。,]{0,3}$"
)


# ...or called a myth further on in the clause (零刺激的护肤品是不存在的).
_MYTH_AFTER = re.compile("[^，。,！？!?]{0,8}?(?:是)?(?:不存在|不可能|不现实|骗人|假话)")


# Round 12: the label's own claim read out and explained (写的是无添加蔗糖，意思是没有额外加白糖; 标的是无添加
# 香精): a named additive left out is a statement the label must prove (GB 7718, GB 28050), not a claim
# that nothing at all was added.
_LABEL_READ = re.compile("(?:写的是|标的是|印的是|标着|写着|标注的?是|包装上写)[^，。,！？!?]{0,2}$")
_NAMED_ADDITIVE = re.compile("(?:蔗糖|白砂糖|白糖|糖|香精|防腐剂|色素|味精|反式脂肪)")


_NO_ONE_CAN = re.compile("(?:没有|没|不能|谁也不能|没人|没谁)[^，。,！？!?]{0,8}?保证[^，。,！？!?]{0,3}$")


def _caveat(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if (
        m.group() in ("无添加", "零添加")
        and _NAMED_ADDITIVE.match(text, m.end())
        and _LABEL_READ.search(text, max(0, m.start() - 8), m.start())
    ):
        return True
    if (
        re.search("除了|只有|只用|就是|配料", text[max(0, m.start() - 14) : m.start()])
        and m.group()[:1] in "啥什"
    ):
        return True  # 除了生牛乳啥也不加: the ingredient list, not a claim of no additive
    before = text[max(0, m.start() - 8) : m.start()]
    # Round 13: a double negation (没有不含化学的东西) and a guarantee nobody can give (没有谁能保证不过敏).
    if m.group().startswith("不") and text[max(0, m.start() - 2) : m.start()] == "没有":
        return True
    if _NO_ONE_CAN.search(text, max(0, m.start() - 16), m.start()):
        return True
    if _CAVEAT_AFTER.match(text, m.end()) or _MYTH_AFTER.match(text, m.end()):
        return True
    return _CAVEAT_BEFORE.search(before) is not None


_NATURAL_MATCHERS = [
    f"{_ANY}的?{_ADDITIVE}[^，。,！？!?]{{0,3}}?{_ABSENT}",
    f"{_ADDITIVE}[^。！？!?]{{0,12}}?{_ANY}{_ABSENT}",
    # The harm named, then denied with a universal quantifier (有没有刺激？一丁点都没有; 任何刺激都找不到).
    # ...across the question mark too (有没有刺激？一丁点都没有).
    f"{_HARM}[^。！!]{{0,12}}?{_ANY}(?:都|也)?(?:没有|没|不会有|找不到|找不着|挑不出|找不出)",
    f"{_ANY}的?{_HARM}(?:都|也)?(?:没有|没|不会有|找不到|找不着|挑不出|找不出)",
    # Not the least irritation (丝毫不刺激, 半点不伤皮肤): 零刺激 in other words.
    "(?:丝毫|一丁点|半点|一丝)(?:都|也)?不(?:刺激|伤|辣眼|刺痛|过敏|致敏)",
    # A rhetorical denial (能有什么化学残留？哪来的刺激), no drop of pesticide (一滴药都没打过), an additive
    # nobody has ever seen (压根不知道香精长啥样), and "no reaction at all" (都唔会有任何反应).
    lead(
        f"(?:还能|能|哪能|哪会)有(?:什么|啥)的?(?:{_ADDITIVE}|{_HARM}|残留)(?!吗)|哪来的?(?:{_ADDITIVE}|{_HARM})"
        f"|{_ANY}的?药[^，。,]{{0,2}}?(?:都|也)(?:没|不)(?:打|喷|施)"
        f"|(?:压根|根本|从来)(?:不知道|没见过|不认识)[^，。,！？!?]{{0,4}}?{_ADDITIVE}[^，。,！？!?]{{0,2}}?(?:长)?"
        "(?:啥样|什么样|是啥)|(?:唔会|不会|都唔会|都不会|也不会)有任何(?:反应|不适)"
    ),
    # Round 8: nothing added at all (啥也不加, 连盐都没放一粒), unless it follows the one ingredient there is.
    "(?:啥|什么)(?:也|都)(?:不加|没加|不放|没放)|连(?:盐|糖|油|一滴|一粒|一点)[^，。,！？!?]{0,3}?都(?:没|不)(?:放|加)",
    # Round 12: 零 written as 〇 (〇添加、〇刺激、〇风险): the same claim in another character.
    "〇(?:添加|刺激|风险|防腐|色素|香精|负担|残留|伤害|副作用|化学|激素)",
    # Only upside: 只有好处没坏处, 百利而无一害.
    "只有好处|百利而?无一害|有百利|(?:没有|没|无)(?:一点|任何|半点)?坏处",
]
NATURAL: list[Matcher] = [
    *(matcher("natural.absolute_safety", p, allowed=_caveat) for p in _NATURAL_MATCHERS),
    matcher("natural.absolute_safety", f"{_ANYHOW}[^。！？!?，,]{{0,4}}?都?{_HARMLESS}"),
    matcher(
        "natural.absolute_safety",
        alt("一点 任何 丝毫 一丁点") + alt("刺激 伤害 副作用 化学") + "都?(?:没有|不含|没)",
        allowed=_caveat,
    ),
    matcher(
        "natural.absolute_safety",
        "(?:不含|没有|零|无|冇)(?:任何|一滴|一点|丝毫)?(?:化学|人工)(?:的东西|成分|物质|品|添加|嘢)?",
        allowed=_caveat,
    ),
    matcher(
        "natural.absolute_safety",
        alt("绝对健康 绝对无害 可以直接吃 能直接吃 大自然的馈赠 纯天然提取 什么化学的东西都没有"),
    ),
    matcher("natural.absolute_safety", f"{_NONE}(?:任何|一点|一丁点|丝毫|半点|半分)的?{_HARM}"),
    matcher(
        "natural.absolute_safety",
        f"对{_BODY_PART}的?(?:完全|绝对|根本|丝毫|一点都?)?{_NONE}(?:任何)?{_HARM}",
    ),
    matcher("natural.absolute_safety", _SAFETY, allowed=_caveat),
    matcher("natural.absolute_safety", _NATURAL, allowed=_caveat),
]
