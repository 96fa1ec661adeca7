"""Slots read from one utterance, scope first: scene, directives with polarity, focus, duration.

Kept apart from the agent so the resolution logic (kind, product, reference, session) stays about
the conversation, and this module about the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from script_agent.agents import intent_rules as rules
from script_agent.agents.intent_scope import NEGATION, breaks, hits, polarity
from script_agent.agents.intent_unsupported import UNSUPPORTED
from script_agent.domain.intent import Directive, DirectiveKind
from script_agent.domain.models import Scene

K = DirectiveKind


@dataclass
class Slots:
    scene: Scene | None = None
    refused_scenes: set[Scene] = field(default_factory=set)
    named_scene: bool = False  # named by a scene word (卖点, 收尾), not only implied (讲讲, 优惠)
    judged: Scene | None = None  # the scene of a verdict (开场可以，…), when no other scene is asked
    directives: list[Directive] = field(default_factory=list)
    conflict: DirectiveKind | None = None
    duration_s: int | None = None
    unsupported: str | None = None

    def style_hint(self) -> str | None:
        labels = [d.label() for d in self.directives if d.kind in rules.STYLE_KINDS]
        return "；".join(labels) or None


def _scene(text: str, slots: Slots) -> None:
    for table in (rules.SCENE_KEYWORDS, rules.SCENE_WEAK):
        # 开场可以，再写个卖点: the scene judged is not the one asked for
        every = hits(text, table)
        scene_hits = [h for h in every if not rules.VERDICT.match(text, h.end)]
        if every and not scene_hits and every[0].positive and isinstance(every[0].value, Scene):
            slots.judged = slots.judged or every[0].value  # 开场可以再写一个: another of the one judged
        slots.refused_scenes |= {h.value for h in scene_hits if not h.positive}  # type: ignore[misc]
        asked = [h.value for h in scene_hits if h.positive and h.value not in slots.refused_scenes]
        if asked and isinstance(asked[0], Scene):
            slots.scene = asked[0]
            slots.named_scene = table is rules.SCENE_KEYWORDS
            return


# What a complaint of flatness or coldness may be answered with: 太平淡了，加点段子 asks for the
# jokes, not for more energy besides.
REMEDIES = frozenset((K.LIVELY, K.HUMOR, K.WARM, K.INTERACTION))


def _remedied(
    seen: dict[DirectiveKind, bool], complaints: dict[DirectiveKind, int], asked: dict[DirectiveKind, int]
) -> dict[DirectiveKind, bool]:
    """A complaint followed by the remedy asked for (有点冷冰冰，加点俏皮 / 太硬了 走心点): the remedy
    says the direction, the complaint was its reason. Without a remedy after it the complaint stands
    (太平淡了 / 温柔一些，别那么硬); complaints and asks map a kind to where it was first said. An ask
    may have no direction in `seen` (a price asked for names a scene, not an edit), hence .get."""

    def answered(kind: DirectiveKind) -> bool:
        # 讲品的太干了，改短点: a cut asked after a flatness complaint answers it too
        return any(
            ((seen.get(k, False) and k in REMEDIES) or (k is K.LENGTH and seen.get(k) is False))
            and k not in complaints
            and at > complaints[kind]
            for k, at in asked.items()
        )

    return {k: v for k, v in seen.items() if not (k in complaints and answered(k))}


def _directives(text: str, slots: Slots) -> None:
    seen: dict[DirectiveKind, bool] = {}
    complaints: dict[DirectiveKind, int] = {}  # kinds said only as a complaint (flat, cold, stiff)
    asked: dict[DirectiveKind, int] = {}
    for h in hits(text, rules.DIRECTIVES):
        if rules.NAMES_A_SCRIPT.match(text, h.end):
            continue  # 加段子那段: the words name the script referred to, they ask for nothing
        kind, more = cast(tuple[DirectiveKind, bool | str | None], h.value)  # DIRECTIVES' value shape
        if isinstance(more, str) or more is None:  # a complaint: one direction however it is said
            positive = more == "complaint+"
            if isinstance(more, str) and kind not in seen:
                complaints[kind] = h.start
        else:
            positive = more if h.positive else not more
            complaints.pop(kind, None)
            asked.setdefault(kind, h.start)
        if kind is K.PRICE:
            if positive:
                continue  # asking about price is a scene (promotion) or a question, not an edit
            if not (slots.named_scene and slots.scene is Scene.PROMOTION):  # 写促销，不提价格 stays
                slots.refused_scenes.add(Scene.PROMOTION)
        if kind in seen and seen[kind] != positive and slots.conflict is None:
            slots.conflict = kind
        seen[kind] = positive
    slots.directives = [Directive(kind=k, positive=v) for k, v in _remedied(seen, complaints, asked).items()]


def _focus_value(rest: str) -> str:
    for stop in "，,。；;！!？?":
        rest = rest.split(stop)[0]
    # 重点说一下那个一天一袋刚刚好那个点啊…: the point between the demonstratives, spoken around it
    rest = THAT_POINT.sub("", PRONOUN_LEAD.sub("", rest))
    rest = (rest.split() or [""])[0]  # typed fast, a space ends the phrase (重点说快充 别报价)
    return rules.FOCUS_TAIL.sub("", rules.FOCUS_FILLER.sub("", rest).strip()).strip()[:32]


def _names_something_else(value: str) -> bool:
    """热闹一点 / 卖点 after a contrast is a style or a scene, not a selling point to focus on."""
    tables = (rules.DIRECTIVES, rules.SCENE_KEYWORDS, rules.SCENE_WEAK)
    return any(pattern.search(value) for table in tables for pattern, _ in table)


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause): split at punctuation, at a space ending a clause (intent_scope.breaks),
    and before 而是, which opens the contrasted half."""
    cuts = sorted({*breaks(text), *((m.start(), m.start()) for m in re.finditer("(?=而是)", text))})
    out: list[tuple[int, str]] = []
    start = 0
    for cut_start, cut_end in cuts:
        if cut_start > start:
            out.append((start, text[start:cut_start]))
        start = max(cut_end, start)
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _marked_focus(clause: str, m: re.Match[str]) -> str:
    """What follows the marker (只讲X); when only an amount or nothing follows (X那块多讲两句,
    X这部分重点说说), the topic fronted before the marker."""
    after = _focus_value(clause[m.end() :])
    if after and not rules.AMOUNT_ONLY.match(after):
        return after
    front = rules.TOPIC_FRONT.search(clause[: m.start()])
    quoted = rules.QUOTED.search(front.group(1)) if front else None
    if quoted:  # 客户又说“显白”那块要重点讲: the quoted words are the topic
        return quoted.group(0)[1:-1]
    return _focus_value(front.group(1)) if front else _bare_front(clause[: m.start()])


def _bare_front(before: str) -> str:
    """色号多讲讲 / 屏幕多说点: the clause's opening words are the topic, when they are a short
    noun phrase and not a script, a scene, a style or the offer."""
    topic = rules.FRONT_FILLER.sub("", before.strip())
    if not 2 <= len(topic) <= 8 or not rules.WORD.fullmatch(topic) or rules.NOT_FRONT.search(topic):
        return ""
    if _names_something_else(topic):
        return ""
    return "" if rules.OFFER_WORDS.search(topic) else topic


# 讲快充的卖点来一段: the topic said before the scene it is the focus of; 腮红那个用法要讲 / 高刷那个要讲:
# the topic fronted before 那个, what follows it only says it must be told.
PRONOUN_LEAD = re.compile("^(?:那个|这个)(?=[^，,。]{2})")
THAT_POINT = re.compile("(?<=.{2})(?:那个|这个)(?:点|卖点|地方)[^，,。]*$")
SCRIPT_NAMED = re.compile("(?:那|这)(?:一)?(?:段|版|条|篇)$")
DETAIL = re.compile("^(?:详细|仔细|具体|清楚|明白|细致|细)(?:点|一点|些)?$")
TALK_OF_SCENE = re.compile("^讲(?![讲下一])(.{1,16}?)的(?:卖点|开场|产品介绍|介绍|促销|收尾)")
# 再来一条讲显高的 / 下一段讲快充: one more script, and what it tells
ONE_MORE_OF = re.compile("^(?:再(?:来|写|出|整)(?:一)?(?:条|段|个|版)|下一(?:段|条))讲(.{1,12}?)(?:的)?$")
TOPIC_MUST = re.compile("^(.{1,10}?)(?:那个|这个)(?:用法|点|卖点|功能)?(?:一定)?要(?:讲|说|提)$")


def _plain_focus(clause: str, named_scene: bool) -> str:
    """讲讲X in a request that names its scene elsewhere (写个卖点，讲讲大电池): X, unless X is
    itself a scene, a style or an offer (讲讲送壳和免息, 讲讲适合哪些人)."""
    fronted = TALK_OF_SCENE.match(clause) or TOPIC_MUST.match(clause) or ONE_MORE_OF.match(clause)
    topic = fronted.group(1) if fronted else ""
    if topic and not (_names_something_else(topic) or rules.FOCUS_PRONOUN.match(topic)):
        return _focus_value(topic)
    talk = rules.PLAIN_TALK.match(clause) if named_scene else None
    said = clause[talk.end() :] if talk else ""
    said = re.sub("^它(?=.{2})", "", said)  # 讲下它点解不会干 (講下佢…): the pronoun is the product
    return "" if _names_something_else(said) else _focus_value(said)


_OFFER = re.compile("[减送赠折]|免息|包邮|券|半价")


def _fragment_topic(before: str, clause: str) -> str:
    """卖点 快充: a bare topic typed after a bare scene word, when it names no style, offer or
    script and is no filler (开场 来 / 口红开场 哈哈)."""
    topic = clause.strip()
    if not rules.BARE_SCENE.match(before) or not 2 <= len(topic) <= 8:
        return ""
    if (
        not rules.CJK_WORD.fullmatch(topic)
        or rules.NOT_FRAGMENT.search(topic)
        or rules.NOT_FRONT.search(topic)
    ):
        return ""
    if _OFFER.search(topic):
        return ""  # 促销，两箱减二十: the offer is the promotion's own content
    if _names_something_else(topic) or NEGATION.search(topic) or topic.endswith(("的", "用")):
        return ""  # 促单 别报价 / 收尾 妇女节用 / 促销 乳胶枕的
    timed = rules.DURATION_MIN.search(topic) or rules.DURATION_S.search(topic)
    return "" if timed or rules.first_match(rules.EVENTS, topic) else topic


def _focus_in_clauses(text: str, named_scene: bool) -> str | None:
    """The last focus asked for: after a marker (只讲X), in 把X讲透, replacing a refused one, or
    talked about after the scene is named."""
    value: str | None = None
    replacing = False
    previous = ""
    for offset, clause in _clauses(text):
        before, previous = previous, clause.strip()
        if rules.FOCUS_REFUSED.search(clause):
            replacing = True  # 重点不是电池 / 不说显白了: the focus may follow
            continue
        m = rules.FOCUS.search(clause)
        ba = (
            rules.FOCUS_BA.search(clause)
            or rules.FOCUS_ENOUGH.search(clause)
            or rules.FOCUS_TOWARD.search(clause)
        )
        lead = rules.FOCUS_CONTRAST.match(clause) if replacing else None
        found = ""
        if m and polarity(text, offset + m.start(), offset + m.end()):
            found = _marked_focus(clause, m)
        elif ba:
            found = _focus_value(ba.group(1))
        elif lead and lead.end() > 0:
            found = _focus_value(clause[lead.end() :])
        else:
            found = _plain_focus(clause, named_scene) or _fragment_topic(before, clause)
        if DETAIL.match(found) or SCRIPT_NAMED.search(found):
            found = ""  # 讲详细 asks for more of everything; 讲快充那段 names a script
        if rules.OFFER_WORDS.search(found) or rules.MESSAGE.match(found) or rules.FOCUS_PRONOUN.match(found):
            found = ""  # 就说很划算 words the offer, 就说明晚见 a message, 围绕它 points back: no new point
        if found and not (lead and _names_something_else(found)):
            value, replacing = found, False
    return value


def _focus(text: str, slots: Slots) -> None:
    nth = rules.FOCUS_NTH.search(text)
    m = rules.FOCUS.search(text)
    if nth and m is not None and polarity(text, m.start(), m.end()):
        value = nth.group(1) or nth.group(2)
        number = rules.cn_number(value)
        slots.directives.append(Directive(kind=K.FOCUS, value=str(number) if number else value))
        return
    value = _focus_in_clauses(text, slots.named_scene)
    if value:
        slots.directives.append(Directive(kind=K.FOCUS, value=value))
        if _more_of_topic(text, value):
            slots.directives = [d for d in slots.directives if not (d.kind is K.LENGTH and d.positive)]


def _more_of_topic(text: str, value: str) -> bool:
    """屏幕多讲点: 多讲点 after the topic says how much of it, not a longer script, unless length
    is also asked elsewhere (屏幕多讲点，整体再长一点)."""
    said = re.search(re.escape(value) + "[^，,。；;！!？?\\s]{0,4}?多(?:讲|说|聊)(?:一)?点", text)
    if said is None:
        return False
    longer = next(p for p, v in rules.DIRECTIVES if v == (K.LENGTH, True))
    return all(said.start() <= m.start() < said.end() for m in longer.finditer(text))


def _seconds(m: re.Match[str]) -> float:
    token = m.group(1)
    if m.re is rules.DURATION_S:
        return rules.cn_number(token) or 0
    minutes = 0.5 if token == "半" else rules.cn_number(token.replace("半", "")) or 0
    return minutes * 60 + (30 if "半" in m.group(0) and token != "半" else 0)


def _asked_duration(text: str) -> re.Match[str] | None:
    """The duration asked for: one set by a verb (改成一分半, 砍到一分钟) over one complained of,
    refused or cut from (两分钟太长了, 别一分钟了, 从两分钟); minutes before seconds otherwise."""
    said = sorted(
        (*rules.DURATION_MIN.finditer(text), *rules.DURATION_S.finditer(text)),
        key=lambda m: (m.re is not rules.DURATION_MIN, m.start()),
    )
    if not said:
        return None
    set_to = [m for m in said if rules.DURATION_TARGET.search(text, 0, m.start())]
    if set_to:
        return max(set_to, key=lambda m: m.start())
    was = [
        m
        for m in said
        if rules.DURATION_WAS.search(text, 0, m.start()) or rules.DURATION_COMPLAINED.match(text, m.end())
    ]
    return next((m for m in said if m not in was), said[0])


def _duration(text: str, slots: Slots) -> None:
    m = _asked_duration(text)
    seconds = _seconds(m) if m else None
    if seconds:
        slots.duration_s = int(max(15, min(300, seconds)))


def read_slots(text: str) -> Slots:
    slots = Slots()
    _scene(text, slots)
    _directives(text, slots)
    _focus(text, slots)
    _duration(text, slots)
    for pattern, reason in UNSUPPORTED:
        m = pattern.search(text)
        if m and polarity(text, m.start(), m.end()):
            slots.unsupported = reason
            break
    if slots.scene in slots.refused_scenes:
        slots.scene = None
    return slots
