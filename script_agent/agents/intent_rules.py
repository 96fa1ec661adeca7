"""The rule tables the intent agent reads: patterns for kinds, scenes, events, style hints and references.

Kept apart from the agent so the vocabulary can grow without touching the resolution logic, and so
tests can reason about one table at a time.
"""

from __future__ import annotations

import re

from script_agent.domain.models import Scene

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
GENERATE_VERB = re.compile("写|来一段|生成|出一段|出个|做一段|准备一段")
QUERY = re.compile(
    "多少钱|什么价|价格是|价位|怎么用|如何使用|怎么吃|怎么穿|适合(?:什么|谁|哪些)|是什么|有什么(?:卖点|优点|特点|亮点)"
    "|哪里好|好不好|能不能|可以吗|吗[？?]?$|[？?]\\s*$"
)

SCENE_KEYWORDS: tuple[tuple[re.Pattern[str], Scene], ...] = (
    (re.compile("卖点|亮点|优势|好在哪"), Scene.SELLING_POINTS),
    (re.compile("开场|开播|暖场|欢迎"), Scene.OPENING),
    (re.compile("促销|逼单|催单|优惠|活动|下单|秒杀|福利|价格|多少钱|什么价"), Scene.PROMOTION),
    (re.compile("收尾|下播|结尾|结束|总结|谢幕"), Scene.CLOSING),
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

STYLE_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("活泼|热情|嗨|有激情|有感染力"), "更活泼"),
    (re.compile("正式|专业|严谨|稳重"), "更正式"),
    (re.compile("短一点|短一些|简短|精简|缩短|改短|短点|简洁"), "短一点"),
    (re.compile("长一点|长一些|详细|加长|扩写|改长|丰富一点"), "长一点"),
    (re.compile("幽默|搞笑|有趣|好玩"), "更幽默"),
    (re.compile("温柔|亲切|走心"), "更亲切"),
)

CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
NTH = re.compile("第\\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:段|个|版|条|篇)")
PREVIOUS = re.compile(
    "上一段|上一个|上一版|上一条|刚才那段|刚才的|刚刚那段|刚刚的|刚才这段|这段|那段|前面那段|上面那段"
)
BEFORE_PREVIOUS = re.compile("上上段|上上个|上上一段")
THIS_PRODUCT = re.compile("这款|这个(?:商品|产品)|这一款|它")


def cn_number(token: str) -> int | None:
    """'2' -> 2, '二' -> 2, '十二' -> 12, '二十' -> 20; None when it is not a small number."""
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if len(token) == 1:
        return CN_DIGITS.get(token)
    if token.startswith("十"):
        tail = CN_DIGITS.get(token[1:])
        return 10 + tail if tail else None
    head = CN_DIGITS.get(token[0])
    if head is None or token[1] != "十":
        return None
    tail = CN_DIGITS.get(token[2:], 0) if len(token) == 3 else 0
    return head * 10 + tail


def first_match(table: tuple[tuple[re.Pattern[str], object], ...], text: str) -> object | None:
    """The value of the pattern matching earliest in `text` (ties: table order)."""
    best: tuple[int, int, object] | None = None
    for order, (pattern, value) in enumerate(table):
        m = pattern.search(text)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, value)
    return best[2] if best else None
