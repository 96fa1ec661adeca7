"""Which product a query names, and its category, when the word is not in the keyword table.

Why by head: a Chinese product name is head-final — 乳胶枕 is a kind of 枕, 记忆棉靠垫 a kind of 垫,
保温杯 a kind of 杯 — so the last morpheme of the noun phrase says what the thing is, whatever
its material or brand words before it. One table of heads per category covers the many products
no list of whole names can (a new name needs no new entry when its head is known). A modifier that
names the user of the thing (宝宝, 婴儿, 孕妇) outranks the head: 宝宝爬行垫 is sold as 母婴,
not 家居. The listed keywords (knowledge.CATEGORY_KEYWORDS) still win when present: they are exact.

Pure and instant: a regex over the query, no model, no I/O.
"""

from __future__ import annotations

import re

from script_agent.domain import knowledge

# Heads (the last morpheme of a product noun) per category, longest first when compiled. Heads that
# are also common non-product words (面 in 前面, 干 in 不拔干, 包 in 红包, 装 in 混合装) are left
# out or only taken in a longer form (面条, 肉干, 背包).
HEADS: dict[str, tuple[str, ...]] = {
    "家居": (
        "枕", "被", "褥", "床垫", "床单", "床笠", "凉席", "毯", "垫", "锅", "碗", "盘子", "杯", "壶",
        "筷", "菜刀", "砧板", "盆", "衣架", "置物架", "收纳盒", "收纳箱", "柜", "椅", "凳", "桌",
        "沙发", "窗帘", "台灯", "灯", "香薰", "蜡烛", "浴巾", "牙刷", "吸尘器", "加湿器", "净化器",
        "电饭煲", "烤箱", "微波炉", "破壁机", "料理机", "洗碗机", "榨汁机", "晾衣", "马桶", "花瓶",
        "茶具", "洗衣液", "洗洁精", "消毒液", "洗手液", "柔顺剂", "凝珠", "清洁剂", "眼罩", "门锁", "拖鞋",
    ),
    "数码": (
        "耳机", "音箱", "音响", "喇叭", "显示器", "投影仪", "路由器", "手柄", "手环", "硬盘", "U盘", "键盘",
        "鼠标", "数据线", "充电线", "相机", "镜头", "摄像头", "无人机", "平板", "游戏机", "电脑",
        "充电器", "充电宝", "读卡器", "麦克风", "话筒", "电子书", "学习机", "手表",
    ),
    "美妆": (
        "霜", "乳", "精华液", "精华水", "化妆水", "花露水", "露", "膏", "粉饼", "散粉", "蜜粉", "眉笔",
        "眼线笔", "眼线", "唇彩", "精油", "卸妆油", "面膜", "香氛", "发膜", "洗发水", "美容仪", "喷雾",
        "卷发棒", "护发素",
    ),
    "食品": (
        "糖", "茶", "饼", "糕", "酥", "肉干", "果干", "鱼干", "米", "面条", "挂面", "拉面", "粥", "酱",
        "醋", "蜂蜜", "枣", "梨", "橙", "柚", "莓", "酒", "饮料", "果汁", "汁", "饺子", "水饺", "包子",
        "汤圆", "香肠", "火腿", "牛排", "虾", "蟹", "燕麦", "麦片", "奶茶", "燕窝", "酸辣粉", "米粉",
        "米线", "粉条", "罐头", "茶饮", "饮品", "腊肠", "腊肉", "铁观音",
    ),
    "服饰": (
        "衣", "裤", "裙", "衫", "袄", "鞋", "靴", "袜", "帽", "围巾", "手套", "背包", "挎包", "钱包",
        "手提包", "书包", "腰带", "皮带", "领带", "西装", "马甲", "夹克", "丝巾", "披肩", "睡袍",
    ),
    "母婴": (
        "尿裤", "尿布", "奶嘴", "辅食", "安抚巾", "口水巾", "学步车", "婴儿车", "推车", "吸奶器", "孕妇装",
        "安全座椅", "玩具", "积木", "绘本", "童书",
    ),
}  # fmt: skip
# Who the thing is for: when the phrase names a baby or a mother-to-be, it is sold as 母婴.
AUDIENCE: dict[str, str] = {
    "宝宝": "母婴", "婴": "母婴", "幼儿": "母婴", "儿童": "母婴", "孕": "母婴", "新生儿": "母婴",
}  # fmt: skip
# Phrases that end in a head but name no product: a set-up (铺垫), a verb (透露, 喝茶, 开灯).
NOT_PRODUCTS = frozenset(("铺垫", "透露", "暴露", "流露", "揭露", "喝茶", "喝酒", "干杯", "开灯", "关灯"))
# 无糖 / 低糖 / 零糖 say how much of a thing there is: a property of a product, not a product.
_AMOUNT = set("无低零减控含少多高")

_HEAD_CATEGORY: dict[str, str] = {h: c for c, heads in HEADS.items() for h in heads}
# Tried at every position (a lookahead), so 晾衣 failing in 折叠晾衣架 still lets 衣架 be tried.
_HEAD = re.compile("(?=(" + "|".join(sorted(map(re.escape, _HEAD_CATEGORY), key=len, reverse=True)) + "))")
# Who it is for, said anywhere in the request (推一款吸管杯，宝宝用的).
_FOR_BABY = re.compile("(?:宝宝|婴儿|婴幼儿|儿童|孩子|小朋友|孕妇|新生儿)(?:专用|用|吃|穿|喝)")
# A product phrase is a run of letters and CJK characters that stops at these: verbs, measure
# words and particles that surround a product name in a request (给一款X写, X的开场, 是X，也…),
# or at a word for the script itself glued to the name (羊毛衫开场, 手机支架介绍); 回 ends 换回 / 切回.
_STOP = set(
    "的写给款个双件台支瓶盒只张套是也把为帮我你他她它们这那一来段讲说聊推卖上换成吧了呢啊和与及跟或回就"
    "，。！？、,.!?;；：: 　"
)
_SCRIPT_WORD = re.compile("开场|开播|介绍|卖点|促销|收尾|话术|文案|直播")
_PHRASE_MAX = 10
_MEASURE = set("款个双件台支瓶盒只张套条")
# Accessories are sold with the device they serve: 手机支架, 鼠标垫, 耳机套 stay 数码.
ACCESSORY_OF = frozenset(("数码",))


def _ends_phrase(text: str, at: int) -> bool:
    return at >= len(text) or text[at] in _STOP or _SCRIPT_WORD.match(text, at) is not None


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen text[start:end] to the whole product phrase around it (a head may hold a stop: 面条)."""
    while start > 0 and end - start < _PHRASE_MAX and text[start - 1] not in _STOP:
        start -= 1
    grown = end
    while grown - start < _PHRASE_MAX and not _ends_phrase(text, grown):
        grown += 1
    if grown < len(text) and text[grown] in _MEASURE:  # 坚果礼|盒: a measure word cut the name
        grown = end
    return start, grown


def _with_suffix(text: str, end: int) -> int:
    """袜子 / 杯子 / 罐头: a noun suffix after the head belongs to it."""
    return end + 1 if end < len(text) and text[end] in "子头儿" else end


def _head_hit(text: str, min_len: int) -> tuple[int, int, str] | None:
    """(start, end, category) of the first phrase whose last morpheme is a known head."""
    for m in _HEAD.finditer(text):
        head_start, head_end = m.start(1), m.end(1)
        end = _with_suffix(text, head_end)
        if not _ends_phrase(text, end):
            continue
        start, _ = _span(text, head_start, end)
        phrase = text[start:end]
        if len(phrase) < max(2, min_len) or phrase in NOT_PRODUCTS:  # a bare 杯 / 衣 is no name
            continue
        if head_end - head_start == 1 and head_start > 0 and text[head_start - 1] in _AMOUNT:
            continue
        category = next((c for word, c in AUDIENCE.items() if word in phrase), _HEAD_CATEGORY[m.group(1)])
        category = "母婴" if _FOR_BABY.search(text) else category
        return start, end, category
    return None


def product_by_head(text: str, min_len: int = 2) -> tuple[str, str] | None:
    """(product phrase, category) read from the first phrase whose last morpheme is a known head;
    min_len: the shortest phrase taken (3 when a product is already in play: 靠垫 may be an aside,
    记忆棉靠垫 is a product)."""
    hit = _head_hit(text, min_len)
    return (text[hit[0] : hit[1]], hit[2]) if hit else None


# The phone as the medium (在手机上说的词儿 / 手机上看着累): where the script is read, no product.
MEDIUM = re.compile("(?:在|用|拿)手机(?:上|里)?(?=说|播|看|念|直播|读|话术)|手机上(?=看|说|播|念|读)")


def without_medium(text: str) -> str:
    """The text with the medium phrase blanked (same length, so positions hold)."""
    return MEDIUM.sub(lambda m: "，" * len(m.group(0)), text)


def product_in_text(text: str, min_len: int = 2) -> tuple[str, str] | None:
    """A listed keyword with its category, unless it only modifies a head of its own (咖啡杯 is a
    cup, 儿童保温杯 a child's cup: the phrase, named by head and user); else the head's phrase."""
    text = without_medium(text)
    listed = knowledge.keyword_in_text(text)
    head = _head_hit(text, min_len)
    if listed is None:
        return (text[head[0] : head[1]], head[2]) if head else None
    at = text.lower().find(listed[0].lower())
    start, end = _span(text, at, at + len(listed[0]))
    if head is not None and start <= head[0] < end and head[1] > at + len(listed[0]):
        category = listed[1] if listed[1] in ACCESSORY_OF else head[2]
        return text[start : head[1]], category
    # The listed word alone names it: the words before it may be a brand or may be chatter (我们家).
    return listed[0], next((c for word, c in AUDIENCE.items() if word in listed[0]), listed[1])


def opening_product(text: str) -> tuple[str, str] | None:
    """The product a text opens with (蓝牙音箱 也写 / 保温杯吧), before any verb or measure word:
    推一款保温杯 opens with its verb, so it opens with no product."""
    found = product_in_text(text)
    if found is None:
        return None
    at = text.find(found[0])
    return found if at >= 0 and not any(c in _STOP for c in text[:at]) else None
