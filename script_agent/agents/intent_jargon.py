"""Trade jargon, plain village words, numbered scripts and self-corrections, read into the tables' words.

Why a step of its own (after intent_register): an agency 运营 numbers the scripts it stores (3号 is
the third written), a veteran host speaks the trade's jargon (憋单 is a promotion that holds stock
back, 扣“想要” asks the room to type, 过款 moves on to the next product), an older host names scenes
by what they do (打招呼的那段话 is the opening, 讲好处的 the selling points, 道别 the closing), and
anyone corrects themselves mid-sentence (哦不对 / 算了还是 / 不对不对: the last said wins). Mapping
these onto words the tables know keeps one vocabulary in the tables; the writer still gets the
utterance as said.
"""

from __future__ import annotations

import re

from script_agent.agents import intent_rules as rules
from script_agent.agents.intent_category import product_in_text
from script_agent.agents.intent_rewrite import rewrite

_OPEN = "(?:^|(?<=[\\s，,。！!？?；;：:]))"
# 3号 / 10号 opening a clause name a stored script (11月3号 is a date: a digit precedes it there).
NUMBERED = re.compile(_OPEN + "([0-9]{1,2}|[一二三四五六七八九十]{1,3})号(?![码楼线机位])")
# The words of the trade and of plain speech, each with the table word it means.
WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    # 场控 scene names: 讲品 tells of the product, 塑品 builds its selling points, 开价 reveals the
    # price (the promotion), and a clause-opening 收 (收，逼单…) is the closing the push ends in.
    (re.compile("讲品(?:的)?(?=那|这|$|[，,。！!？?\\s]|再|也|改|太|写|讲|部分|话术)"), "产品介绍"),
    (re.compile("塑品(?:的)?"), "卖点"),
    (re.compile("(?:^|(?<=[，,。！!\\s]))开价(?=$|[，,。！!\\s])"), "促销"),
    (re.compile("^收[，,\\s]+(?:逼单|催单)?"), "收尾，"),
    # 价儿 (天津) is the price; 客套话 padding to cut; 口气急一点 / 节奏再快点 / 没情绪 ask for energy
    (re.compile("价儿"), "价格"),
    (re.compile("(?:那么多|太多|一堆)?客套话"), "太多废话"),
    (
        re.compile("(?<=口气|语气|节奏)(?:再)?急(?=一点|点|些)|(?<=节奏)(?:再|更)?(?:快|紧凑)(?=一点|点|些)"),
        "更带劲",
    ),
    (re.compile("没(?:有)?情绪"), "太平淡"),
    # 扣“想要” / 让大家扣个“冷”: the room types a word, which is interaction, not the word's tone
    (re.compile('扣(?:个)?[“"「『][^”"」』]{1,8}[”"」』]'), "扣字"),
    (re.compile("(?:(?<=让人)|(?<=大家)|(?<=观众)|(?<=一直)|(?<=老))扣(?=$|[\\s，,。！!？?])"), "扣字"),
    (re.compile("(?:少|别)(?:整|弄|来|搞|放)(?:点|些)"), "少一点"),
    # 憋单's stock held back and let go is the tactic, not stock figures asked to be quoted
    (re.compile("(?:再)?放库存|库存(?:先)?(?:不|别)放|放出库存"), "放单"),
    (re.compile("开玩笑|抖机灵"), "段子"),
    (re.compile("(?<=气氛)给我(?=拉满|搞起来|整起来)"), ""),
    # 快充那个点单独拎出来 / 快充为主: the point named before is the focus
    (re.compile("([^，,。\\s]{1,8}?)(?:那个点|这个点|这点)?单独拎出来"), "单独讲\\1"),
    (re.compile("([^，,。\\s]{1,8}?)为主(?=$|[，,。！!])"), "主打\\1"),
    # 卖点讲显白 / …，讲高刷: a bare 讲 + a short topic closing the clause is the point to dwell on
    (
        re.compile(
            "(?:^|(?<=[，,\\s])|(?<=卖点)|(?<=还是))(?<!讲)讲(?!讲|完|清楚|明白|好|得|不|产品|商品)"
            "(?=[\u4e00-\u9fff]{2,4}(?:$|[，,。！!])|(?![^，,。]*[那这])[\u4e00-\u9fff]{5,6}(?:$|[，,。！!]))"
        ),
        "主打",
    ),
    (re.compile("换(?:成)?那个(?=[\u4e00-\u9fff])"), "换成"),
    # polite requests: 也想要一个 asks for one; a closing 可以吗 / 好吗 asks leave, not a question
    (re.compile("(?:也)?想要一(?:个|段|条)"), "写一段"),
    (re.compile('(?<![”"」』])[，,]?\\s*(?:可以吗|好吗|行吗|行不行|可不可以)[？?]?$'), ""),
    (re.compile("有(?:什么|啥)区别|区别是(?:什么|啥)"), "是什么"),
    (re.compile("(?:打招呼|问好|问个好|打个招呼)(?:的)?(?:那段话|那段|的话)?"), "开场"),
    (re.compile("(?:道别|说再见|告别)(?:的)?(?:那段话|那段|的话)?"), "收尾"),
    (re.compile("讲(?:讲)?(?:[\u4e00-\u9fff]{0,4}?)好处(?:的)?"), "卖点"),
    # 文绉绉 is itself a complaint of bookishness: less formal, with or without 太
    (re.compile("(?<=[太忒])文绉绉|(?<=[太忒])文(?=了|$|[，,])"), "书面"),
    (re.compile("文绉绉|拽词儿?"), "太书面"),
    (re.compile("急吼吼|(?<=那么)急|(?<=太)急|(?<=[那这]么)赶|(?<=[太忒])赶|(?<=有点)赶"), "躁"),
    (re.compile("(?<!我要)(?<!我会)(?<!我)(?:慢慢(?:说|讲|来)|慢点(?:说|讲))"), "稳一点"),
    (re.compile("不够劲"), "不够带劲"),
    (re.compile("(?:说|念|用)的?词儿|词儿"), "话术"),
    (re.compile("单独拎出来"), "单独讲"),
)
# 过款 / 过下一个 / 下一个吧 naming none move on to an unnamed product: asked which.
NEXT_UNNAMED = re.compile("过款(?:过款)?|(?:过)?下一(?:个|款)(?=$|吧|了|[，,。！!\\s])")
NEXT_NAMED = re.compile("下一(?:个|款|件)(?:品)?(?:是)?([^，,。！!？?\\s]{1,8})")  # 下一个品是X names X
# 辣椒酱也想一块卖: another product joins the stream, named before 也.
ALSO_SELL = re.compile("([^，,。！!？?\\s]{1,12}?)也(?:想|要)?(?:一块|一起|顺便|顺带)(?:卖|带|播)")
# 与其一直喊便宜，不如…: the offer weighed and put aside is the price refused.
WEIGHED_PRICE = re.compile(
    "与其(?:一直|老是?|总是?|光)?(?:喊|报|念|说|讲|提)?[^，,。]{0,3}?(?:便宜|价格?|优惠|划算|实惠)"
)
# 不是要你加长，是要更燃: a contrast said without 而.
CONTRAST = re.compile("(不是[^，,。]{1,10}[，,])\\s*是(?=要|想)")
CORRECTION = re.compile(
    "(?:哦|噢|啊)?不对不对|(?:哦|噢)不对|(?:哦|噢)不(?=[，,、…\\s])|(?<![感觉味道])不对(?=[，,、…])"
    "|说错了(?=[，,、…])|算了[，,]?(?=还是)"
)
_SLOT_TABLES: tuple[tuple[re.Pattern[str], ...], ...] = (
    tuple(p for p, _ in rules.SCENE_KEYWORDS),
    tuple(p for p, _ in rules.EVENTS),
    (rules.DURATION_S, rules.DURATION_MIN),
    tuple(p for p, _ in rules.DIRECTIVES),
)


def _next_product(text: str) -> str:
    text = NEXT_UNNAMED.sub("下一款商品", text)
    named = NEXT_NAMED.search(text)
    if named and product_in_text(named.group(1)) is not None:
        text = text[: named.start()] + "换成" + named.group(1) + text[named.end() :]
    also = ALSO_SELL.search(text)
    if also and product_in_text(also.group(1)) is not None:
        text = text[: also.start()] + "换成" + also.group(1) + text[also.end() :]
    return text


def corrected(text: str) -> str:
    """哦不对 / 算了还是: what is said after the last correction replaces, slot by slot, what was
    said before it (the scene, the event, the time, the tone); the rest of the earlier words stay."""
    marks = list(CORRECTION.finditer(text))
    if not marks:
        return text
    last = marks[-1]
    before, after = text[: last.start()], text[last.end() :]
    for table in _SLOT_TABLES:
        if any(p.search(after) for p in table):
            for p in table:
                before = p.sub("", before)
    return before + text[last.start() : last.end()] + after


def plain(text: str) -> str:
    """The utterance with jargon, plain words, numbered scripts and self-corrections read as the
    tables' words (text already through intent_register.normalized)."""
    text = NUMBERED.sub(lambda m: f"第{m.group(1)}段", text)
    text = rewrite(text, WORDS)
    text = WEIGHED_PRICE.sub("不提价格，与其", text)
    text = CONTRAST.sub(lambda m: m.group(1) + "而是", text)
    return corrected(_next_product(text))
