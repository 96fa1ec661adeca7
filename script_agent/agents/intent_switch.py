"""Whether a turn moves to another product when no switch word (换成, 下一个品) says so.

Why apart: the switch words are a table (intent_rules.SWITCH), but in fast typing and dictation a
switch is often said by the product alone: as the answer to 想换成哪款商品呢 (那就收纳箱吧), right
after a bare 换 (换坚果 也写卖点), or named first with 一样 for the same treatment (耳机 一样写卖点).
Each needs the session (which product is in play, what was just asked), not only the sentence.
"""

from __future__ import annotations

import re

from script_agent.agents.intent_category import opening_product
from script_agent.agents.intent_lines import MOVE_TO, NEXT_PRODUCT
from script_agent.agents.intent_rules import SWITCH as SWITCH_WORD
from script_agent.domain.intent import IntentKind
from script_agent.domain.session import Session

# 换 straight before a product name (换坚果 / 换 音箱), or with the selling verb (换卖围巾 / 换去播四件套 /
# 改卖防晒霜 / 再换，推咸鸭蛋); 重点换成 moves the focus, not the product.
SWAP = re.compile(
    "(?<!重点|重心|主角|核心)(?:换(?:成|到|为|去)?|改(?=卖|推|播))\\s*(?:[，,]\\s*)?(?:去)?(?:卖|推|播|带)?\\s*"
)
# 耳机 一样写卖点 / 奶瓶也一样: the same as before, for the product named first.
SAME_AGAIN = re.compile("\\s*(?:也|都)?(?:一样|同样|照样|照着)|\\s*也(?:要|写|来|整|出)")
# An answer opens with the product (那就收纳箱吧 / 香水吧 / 四件套吧 写个介绍); a request that opens
# with its verb (推一款吸管杯) asks for a script of it, as before the question.
ANSWER_OPENER = re.compile("^(?:那就|那|就是|就|还是|好|行|嗯|换成)*\\s*")


def _asked_which(session: Session) -> bool:
    """The last reply asked which product to switch to: a switch turn whose trace wrote no script."""
    if len(session.turns) < 2:
        return False
    user, reply = session.turns[-2], session.turns[-1]
    trace = (reply.intent or "").removeprefix("trace:")
    if user.role != "user" or reply.role != "assistant" or user.intent != IntentKind.SWITCH_PRODUCT.value:
        return False
    return bool(trace) and not any(s.trace_id == trace for s in session.scripts)


def _swapped_to(query: str) -> bool:
    """换坚果 也写卖点: 换 with a product name right after it."""
    return any(opening_product(GLOSS.sub("", query[m.end() :])) is not None for m in SWAP.finditer(query))


def _named_first_again(query: str, session: Session) -> bool:
    """耳机 一样写卖点: another product than the one in play, named first, then 一样."""
    found = opening_product(query)
    if found is None or session.product is None or found[0] in session.product.name:
        return False
    return SAME_AGAIN.match(query, query.find(found[0]) + len(found[0])) is not None


def _answers_which(query: str, session: Session) -> bool:
    """那就收纳箱吧 after 想换成哪款商品呢: the product the switch asked for, named first."""
    if not _asked_which(session):
        return False
    rest = query[ANSWER_OPENER.match(query).end() :]  # type: ignore[union-attr]  # all-optional
    return opening_product(rest) is not None


def switch_tail(query: str) -> str:
    """The query from its switch word on (湿巾搞定，换成卖香薰 / 面膜讲完了，换卖羊毛袜): the product
    named there is the new one, the one done with is named before it."""
    at = [m.start() for m in SWITCH_WORD.finditer(query)]
    at += [m.start() for m in SWAP.finditer(query) if opening_product(query[m.end() :]) is not None]
    at += [m.end() for m in NEXT_PRODUCT.finditer(query) if opening_product(_named_part(query[m.end() :]))]
    at += [m.end() for m in MOVE_TO.finditer(query) if opening_product(_named_part(query[m.end() :]))]
    return query[min(at) :] if at else query


def switched_by_name(query: str, session: Session) -> bool:
    """A product said as a switch: answering which one, after a bare 换, or named first with 一样
    (the caller has ruled out a question: 口红宣传里能说显白吗 asks, it does not switch)."""
    return _swapped_to(query) or _named_first_again(query, session) or _answers_which(query, session)


# 还带自家种的脐橙 / 还卖自己做的腊肉: a short modifier with 的 before the name; baby lotion 婴儿润肤乳:
# an English gloss before it.
MODIFIER = re.compile("^\\s*(?:[\u4e00-\u9fff]{1,6}的)?")
GLOSS = re.compile("^\\s*[A-Za-z][A-Za-z\\s]*")


def _named_part(rest: str) -> str:
    """The words after a switch or next-product word, from where the product name starts."""
    rest = GLOSS.sub("", rest)
    with_modifier = MODIFIER.sub("", rest, count=1)
    return (
        with_modifier
        if opening_product(with_modifier) and not opening_product(rest.lstrip())
        else rest.lstrip()
    )


def named_next(query: str, session: Session, sent: str | None) -> bool:
    """再来个蓝牙音箱，写卖点 / 接着上婴儿湿巾 / 轮到雪地靴了: the next product, named after a word
    of going on, not the one in play (再来个开场 names a script, 再来个手机的 the product in play)."""
    in_play = [n for n in (sent, session.product.name if session.product else None) if n]
    moves = list(MOVE_TO.finditer(query)) if in_play else []  # 切到X moves from one in play
    for m in [*NEXT_PRODUCT.finditer(query), *moves]:
        found = opening_product(_named_part(query[m.end() :]))
        if found is not None and not any(found[0] in n or n in found[0] for n in in_play):
            return True
    return False
