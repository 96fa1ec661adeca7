"""Efficacy guarantees (广告法 art. 16, 18, 28) and authority / media / celebrity endorsement
(art. 9, 16, 38).

A guarantee is a promise about the effect (包你瘦, N天见效, 无效退款), not about the goods: 七天无理由
退货, 质量问题包退包换 and 假一赔十 are ordinary after-sales terms. An endorsement is an authority noun
with an endorsing verb in the same sentence (专家…推荐, 央视…报道, 明星同款); consulting a doctor
(请咨询医生) is advice, not an endorsement.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher

_NUM = "(?:\\d+|[一二两三四五六七八九十几半]+)"
_EFFECT = alt(
    "嫩 谢我 变化 见变化 瘦下来 指标.{0,3}降 "
    "瘦 白 见效 有效 长高 变好 变白 变美 不长痘 根除 治好 祛斑 淡斑 去皱 淡化 好转 改善 "
    "变年轻 年轻 满意 效果 丰 长头发 掉秤 减 "
    # Working at all (管用, 好使, 灵) is the effect a promise is about.
    "管用 好使 灵(?!活|感|魂|敏) 灵验 奏效 起效 见成效 "
    # An effect promised as a harm that will not come (打包票…都不会晒黑).
    "不会?(?:晒黑|反弹|长痘|长斑|掉发|复发|黑|红屁屁|起疹子?) "
    # A course's outcome (提二十分, 考上, 上岸) is the effect its promise is about.
    "提(?:高|升)?[^，。,]{0,2}?分 涨[^，。,]{0,2}?分 上岸 考上 考过 通过 "
    # Round 8: returns, harvests and jobs are the effects investment, seedling and course promises are about.
    "翻倍 回本 赚钱 盈利 收益 挂果 坐果 成活 结果(?=[，。,！!；;]|$) 增产 高产 丰收 出苗 "
    "就业 入职 上岗 长个 变直 变细 变小 "
    # Round 9: sleep and regrowth are the effects pillows, sprays and hair devices are sold on.
    "睡着 入睡 长出 "
    # Round 11: a spot or a pest cleared (七天痘痘消掉, 一只螨虫都没有) is the effect promised.
    "消掉 消下去 消失 一只[^，。,]{0,4}?都(?:没有|冇得|冒得|没) "
    # Round 12: a sense restored (听清, 看得清) and a certificate won (拿证) are what hearing aids,
    # glasses and exam courses promise.
    "听清 听得清 听得见 看清 看得清 拿证 拿到证 过关 "
    # Round 13: what tools, tackle, courses and garments are sold on (不塌, 学会, 连竿, 升一个杯,
    # 一滴汗都不出, 电池不衰减, 好眠, 腰围小一圈, 显高, 后背都是干的).
    "不塌 学会 弹唱 连竿 上鱼 升一个杯 升杯 汗都不出 不出汗 不衰减 好眠 小一圈 瘦一圈 显高 显瘦 "
    "都是干的 不驼背"
)
_NO_EFFECT = alt(
    "无效 没效果 没有效果 不见效 没见效 不管用 没用(?!过|之前|完|掉) 不起作用 "
    "瘦不下来 白不了 做不到 不满意效果 效果不好 不好(?!意思) "
    "不消 没消 不退 没退 没小 不淡 没淡 还有黑头 还长痘 还是老样子 见不到(?:改善|效果|变化) 瘦不了 "
    "考不上 考不过 没考上 没考过 没通过 提不上来? 不过(?=[^。！？!?]{0,3}退) 没过的 没考过的 没通过的 "
    "不好使 不灵 没反应 没感觉 没作用 不起效 没起效 不奏效 没奏效 不生效 没生效 "
    "没白 不白 没瘦 不瘦 没变白 没变瘦 "
    "变化都?没 效果都?没 作用都?没 反应都?没 改善都?没 老样子 没变 没动静 不变(?:嫩|白|瘦|美|好|亮|年轻) "
    # Round 8: a target missed (如未达到, 没到七千), no harvest, no job, no growth.
    "达不到 没达到 未达到 没到(?=[\\d一二两三四五六七八九十百千万]) "
    "不挂果 不结果 不坐果 不出苗 不发芽 不成活 没成活 没收成 减产 找不到工作 没找到工作 没就业 "
    "不长高 没长高 不长个 没长个 不长(?=[^，。,]{0,2}?找) 不变直 亏了 亏本 赔了 没赚 "
    # Round 9: the effect as a potential-negative (长不出来, 睡不着) and in English (no effect).
    "长不出 睡不着 降不下 no effect not working doesn't work "
    # Round 10: a measured target missed (降不到五十, 测出来不是零, 成活率上不去, 亩产增不了两成, 成绩没提升).
    "不是零 降不到 上不去 增不了 没提升 没涨 不冒新 没冒新 不长新 没长新 没长出 "
    "低于(?=[\\d一二两三四五六七八九十]) "
    # Round 11: the effect still missing (消不掉, 去不掉) or a test after use that finds it failed
    # (检测不合格, 测出超标, 查出来有一只): the refund is staked on the measured effect.
    "消不掉 消不了 去不掉 除不掉 下不去 "
    # Round 12: ...a sense not restored, a score not raised, a certificate not won (听不清不要钱,
    # 不提分…退给你, 考不到学费全退, 拿不到下期免费重读).
    "听不清 听不见 看不清 看不见 不提分 没提分 考不到 拿不到证? 没拿到证 "
    # Round 13: the outcome missed in the trade's words (不中, 钓不上, 学不会, 塌了, 没升杯, 不变细, 不应验).
    "不中 钓不[上到] 学不会 没学会 塌了 驼了 不应验 没应验 没升 不升 不变细 没变细 不显高 不显瘦 "
    "检测[^，。,]{0,4}?(?:不合格|超标|不达标) 复[测查][^，。,]{0,4}?(?:不合格|超标|不达标) "
    "测出来?[^，。,]{0,4}?(?:不合格|超标|不达标|有一只|有一个|还有) "
    "查出来?[^，。,]{0,4}?(?:不合格|超标|不达标|有一只|有一个|还有)"
)
_COMPENSATE = alt(
    "退款 退钱 全额退 退给你 直接退 包退 免单 赔 双倍 报销 来找我 找我 退 全退 免费送 白送 白给 "
    "骂我 找我算账 砸我招牌 不收钱 不要钱 "
    # A forfeit or a treat as the stake of a bet (当场剃光头, 请你吃饭, 指着我鼻子骂): compensation too.
    "退学费 重学 重修 一分不收 不收学费 送你 请你吃 请你们吃 请客 倒立 "
    "剃光头 剃头 吃键盘 改名 退网 不干了 不播了 鼻子骂 骂 坑位费 补偿 补差价 差额 赔苗 赔偿 "
    "money back refund 退一赔一 一分钱?(?:都|也)?不(?:收|要) 分文不收 "
    # Round 10: the loss or the price returned untouched, a free replacement (原封不动退, 全包, 换新).
    "一分不要 一分不少 原封不动 全包 包赔 换新 免费换 "
    # Round 12: the course again for free (下期免费重读, 免费再学一期).
    "重读 免费再学 再学一期 免费复训 免费重考"
)
# Round 9: a time-bounded trial whose failure is compensated (戴一个月膝盖还响，我们退一赔一; 喝一个月不长肉，
# 全额退款): the refund is conditioned on the effect, so it promises the effect (广告法 art. 16(1), 28(2)).
# A return for taste or fit (用一个月不喜欢可以退) conditions it on the buyer, not on the effect.
# Round 12: ...or a quantity used up (用完三瓶，头顶还是稀的…退你双倍; 洗完两瓶，发缝还是那么宽).
_TRIAL = (
    "(?:用|戴|穿|吃|喝|睡|涂|抹|泡|坚持|枕|贴|按|缠|系|绑|围|敷|坐|躺|洗|擦)(?:满|够|了|上|完)?"
    f"{_NUM}(?:天|周|个?月|个?星期|季|疗程|次|瓶|盒|支|罐|袋|包|期)[^。！？!?]{{0,10}}?(?:还|都|仍|依然|也|不|没)"
    "(?!喜欢|满意|想要|合适|习惯|需要|拆|用完)"
)
# Round 11: the effect still absent after use, without a period (喝了这包还醉的，包退包赔; 喝完这瓶还头疼的
# 无条件退款): a refund conditioned on the effect; a return for taste or fit is excluded as in _TRIAL.
_STILL = (
    "(?:用|戴|穿|吃|喝|睡|涂|抹|泡|喷|开|贴|背|坐|练)(?:了|完|过)[^，。,！？!?]{0,6}?还"
    "(?!不?(?:喜欢|满意|想要|合适|习惯|需要)|想|要|有货|能|可以|剩|送|没拆|在)"
)
_GUARANTEE = [
    f"{_NO_EFFECT}[^。！？!?]{{0,15}}?{lead(_COMPENSATE)}",
    f"{_STILL}[^。！？!?]{{0,14}}?{lead(_COMPENSATE)}",
    f"{_TRIAL}[^。！？!?]{{0,14}}?{lead(_COMPENSATE)}",
    f"(?:保证|包你|包您|承诺|担保|确保|打包票|包管)[^，。,！？!?]{{0,10}}?{lead(_EFFECT)}",
    f"{_NUM}(?:天|周|个月|次|盒|瓶|疗程|星期)(?:就|内|之内)?(?:见效|有效|瘦|变白|白|长高|淡化|改善|好转)",
    f"瘦{_NUM}(?:斤|公斤|kg|KG|cm|厘米)",
    # A promise marker with any effect word, or a refund for an effect that does not come.
    f"(?:保你|保您|一定会|一定能|肯定能|保准|准能|肯定会?|必定|绝对会|敢保证|打赌|赌一|拿人格|人格担保|拍胸脯|拍胸口|打包票)"
    f"[^。！？!?]{{0,14}}?{lead(_EFFECT)}",
    "(?:不瘦|没瘦|没白|不白|没变化|没改善|吃不好|用不好|不管用)[^。！？!?]{0,8}?(?:找我|算我的|我赔|倒贴|全款退|退双倍|双倍退|退你)",
    # Round 13: the promise vouched after the effect (电池一点儿不衰减，我保证), and the effect's failure as
    # an event the host answers for (出汗你来找我, 掉了你回来找我).
    "(?:塌|掉|衰减|出汗|反弹)了?[，,]?(?:你|您)?(?:回来|再来|来)?找我(?!们)",
    "(?:肯定|一定|保证|必然)(?:能|会)?(?:降|瘦|白|见效|有效|变好|长高|好转|管用|好使|灵)",
    # One counted failure compensated (再掉一根我赔十瓶, 胖一两全款赔, 晒黑一个度双倍退): the effect promised.
    "(?:掉|长|胖|重|晒黑|黑|冒)了?(?:(?:一|1)(?:根|颗|粒|个|斤|两|公斤|条|个度|度)|一点点?|一丝)[^。！？!?]{0,10}?"
    f"{lead('(?:赔|退|算我的|找我|倒贴|免单|不要钱|不收钱)')}",
    # Round 11: one failure found after use, and money staked on it (身上有一个包我赔你五块).
    "(?:有|出现|冒出|叮出|咬出|起了?)(?:一|1)(?:只|个|根|颗|粒|处)[^。！？!?]{0,8}?(?:我赔|赔你|赔您|倒贴|免单|全退|退你)",
    # A percentage as the promise (百分之百能瘦, 百分百不掉发).
    f"(?:百分百|百分之百|100\\s*[%％])的?(?:能|会|可以|让你|保你|包你)?{_EFFECT}",
    alt(
        "算我的 我倒贴 倒贴你钱 全款退 退双倍 双倍退 人格担保 拿人格担保 都能瘦下来 都能瘦 回来谢我 "
        "包过(?!期|敏) 包会 包教包会 包上岸 包考上 包拿证 包通过"
    ),
    # Certainty as the promise (长高是板上钉钉的事, 瘦下来十拿九稳).
    f"{_EFFECT}[^，。,！？!?]{{0,4}}?(?:是|那是|就是)?(?:板上钉钉|铁板钉钉|十拿九稳|稳稳的|妥妥的|没跑|跑不了|是肯定的|是一定的|是必然的)",
    alt(
        "立竿见影 见效快 立刻见效 马上见效 当场见效 一次见效 一用就见效 用了就有效果 "
        "百分百有效 百分百见效 100%有效 100%见效 无效退款 有效率 否则赔"
    ),
]

_AUTHORITY = alt(
    "医生 医师 大夫 专家 教授 博士 院士 营养师 药剂师 皮肤科 医院 三甲 医学会 协会 学会 "
    # 某某 stands for a celebrity's name, not a brand (某某牌子 is a rival, not an endorser).
    "某某(?!牌子|品牌|家|店|产品|直播间|平台) "
    "消协 消费者协会 卫视 央视 CCTV cctv 电视台 新闻联播 人民日报 新华社 中科院 科学院 "
    "研究院 研究所 国家 政府 领导 领导人 明星 影后 影帝 顶流 网红 名人 代言人 "
    "官方机构 权威 机构 总台 卫健委 药监局 国务院 大使馆 奥运冠军 冠军 主持人 军医 部队 军队 国宴 "
    "中医 老中医 世家 传人 护士长 护士 月子中心 营养学会 大学(?!生) 政府采购 航天员 科学家 院长 主任医师 "
    "女星 男星 小花 小生 艺人 演员 歌手 爱豆 偶像 影星 名媛 超模 儿科 明星化妆师 御用化妆师 御用 "
    "部委 机关 国家机关 人民大会堂 国宾馆 钓鱼台 月子会所 科室 "
    # Stars by their region (港星, 韩星, 港姐), broadcasters and beauty professionals (TVB, 化妆师, 造型师).
    "港星 台星 韩星 日星 港姐 港台明星 大咖 TVB 化妆师 造型师 彩妆师 发型师 国家队 营养顾问 首席科学家 "
    "疾控 卫生院 一线女星 一线明星 影视明星 花旦 台柱 主任 "
    # Round 10: dental authorities (牙医都在推荐, 牙防组认证过的) and a pharmacist.
    "牙医 牙防组 口腔医生 口腔医院 口腔协会 药师 校医 村医 队医 家庭医生 "
    # Round 11: education authorities — a school's own teachers, heads and teaching-research groups
    # (附小的老师都推荐, 园长指定的书目, 名校都在用); a bare 老师 is too often the host's form of address.
    "班主任 园长 校长 教研组 教研员 特级教师 名师 名校 重点中学 重点小学 "
    # Each item starts with a literal so the alternation keeps its first-character scan.
    "学校的?老师 中学的?老师 小学的?老师 附小的?老师 附中的?老师 幼儿园的?老师 学院的?老师 "
    "少年宫的?[\u4e00-\u9fff]{0,2}老师 书法老师 美术老师 音乐老师 舞蹈老师 钢琴老师 "
    "数学老师 语文老师 英语老师 "
    # Round 12: the hospital withheld, its staff shown by their uniform and instrument
    # (穿白大褂、挂听诊器的那种, 戴听诊器的那拨人, 科里都在用).
    "白大褂 听诊器 科里 "
    # Round 13: influencers by their reach (那个百万粉的烘焙博主, 美妆大V).
    "博主 大V 达人 百万粉 千万粉"
)
_ENDORSE = alt(
    "推荐 力荐 力推 背书 代言 认证 认可 指定 都在用 在用 一直在用 同款 报道 研发 亲测 "
    "吃过 用过 都说好 点赞 监制 特供 专供 称赞 说好 好评 给病人用 选用 采购 授权 在喝 在吃 都在喝 都在吃 "
    "备一 备着 供货 推荐给我 联合 认定 首选 专用 用的 喝的 吃的 都说.{0,6}好 "
    "随身带 都爱 钟爱 化妆台 "
    # Their own use as proof (都在回购, 私下在囤, 出门必带) and their advice (都建议, 提倡).
    "回购 在囤 都囤 囤了 必带 离不开 私藏 安利 建议 提倡 倡导 呼吁 推广 拿它 用它 都用它 "
    "在推 都推 人手一[支瓶盒个套] 念叨 挂在嘴边 (?:说|讲|推)的就是这款 "
    "帮我们推 给我们推 帮忙推 都用 都泡 都喝 家里都 化妆包 "
    "(?:来|找)(?:我们家?|我家|咱家)(?:这|这里)?(?:拿货|订|买|下单|囤) 订这 订我们 "
    # Round 9: caught on camera with it (在机场被拍到，手里拎的就是我们家这个).
    "被拍到 被偶遇 街拍 机场照 私服 "
    # Round 10: their patients sent home with it (主任都让他的病人回家用, 叫来看牙的人买).
    "(?:让|叫)[^，。,！？!?]{0,8}?(?:病人|患者|的人|客人|孩子|学生|家长)[^，。,！？!?]{0,4}?(?:回家)?"
    "(?:用|买|戴|吃|喝|备|读|练) "
    "(?:都|都在|一直|天天|只)给[^，。,！？!?]{0,4}?(?:用|买|吃|喝|囤) "
    "指名要 点名要 指定要 都喷 都涂 都抹 都擦 都戴 "
    # Round 12: their purchases counted (一人拿了两盒, 护士站一人团了三盒).
    "一人(?:拿|买|团|囤|订|要)了? 人手(?:一|两|几)[支瓶盒个套] "
    "(?:拿|买|团|囤|订)了(?:好几|[一两二三四五六七八九十几\\d]+)(?:箱|盒|瓶|套|份|支) "
    # Round 9: praise from an authority or the media (点名表扬过的, 表彰过).
    "表扬 表彰 嘉奖 褒奖 夸奖 夸过 "
    # Round 13: the recipe made up by the authority (中科院研究员配的方子), their patients all sent to buy it.
    "配的 帮我们配 调配 研制 开的方子 帮着?(?:定|调|设计|把关) "
    "(?:病人|患者|病号)都?(?:让|叫)(?:买|用|备|戴) "
    # Round 8: their own steady use and their loyalty (一直用这个, 就认这个牌子).
    "一直用 也在用 自己也用 就认 只认 认准 都要带 都要拿 都要买 每次都带 每次都买 摆着 常备 化妆间 "
    # Speaking for the product to the audience (营养师现场给你们说, 老大夫跟家人们讲).
    "(?:现场|亲自|专门|特地)?(?:给|跟|和|对|为)(?:你们|大家|家人们|宝子们|姐妹们|各位|观众)(?:说|讲|聊|科普|介绍|推荐|解读)"
)
_CONSULT = re.compile(
    "(?:咨询|问问|问一下|请教|询问|听从|听|遵|去看|看)(?:一下)?(?:专业的?|你的|您的)?(?:医生|医嘱|大夫)"
    "|(?:医生|医师|大夫|营养师)的?(?:建议|指导)下"
)


# Round 8: the endorsement named to be denied (央视那个报道我们没上过, 请了明星代言？那是谣言).
_ENDORSEMENT_DENIED = re.compile(
    "[^。！？!?]{0,10}?(?:没有的事|没这回事|是谣言|谣言|乱传|乱说|瞎说|不实|是假的|(?:从来)?没(?:上过|请过|找过|合作过)"
    # Round 9: a rumour the shop will not vouch for (我们没核实过，不拿这个说事).
    "|没核实|未经核实|没证实|未证实|不拿这个说事)"
)


# Round 9: a report about the place the goods come from (报道过我们县的大米产业), not about the product.
_ABOUT_A_PLACE = re.compile("过?了?(?:我们|咱们?|这个)?(?:县|村|镇|市|乡|当地|这边|产区|家乡|基地)")


# Round 12: an institution's usual advice on timing (月子中心一般建议孕中期开始看, 这家机构一般建议孩子
# 六岁以后再用) with nothing of the shop's named after it: general guidance, not this product endorsed.
_GENERAL_ADVICE = re.compile("(?:一般|通常|普遍|大多)建议$")
_THIS_PRODUCT = re.compile("这款|这个|这支|这瓶|这盒|我们|咱家|我家|它|本品|这套")


def _general_advice(text: str, m: re.Match[str]) -> bool:
    if not _GENERAL_ADVICE.search(m.group()):
        return False
    stop = min([i for i in (text.find(c, m.end()) for c in "，。,！？!?") if i >= 0] or [len(text)])
    return _THIS_PRODUCT.search(text, m.end(), stop) is None


def _consult(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """Advice to see one's own doctor (听医生的建议, 咨询医生) is not the doctor endorsing the product."""
    if _ENDORSEMENT_DENIED.match(text, m.end()) or _general_advice(text, m):
        return True
    if m.group().endswith("报道") and _ABOUT_A_PLACE.match(text, m.end()):
        return True
    return _CONSULT.search(text, max(0, m.start() - 4), m.end()) is not None


_AUTHORITY_RE = re.compile(_AUTHORITY)
_HEALTH_GOODS = re.compile(
    "助听器|理疗|治疗|血压|血糖|艾灸|颈椎|腰|膝|关节|失眠|耳|眼|抽筋|疼|痛|病|药|医|听"
)


# Round 13: a programme the shop appeared on, named with nothing vouched (上过本地电视台的美食节目，那期视频
# 挂在店铺首页), and an expert brought on to teach a skill (请了钢琴老师来讲指法): facts, not endorsements.
_PROGRAMME = re.compile("[^，。,！？!?]{0,8}?(?:节目|专题|栏目)")
_THE_GOODS = re.compile("这款|这个|这支|这瓶|这盒|这套|本品|它")
_VOUCH = re.compile("推荐|认证|认可|保证|放心|品质|好评|质量|权威|靠谱|信得过")


def _programme_only(text: str, m: re.Match[str]) -> bool:
    """...the shop's appearance, not the product's (这款登上过央视的节目 is the product shown as vouched)."""
    end = min([i for i in (text.find(c, m.end()) for c in "。！？!?") if i >= 0] or [len(text)])
    if _THE_GOODS.search(text, max(0, m.start() - 4), m.start()):
        return False
    return _PROGRAMME.match(text, m.end()) is not None and _VOUCH.search(text, m.start(), end) is None


_TEACHES = re.compile("(?:来|过来)?(?:负责|专门)?(?:讲|教)(?:指法|动作|技巧|方法|姿势|用法|入门|基本功)")


def _no_authority_before(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """A pronoun's own use counts when it stands for an authority named in the 60 characters before."""
    return _AUTHORITY_RE.search(text, max(0, m.start() - 60), m.start()) is None


# Round 10: a shortfall against the label (实际发芽率达不到标签标注的…找我们处理) is a product-quality term
# (产品质量法 art. 26: goods must match what their label states), not a promise of an effect.
_LABEL = re.compile("标签|标注|标称|标示|铭牌|包装上印")


def _against_the_label(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """...and 过期没用 (a voucher unused when it expired, 过期没用自动退款) is after-sales, not "useless".
    Checked here rather than by a lookbehind in _NO_EFFECT, which would cost the pattern its fast scan."""
    if m.group().startswith("没用") and text[max(0, m.start() - 2) : m.start()] == "过期":
        return True
    return _LABEL.search(text, max(0, m.start() - 16), m.end()) is not None


# A promise denied is no promise (我不敢保证多久见效, 没法打包票), and an endorsement denied is none
# (没请明星代言): both are negatable like the medical claims.
GUARANTEE: list[Matcher] = [
    *(matcher("guarantee.efficacy", p, negatable=True, allowed=_against_the_label) for p in _GUARANTEE),
    matcher(
        "guarantee.efficacy",
        f"{_EFFECT}[^。！？!?]{{0,6}}?(?:我保证|我打包票|我担保|我敢保证)",
        negatable=True,
        gate="我保证|我打包票|我担保|我敢保证",
    ),
    # The failure as a potential-negative (瘦不了我请你吃饭): the negation is the condition, not a denial.
    matcher(
        "guarantee.efficacy",
        f"(?:瘦不了|白不了|瘦不下来?|提不上来?|考不上|考不过|增不了|上不去|降不到|降不下)[^。！？!?]{{0,20}}?"
        f"{lead(_COMPENSATE)}",
        allowed=_against_the_label,
        gate="不了|不下来|不上|不过|不去|不到|不下",
    ),
]
# Returns promised on an investment course (保证年化收益20%, 稳赚不赔), a harvest promised on seedlings
# (亩产至少一千二, 保证第二年挂果) and a job or a salary promised after training (百分之百推荐就业, 月薪不低于
# 八千): 广告法 art. 25, 27 and 24 forbid each promise whatever the wording.
_RETURNS = (
    alt("稳赚不赔 只赚不赔 稳赚 包赚 保本保息 保本(?!价) 躺赚")
    + "|(?:年化|收益|回报|利润|分红)[^，。,！？!?]{0,4}?(?:稳稳|保底|至少|不低于|不少于|稳定在|保证)"
    # The capital said to be safe and a steady income promised (本金一分不会少, 月月有分红, 每月至少多挣五千).
    "|本金[^，。,！？!?]{0,4}?(?:不会少|少不了|不会亏|亏不了|无损|有保障)"
    "|(?:月月|每月|每个月|年年|每年)(?:都)?(?:有|能|稳)?(?:分红|收益|回报|返利)"
    "|(?:每月|每个月|一个月|每天|一天|月入)(?:至少|起码|轻松|稳)?多?(?:挣|赚|收入)[^，。,！？!?]{0,2}?"
    "[\\d一二两三四五六七八九十百千万]"
    "|(?:保证|保你|包|确保|承诺)[^，。,！？!?]{0,6}?(?:收益|回报|年化|本金翻倍|回本)"
    "|亩产[^，。,！？!?]{0,2}?(?:至少|保底|不低于|不少于|能达到|稳定|保证|过)"
    "|(?:包|保证|承诺|确保|保)(?:推荐|安排|介绍)?(?:就业|分配|入职|上岗|找到工作|工作)|百分之?百(?:推荐|安排)?就业|包分配"
    "|(?:月薪|工资|年薪|薪资|底薪|收入)[^，。,！？!?]{0,2}?(?:保底|不低于|不少于|至少|起步就)"
)
RETURNS: list[Matcher] = [
    matcher(
        "guarantee.returns",
        _RETURNS,
        negatable=True,
        gate="赚|挣|保本|本金|年化|收益|回报|利润|分红|返利|回本|亩产|就业|分配|入职|上岗|工作|月薪|工资|薪|收入",
    )
]

ENDORSEMENT: list[Matcher] = [
    matcher(
        "endorsement.authority",
        f"{_AUTHORITY}[^。！？!?；;]{{0,12}}?{lead(_ENDORSE)}",
        negatable=True,
        allowed=_consult,
        gate=_AUTHORITY,
    ),
    # An authority brought on by the shop (我们请的营养师, 特意请来一位老中医): 广告法 art. 16(4), 18(5).
    matcher(
        "endorsement.authority",
        f"(?:请的|请来的?|请到了?|请了|特邀|邀请了?|请过来的?)(?:一位|位|个|两位|几位)?(?:[\u4e00-\u9fff]{{0,4}}?的)?"
        f"[\u4e00-\u9fff]{{0,2}}?{_AUTHORITY}",
        negatable=True,
        allowed=lambda text, m, facts: _consult(text, m, facts) or _TEACHES.match(text, m.end()) is not None,
        gate="请",
    ),
    # Round 8: an authority's loyalty to the brand, further along the sentence (在疾控上班…就认这个牌子).
    matcher(
        "endorsement.authority",
        f"{_AUTHORITY}[^。！？!?；;]{{0,24}}?(?:就认|只认|认准)(?:这|我们|咱|它|你们)",
        negatable=True,
        allowed=_consult,
        gate="就认|只认|认准",
    ),
    # Round 8: the authority's own use told through a pronoun (不能说是哪位明星…她天天喝我们家这个; 医生朋友…
    # 她自己家孩子也一直用这个): the name is withheld, the endorsement is not.
    matcher(
        "endorsement.authority",
        "(?:她|他|人家)(?:自己|本人)?(?:家里?|家的|自己家)?[^，。,！？!?]{0,8}?(?:每天|天天|一直|都|也|常年|长期|就)"
        "[^，。,！？!?]{0,4}?(?:用|喝|吃|涂|抹|戴|囤|是)的?(?:我们|我家|咱家|这|它)",
        negatable=True,
        allowed=_no_authority_before,
        gate="她|他|人家",
    ),
    # Round 9: the authority named first, then their advice or their own use through a pronoun
    # (王教授讲过，这款人参片他推荐每天含两片; 博士提到这个燕麦片，她说她每天早上都吃).
    matcher(
        "endorsement.authority",
        "(?:她|他|人家)(?:说)?(?:她|他)?(?:自己)?(?:也|都|一直|特别|专门|就)?(?:建议|推荐|力荐|力推)"
        "|(?:她|他)说(?:她|他)(?:自己)?家?(?:每天|天天|一直|常年)[^，。,！？!?]{0,4}?(?:都|也)?(?:用|吃|喝|涂|抹|泡)"
        # Round 10: the authority brought on (连麦的那位专家, 坐镇的老中医) speaking for the product through a
        # pronoun (他说了，这个枕头…; 他讲这款泡脚粉…).
        "|(?:她|他|人家)(?:也|都)?(?:说了?|讲了?|讲过|说过)[，,：:]?\\s*(?:这个|这款|这|我们|咱|它)"
        # Round 13: ...or to their patients (说这个面霜她天天给病人推荐).
        "|(?:她|他)(?:天天|每天|一直|都|也|常)?给(?:病人|患者|病号|客户|学员)(?:推荐|用|开|介绍)",
        negatable=True,
        allowed=_no_authority_before,
        gate="她|他|人家",
    ),
    # Round 12: a named user's story of a health effect shown as the proof (这位七十八岁的张奶奶，戴了
    # 我们的助听器以后…这就是真实效果; 王阿姨用了我们的理疗仪…这就是活生生的例子): 广告法 art. 16(1)(4)
    # forbids patients' testimony for medical devices and health effects; kept to texts about health goods
    # or conditions.
    matcher(
        "endorsement.testimonial",
        "(?:奶奶|爷爷|阿姨|大爷|大妈|叔叔|老人|老太太|老爷子|大姐|大哥|患者|病人|宝妈|粉丝|顾客|老客|用户)"
        "[^。！？!?]{0,50}?"
        "(?:(?:这就是|这才是|这是|就是)(?:最)?(?:真实的?|实实在在的|活生生的|真真切切的)?(?:效果|例子|案例|证明)"
        # Round 13: ...or thanks sent for it (现在理疗都不用去了，还给我们写了感谢信).
        "|感谢信|送了?锦旗|送来锦旗)",
        negatable=True,
        allowed=lambda text, m, facts: _HEALTH_GOODS.search(m.group()) is None,
        gate="效果|例子|案例|证明|感谢信|锦旗",
    ),
    # Media exposure as a seal of approval: 上过湖南卫视, 登上央视.
    matcher(
        "endorsement.authority",
        "(?:上过|登上|登过|亮相|上了)[^。！？!?，,]{0,4}?(?:卫视|央视|CCTV|电视台|新闻联播|春晚|电视)",
        allowed=lambda text, m, facts: _consult(text, m, facts) or _programme_only(text, m),
    ),
    # Round 13: someone's video or photo used without their consent (博主…的视频我剪进来了，没跟她打招呼): a
    # person's name or image in an advertisement needs their written consent (广告法 art. 33).
    matcher(
        "endorsement.authority",
        "(?:视频|照片|图片|截图)[^。！？!?]{0,6}?(?:剪进来|搬过来|搬来|拿来用|截过来|扒过来)"
        "|没(?:跟|和|给)(?:她|他|人家)(?:打招呼|打过招呼|商量|说过?)|未经(?:她|他|本人|授权)",
        allowed=lambda text, m, facts: (
            _AUTHORITY_RE.search(text, max(0, m.start() - 40), m.end() + 20) is None
        ),
        gate="剪进来|搬过来|搬来|拿来用|截过来|扒过来|打招呼|商量|未经",
    ),
]
