"""Negation and contrast scope, read before any keyword table: which mentions are asked for, which refused.

Why first: keyword tables alone read 不要写得太正式 as 正式 and 写一段，别提价格 as a price (promotion)
request. Here every keyword hit gets a polarity from its clause: a negation cue before it (不要, 别,
不用, 不必, 去掉 …) flips it until the clause ends or a contrast turns it back (不是…而是…, 别…，要…);
太 + X is a complaint about too much X; 少一点 after a word asks for less of it; 不够 + X asks for more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CLAUSE_END = re.compile("[，,。.；;！!？?\n]|然后|并且|同时|但是|但|不过")
NEGATION = re.compile(
    # 特别 / 区别 / 分别 / 告别 are words of their own, not 别
    "不要|别再|(?<![特区分告性级类识派差])别(?![家人的处])|不用|不必|不需要|无需|不想|不能|去掉|删掉|删了|去了|拿掉|不提|少提|避免|千万别|甭|没必要"
    "|(?<!是)不是|不再|不(?=写|讲|说|聊|谈)|莫(?![名非过测])"
)
CONTRAST = re.compile("而是|改成|换成|改为|变成|只要|就要|我要|要")
TOO = ("太", "忒", "过于", "有点", "有些", "那么", "这么")
NOT_ENOUGH = ("不够", "不太够", "没什么", "没啥", "缺少", "缺乏", "缺点")
LESS_AFTER = re.compile(
    # the part named by its sentences (价格那几句删了 / 赠品那两句不要了) is that part
    "(?:信息|部分|的部分|的内容|内容|的话|东西|的东西|的事|的事情|(?:这|那)(?:一)?(?:部分|块|段|些|个|里)|这些|那些"
    "|(?:这|那)(?:一|几|两|三)?(?:句话|句|段话))?(?:了)?"
    "(?:(?:就|也|先|暂时|都|一句(?:都|也)|一个字(?:都|也))?(?:别|不要|不用|不必|不|莫)(?:再)?(?:说|提|讲|写|聊|出现)"
    # 互动不必那么频繁 / 别搞那么密: refusing the amount refuses the thing
    "|(?:也)?(?:不必|不用|不要|别|没必要)(?:搞|弄|整|搞得|弄得)?(?:太|那么|这么|特别)?(?:多|频繁|密|勤|满)"
    "|一句(?:都|也)(?:别|不要|不用|不)|只字不提|少一点|少一些|少点|少些|减少|弱一点|淡一点|少提|少说|就不要了|就不用了|不要了|不用了"
    "|就别说了|别说了|就别提了|别提了|就别讲了|别讲了|就不说了|不说了|就不提了|不提了|不讲了|就算了|算了|就免了|免了|去掉"
    "|删掉|删了|拿掉|砍了|不需要|没必要|别太多|不要太多|太多了|过多)"
)
# 少一点互动; also 少 + a causative verb before what the audience is asked to do (少叫大家扣1,
# 少让观众刷弹幕): fewer of those asks.
LESS_BEFORE = re.compile(
    "(?:少一点|少一些|少点|少些|减少|少用|少来|少说|少(?:说|讲|提|聊|写)(?:一)?(?:点|些)儿?"
    "|少(?:让|叫|喊|催|请|要求|引导)[^，,。；;！!？?]{0,4})$"
)


# 不是要更正经，而是要更燃: what is turned down is a proposal (more of X), not X itself, so X is
# neither asked for nor refused; same for 不是嫌长 (the complaint is not about length).
# 不是要你加长 / 不是让你写得更正式: the same proposal, put to the writer.
UNASKED = re.compile(
    "(?:不是|并不是|也不是|倒不是)(?:说)?(?:要|想|想要|嫌|觉得|让|叫)(?:你|您)?(?:写|改|弄|说|讲|搞)?(?:得)?"
    "(?:更|再|太|多|多么|那么|很)?$"
)
# What is said not to be the issue is neither asked for nor refused: 不是嗨不嗨的问题 / 跟热不热闹
# 没关系 / 长度无所谓; nor what is weighed and put aside (与其改短，不如…), nor what is to stay as it is
# (互动那块不用动 / 价格保持).
_OPEN = "[^，,。；;！!？?]*"
ASIDE: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(f"(?:不是|并不是|倒不是|不在于){_OPEN}$"), re.compile(f"^{_OPEN}?(?:的问题|的事)")),
    (re.compile(f"(?:跟|和|与){_OPEN}$"), re.compile(f"^{_OPEN}?(?:没(?:有|啥)?关系|无关)")),
    (re.compile(""), re.compile(f"^{_OPEN}?(?:无所谓|不重要|是其次|倒是其次|不是问题)")),
    (
        re.compile(""),
        re.compile(
            "^(?:那块|这块|那部分|这部分|部分|的部分)?(?:就|都|先|可以|也)?"
            "(?:(?:不用|不要|别|不必|无需|甭)(?:动|改|变|调)|保持|不变|维持)"
        ),
    ),
)
# 我自己写的太干了: a complaint about the host's own draft is why they ask, not a direction.
OWN_DRAFT = re.compile("^我(?:自己)?(?:写|弄|准备|想)的")
WEIGHED = re.compile("与其(?:(?!不如).)*$")


# Fast typing and dictation put a space where a comma goes (别堆参数了 说人话): a space ends the
# clause, unless what stands before it is a cue still waiting for its word (别 太长 / 重点说 续航 /
# 不要那么 正式).
_BREAK = re.compile(f"{CLAUSE_END.pattern}|\\s+")
_WAITING = re.compile(
    f"(?:{NEGATION.pattern})$"
    "|(?:太|忒|过于|有点|有些|那么|这么|不够|再|更|就|只|重点|讲|说|提|写|聊|搞|弄|整|得|把|给|让|要|也|都)$"
)
# A second ask after a negation has reached its word, in one unpunctuated run: 别那么官方你口语一点
# refuses 官方 and asks for 口语. It is said with a fresh start (你 / 要 / 就 …) or as X一点.
RESTART = re.compile("(?:你|您|要|就|得|再|改成|给我)[^，,。；;！!？?]{0,2}$")
COMPARATIVE = re.compile("一点|点儿|点|一些|些")
COMPARATIVE_END = re.compile("(?:一点|点儿|点|一些|些)$")  # the word itself says it (稳一点)


@lru_cache(maxsize=512)
def breaks(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every clause boundary: punctuation, a joining word, or a space ending a
    complete chunk."""
    out: list[tuple[int, int]] = []
    last = 0
    for m in _BREAK.finditer(text):
        if m.group(0).isspace():
            chunk = text[last : m.start()]
            if not chunk.strip() or _WAITING.search(chunk):
                continue
        out.append((m.start(), m.end()))
        last = m.end()
    return tuple(out)


@dataclass(frozen=True)
class Hit:
    """One keyword mention with its polarity: True asked for, False refused / asked for less."""

    start: int
    end: int
    value: object
    positive: bool


def _clause_start(text: str, at: int) -> int:
    starts = [end for start, end in breaks(text) if end <= at]
    return starts[-1] if starts else 0


def _clause_end(text: str, at: int, hard: bool = False) -> int:
    """The end of the clause from `at`; hard: at punctuation only, across spaces."""
    if hard:
        m = CLAUSE_END.search(text, at)
        return m.start() if m else len(text)
    ends = [start for start, _ in breaks(text) if start >= at]
    return ends[0] if ends else len(text)


def _a_not_a(head: str, at: int) -> bool:
    """能不能 / 要不要 / 用不用 ask a question, they do not negate: the same verb on both sides of 不."""
    return head[at] == "不" and 0 < at < len(head) - 1 and head[at - 1] == head[at + 1]


def _negation(head: str) -> int | None:
    """Where the negation cue in force in the clause so far starts: the last one not turned back
    by a later contrast (…而是 / …，要); None when there is none."""
    negations = [m for m in NEGATION.finditer(head) if not _a_not_a(head, m.start())]
    if not negations:
        return None
    spans = [(m.start(), m.end()) for m in negations]
    contrasts = [m for m in CONTRAST.finditer(head) if not any(a <= m.start() < b for a, b in spans)]
    if contrasts and contrasts[-1].start() > negations[-1].start():
        return None
    return negations[-1].start()


def _negated(head: str) -> bool:
    return _negation(head) is not None


def _tail(text: str, start: int, end: int) -> str:
    """What follows a mention in its clause; a bare topic before a space takes the comment after
    it when the comment is only about it (互动 少点 / 价格 别提了), not when the comment has its own
    object (卖点 不要提价钱)."""
    tail = text[end : _clause_end(text, end)]
    if tail.strip() or text[_clause_start(text, start) : start].strip():
        return tail
    after = text[end:].lstrip()
    comment = after[: _clause_end(after, 0)]
    less = LESS_AFTER.match(comment)
    return comment if less and not comment[less.end() :].strip("了吧啊呀哈嘛") else ""


def polarity(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is asked for (True) or refused / asked to be less (False)."""
    head = text[_clause_start(text, start) : start]
    tail = _tail(text, start, end)
    if head.endswith(NOT_ENOUGH) or head[:-1].endswith(NOT_ENOUGH):
        return True  # 不够活泼: asks for more of it
    if _negated(head):
        return False
    if head.endswith(TOO) or head[:-1].endswith(TOO) or LESS_BEFORE.search(head) is not None:
        return False  # 太正式了 / 少一点互动
    return not LESS_AFTER.match(tail)


def _aside(text: str, start: int, end: int) -> bool:
    """Said not to be the issue, weighed and put aside (与其X，不如Y: X), or kept as it is."""
    head = text[_clause_start(text, start) : start]
    tail = _tail(text, start, end)
    if WEIGHED.search(text[:start]) or OWN_DRAFT.match(head):
        return True
    return any(before.search(head) and after.match(tail) for before, after in ASIDE)


def hits(text: str, table: tuple[tuple[re.Pattern[str], object], ...]) -> list[Hit]:
    """Every non-overlapping hit of the table in reading order; longer matches win an overlap."""
    found = sorted(
        ((m.start(), m.end(), value) for pattern, value in table for m in pattern.finditer(text)),
        key=lambda h: (h[0], -(h[1] - h[0])),
    )
    out: list[Hit] = []
    last_end = -1
    spent: dict[int, int] = {}  # a negation cue's start -> the end of the mention it refused
    for start, end, value in found:
        if start < last_end:
            continue
        last_end = end
        clause = _clause_start(text, start)
        if UNASKED.search(text[clause:start]) or _aside(text, start, end):
            continue
        positive = polarity(text, start, end)
        cue = _negation(text[clause:start])
        if not positive and cue is not None:
            cue += clause
            if cue in spent and _asked_anew(text, spent[cue], start, end):
                positive = True
            spent.setdefault(cue, end)
        out.append(Hit(start, end, value, positive))
    return out


def _asked_anew(text: str, refused_end: int, start: int, end: int) -> bool:
    """别那么官方你口语一点: after the negation refused its word, a fresh start or X一点 asks anew."""
    between = text[refused_end:start]
    comparative = COMPARATIVE.match(text, end) is not None or COMPARATIVE_END.search(text, start, end)
    return bool(RESTART.search(between)) or bool(comparative)
