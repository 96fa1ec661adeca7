"""Round-14 shapes: words struck from a written script with no edit verb, and another client's or
stream's product named as the next one.

Why apart: a host, a 法务 or an agency reviewing a script seldom says 改: they strike what may not stay
(开头别喊家人们了 / “X”绝对不能出现 / “Y”也不行，换个不那么满的说法 / 嫑说成防水 / 这种词我们账号不用),
and that is an edit of the script of that scene, not a new one; the words to strike are the direction
the writer gets as said. An agency running several clients names the next product by the stream or
the client it belongs to (后面那场是X / 第三家，X / 另外我们还有款X / 扫地机那家要…), a switch though no
switch word is said.
"""

from __future__ import annotations

import re

from script_agent.agents import intent_rules as rules
from script_agent.agents.intent_category import opening_product, product_in_text
from script_agent.domain.session import Session

_Q_END = '[”"」』]'
# A line or word struck: quoted and refused (“X”绝对不能出现 / “X”也不行 / “X”别说了), an address not to
# call out (开头别喊X了 / 不太敢喊 / 换个叫法), a claim not to be said as (嫑说成防水 / 咋又写成最保暖),
# wording the account never uses (这种词我们账号不用 / 以后也别写), or a line judged unsayable then 改了.
STRUCK = re.compile(
    f"{_Q_END}[^，,。？?]{{0,6}}?(?:也不行|不行|绝对不能|不能(?:出现|有|用|说)|(?:别|不要|嫑|莫|甭)(?:再)?(?:说|用|提|写|喊)了)"
    "|(?:别|不要|嫑|莫|甭)(?:再)?(?:喊|叫)(?!价|卖)[^，,。？?]{1,10}?了"
    "|不(?:太)?敢(?:喊|叫)|换(?:个|种)(?:叫法|称呼|开头)"
    "|(?:别|不要|嫑|莫|甭)(?:再)?说成|又写成"
    "|(?:这种|这类|这样的)(?:词|话|说法)[^，,。]{0,8}?不用|以后(?:也)?(?:别|不要)(?:再)?(?:写|用)"
    "|不能这么(?:说|写|讲)[^，,。？?]{0,3}[，,。]\\s*(?:改|换|删)"
    # …能说吗 answered, then the line put in politely (把“我每天都吃”加进卖点吗 / 帮我加进去吗)
    f'|把[“"「『][^”"」』]{{1,20}}{_Q_END}(?:也)?(?:加|补|放|塞|写)(?:进|到|在)|帮我(?:加|补|放)进去'
    # “一天一充”前面加上“正常使用下”: words put beside a quoted line
    f'|{_Q_END}(?:前面|后面|前头|后头|前边|后边)(?:加上|加|补上|补)[“"「『]'
)
# The stream or client the next product belongs to: 后面那场是X / 再下一场是X / 晚上那场卖X / 第三家，X /
# 另一家X的 / 下一个品是X / 另外我们还有款X / 我家还卖X / 额屋里人还卖X.
NEXT_STREAM = re.compile(
    "(?:后面|下一|再下一|晚上|下午|明天|今晚|等会儿?)(?:那|一)?场(?:是|卖|播|上)?"
    "|第[二三四五六七八九]家(?:是)?(?:做)?(?:的)?|另(?:一|外一)?家(?:是)?(?:做)?(?:的)?"
    "|下一个品(?:是)?|还有(?:一)?款|(?:家|里人|我们)还(?:卖|有|做)(?:一)?(?:款|个|件)?"
)
# 不是保温杯，是吸管杯: the product just named, put right (who it is for still holds, intent_product).
PRODUCT_CORRECTED = re.compile("^(?:不对[，,]?\\s*)?不是([^，,。]{1,10})[，,]\\s*(?:而)?是")
# 扫地机器人那家要产品介绍 / 湿巾那家也要开场: the client named by its product, opening the turn.
CLIENT_NAMED = re.compile("^([^，,。！!？?\\s]{2,12}?)那家")


def struck(query: str, session: Session) -> bool:
    """Words struck from a script of the scene already written (the one named outside the quoted
    words, since “秒杀同价位” quotes a claim and names no promotion; else the last one)."""
    if not session.scripts or STRUCK.search(query) is None:
        return False
    scene = rules.first_match(rules.SCENE_KEYWORDS, rules.QUOTED.sub("", query))
    return scene is None or any(s.scene is scene for s in session.scripts)


def _other(found: tuple[str, str] | None, in_play: list[str]) -> bool:
    return found is not None and not any(found[0] in n or n in found[0] for n in in_play)


def next_stream(query: str, session: Session, sent: str | None) -> bool:
    """后面那场是X / 第三家，X / 扫地机那家要…: a product not in play, named as the next stream's or
    client's (the product in play named so, 口红那家, goes on with it)."""
    in_play = [n for n in (sent, session.product.name if session.product else None) if n]
    for m in NEXT_STREAM.finditer(query):
        rest = query[m.end() :].lstrip("，, ")
        if _other(opening_product(rest) or _after_modifier(rest), in_play):
            return True
    if _named_first(query, session, in_play):
        return True
    put_right = PRODUCT_CORRECTED.match(query)  # 不是保温杯，是吸管杯: the product just named, put right
    if put_right and any(put_right.group(1) in n for n in in_play):
        return _other(product_in_text(query[put_right.end() :]), in_play)
    client = CLIENT_NAMED.match(query)
    if client is None or not _other(product_in_text(client.group(1)), in_play):
        return False
    # 湿巾那家 after scripts of it were written goes back to it, which the rules read as an edit
    return not any(
        client.group(1) in s.product_name or s.product_name in client.group(1) for s in session.scripts
    )


def _named_first(query: str, session: Session, in_play: list[str]) -> bool:
    """蓝牙耳机写个促销: a product not in play nor written for, opening a request for a script."""
    found = opening_product(query)
    if found is None or not in_play or not _other(found, in_play):
        return False
    rest = query[query.find(found[0]) + len(found[0]) :]  # 蓝牙耳机 opens with its keyword 耳机
    if not WRITE_ASK.match(rest):
        return False
    return not any(found[0] in s.product_name or s.product_name in found[0] for s in session.scripts)


# 写个促销 / 也来段开场 / 的卖点写一下 right after the product: a script asked for it
WRITE_ASK = re.compile("^\\s*(?:的|也|再)?\\s*(?:写|来|整|弄|出)(?:一|个|段|条|份)")


def _after_modifier(rest: str) -> tuple[str, str] | None:
    """北纬的短款羽绒服 / 果仁铺的每日坚果: a brand with 的, or a cut, before the product; after a
    stream or client word the product may sit anywhere in its clause."""
    return product_in_text(re.split("[，,。！!？?]", rest, maxsplit=1)[0])


# Questions asked of what is being written, in words the may-it-be-said table lacks: leave to call a
# claim out or keep it (能喊“X”吗 / 这个能保留吗 / 算不算功效宣称), a quoted claim weighed (“X”呢，我估计悬),
# leave to leave a scene out (我可以不写促销吗), and the tool asked about mid-session (之前的版本还在吗 /
# 能直接配个音不 / 能不能帮我看看我自己写的稿子 / 有没有次数限制 / 一次能记住几个产品).
CLAIM_ASK = re.compile(
    '(?:能|可以|能不能|可不可以)(?:直接)?(?:喊|保留|留着)(?=[“"「『]|吗|不|么|[？?]|$)|功效宣称|绝对化(?:用语)?(?:吗|么)'
    # “X”这个说法直播里能用吗: a wording's use (这个色号黄皮能用吗 asks of the product)
    f"|(?:说法|表述|词|{_Q_END})[^，,。？?]{{0,8}}(?:能|可以)(?:直接)?用(?:吗|不|么)"
    f"|{_Q_END}(?:这种|这个)?(?:说法|表述|词)?呢[，,？?]?\\s*(?:我(?:估计|觉得|看|猜)[^，,。]{{0,4}})?$"
    "|(?:可以|能)不写[^，,。？?]{1,6}(?:吗|么)"
    # 促销里能用“限时”吗 / 送的是同色系的对吧？/ 你有没有写“补脑”之类的？: a wording or a fact checked
    f'|(?:能|可以)(?:直接)?用(?=[“"「『])|(?:对吧|是吧|对不对|没错吧)[？?]|你有没有写[^，,。？?]{{1,16}}[？?]'
)
TOOL_IN_FORCE = re.compile(
    "(?:之前|以前|刚才)的?(?:版本|稿子|那些)[^，,。？?]{0,3}(?:还在|会不会(?:弄)?丢)"
    "|(?:能|可以|能不能)(?:直接)?(?:给我|帮我)?(?:配(?:个)?音|生成视频|做(?:成)?视频|出视频)"
    "|(?:能不能|能否|可不可以|能)[^，,。？?]{0,6}(?:看看|看一下|把把关|挑挑毛病)[^，,。？?]{0,10}(?:自己写|写的)的?(?:稿|话术)"
    "|次数限制|(?:能|可以)(?:同时)?记住几个|会不会(?:弄)?丢|(?:能否|能不能|可以|可不可以)代写"
    "|(?:你|您)能写(?:那种|这种)[^，,。？?]{1,10}(?:吗|么|不)"
    # 收尾一般需要写吗: whether a scene is written at all, asked
    "|(?:一般|通常)?(?:需要|需不需要|有必要|用不用)写(?:吗|么|不)"
)
# 过敏先试用那句，放开场还是收尾好？: which scene a line belongs in, asked while writing the one in force.
WHICH_SCENE = re.compile(
    "放(?:在)?(?:开场|开头|卖点|介绍|促销|收尾|结尾)还是(?:放)?(?:在)?(?:开场|开头|卖点|介绍|促销|收尾|结尾)"
)


def asked_in_force(query: str) -> bool:
    """A question of what is being written (a claim, a scene left out, the tool, a line's place)."""
    return any(p.search(query) for p in (CLAIM_ASK, TOOL_IN_FORCE, WHICH_SCENE))
