"""The rule tables the intent agent reads: patterns for kinds, scenes, events, directives and references.

Kept apart from the agent so the vocabulary can grow without touching the resolution logic, and so
tests can reason about one table at a time.
"""

from __future__ import annotations

import re

from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.models import Scene
from script_agent.domain.numerals import small_number

CONTINUE = re.compile(
    "再来(?:一|1)?(?:段|个|版|条|遍)|再写(?:一|1)?(?:段|个|版|条)|换个说法|换种说法|换个写法|换一种说法"
    "|另外一个版本|另一个版本|再生成|再出一版|继续写|接着写"
)
MODIFY = re.compile(
    "改(?:短|长|得|成|一下|一改|为)|修改|调整|润色|精简|缩短|加长|扩写|重写|换个风格|换种风格|换一种风格"
    "|优化一下"
)
SWITCH = re.compile(
    "换成|换到|切换到|换(?:一|1)?(?:个|款)(?:商品|产品|货)?|换(?:商品|产品)|下一(?:个|款)(?:商品|产品)"
)
# 换个说法 / 换个风格 contain 换个 but are continue / modify, checked before SWITCH.
# 写得活泼一点 describes how it is written (an edit), it does not ask for a new script.
GENERATE_VERB = re.compile("写(?![得的])|来一段|生成|出一段|出个|做一段|准备一段")
QUERY = re.compile(
    "多少钱|什么价|价格是|价位|怎么用|如何使用|怎么吃|怎么穿|适合(?:什么|谁|哪些)|是什么|有什么(?:卖点|优点|特点|亮点)"
    "|哪里好|好不好|能不能|可以吗|吗[？?]?$|[？?]\\s*$"
)

# Scene names first; the weak words (讲讲, 介绍, 优惠 …) decide only when no scene is named, so
# 讲讲它的卖点 is a selling-points request although 讲讲 comes first.
SCENE_KEYWORDS: tuple[tuple[re.Pattern[str], Scene], ...] = (
    (re.compile("卖点|亮点|优势|好在哪"), Scene.SELLING_POINTS),
    (re.compile("开场|开个场|开播|暖场"), Scene.OPENING),
    (re.compile("促销|逼单|催单|秒杀"), Scene.PROMOTION),
    (re.compile("收尾|收个尾|下播|结尾|谢幕"), Scene.CLOSING),
    (re.compile("产品介绍|商品介绍"), Scene.PRODUCT_INTRO),
)
SCENE_WEAK: tuple[tuple[re.Pattern[str], Scene], ...] = (
    (re.compile("欢迎"), Scene.OPENING),
    (re.compile("优惠|活动|下单|福利|价格|多少钱|什么价"), Scene.PROMOTION),
    (re.compile("结束|总结"), Scene.CLOSING),
    (re.compile("介绍|讲解|讲讲|怎么用|是什么|适合"), Scene.PRODUCT_INTRO),
)

EVENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("双十一|双11"), "双十一"),
    (re.compile("双十二|双12"), "双12"),
    (re.compile("618|六一八"), "618"),
    (re.compile("年货节"), "年货节"),
    (re.compile("38节|三八节|女神节|妇女节"), "38节"),
    (re.compile("520"), "520"),
    (re.compile("七夕"), "七夕"),
    (re.compile("情人节"), "情人节"),
    (re.compile("春节|过年"), "春节"),
    (re.compile("中秋"), "中秋"),
    (re.compile("国庆"), "国庆"),
    (re.compile("开学季"), "开学季"),
    (re.compile("黑五|黑色星期五"), "黑五"),
    (re.compile("周年庆"), "周年庆"),
)

# (pattern, (kind, direction)): direction True means "more of it"; the scope reader decides whether
# the mention is asked for or refused (不要太正式 -> FORMAL, refused -> less formal).
DIRECTIVES: tuple[tuple[re.Pattern[str], object], ...] = (
    (
        re.compile(
            "长一点|长一些|长点|详细|加长|扩写|改长|丰富一点|丰富些|多说点|多讲点|展开讲|展开说|(?<=太)长|(?<=有点)长|(?<=那么)长"
        ),
        (K.LENGTH, True),
    ),
    (
        re.compile("短一点|短一些|短点|简短|精简|缩短|改短|简洁|(?<=太)短|(?<=有点)短|压缩"),
        (K.LENGTH, False),
    ),
    (re.compile("啰嗦|啰唆|拖沓|冗长|废话"), (K.LENGTH, None)),  # a complaint: shorter, however it is said
    (re.compile("正式|专业|严谨|稳重|官方|书面|严肃"), (K.FORMAL, True)),
    (re.compile("口语化|随意|接地气|轻松一点|轻松些|随性"), (K.FORMAL, False)),
    (re.compile("活泼|热情|嗨|有激情|有感染力|带劲|有活力|燃一点|热闹"), (K.LIVELY, True)),
    (re.compile("平静|冷静|克制|收着点|收敛|沉稳|安静一点"), (K.LIVELY, False)),
    (re.compile("幽默|搞笑|有趣|好玩|俏皮|段子"), (K.HUMOR, True)),
    (re.compile("温柔|亲切|走心|温暖|暖心|煽情"), (K.WARM, True)),
    (re.compile("互动|扣1|扣个1|提问|带动气氛|评论区|公屏"), (K.INTERACTION, True)),
    # Price words are every money part of the offer: the price itself, what comes free with it
    # (赠品 / 送的), and the discount mechanics (满减, 折扣, 券, 免息), so 赠品别提了 drops the offer too.
    (
        re.compile(
            "价格|价钱|多少钱|报价|优惠券|优惠|价位|几块钱|到手价|活动价|赠品|赠送|送的|满减|立减|折扣|打折|领券|免息|分期"
        ),
        (K.PRICE, True),
    ),
)
STYLE_KINDS = (K.LENGTH, K.FORMAL, K.LIVELY, K.HUMOR, K.WARM, K.INTERACTION)

# A focus is said with a verb of talking (只讲 / 着重说), of choosing (只挑 / 就选), or of placing
# the weight (重点放在…上 / 侧重于 / 重点是): each is followed by what to focus on.
FOCUS = re.compile(
    "(?:只|就|单独|重点|专门|主要|着重|侧重|集中)(?:讲|说|突出|聊|介绍|强调|写)(?:一下)?|多(?:讲讲|说说|聊聊|讲|说)"
    "|(?:只|就|单|专)(?:挑|拣|选)(?:出)?|(?:重点|重心|笔墨|篇幅|精力)(?:都)?(?:放在|放到|落在|集中在)|重点是"
    "|侧重(?:于|在)?|着重(?:于|在)?|集中(?:在|于)|主打|突出一下|突出|聚焦(?:在|于)?"
)
# After the focused words: the verb or locative that closes the phrase (只挑快充讲, 放在不拔干上).
FOCUS_TAIL = re.compile("(?:这块|这一块|方面|上面|上头|上)?(?:来讲|来说|来写|讲讲|说说|讲|说|聊|写|介绍)?$")
FOCUS_NTH = re.compile(
    "第\\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:个|条|点)?\\s*卖点|卖点\\s*([0-9])"
)
FOCUS_FILLER = re.compile("这个卖点|这一点|这个点|卖点|这一个|一下|就好|就行|就可以|吧|了|的部分|方面")

# Edits no writer here can honour without inventing facts or leaving the script's language.
UNSUPPORTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("英文|英语|日语|韩语|外语|翻译"), "话术只用中文口播，暂时不能改写成其他语言"),
    (re.compile("粤语|方言|东北话|四川话|上海话"), "暂时不能改写成方言"),
    (re.compile("销量|数据|好评率|复购率|排名"), "商品资料里没有这些数据，编出来会违反广告法"),
    (re.compile("明星|代言|同款|网红推荐"), "资料里没有代言或明星同款信息，不能凭空加上"),
    (re.compile("竞品|对比|比一比|比别家|吊打"), "不能拿竞品做对比，容易构成贬低他人商品"),
    (re.compile("原价|划线价|限量|最后几件|库存"), "资料里没有这些价格或库存信息，不能编造"),
)
GENERIC_REWRITE = re.compile("改一下|改改|改一改|重写|润色|优化|换个说法|换种说法|调整一下|修改一下")
AMBIGUOUS_CHANGE = re.compile("^(?:换一下|换个|换一个|换换|换掉|换了吧|换吧)[。！!]?$")

DURATION_S = re.compile("([0-9]{1,3}|[一二两三四五六七八九十]{1,3})\\s*(?:秒|s\\b)")
DURATION_MIN = re.compile("([0-9]{1,2}|[一二两三四五六七八九十半]{1,3})\\s*(?:分钟|分半钟|min)")

# 第N段 names a script; 第N个卖点 names a selling point (FOCUS_NTH), never a script.
NTH = re.compile("第\\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:段|个|版|条|篇)(?!\\s*卖点)")
PREVIOUS = re.compile(
    "上一段|上一个|上一版|上一条|刚才那段|刚才的|刚刚那段|刚刚的|刚才这段|这段|那段|前面那段|上面那段"
)
BEFORE_PREVIOUS = re.compile("上上段|上上个|上上一段")
THIS_PRODUCT = re.compile("这款|这个(?:商品|产品)|这一款|它")

cn_number = small_number  # re-exported: the intent slots read numbers through this module


def first_match(table: tuple[tuple[re.Pattern[str], object], ...], text: str) -> object | None:
    """The value of the pattern matching earliest in `text` (ties: table order)."""
    best: tuple[int, int, object] | None = None
    for order, (pattern, value) in enumerate(table):
        m = pattern.search(text)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, value)
    return best[2] if best else None
