"""Health-function claims on ordinary food (食品安全法 art. 73 and the 保健食品 function list).

Built from parts: a function verb with a health-function object from the 保健食品 function list
(提高免疫力, 降三高, 润肠通便), an eating or drinking verb before a body part and its improvement (喝了
嗓子就舒服了), weight and growth, and the function terms themselves. The matchers are negatable:
没有保健功能 is the disclaimer a compliant script should carry.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher

_FUNCTION_VERB = alt(
    "提高 增强 提升 改善 促进 帮助 帮你 有助于 助 辅助 调节 降 降低 抗 延缓 预防 补 养 护 "
    "清 排 润 利 通 燃 刮 乌 壮 健 长 强 消 去 减 暖 增加 缓解 排出 分解"
)
# Multi-character objects only: single characters (发, 油, 气) make ordinary words (护发素, 清油, 排气扇).
_FUNCTION_OBJ = alt(
    "免疫力 免疫 抵抗力 记忆力 智力 脑力 骨密度 抗氧化 氧化 衰老 老化 血脂 胆固醇 血糖 "
    "血压 三高 尿酸 睡眠 视力 视疲劳 体力 疲劳 肠道 肠胃 脾胃 消化 气血 精力 骨骼 体质 "
    "代谢 新陈代谢 内分泌 毒素 湿气 脂肪 体重 肝脏 肾脏 发育 个子 身高 元气"
)
_FUNCTION_TERMS = alt(
    "排毒 养颜 瘦身 减肥 减脂 燃脂 刮油 降三高 补脑 益智 长高 增高 助眠 安眠 护肝 养肝 "
    "不伤肝 解酒护肝 补肾 养肾 壮阳 乌发 生发 补气 养血 补血 祛湿 去湿气 降火 清热解毒 "
    "润肠通便 通便 利尿 消肿 抗衰 延年益寿 延缓衰老 越吃越年轻 越喝越年轻 返老还童 白头发 "
    "黑头发 白发变黑 调理 滋阴 补元气 暖宫 驱寒 抗疲劳 抗辐射 防辐射 促进发育 智力发育 "
    "骨质疏松 提高免疫 增强体质 强身健体 清肠 宿便 排宿便 "
    "不容易感冒 不爱感冒 少生病 不生病 不容易生病 抗病毒 "
    "唔会?(?:成日|经常|老是?|总是?)(?:感冒|生病|发烧) 不会?(?:经常|老是?|总是?|动不动就?)(?:感冒|生病|发烧) "
    "护眼 明目 "
    # Round 13: the stomach looked after (这玩意儿养胃).
    "养胃 护胃 暖胃 健脾 养脾 "
    "躺着(?:就能|也能|都能)?瘦 不节食(?:也能|就能)?瘦 不运动(?:也能|就能)?瘦 越吃越瘦 光吃不胖"
)

_CONSUME = alt(
    "吃 喝 泡 冲 一勺 一袋 一杯 一粒 每天 饮用 食用 饮 "
    "(?:一天|每晚|每日|早晚|睡前|饭后)[^，。,]{0,2}?(?:[一两三四\\d]+|半)(?:包|袋|杯|粒|片|勺|瓶)"
)
_BODY = alt(
    "喉咙 嗓子 胃 肠 肠子 肚子 肝 肾 脑子 脑 眼睛 视力 腿脚 手脚 气色 皮肤 头发 白头发 血 身体 整个人 体重 "
    "精神 睡眠 个子 骨头 关节 腰 肝脏 肾脏 血管 血液 心血管 肺 嗓子眼"
)
# An organ relieved (肝的负担轻了, 压力小多了) counts as improved too.
_BETTER = alt(
    "不见了 好了 亮了 利索 通畅 不上火 红润 不冰 转得更快 转得快 变好 舒服 不难受 轻松 有劲 结实 变黑 "
    "长高 不疼 不便秘 有精神 记东西快 变聪明 更聪明 有力气 有力 "
    "负担[^，。,]{0,5}?(?:轻|小) 压力[^，。,]{0,5}?(?:轻|小) 轻了 小多了 "
    "干净 畅通 不干涩 不干 不涩 年轻 不酸 不软 稳稳 稳了 稳定了 "
    # Round 13: hair grown back (头发都能长回来).
    "长回来 长出来"
)
_GROWTH = alt(
    "长个儿 长个子 拔个子 拔个儿 蹿个 窜个 长高个 (?:个头|个子|身高)[^，。,！？!?]{0,5}?(?:蹿|窜|长|拔|往上) "
    "(?:高|长|蹿|窜|拔)出?一大?截",
    "(?:蹿|窜|长|拔|高)了?(?:\\d+|[一二两三四五六七八九十几半]+)(?:厘米|公分|cm|CM)",
)
_LOST = "(?:掉|瘦|减|轻)了?(?:\\d+|[一二两三四五六七八九十几]+)(?:斤|公斤|kg)"
# Weight loss without a number: the fat itself said to go (肉肉往下掉, 赘肉没了, 裤腰都松了).
_FAT = alt("肉肉 赘肉 肥肉 肚腩 小肚子 游泳圈 拜拜肉 腰上的肉 肚子上的肉 裤腰 腰围 腰身 啤酒肚 将军肚 双下巴")
_SHED = alt("掉 没 少 小 松 瘦 平 消 下去")
# Tiredness said to go away (第二天不犯困): the 保健食品 function 缓解体力疲劳.
_AWAKE = alt("不犯困 不困 不累 不疲惫 不乏 精力充沛 精力旺盛 精神头足 精神百倍 不打瞌睡")


def _not_food(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """Eating or drinking verbs imply food unless the product data says otherwise; and a discomfort
    foretold (喝牛奶可能会肚子不舒服) is a caution, not a benefit."""
    return facts.kind in ("cosmetics", "other") or _DISCOMFORT.search(m.group()) is not None


# What a function depends on, said about the function (长个子跟遗传有关, 免疫力靠作息, 主要看睡眠): the
# topic of advice, not a claim about the product.
_DEPENDS = re.compile(
    "[^，。,！？!?]{0,4}?(?:(?:跟|和|与)[^，。,！？!?]{0,10}?(?:有关|相关|关系)"
    "|(?:主要|还是|得|要|全)?(?:靠|取决于|看)(?:的是)?(?:遗传|基因|作息|睡眠|睡觉|运动|锻炼|饮食|营养均衡|生活习惯|习惯|天生|父母|吃饭|好好吃饭|三餐)"
    # Round 12: weight loss said to rest on the eater (减肥还是得管住嘴, 减肥这件事靠的是热量缺口).
    "|(?:这件事|这事)?(?:主要|还是|得|要|全){0,2}(?:靠|取决于|看)?(?:的是)?(?:管住嘴|迈开腿|少吃多动|热量缺口|控制饮食|自律))"
)


def _depends(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return _DEPENDS.match(text, m.end()) is not None


def _not_food_or_depends(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """Growth on a non-food product (增高鞋垫高5厘米) is a product fact, not a health claim; so is the
    height an insole or a heel adds (穿上显高三厘米, 鞋跟垫高五公分), and (round 12) a length measured on
    a body part or a garment (脚长二十二厘米, 衣长六十公分)."""
    if text[max(0, m.start() - 1) : m.start()] in ("显", "垫"):
        return True
    if _MEASURED_ON.match(text, max(0, m.start() - 1)):
        return True
    return _not_food(text, m, facts) or _depends(text, m, facts)


_MEASURED_ON = re.compile("[脚身衣袖裤腿臂肩腰头手指鞋帽边总内外]长")


# A function term right before a device noun names a kind of goods (增高鞋垫, 护眼台灯, 护眼仪), not a food.
# Round 9: sprays, aromas, eye masks and bedding named the same way (助眠喷雾, 助眠眼罩).
_DRUNK = re.compile("喝|吃|一杯|咖啡|茶|饮")
_DEVICE = re.compile(
    "台灯|灯|仪|眼镜|镜|模式|屏|鞋|垫|靴|枕|器|机|喷雾|香薰|眼罩|耳塞|手环|被|毯|腰带|护腰|贴|带"
)


def _audience_or_depends(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    # Round 12: ...unless it is drunk or eaten (黑咖啡…燃脂模式直接开启 is a drink's "mode", not a device's).
    if _DEVICE.match(text, m.end()) and not (text.startswith("模式", m.end()) and _DRUNK.search(text)):
        return True
    if _AUDIENCE_AFTER.match(text, m.end()) and _RESTRAINT.search(text, m.end(), m.end() + 10):
        return True  # Round 13: 减肥的姐妹少吃两块: the dieter told to eat less of it, no weight-loss claim
    return _audience(text, m, facts) or _depends(text, m, facts)


_RESTRAINT = re.compile("少吃|别吃|不要吃|少喝|别喝|不要喝|慎吃|悠着")


# Round 8: an ingredient's job in the recipe (用迷迭香提取物做抗氧化, 维生素E作为抗氧化剂, 是用来抗氧化的)
# keeps the food from spoiling; it says nothing about the eater's body.
_ROLE_BEFORE = re.compile(
    "(?:用|添加|加入|加了|配方|配料|成分|里的|中的)[^，。,！？!?]{0,12}?(?:做|作|作为|用作|用来|用于|来|起到?)$"
)


def _ingredient_role(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if text.startswith("剂", m.end()) or _ROLE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return True
    return _depends(text, m, facts)


_DISCOMFORT = re.compile("(?:可能|容易|会)[^，。,]{0,6}?不(?:舒服|好受|轻松)|不(?:舒服|好受)$")
# The viewer's goal as who is addressed (减肥期的姐妹, 想减肥的朋友), not what the product does.
_AUDIENCE_AFTER = re.compile("(?:期|中|期间)?的?(?:姐妹|朋友|宝宝|人|家人|宝子|你们|小伙伴)")


_HAIR_TERMS = frozenset({"乌发", "生发", "白头发", "黑头发", "白发变黑"})


def _audience(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if facts.kind == "cosmetics" and m.group() in _HAIR_TERMS:
        return True  # hair claims on a shampoo are judged by the cosmetics rules (特殊化妆品)
    if text.startswith("期", m.end()):
        return True  # 减脂期想吃零食的, 孕期: when, not what the product does
    return _AUDIENCE_AFTER.match(text, m.end()) is not None and (
        re.search("(?:想|要|在|正在)$", text[max(0, m.start() - 2) : m.start()]) is not None
        or text[m.end() : m.end() + 1] in ("期", "中")
    )


FOOD: list[Matcher] = [
    matcher(
        "food.health_function",
        f"{_CONSUME}[^。！？!?]{{0,14}}?{lead(_BODY)}[^。！？!?，,]{{0,8}}?{lead(_BETTER)}",
        negatable=True,
        allowed=_not_food,
        gate=_BETTER,
    ),
    matcher("food.health_function", f"{_CONSUME}[^。！？!?]{{0,14}}?{lead(_LOST)}", negatable=True),
    matcher(
        "food.health_function",
        f"{_CONSUME}[^。！？!?]{{0,14}}?{lead(_FAT)}[^。！？!?，,]{{0,8}}?{lead(_SHED)}",
        negatable=True,
        gate=_FAT,
    ),
    matcher(
        "food.health_function",
        f"{_CONSUME}[^。！？!?]{{0,14}}?{lead(_AWAKE)}",
        negatable=True,
        allowed=_not_food,
        gate=_AWAKE,
    ),
    matcher(
        "food.health_function",
        alt(
            "上火 下火 去火 清火 记东西快 考试.{0,4}快 一觉到天亮 一觉到大天亮 一觉睡到天亮 沾枕头就[着睡] "
            "倒头就睡 一躺下?就睡着 秒睡"
        ),
        negatable=True,
        allowed=_not_food,
    ),
    matcher(
        "food.health_function", f"{_FUNCTION_VERB}{_FUNCTION_OBJ}", negatable=True, allowed=_ingredient_role
    ),
    # Growing taller (长个儿, 拔个子, 个头往上蹿, 半年窜了四公分): the 保健食品 function 促进生长发育.
    matcher(
        "food.health_function",
        _GROWTH,
        negatable=True,
        allowed=_not_food_or_depends,
        gate="个|厘米|公分|cm|CM|截",
    ),
    # The object first, then what happened to it: 湿气慢慢就排掉了, 血脂降下来了.
    matcher(
        "food.health_function",
        f"{_FUNCTION_OBJ}[^，。,！？!?]{{0,5}}?"
        + lead(
            alt(
                "排掉 排出 排走 降下来 降了 提高了 增强了 变强了 "
                "上来了 没了 消了 往上涨 涨上来 变好了 提上来 "
                "好咗 强咗 高咗 好了 好多了 强了 (?:一天比一天|越来越|慢慢)(?:低|降|好|稳) "
                # Round 8: a reading from one value to another (血脂从8降到5).
                "从[^，。,]{1,8}?(?:降|掉|减|缩|回落)(?:到|至) "
                # Round 12: the weight said to fall by itself (体重自己往下掉).
                "往下掉 往下走 掉下来 蹭蹭掉 哗哗掉"
            )
        ),
        negatable=True,
    ),
    matcher("food.health_function", _FUNCTION_TERMS, negatable=True, allowed=_audience_or_depends),
    matcher("food.health_function", alt("保健功能 保健作用 食疗 药食同源 滋补") + "(?!食品)", negatable=True),
    # Round 13: the bowels promised to move by the next day (吃三颗第二天准通, 嚼两根第二天就顺了): 通便, a
    # 保健食品 function no ordinary food may claim (食品安全法 art. 73).
    matcher(
        "food.health_function",
        "(?:第二天|隔天|当天|转天|一早|早上)(?:就|准|保准|立马|马上)?(?:通了|准通|就通|顺了|就顺|拉得出)",
        negatable=True,
        gate="通|顺|拉得出",
    ),
    # Round 12: 降 said by a homophone in quotes or drawn out (苦荞茶…'将三高'，懂吧; '姜'血糖，姜——血糖): the
    # wink keeps the claim (食品安全法 art. 73), it only changes the character.
    matcher(
        "food.health_function",
        "[将姜酱江绛][’'\"”」]?(?:——|—|-|\\s)*[‘'\"“「]?(?:三高|血糖|血压|血脂|尿酸)",
        negatable=True,
        gate="三高|血糖|血压|血脂|尿酸",
    ),
]
