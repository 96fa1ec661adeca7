"""Cosmetics efficacy (化妆品监督管理条例, 化妆品功效宣称评价规范): product-aware.

美白, 祛斑, 防脱 are 特殊化妆品 claims and 抗皱, 祛痘, 收敛毛孔 need an efficacy evaluation: each is
allowed only when the product data carries it (a registered whitening serum may say 美白; a plain
moisturiser may not). Results phrased as outcomes count as the claim (白了一个度 is a whitening claim,
法令纹都平了 an anti-wrinkle one). Effects no cosmetic may claim (瘦脸, 丰唇, 再生) are always flagged.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Guard, Matcher, alt, lead, matcher

_CHANGE = alt(
    "淡 没 平 消 掉 去 少 浅 退 不见 消失 缩小 收缩 变小 抚平 减少 改善 淡化 祛 除 看不出 不明显 填平 "
    "变细 细了 变少 隐形 看不见 冒不出 不冒 不长 没再长 "
    # Round 9: lines repaired or filled back in (唇纹修复得一条不剩, 细纹填回去).
    "修复 修好 不剩 填回 "
    # Round 13: faded in poetry (七日之后，斑点尽褪).
    "尽褪 褪"
)
_ACT = alt("淡化 祛除 去除 消除 改善 抚平 减少 减淡 收缩 缩小 告别 赶走 修复")
_SPOT = alt("斑 色斑 斑点 晒斑 雀斑 黄褐斑 老年斑 痘印")
_WRINKLE = alt(
    "皱纹 细纹 法令纹 抬头纹 鱼尾纹 颈纹 川字纹 干纹 唇纹 眼纹 眉间纹 嘴角纹 纹路 泪沟 "
    "妊娠纹 生长纹 肥胖纹 膨胀纹 橘皮纹 上的纹"
)
# Each claim both ways round: the act before its object (淡化色斑) and the object with its outcome (斑淡了).
_CLAIMS: dict[str, str] = {
    "whitening": alt(
        "美白 增白 变白 美白淡斑 白[了一两几三]+个?度 白到发光 秒变白 白皮 黄黑皮.{0,3}白 越用越白 白回来 "
        "[亮白][了一两几三]+个?色号 透出光 暗沉.{0,6}(?:洗掉|没|消|不见) 透亮 提亮[一两几]"
    ),
    "spots": alt("祛斑 淡斑 去斑 消斑 除斑")
    + "|"
    + f"{_SPOT}[^，。,！？!?]{{0,6}}?{lead(_CHANGE)}|{_ACT}{_SPOT}",
    "wrinkles": alt("抗皱 去皱 除皱 祛皱 抗老 逆龄 冻龄 年轻[一二三四五六七八九十几]+岁")
    + "|"
    + f"{_WRINKLE}[^，。,！？!?]{{0,10}}?{lead(_CHANGE)}|{_ACT}{_WRINKLE}",
    "hair": alt(
        "防脱 生发 育发 固发 长头发 长出.{0,4}头发 不掉头发 头发不掉 掉发.{0,4}(?:少|没) 发缝.{0,4}(?:窄|小) "
        "发际线.{0,4}(?:长|回来|前移) "
        "白头发[^。！？!?]{0,16}?(?:少了|没了|变黑|黑回来|黑亮|洗黑|黑了|黑喽|黑咯) "
        "白发[^。！？!?]{0,16}?(?:少了|没了|变黑|黑回来|黑亮|黑了) 头发[^，。,]{0,6}?变黑 白发转黑 "
        # Round 7: greying reversed and hair regrown in other words (转黑, 冒出小绒毛, 越洗越多).
        "白(?:头)?发[^。！？!?]{0,16}?转黑 以后不用染了 不用再染 冒出?(?:小)?绒毛 新发冒头 长出新发 "
        "发量[^，。,]{0,6}?(?:变多|多了|增加|翻倍) 头发越(?:洗|用|梳)越(?:多|密|浓) 头发浓密"
    ),
    # Barrier repair and redness relief need efficacy evidence (功效宣称评价规范) like any other claim.
    "soothing": alt(
        "修复[^，。,]{0,5}?屏障 修护[^，。,]{0,5}?屏障 舒缓泛红 泛红[^，。,]{0,6}?(?:退|消|没|不见) "
        "屏障[^，。,]{0,4}?(?:修复|修护|养好|变健康|变好) 修[护复]好"
    ),
    "acne": alt("祛痘 消痘 去痘 祛痘印 去痘印 痘印 痘坑 闭口.{0,3}(?:没|消|掉) 痘痘.{0,6}(?:瘪|消|没|下去)"),
    "pores": alt("毛孔", "黑头")
    + f"[^，。,！？!?]{{0,8}}?{lead(_CHANGE)}|"
    + alt("收缩毛孔", "去黑头", "缩毛孔"),
}
_BEYOND = alt(
    # Round 13: a sunscreen said to last all day through water (一次涂一整天，下水游泳也不用补): beyond what
    # its SPF / PA test supports (化妆品功效宣称评价规范); 再生纤维 is a fibre, not regeneration.
    "(?:游泳|下水|出汗|流汗)[^，。,！？!?]{0,6}?(?:也|都)?不用补 一次涂一整天 涂一次管一整?天 "
    "瘦脸 小脸 脸小了 丰唇 丰胸 嘴巴变厚 再生(?!纤维|纸|资源|塑料|材料|棉|布) "
    "换肤 焕肤重生 细胞修复 基因修复 "
    "黑眼圈[^。！？!?]{0,12}?(?:没|消失|不见|淡|亮起来|浅) 去黑眼圈 祛黑眼圈 "
    "修复烂脸 溶脂 瘦腿 紧致提拉 提拉 下颌线[^，。,]{0,4}?(?:清晰|出来|紧致|明显) "
    "永久脱毛 小[一两几]圈 胸.{0,4}(?:挺|大|丰|翘)起?来? 眼袋.{0,6}(?:消|没|不见) "
    "红血丝.{0,6}(?:没|消|退|不见) 纹路.{0,6}(?:没|消|不见|看不见) "
    # Round 8: a scar flattened or faded is a medical effect (疤抹两周就平了, 祛疤, 淡化疤痕).
    "祛疤 去疤 消疤 淡疤 (?:淡化|祛除|去除|修复|抚平|消除)疤 "
    "疤[^。！？!?]{0,14}?(?:平了|淡了|没了|消了|看不出|不见了|淡化|变平|抚平|变浅)"
)
# A medical-aesthetic procedure as the benchmark (效果不输水光针, 比做皮秒还快, 平价版热玛吉, 打激光都没
# 这么快): a cosmetic may not imply a medical effect (化妆品监督管理条例 art. 37).
_PROCEDURE = alt(
    "激光 光子嫩肤 光子 水光针 水光 热玛吉 超声刀 皮秒 点阵 玻尿酸针 肉毒 瘦脸针 医美 微针 果酸换肤 "
    "整容 整形 美容针 线雕"
)
_AS_GOOD = alt(
    "比(?!起|较) 堪比 媲美 赛过 胜过 相当于 等于 顶得上 不输 不亚于 抵得上 约等于 平替 平价版 家用版 涂抹式",
    "顶[一两三四五六七八九十几\\d]+(?:次|回|针)",
)
_PROCEDURE_CLAIM = (
    f"{_AS_GOOD}[^，。,！？!?]{{0,6}}?{_PROCEDURE}"
    f"|(?:打|做)?{_PROCEDURE}[^，。,！？!?]{{0,4}}?(?:都|也)(?:没|没有|比不上|不如)(?:这么|它|这)"
    f"|(?:跟|和|像|如同|好比)(?:去)?(?:(?:打了?|做了?)?{_PROCEDURE}|(?:打了?|注射了?)玻尿酸)[^，。,！？!?]{{0,3}}?"
    "(?:一样|似的|差不多|一个样|没区别)"
    # A cheap stand-in for the procedure (水光针平替) or the procedure made needless (谁还需要去做光子嫩肤).
    f"|{_PROCEDURE}的?(?:平替|平价替代|平价版|替代品|家用版)"
    f"|(?:谁还|还|哪还)(?:需要|要|用得着|用)(?:去)?(?:打|做)?(?:什么)?{_PROCEDURE}"
    f"|(?:不用|不必|不需要|省了|省得)(?:再)?(?:去)?(?:打|做){_PROCEDURE}"
    # Round 8: the procedure's own effect promised (就是打了水光针的效果, 就像刚做完热玛吉的效果).
    f"|(?:就是|就像|像|如同|好比|达到|堪比|赶上)[^，。,！？!?]{{0,4}}?{_PROCEDURE}[^，。,！？!?]{{0,2}}?的?(?:效果|功效|水平)"
    # ...or insinuated through others' eyes (同事都问我是不是去做了皮秒).
    f"|(?:问我|以为我|还以为|怀疑我)[^，。,！？!?]{{0,6}}?(?:去)?(?:做了|打了|做过|打过){_PROCEDURE}"
)
# Healing a wound or a crack is a medical effect no cosmetic may claim (裂口第二天就合上了).
_WOUND = alt("伤口 裂口 口子 破皮 破口 皲裂 冻疮 裂纹 晒伤 烫伤 擦伤 划伤")
_HEALED = alt("长好 愈合 合上 合拢 长上 结痂 长回来 好了")
_HEALING = f"{_WOUND}[^。！？!?]{{0,12}}?{_HEALED}|修复{_WOUND}"
_INSTRUCTION = re.compile("先别|先停|等到?[^，。,]{0,2}(?:长好|好了|愈合)|之后再|再(?:用|涂|抹)")
# The viewer's wish sent elsewhere (想美白的姐妹别冲它, 追求祛痘效果的不适合这瓶) names the effect
# only to say the product does not offer it.
_WISH = re.compile("(?:想|想要|需要|追求|要)$")
_ELSEWHERE = re.compile(
    "别选|别买|别冲|别拍|不适合|不建议|不推荐|另选|换一款|选别的|看别的|不是这款|这款没有|它没有|另一款|另外一款"
    "|这款不|得找|要找|另找|去找|特证|做不到|帮不了|管不了|(?:这瓶|这款|它|这支|这个)(?:只是|只有|就是个?|主打|仅仅是)"
    # Round 8: another product named as the place to go (另外选有注册证的, 看二号链接).
    "|另外(?:选|挑|找|买|看)|号链接"
)


# Round 10: the effect as the topic, then the product that may claim it (祛斑要选有特证的, 美白得找备案了
# 美白功效的): advice on what to buy for it, not a claim about this product.
_GO_REGISTERED = re.compile(
    "(?:的话|的[\u4e00-\u9fff]{1,4})?(?:要|得|就|请|需要|还是)(?:选|找|买|用|看)[^，。,！？!?]{0,6}?(?:特证|特字|注册证|备案|特殊化妆品)"
)


def _wished_elsewhere(text: str, m: re.Match[str]) -> bool:
    if text[m.start() - 1 : m.start()] in ("，", ",", "。", "") and _GO_REGISTERED.match(text, m.end()):
        return True
    if not _WISH.search(text[max(0, m.start() - 2) : m.start()]):
        return False
    end = len(text)
    for stop in "。！？!?\n":
        found = text.find(stop, m.end())
        end = min(end, found) if found >= 0 else end
    return _ELSEWHERE.search(text, m.end(), end) is not None


# Round 9: a look explained by the finish (唇纹看着没那么明显是因为有光泽, 遮住了): a make-up effect, not a
# change to the skin; but only when the outcome is how it looks (看着, 显得), never a line said to be gone.
_OPTICAL = re.compile(
    "(?:看着|看起来|显得|视觉上)[^，。,！？!?]{0,10}?(?:是因为|因为|靠的?是|是)[^，。,！？!?]{0,4}?"
    "(?:光泽|珠光|遮盖|遮住|修饰|妆效|反光|哑光|滋润)"
)


# Round 11: a covering product or a wig named in the sentence (遮瑕…盖住了, 它是遮住不是祛掉, 假发戴上发量
# 看着多了): the look is covered, the skin or scalp is not changed; and the product itself turning white as
# it emulsifies (卸妆油加水一搓就变白) is its texture, not a whitening effect.
_COVERED = re.compile("遮瑕|遮盖|遮住|盖住|盖掉|假发|发片|发套|假睫毛|粉底|卸了妆")
_PRODUCT_TURNS = re.compile("(?:乳化|加水|加点水|遇水|一搓|搓一搓|起泡|打泡)[^，。,！？!?]{0,4}$")
# ...and the registration a claim needs, named as its condition (有国妆特字的才能讲防脱).
_CONDITION = re.compile(
    "(?:特证|特字|注册证|备案|特殊化妆品)[^，。,！？!?]{0,6}?才(?:能|可以)?(?:讲|说|宣传|写|标|宣称)$"
)


def _optical(text: str, m: re.Match[str]) -> bool:
    head = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in "。！？!?\n") if i >= 0]
    if _COVERED.search(text, head, min(ends) if ends else len(text)):
        return True
    if _PRODUCT_TURNS.search(text, max(head, m.start() - 10), m.start()):
        return True
    if _CONDITION.search(text, max(head, m.start() - 16), m.start()):
        return True
    return _OPTICAL.search(text, m.start(), min(len(text), m.end() + 20)) is not None


def _carried(key: str) -> Guard:
    def allowed(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
        if key in facts.efficacy or facts.is_food or _wished_elsewhere(text, m):
            return True
        return _optical(text, m)

    return allowed


def _not_food(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return facts.is_food or _wished_elsewhere(text, m)


# The outcome denied inside the match (黑眼圈是作息问题，我们不承诺能淡化): a caveat, not a claim.
_OUTCOME_DENIED = re.compile("不承诺|不保证|不敢保证|不能|无法|没法|不一定|未必|别指望|做不到|不会")


def _not_food_or_denied(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return _not_food(text, m, facts) or _OUTCOME_DENIED.search(m.group()) is not None


def _beyond_not_shown(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if _not_food(text, m, facts):
        return True
    return re.search(_SHOWN_BEYOND, text[max(0, m.start() - 60) : m.start()]) is None


def _not_food_nor_instruction(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return facts.is_food or _INSTRUCTION.search(m.group()) is not None


# Round 8: the line or spot shown in one turn and its outcome after use in the next (主播：看我这法令纹。
# 助播：用了这个面霜两周，基本抚平了): one claim told by two voices across the sentence end.
_SHOWN_OUTCOME = (
    "(?:用|涂|抹|敷|擦)了?[^。！？!?]{0,12}?(?:差不多|基本上?|几乎|都|全|已经|现在|明显)?都?"
    + alt("抚平了 平了 淡了 淡多了 浅了 浅多了 没了 消了 看不出来了 看不见了 不见了 填平了")
)
_SHOWN = {"wrinkles": re.compile(_WRINKLE), "spots": re.compile(_SPOT)}
# ...and what no cosmetic may claim at all, shown the same way (看我这黑眼圈…涂了一礼拜，已经淡多了).
_SHOWN_BEYOND = alt("黑眼圈 眼袋 红血丝 疤 疤痕")


def _not_shown(key: str) -> Guard:
    """The outcome counts when the line or spot was shown in the 60 characters before it."""

    def allowed(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
        if _carried(key)(text, m, facts):
            return True
        return _SHOWN[key].search(text, max(0, m.start() - 60), m.start()) is None

    return allowed


MATCHERS: list[Matcher] = [
    *(
        matcher("cosmetics.unregistered_efficacy", pattern, negatable=True, allowed=_carried(key))
        for key, pattern in _CLAIMS.items()
    ),
    *(
        matcher(
            "cosmetics.unregistered_efficacy",
            _SHOWN_OUTCOME,
            negatable=True,
            allowed=_not_shown(key),
            gate=_SHOWN[key].pattern,
        )
        for key in _SHOWN
    ),
    matcher(
        "cosmetics.beyond_scope",
        _SHOWN_OUTCOME,
        negatable=True,
        allowed=_beyond_not_shown,
        gate=_SHOWN_BEYOND,
    ),
    matcher("cosmetics.beyond_scope", _BEYOND, negatable=True, allowed=_not_food_or_denied),
    matcher("cosmetics.beyond_scope", _HEALING, negatable=True, allowed=_not_food_nor_instruction),
    matcher(
        "cosmetics.beyond_scope",
        _PROCEDURE_CLAIM,
        negatable=True,
        allowed=_not_food,
        gate=f"{_PROCEDURE}|玻尿酸",
    ),
    # Round 10: a fragrance claimed to act on the skin (香水…还能紧致肌肤、抗衰老) — a perfume's registered
    # function is its scent (化妆品分类规则: 芳香); and teeth bleached past what a toothpaste can claim
    # (四环素牙都能漂白, 变成烤瓷白 — 牙膏监督管理办法 art. 18: efficacy beyond its evidence).
    matcher(
        "cosmetics.beyond_scope",
        "(?:香水|香氛|淡香|浓香|古龙水|香体喷雾)[^。！？!?]{0,20}?"
        "(?:紧致|抗衰|抗老|抗皱|淡纹|去皱|除皱|美白|祛斑|淡斑|修护|提拉|紧肤|嫩肤)"
        "|(?:牙膏|牙贴|牙粉|美白贴|洁牙|刷牙|刷)[^。！？!?]{0,24}?(?:四环素牙|氟斑牙|烤瓷|瓷白|瓷贴面|漂白)"
        "|(?:四环素牙|氟斑牙)[^。！？!?]{0,20}?(?:白|漂|变)"
        # ...and a dental condition cleared by a rinse or a paste (漱口水用一个月，牙结石自己就掉下来了).
        "|(?:漱口水|牙膏|牙粉|牙贴|冲牙器)[^。！？!?]{0,16}?(?:牙结石|牙周炎?|牙龈出血|蛀牙|龋齿)[^。！？!?]{0,8}?"
        "(?:掉|没|好|消|止|不出血)",
        negatable=True,
        gate="香|古龙|牙|刷",
    ),
]
