"""Medical claims (广告法 art. 17): a treatment verb with a condition, a condition with its outcome,
medical terms, and comparisons with medicine.

Built from parts: a treatment verb with a disease object (治好…颈椎病, 调理好胃病, 消炎) and a condition
named before its outcome (湿疹都压下去了). The matchers are negatable: 本品不能治疗疾病 is the disclaimer a
compliant script should carry. Food health functions live in food.py, "natural / no side effects"
claims in natural.py, claims told as stories and hints in testimony.py.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.clauses import sought_refused
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher

_TREAT = alt(
    "治疗 治好 治愈 根治 医治 治 调理好 调好 消除 缓解 改善 预防 防治 抑制 杀灭 消灭 赶走 "
    "告别 摆脱 去除 救回 修复 稳住 控制 降低 降 止 消 对付 针对 专治 克星 不复发 治住 "
    # Round 13: illness kept off in poetry (挡住一冬的风寒病痛).
    "挡住 挡掉 抵挡 抵御",
    # Round 9: prevention promised by a device (能防病毒); not 防晒, 防水 and the other protections.
    "防(?!晒|水|滑|尘|风|蓝光|摔|漏|烫|蚊|虫|盗|伪|蛀|螨|霉|潮|污|油|辐射|紫外)",
)
_NAMED_DISEASES = (
    "炎症 癌 肿瘤 高血压 血压 血糖 糖尿 三高 痛风 失眠 湿疹 痔疮 脚气 便秘 哮喘 鼻炎 结节 囊肿 增生 "
    "感冒 咳嗽 "
    "发烧 头痛 偏头痛 疼痛 抑郁 焦虑症 过敏性 青春痘 激素脸 烂脸 皮炎 真菌 细菌 病毒 幽门螺杆菌 伤口 溃疡 "
    "白癜风 银屑病 牛皮癣 疱疹 甲亢 骨质疏松 关节 颈椎 腰椎 失眠症 三高指标 胆结石 肾结石 "
    "椎间盘 腰间盘 骨刺 老毛病 头晕 耳鸣 心悸 心慌 眩晕 麻木 静脉曲张 青筋 积食 干裂 感染 瘙痒 "
    "神经衰弱 贫血 心律不齐 早搏 痛经 老慢支 红疹 灰指甲 近视 打呼噜 打鼾 风湿 耳螨 螨虫 跳蚤 寄生虫 "
    "尿酸 腰突 流感 "
    # Round 10: fertility and women's conditions, pets' diseases, joints (宫寒不孕, 多囊, 细小, 猫癣, 半月板).
    "不孕 不育 宫寒 多囊 细小 犬瘟 猫瘟 猫鼻支 半月板 "
    # Round 11: postural and musculoskeletal conditions a device is said to put back (腹直肌分离, 骨盆前倾).
    "缺铁 缺钙 缺锌 腹直肌分离 骨盆前倾 骨盆前移 颈椎反弓 反弓 拇外翻 扁平足 高低肩 脊柱侧弯 驼背 O型腿 X型腿"
    " "
    # Round 12: heart rhythm and sleep apnoea a watch is said to find, eyes, a stone, numbness, bruises and
    # broken vessels under the eye, skin diseases a whitening serum is said to uproot (黄褐斑, 痤疮).
    "房颤 心律失常 呼吸暂停 弱视 斜视 结石 发麻 手麻 脚麻 淤青 淤血 毛细血管 黄褐斑 老年斑 痤疮 "
    # Round 13: a baby's head and neck (扁头, 斜颈), dementia, the prostate, an old headache (头风).
    "扁头 斜颈 老年痴呆 痴呆 帕金森 前列腺 头风 头皮屑 头屑"
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
    "好了 没了 消了 全消 下去了 不复发 痊愈 康复(?![医科师训中机]) 不疼了 不疼 不痛了 睡着 通了 缓解 "
    "减轻 减轻了 消下去 "
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
    "都没有了 都没了 不带[疼痛喘咳酸麻] 清干净 清除干净 清掉了 杀干净 "
    # Round 8: a reading from one value to another (从三百度降到一百五), a test turned negative (转阴).
    "从[^，。,]{1,8}?(?:降|掉|减|退|缩|回落)(?:到|至) 转阴 阴性了 "
    # Round 9: a check-up back to normal (复查指标都正常了, 去医院复查血压都正常了).
    "(?:复查|复诊|体检|化验|检查|指标|血压|血糖|血脂|尿酸)[^，。,]{0,4}?(?:都|也|全|已经)?(?:正常|达标)了 "
    # Round 11: a reading back to normal or moving the right way (肝功能…回到正常, 转氨酶指标好看多了,
    # 血糖往下走, 血红蛋白往上涨), and a displaced part put back (突出的那块回去了, 把分开的肌肉拉回去).
    "(?:肝功能|转氨酶|胆固醇|报告|指标|血糖|血脂|血压|尿酸)[^，。,]{0,8}?"
    "(?:回到正常|好看多了|好看了|往下走|往下降|不得升|不会升|不升) "
    "(?:血红蛋白|血色素|血红素|红细胞|铁蛋白|骨密度)[^，。,]{0,6}?"
    "(?:往上涨|往上升|涨上来|升上来|回升|上去了|上来了) "
    "回去了 拉回去 归回去 缩回去 收回去 枕回来 拉回来 掰正 掰直 正回来 矫正过来 复原 "
    # ...and an illness kept away (感冒都找不上门, 病都绕着走).
    "找不上门 绕着走 绕道走 不敢来 近不了身 "
    # Round 10: repaired, killed off, uprooted, waved goodbye, stopped from worsening (半月板损伤都能修复,
    # 真菌全杀死, 脚气断根, 便秘说拜拜, 近视不会再加深), healed in so many days (连喂三天就能好).
    "调理正常 修复 杀死 杀光 松开 松下来 正过来 杀得干干净净 杀得一干二净 断根 除根 去根 说拜拜 拜拜了 "
    "不会?再?(?:加深|涨|发展|恶化) (?:就|都)能好(?![看用吃听喝]) "
    # Round 12: shrunk, dispersed or gone (结石小了一半, 有够小粒, 淤青就散了, 嗡嗡声慢慢消失), uprooted for
    # good (连根拔掉, 不会复发), and thanks foretold for the outcome (贴三个月再来谢我).
    "变小 缩小 小粒 小了一[圈半] 散了 散开 化开 消失 消散 根除 连根拔 不会再?复发 "
    "(?:再|回)来谢我 回来(?:报喜|反馈|感谢) "
    # Round 13: prevented outright (颈椎病、痔疮都能预防), kept away (老年痴呆就离你远远的), brought down
    # again (近视度数…降回去), wiped off (毛囊炎…就消掉了) and flowing again (前列腺的毛病…倍儿通畅).
    # Only words with rare first characters: the list is scanned by its first characters (see _PUT_BACK).
    "不见了 预防 防得住 离你远远 离你远点 远离你 绕着你走 降回去 降回来 退回去 退回来 消掉 通畅"
)
# Round 13: a condition put back by sitting, carrying or soaking (腰椎间盘突出都能给你坐回去, 脊柱侧弯…掰回来,
# 老寒腿…都能给你泡好): a matcher of its own behind a gate, since 坐/睡/穿/给 would cost the outcome list its
# first-character scan.
_PUT_BACK = "(?:给你|帮你)?[坐掰拉顶推压躺睡练背穿戴]回(?:去|来)|(?:给你|帮你)[泡敷贴按揉坐睡练穿戴]好"
_MEDICINE = alt(
    "药 药片 药丸 钙片 针灸 扎针 打针 输液 吊瓶 点滴 膏药 理疗 去医院开药 开药 去医院 看医生 诊所 胰岛素"
)
_WORKS = alt("管用 有效 好使 强 灵 见效 快 顶用 中用 巴适 舒坦 舒服 得劲 好用 有用 靠谱 灵验")
_MEDICAL_TERMS = alt(
    "根治 包治百病 特效 秘方 偏方 祖传 药到病除 疗效 神药 药用 药效 抗癌 防癌 消炎 "
    "杀菌消毒 抗菌消炎 止痛 镇痛 处方 医用级 治愈率 有效率 药膏级 安神 起死回生 妙手回春 "
    "一贴就灵 立马不疼 奇效 神效 灵效 杀菌 抑菌 除菌 灭菌 "
    # Traditional-medicine efficacy (舒筋活络, 活血化瘀, 祛风除湿) is a treatment claim in other words.
    "舒筋活络 舒筋活血 活血化瘀 活血通络 通经活络 疏通经络 温经通络 祛风除湿 祛风湿 化瘀 "
    # Round 8: a therapeutic effect claimed outright (对失眠有辅助治疗作用, 有治疗功效).
    "辅助治疗 治疗作用 治疗效果 治疗功效 医疗作用 药理作用 "
    # Round 12: using it counted as a treatment session (等于在做治疗, 相当于做一次理疗).
    "(?:等于|相当于)在?做了?(?:一次|一回)?(?:治疗|理疗|康复训练|矫正训练) "
    # Round 13: use counted as daily therapy (甩一天竿就是做一天理疗, 戴着就等于天天在做理疗), magnets and
    # channels cleared (磁疗, 疏通乳腺).
    "(?:等于|相当于|就是)(?:天天|每天)?在?做(?:了|一天|一次)?(?:治疗|理疗) 磁疗 "
    "疏通(?:乳腺|血管|淋巴|气血) 止痒"
)

# (手上有伤口先别用，等长好了再涂).
_INSTRUCTION = re.compile("先别|先停|等到?[^，。,]{0,2}(?:长好|好了|愈合|消了)|之后再|再(?:用|涂|抹|吃)")


_DIAGNOSED = re.compile(
    "房颤|心律失常|心律不齐|早搏|呼吸暂停|心梗|冠心病|心脏病|肿瘤|癌|帕金森|老年痴呆|[\u4e00-\u9fff](?:病|症)"
)


def _diagnosed_before(text: str, m: re.Match[str]) -> bool:
    start = max(max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1, m.start() - 16)
    return _DIAGNOSED.search(text, start, m.start()) is not None


# The outcome denied between the condition and it (真菌感染要用药，别指望一瓶洗发水能解决).
_OUTCOME_DENIED = re.compile(
    "(?:别指望|指望不了|不能|无法|没法|未必|不一定|靠不了|要用药|得用药|需要用药)[^，。,]{0,10}$"
)


def _instruction(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if _INSTRUCTION.search(m.group()) or _OUTCOME_DENIED.search(m.group()[:-1]):
        return True
    return text.startswith("不了", m.end())  # 洗发水解决不了: the outcome as a potential-negative


def _sought_refused(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """别在评论区问偏方, 不要轻信网上流传的祖传秘方: a remedy the viewer is told not to seek; and an
    antibacterial finish on a material (鞋垫做了抑菌处理, 抗菌面料) is a textile property, not a cure."""
    if _MATERIAL_FINISH.match(text, m.end()) and m.group() in ("抑菌", "抗菌", "除菌"):
        return True
    return sought_refused(text, m.start(), m.end())


_MATERIAL_FINISH = re.compile("(?:处理|面料|材料|材质|涂层|纤维|工艺|整理)")


MEDICAL: list[Matcher] = [
    matcher(
        "medical.treatment",
        f"(?:能|可以|帮你|帮助|会|就)?{_TREAT}[^，。,！？!?]{{0,6}}?{_DISEASE}",
        negatable=True,
    ),
    # The condition, then (across a clause or two: 用了两个月，现在…) the outcome; 28 characters since
    # round 11 (…的姐妹穿这个收腹带，三个月帮你把分开的肌肉拉回去).
    matcher(
        "medical.treatment",
        f"{_CONDITION}[^。！？!?]{{0,28}}?{lead(_CURED)}",
        negatable=True,
        allowed=_instruction,
        gate=_CURED,
        retry=True,
    ),
    matcher(
        "medical.treatment",
        f"{_CONDITION}[^。！？!?]{{0,28}}?(?:{_PUT_BACK})",
        negatable=True,
        allowed=_instruction,
        gate="回去|回来|给你|帮你",
    ),
    # lead(): one item starts with a group (等于在做治疗), which costs the scan its first-character test.
    matcher("medical.term", lead(_MEDICAL_TERMS), negatable=True, allowed=_sought_refused),
    # Round 11: a reading said to be back to normal with no condition named (体检报告里转氨酶就回到正常了):
    # the product is credited with a test result, which only a drug's advertisement may do.
    matcher(
        "medical.treatment",
        "(?:转氨酶|肝功能|血糖|血脂|血压|尿酸|胆固醇|血红蛋白|血色素)[^，。,！？!?]{0,6}?"
        "(?:回到正常|恢复正常|正常了|达标了|好看多了|降下来了)"
        # Round 12: haemoglobin said to climb (血红蛋白一路往上升).
        "|(?:血红蛋白|血色素)[^，。,！？!?]{0,6}?(?:往上升|往上涨|涨上来|升上来|回升|升上去)",
        negatable=True,
        gate="转氨酶|肝功能|血糖|血脂|血压|尿酸|胆固醇|血红蛋白|血色素",
    ),
    # Round 9: illness that will not come (一家人都不会生病, 换季再也不得流感) and a therapeutic effect in
    # English words (therapy效果, healing作用): a prevention or treatment claim (广告法 art. 17).
    matcher(
        "medical.treatment",
        "(?:都|就|再也|也|从此)(?:不会|不再|不)(?:再)?(?:得|生|患|犯|闹)?(?:感冒|流感|发烧|生病|得病|生大病)"
        "|(?i:therapy|healing|cure|treatment|heal)[^，。,！？!?]{0,2}?(?:效果|作用|功效)",
        negatable=True,
        gate="不|therapy|healing|cure|treatment|heal|Therapy|Healing|Cure|Treatment|Heal",
    ),
    # Round 12: a disease a device is said to find (房颤…都能给你查出来, 心律失常…帮你诊断出来): a diagnosis,
    # which only a registered medical device may claim (广告法 art. 17, 医疗器械广告审查办法); a meter
    # showing a reading (血压, 血糖) is its function and stays out. Anchored on the verb, the disease looked
    # for in the 16 characters before: a pattern that starts with …病 is tried at every position.
    matcher(
        "medical.treatment",
        "(?:都能|就能|能|可以)?(?:给你|帮你|帮)?(?:查|测|诊断|筛查|检测|监测)(?:出来|得出来|出)"
        "|比(?:去|上|跑)?医院(?:排队)?(?:做|挂号|检查|看病|牵引|理疗|治疗)[^，。,！？!?]{0,4}?(?:省事|方便|准|快|管用)",
        negatable=True,
        allowed=lambda text, m, facts: not m.group().startswith("比") and not _diagnosed_before(text, m),
        gate="查出|测出|诊断|检测出|监测出|医院|得出来",
    ),
    # Compared with medicine or put in its place (比吃药还管用, 不用再吃药): 广告法 art. 17.
    matcher(
        "medical.drug_comparison",
        "比(?:吃药|药物|药|打针|输液|去医院|看医生)[^，。,！？!?]{0,3}?(?:还|更)?(?:管用|有效|好使|强|灵|见效|快)"
        "|(?:代替|替代|取代)(?:吃药|药物|药品)"
        "|(?:不用|不必|不需要|省得|省了|免得|用不着)(?:再|天天|老|总)?(?:吃药|打针|输液|(?:去|跑|往)(?:宠物)?医院)"
        # Round 10: surgery made unnecessary (不用做手术就能自己回去, 不用开刀).
        "|(?:不用|不必|不需要|省得|省了|免得|用不着|免)(?:再)?(?:做|动|开)?(?:手术|开刀)",
        negatable=True,
    ),
    # A named medicine or treatment as the benchmark (比吃抗过敏药还顶用, 比去诊所扎针灸还舒坦), or
    # the medicine given up because of the product (降压药都停了, 钙片都省了).
    matcher(
        "medical.drug_comparison",
        f"比(?!起|较)[^，。,！？!?]{{0,5}}?{_MEDICINE}[^，。,！？!?]{{0,3}}?(?:还|更|都)?{_WORKS}"
        f"|{_MEDICINE}(?:都|也|全|早)?(?:停了|停掉了|不用吃了|不吃了|省了|扔了|减半|减量|戒了)|停了?药|把药停了"
        # Round 11: the dose cut (胰岛素都少打了两针, 降糖药都能少吃半片).
        f"|{_MEDICINE}(?:都|也)?(?:能|可以)?(?:少打|少吃|少用|少喝|减)了?(?:[一两二三四五六七八九十半\\d]|量)",
        negatable=True,
        gate="药|针|钙片|医院|诊所|理疗|输液|点滴|吊瓶",
    ),
]
