"""Medical claims, health-function claims on ordinary food, and "natural / no side effects" claims.

Built from parts: a treatment verb with a disease object (治好…颈椎病, 调理好胃病, 消炎), a function
verb with a health-function object from the 保健食品 function list (提高免疫力, 降三高, 润肠通便), and
safety absolutes (无副作用, 零化学). Medical and food matchers are negatable: 本品不能治疗疾病 and
没有保健功能 are the disclaimers a compliant script should carry. Natural-claim matchers are not:
their claim is itself a negation (没有副作用).
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.clauses import sought_refused
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher

_TREAT = alt(
    "治疗 治好 治愈 根治 医治 治 调理好 调好 消除 缓解 改善 预防 防治 抑制 杀灭 消灭 赶走 "
    "告别 摆脱 去除 救回 修复 稳住 控制 降低 降 止 消 对付 针对 专治 克星 不复发 治住"
)
_NAMED_DISEASES = (
    "炎症 癌 肿瘤 高血压 血压 血糖 糖尿 三高 痛风 失眠 湿疹 痔疮 脚气 便秘 哮喘 鼻炎 结节 囊肿 增生 "
    "感冒 咳嗽 "
    "发烧 头痛 偏头痛 疼痛 抑郁 焦虑症 过敏性 青春痘 激素脸 烂脸 皮炎 真菌 细菌 病毒 幽门螺杆菌 伤口 溃疡 "
    "白癜风 银屑病 牛皮癣 疱疹 甲亢 骨质疏松 关节 颈椎 腰椎 失眠症 三高指标 胆结石 肾结石 "
    "椎间盘 腰间盘 骨刺 老毛病 头晕 耳鸣 心悸 心慌 眩晕 麻木 静脉曲张 青筋 积食 干裂 感染 瘙痒 "
    "神经衰弱 贫血 心律不齐 早搏 痛经 老慢支 红疹 灰指甲 近视 打呼噜 打鼾 风湿 耳螨 螨虫 跳蚤 寄生虫"
)
_SUFFIXES = "结节|积液|胀气|寒腿|囊肿|息肉|肝|症|肥大|肿大|突出|劳损|损伤|综合征|综合症|癣"
_DISEASE = alt(
    _NAMED_DISEASES,
    "[\u4e00-\u9fff]{1,2}病 [\u4e00-\u9fff]{1,2}炎 [\u4e00-\u9fff]{0,2}[疼痛] "
    f"[\u4e00-\u9fff]{{1,3}}(?:{_SUFFIXES})",
)
# The same conditions as plain words, the named ones whole and the rest by their suffix (…病, …炎,
# …结节, …肥大): a pattern that starts with plain words is scanned by first character, one that starts
# with [\u4e00-\u9fff]{1,3} is tried in full at every position (the disease × outcome pattern is the
# rule layer's most expensive). The negation window still covers the characters before the suffix.
_CONDITION = alt(_NAMED_DISEASES, "病 炎 疼 痛 " + _SUFFIXES.replace("|", " "))
# Outcomes that say a condition went away or improved, after the condition is named.
_CURED = alt(
    "好了 没了 消了 全消 下去了 不复发 痊愈 康复 不疼了 不疼 不痛了 睡着 通了 缓解 减轻 减轻了 消下去 "
    "喝没 吃没 不胀 止住 吸收了 一觉到天亮 好转 不犯 改善 降下来 稳住 恢复正常 没再犯 "
    "再也没犯 没犯过 (?:分钟|小时|天|次|贴|片)就好 "
    "[一洗涂抹擦喷贴][洗涂抹擦喷贴一两]{0,2}就好 有奇效 奇效 神效 "
    # Function regained: the condition is gone because the body works again (上下楼都利索了).
    "治好 治愈 解决 搞定 "
    "利索 灵活 自如 轻快 复位 归位 长好 愈合 调过来 调回来 调好 调理好 见好 好多了 缓过来 "
    "(?:舒服|好受|轻松|顺畅|通畅)多了 不[疼痛卡麻酸肿痒咳喘晕胀堵]了 睡个?整觉 睡得着 能睡着 睡踏实 "
    "能(?:抬|走|跑|蹲|弯腰|下地|下床|爬|上楼|转头) 通气 不堵 "
    "(?:再也)?没(?:再)?(?:疼|痛|犯|复发|发作)过? "
    # Held down or brought back (湿疹都压下去了, 胃慢慢养回来), and the outcome said with a spoken
    # particle (都好咯, 好啦, 退咯, 莫得事).
    "压下去 压住 压下来 按下去 镇住 养回来 补回来 调理回来 调回正常 退下去 退[了咯啦喽掉] "
    "好[咯啦喽嘞哒] 没[咯啦喽] 消[咯啦喽] 没事了 莫得事 没得事 "
    # Round 7: a measurement back to normal, a condition that stopped growing, pain gone in a story.
    "(?:量|测|查)出来[^，。,]{0,3}?(?:都是)?正常 不(?:往上)?涨了 "
    "都没有了 都没了 不带[疼痛喘咳酸麻] 清干净 清除干净 清掉了 杀干净"
)
_MEDICINE = alt(
    "药 药片 药丸 钙片 针灸 扎针 打针 输液 吊瓶 点滴 膏药 理疗 去医院开药 开药 去医院 看医生 诊所 胰岛素"
)
_WORKS = alt("管用 有效 好使 强 灵 见效 快 顶用 中用 巴适 舒坦 舒服 得劲 好用 有用 靠谱 灵验")
_MEDICAL_TERMS = alt(
    "根治 包治百病 特效 秘方 偏方 祖传 药到病除 疗效 神药 药用 药效 抗癌 防癌 消炎 "
    "杀菌消毒 抗菌消炎 止痛 镇痛 处方 医用级 治愈率 有效率 药膏级 安神 起死回生 妙手回春 "
    "一贴就灵 立马不疼 奇效 神效 灵效 杀菌 抑菌 除菌 灭菌 "
    # Traditional-medicine efficacy (舒筋活络, 活血化瘀, 祛风除湿) is a treatment claim in other words.
    "舒筋活络 舒筋活血 活血化瘀 活血通络 通经活络 疏通经络 温经通络 祛风除湿 祛风湿 化瘀"
)

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
    "躺着(?:就能|也能|都能)?瘦 不节食(?:也能|就能)?瘦 不运动(?:也能|就能)?瘦 越吃越瘦 光吃不胖"
)

_SAFETY = alt(
    "无副作用 没有副作用 没有任何副作用 零副作用 不会有副作用 毫无副作用 副作用为零 "
    "无毒无害 无毒 对人体无害 对身体无害 零伤害 无任何伤害 零刺激 无刺激 完全无刺激 "
    "没有任何刺激 完全无害 百分百无害 毫无危害 不会过敏 "
    "绝不会过敏 不(?<!确认不)(?<!确定不)(?<!是否不)(?<!测试不)过敏 长期吃也没事 长期用也没事 随便吃 随便用 "
    "喝一口都没事 吃一口都没事 绝对安全 百分百安全 完全安全"
)
_NATURAL = alt(
    "纯天然 全天然 100%天然 百分百天然 天然无添加 零添加 无添加 零化学 不含任何化学 "
    "没有任何化学 没有化学 无化学 不含化学 化学成分都没有 化学物质都没有 纯植物 纯中药 "
    "绿色天然 天然的(?:就是|才是|肯定)?(?:好|安全|最好) 天然的东西 无公害 纯绿色 无污染"
)

# Waiting for a condition to pass before using the product is an instruction, not a cure claim
# (手上有伤口先别用，等长好了再涂).
_INSTRUCTION = re.compile("先别|先停|等到?[^，。,]{0,2}(?:长好|好了|愈合|消了)|之后再|再(?:用|涂|抹|吃)")


# The outcome denied between the condition and it (真菌感染要用药，别指望一瓶洗发水能解决).
_OUTCOME_DENIED = re.compile(
    "(?:别指望|指望不了|不能|无法|没法|未必|不一定|靠不了|要用药|得用药|需要用药)[^，。,]{0,10}$"
)


def _instruction(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if _INSTRUCTION.search(m.group()) or _OUTCOME_DENIED.search(m.group()[:-1]):
        return True
    return text.startswith("不了", m.end())  # 洗发水解决不了: the outcome as a potential-negative


def _sought_refused(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """别在评论区问偏方, 不要轻信网上流传的祖传秘方: a remedy the viewer is told not to seek."""
    return sought_refused(text, m.start(), m.end())


MEDICAL: list[Matcher] = [
    matcher(
        "medical.treatment",
        f"(?:能|可以|帮你|帮助|会|就)?{_TREAT}[^，。,！？!?]{{0,6}}?{_DISEASE}",
        negatable=True,
    ),
    # The condition, then (across a clause or two: 用了两个月，现在…) the outcome.
    matcher(
        "medical.treatment",
        f"{_CONDITION}[^。！？!?]{{0,20}}?{lead(_CURED)}",
        negatable=True,
        allowed=_instruction,
        gate=_CURED,
    ),
    matcher("medical.term", _MEDICAL_TERMS, negatable=True, allowed=_sought_refused),
    # Compared with medicine or put in its place (比吃药还管用, 不用再吃药): 广告法 art. 17.
    matcher(
        "medical.drug_comparison",
        "比(?:吃药|药物|药|打针|输液|去医院|看医生)[^，。,！？!?]{0,3}?(?:还|更)?(?:管用|有效|好使|强|灵|见效|快)"
        "|(?:代替|替代|取代)(?:吃药|药物|药品)|(?:不用|不必|不需要)(?:再)?(?:吃药|打针|输液|去医院)",
        negatable=True,
    ),
    # A named medicine or treatment as the benchmark (比吃抗过敏药还顶用, 比去诊所扎针灸还舒坦), or
    # the medicine given up because of the product (降压药都停了, 钙片都省了).
    matcher(
        "medical.drug_comparison",
        f"比(?!起|较)[^，。,！？!?]{{0,5}}?{_MEDICINE}[^，。,！？!?]{{0,3}}?(?:还|更|都)?{_WORKS}"
        f"|{_MEDICINE}(?:都|也|全|早)?(?:停了|停掉了|不用吃了|不吃了|省了|扔了|减半|减量|戒了)|停了?药|把药停了",
        negatable=True,
        gate="药|针|钙片|医院|诊所|理疗|输液|点滴|吊瓶",
    ),
]
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
    "干净 畅通 不干涩 不干 不涩 年轻 不酸 不软 稳稳 稳了 稳定了"
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
    "|(?:主要|还是|得|要|全)?(?:靠|取决于|看)(?:的是)?(?:遗传|基因|作息|睡眠|睡觉|运动|锻炼|饮食|营养均衡|生活习惯|习惯|天生|父母))"
)


def _depends(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return _DEPENDS.match(text, m.end()) is not None


def _not_food_or_depends(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """Growth on a non-food product (增高鞋垫高5厘米) is a product fact, not a health claim."""
    return _not_food(text, m, facts) or _depends(text, m, facts)


def _audience_or_depends(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return _audience(text, m, facts) or _depends(text, m, facts)


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
    matcher("food.health_function", f"{_FUNCTION_VERB}{_FUNCTION_OBJ}", negatable=True, allowed=_depends),
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
                "好咗 强咗 高咗 好了 好多了 强了 (?:一天比一天|越来越|慢慢)(?:低|降|好|稳)"
            )
        ),
        negatable=True,
    ),
    matcher("food.health_function", _FUNCTION_TERMS, negatable=True, allowed=_audience_or_depends),
    matcher("food.health_function", alt("保健功能 保健作用 食疗 药食同源 滋补") + "(?!食品)", negatable=True),
]
# A universal quantifier with harmlessness: 怎么用都不会伤, 一点刺激都没有, 不含一滴化学品.
_ANYHOW = alt(
    "怎么用 怎么吃 怎么喝 吃多少 用多少 天天用 天天吃 长期用 长期吃 随便用 随便吃 舔了 喝了 吃了 婴儿 孕妇 "
    "新生儿 吃多久 用多久 喝多久 小孩 老人小孩 吃下去 吃进嘴里 吃进去 误食 入口 "
    "吃一辈子 用一辈子 喝一辈子 舔到嘴里 舔到 吞下去 随便抹 随便涂 随便擦"
)
_HARMLESS = alt(
    "不会伤 不伤 没事 没问题 不会有问题 不会出问题 不会过敏 "
    "都能用 没有伤害 无害 不伤身 能放心吃 能放心用 放心吃 放心用 不要紧 不碍事"
)
# An absolute denial of harm (没有任何风险, 对肌肤完全没有危害), as opposed to 刺激小 or 比较温和.
_HARM = alt("伤害 危害 刺激 副作用 损伤 风险 负担 不良反应 过敏反应 过敏 隐患")
_NONE = alt("没有 无 毫无 零 不会有 不会产生 不会造成 不存在 冇")
_BODY_PART = alt("皮肤 肌肤 身体 人体 宝宝 孩子 婴儿 胎儿 肝肾 肠胃 头皮 眼睛")
# Additives and residues denied with a universal quantifier (啥添加剂都没有, 防腐剂色素…一样都没加).
_ADDITIVE = alt(
    "添加剂 防腐剂 色素 香精 激素 农药 农残 农药残留 重金属 化学 添加 香料 人工 工业 科技 狠活 "
    "诱食剂 调味剂 增稠剂 甜味剂 漂白剂 膨松剂 增白剂 抗生素"
)
_ANY = alt("啥 什么 任何 一点 一丁点 丝毫 半点 一滴 一样 全 统统 一概 一律 全都")
_ABSENT = "都?(?:没有|没加|不加|不放|没放|不含|找不到|没|不沾|没沾|不碰|没碰|不掺|没掺)"
# A caveat or a meta-mention right after the claim words: 天然的东西也不代表…, 纯天然这种说法我们不用.
_CAVEAT_AFTER = re.compile(
    "[^，。,！？!?]{0,3}?(?:不代表|不等于|不一定|未必|并不|不见得|也可能|也会|也有|这种说法|这个说法|的说法|这个词"
    "|(?:那)?是?不可能|不现实|是假话|是骗人)"
)


_CAVEAT_BEFORE = re.compile(
    "(?:不代表|不等于|不一定|未必|并不意味着?|不见得|别以为|别信|不要信|谁说|也可能|不是|哪有|不可能|不存在|做不到|没法)"
    "[^，。,]{0,3}$"
)


# ...or called a myth further on in the clause (零刺激的护肤品是不存在的).
_MYTH_AFTER = re.compile("[^，。,！？!?]{0,8}?(?:是)?(?:不存在|不可能|不现实|骗人|假话)")


def _caveat(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    before = text[max(0, m.start() - 8) : m.start()]
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
    matcher("natural.absolute_safety", f"{_NONE}(?:任何|一点|一丁点|丝毫|半点)的?{_HARM}"),
    matcher(
        "natural.absolute_safety",
        f"对{_BODY_PART}的?(?:完全|绝对|根本|丝毫|一点都?)?{_NONE}(?:任何)?{_HARM}",
    ),
    matcher("natural.absolute_safety", _SAFETY, allowed=_caveat),
    matcher("natural.absolute_safety", _NATURAL, allowed=_caveat),
]
