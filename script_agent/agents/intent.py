"""Intent recognition: rules first, no model needed, scope before keywords.

Why rules: the five request kinds of live-commerce chat (write, another one, change that one, switch
product, ask a question) are signalled by a small, stable vocabulary. Rules are instant, deterministic
and explainable; for the long tail a small learned model (intent_learned.py) may overrule the kind
the rules decide, only where it is sure and the rules read no explicit cue against it. Negation and
contrast are read first (intent_scope), so 不要太正式 is a request for less formality, not more. What
the rules cannot determine (which product? shorter or more detailed?) is asked back in one question,
never guessed, and so is an edit with no direction (调一调, 你看着改); an edit no writer can honour is
said so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from script_agent.agents import intent_learned
from script_agent.agents import intent_lines as lines
from script_agent.agents import intent_rules as rules
from script_agent.agents.intent_jargon import plain
from script_agent.agents.intent_phrasing import AGAIN, CAN_IT_WRITE, TOOL_ASK, reworded
from script_agent.agents.intent_product import (
    ASK_SWITCH,
    missing_product_question,
    product_slots,
    switch_to_unnamed,
)
from script_agent.agents.intent_questions import asks_outright, questioned
from script_agent.agents.intent_reference import refers_to_script, refers_to_written, request_of, resolve
from script_agent.agents.intent_register import as_said, normalized
from script_agent.agents.intent_scope import hits
from script_agent.agents.intent_slots import Slots, read_slots
from script_agent.agents.intent_struck import STRUCK, WHICH_SCENE, asked_in_force, next_stream, struck
from script_agent.agents.intent_switch import named_next, switched_by_name
from script_agent.agents.intent_times import spoken_times
from script_agent.domain.intent import Directive, DirectiveKind, IntentKind, IntentResult
from script_agent.domain.models import Scene, ScriptRequest
from script_agent.domain.session import Session
from script_agent.domain.writing.material import focus_points
from script_agent.domain.writing.timing import SCENE_MEDIUM_S

ASK_CHANGE = "是想换一个商品，还是换一种说法？"
CAN_DO = "我可以：改短、改长、更正式、更活泼、多加互动、去掉价格、只讲某一个卖点。"
ASK_HOW = f"想往哪个方向改呢？{CAN_DO}"
ASK_SCENE = "想写哪一段呢？开场、产品介绍、卖点、促销还是收尾？"
ASK_CONFLICT: dict[DirectiveKind, str] = {
    DirectiveKind.LENGTH: "想要更短一点，还是更详细一点？",
    DirectiveKind.FORMAL: "想要更正式一点，还是更口语化一点？",
    DirectiveKind.LIVELY: "想要更活泼一点，还是更稳一点？",
    DirectiveKind.INTERACTION: "想多一点互动，还是少一点互动？",
}


def replace_value(d: Directive, value: str) -> Directive:
    """The directive with its value as typed (a focus said in traditional characters keeps them)."""
    return d if value == d.value else d.model_copy(update={"value": value})


def sent_any(request: ScriptRequest) -> bool:
    """Whether the client sends a product (or its id) with the turn."""
    return request.product is not None or bool(request.product_id)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _known_points(request: ScriptRequest, session: Session) -> list[str]:
    product = request.product or session.product
    return list(product.selling_points) if product is not None else []


def _unknown_focus(said: Slots, points: list[str]) -> str | None:
    """只讲续航 on a product without such a point: say so and offer the real ones, never guess."""
    focus = [d for d in said.directives if d.kind is DirectiveKind.FOCUS]
    if not focus or not points or focus_points(points, focus[-1].value):
        return None
    listed = "、".join(points)
    return f"这款商品的卖点里没有“{focus[-1].value}”，想重点讲哪一个：{listed}？"


def _asked_back(session: Session) -> str | None:
    """The request the last reply asked a question about: a generate turn whose reply stored no
    script (finalize records a clarification as a turn pair with no script of that trace)."""
    if len(session.turns) < 2:
        return None
    user, reply = session.turns[-2], session.turns[-1]
    trace = (reply.intent or "").removeprefix("trace:")
    if user.role != "user" or reply.role != "assistant" or user.intent != IntentKind.GENERATE.value:
        return None
    if not trace or any(s.trace_id == trace for s in session.scripts):
        return None
    return user.text


def _completed(said: Slots, earlier: Slots, points: list[str]) -> Slots:
    """An answer to a clarifying question (卖大米的) completes the request asked back (写一段促销，
    一分钟): its scene, length and directives hold unless the answer says its own. A focus the
    product lacks was what was asked about: it is not carried into the answer to be asked again."""
    kinds = {d.kind for d in said.directives}
    if _unknown_focus(earlier, points):
        kinds.add(DirectiveKind.FOCUS)
    return replace(
        said,
        scene=earlier.scene,
        named_scene=earlier.named_scene,
        refused_scenes=said.refused_scenes | earlier.refused_scenes,
        directives=[*said.directives, *(d for d in earlier.directives if d.kind not in kinds)],
        duration_s=said.duration_s or earlier.duration_s,
    )


def _compressed(said: Slots, scene: Scene, query: str, was: int | None) -> list[Directive]:
    """压到二十秒 on a promotion (usually 45 s) is a cut; 压到一分钟 on an intro (60 s) only sets
    the time: compressing to under the script's length (the one its request asked, else the scene's
    usual one: a 90 s closing pressed to 30 s is cut) asks for it shorter."""
    if said.duration_s is None or any(d.kind is DirectiveKind.LENGTH for d in said.directives):
        return said.directives
    if not rules.COMPRESS_TO.search(query) or said.duration_s >= (was or SCENE_MEDIUM_S.get(scene.value, 60)):
        return said.directives
    return [*said.directives, Directive(kind=DirectiveKind.LENGTH, positive=False)]


def _asked_length(reference: int | None, session: Session) -> int | None:
    """The length the referenced script's own request asked for (下播收尾来一段，90s), if any."""
    script = session.script_by_index(reference) if reference else None
    request = request_of(script, session) if script is not None else ""
    return read_slots(plain(normalized(request))).duration_s if request else None


def _unsaid(quoted: re.Match[str]) -> str:
    """“全网最低价” read as “……”: still a quotation (把“X”换成… keeps its shape), filling no slot."""
    text = quoted.group(0)
    return text[0] + "…" * (len(text) - 2) + text[-1]


def _headed(said: Slots, query: str) -> Slots:
    """第2项：卖点 / 福利部分：…: a scene said as a heading is named, 福利 the promotion's."""
    m = lines.HEADING.search(query)
    if m is None:
        return said
    word = next(g for g in m.groups() if g)
    return replace(said, scene=lines.HEADING_SCENE[word], named_scene=True)


def _read(query: str) -> tuple[str, Slots]:
    """The query as its slots are read: the reason after a question (…能洗吗，弹幕老有人问) and
    the words of a line edited (把“X”那句去掉) fill none."""
    query = lines.REASON_TAIL.sub("", query)
    if rules.SAY_ON_STREAM.search(query) or lines.LINE_EDIT.search(query):
        query = rules.QUOTED.sub(_unsaid, query)  # 能说“充电五分钟”吗: the quoted words are asked about
    timeless = lines.SHOW_TIME.sub(lambda m: "，" * len(m.group(0)), query)
    timeless = lines.LINE_PLACE.sub(lambda m: "，" * len(m.group(0)), timeless)  # 结尾加一句: a place
    return query, _headed(read_slots(timeless), query)


class IntentAgent:
    """Classifies a turn and fills its slots from the request, then the query, then the session.

    learned: let the shipped kind model overrule the rules' kind where it is sure (intent_learned.py,
    WRITING_INTENT_MODEL); off, the rules alone decide."""

    def __init__(self, learned: bool = True) -> None:
        self.learned = learned

    async def recognize(self, request: ScriptRequest, session: Session) -> IntentResult:
        said_as_is = _clean(request.query)
        read = plain(normalized(said_as_is))  # what the kind model reads (intent_learned.reading)
        query = spoken_times(reworded(read))  # 太formal了 / 嗯 / 3号 / 一分一十五秒: the tables' words
        query, said = _read(query)
        kind = self._kind(query, request, session, said)
        if self.learned:  # the one hook: scene, reference and product below are read for the final kind
            kind = intent_learned.overrule(kind, read, request, session, said)
        nothing_in_play = not session.scripts and session.product is None and not sent_any(request)
        if kind is IntentKind.SWITCH_PRODUCT and nothing_in_play:
            kind = IntentKind.GENERATE  # 下一个品 蚕丝被 开场 as the first turn: nothing to switch from
        pending = _asked_back(session) if kind is IntentKind.GENERATE and said.scene is None else None
        slots = product_slots(kind, query, request, session)
        asked = None if slots.name or slots.category else _asked_back(session)
        if asked:  # 帮我写口红的话术 asked back, then 开场的: the product named in the request asked about
            slots = product_slots(kind, plain(normalized(_clean(asked))), request, session)
        sent = request.product
        # the points of a product switched to are not known here (换手机吧，快充为主): none is asked back
        points = [] if sent and slots.name != sent.name else _known_points(request, session)
        if pending:
            said = _completed(said, read_slots(plain(normalized(_clean(pending)))), points)
        named = said.scene if said.named_scene else said.judged
        reference, ref_question = resolve(kind, query, session, named)
        said_event = lines.corrected_event(rules.EVENTS, query) or rules.first_match(rules.EVENTS, query)
        event = request.event or said_event
        event = event or (rules.first_match(rules.EVENTS, pending) if pending else None)
        if kind is IntentKind.QUERY and refers_to_script(query) and not request.event:
            event = None  # 那段618的促销能讲多久: the event names the script asked about
        scene = self._scene(kind, said, request, session, reference, query)
        if kind is IntentKind.MODIFY:
            was = _asked_length(reference, session) if rules.COMPRESS_TO.search(query) else None
            said = replace(said, directives=_compressed(said, scene, query, was))
        # 收尾能写得带点互动不？ asks what the tool can do: the style named is no direction yet
        tool = kind is IntentKind.QUERY and bool(TOOL_ASK.search(query) or CAN_IT_WRITE.search(query))
        result = IntentResult(
            kind=kind,
            scene=scene,
            category=slots.category,
            product_name=slots.name,
            product_id=slots.product_id,
            event=event if isinstance(event, str) else None,
            style_hint=said.style_hint(),
            # 要几块钱 asks the price, it asks no edit of it
            directives=[
                replace_value(d, as_said(d.value, said_as_is)) if d.value else d
                for d in said.directives
                if not tool and (kind is not IntentKind.QUERY or d.kind is not DirectiveKind.PRICE)
            ],
            duration_s=said.duration_s,
            # a question about 这段 is answered, not written from it (参考上上段写… keeps its model)
            reference_index=reference if kind is not IntentKind.QUERY else None,
            # the edit as said: 把“全网第一”换成不违规的说法 keeps the words it quotes
            modification=(said_as_is or None) if kind is IntentKind.MODIFY else None,
            confidence=1.0 if not query or kind is not IntentKind.GENERATE else 0.9,
        )
        question = (
            ref_question
            or (None if rules.NO_PRODUCT.search(query) else missing_product_question(kind, slots))
            or (ASK_SWITCH if switch_to_unnamed(kind, query, request, session) else None)
            or self._ask(query, kind, said, points, event is not None, request.scene is not None)
        )
        if question:
            return result.model_copy(update={"needs_clarification": True, "clarification": question})
        return result

    @staticmethod
    def _ask(
        query: str, kind: IntentKind, said: Slots, points: list[str], evented: bool, scene_given: bool
    ) -> str | None:
        """One question for what cannot be decided: a contradiction, a bare 换一下, an impossible edit."""
        # 写 / 弄一个 / 帮我写个话术，…: with the product sent, which script is still unsaid (unless
        # the request's own scene field says it: the studio's form sends 帮我写一段直播话术 with one)
        generic = lines.BARE_ASK.match(query) or (not said.directives and "话术" in query)
        if kind is IntentKind.GENERATE and said.scene is None and not scene_given and generic:
            return ASK_SCENE
        if said.conflict is not None:
            return ASK_CONFLICT.get(said.conflict, "这两个要求有点矛盾，想按哪一个来？")
        if rules.AMBIGUOUS_CHANGE.match(query):
            return ASK_CHANGE
        if said.unsupported and kind in (IntentKind.MODIFY, IntentKind.GENERATE, IntentKind.CONTINUE):
            return f"这个要求我做不到：{said.unsupported}。{CAN_DO}想怎么改？"
        line_edit = any(p.search(query) for p in (lines.LINE_EDIT, lines.NOTE, lines.FACT_FIXED, STRUCK))
        if kind is IntentKind.MODIFY and not (said.directives or said.duration_s or evented or line_edit):
            return ASK_HOW  # 调一调 / 你看着调整下: no direction (改成双十一用的 has one: the event)
        return _unknown_focus(said, points)

    @staticmethod
    def _kind(query: str, request: ScriptRequest, session: Session, said: Slots) -> IntentKind:
        if not query:
            return IntentKind.GENERATE
        if rules.AMBIGUOUS_CHANGE.match(query):
            return IntentKind.MODIFY if session.scripts else IntentKind.SWITCH_PRODUCT
        if session.scripts and lines.QUOTED_SWAP.search(query):
            return IntentKind.MODIFY  # asked back: a swap of words the writer may not offer
        if session.scripts and lines.LINE_EDIT.search(query) and not lines.ENDS_ASKING.search(query):
            return IntentKind.MODIFY  # 开场里加一句今晚有抽奖 / “X”那句去掉: an edit by the line
        if struck(query, session):
            return IntentKind.MODIFY  # 开头别喊家人们了 / “X”也不行: words struck from a written script
        if not session.scripts and CAN_IT_WRITE.search(query):
            return IntentKind.QUERY  # 收尾能写得带点互动不？ before anything is written
        if session.scripts and lines.FACT_FIXED.search(query):
            return IntentKind.MODIFY  # 电池是5000毫安，不是4500: a wrong fact put right
        if asks_outright(query, said):
            return IntentKind.QUERY
        if lines.NEXT_SCRIPT.match(query):
            return IntentKind.GENERATE  # 下一段讲快充 别超一分钟: the next one, with its own slots
        if session.scripts and lines.ANOTHER_TAKE.search(query):
            return IntentKind.CONTINUE  # 再换一个，这回从学生党的角度讲
        sent = request.product.name if request.product else None
        if named_next(query, session, sent) or next_stream(query, session, sent):
            return IntentKind.SWITCH_PRODUCT  # 再来个蓝牙音箱，写卖点: the next product named
        referring = refers_to_written(query, session)
        last = session.last_script()
        if lines.HEADING.search(query) and (last is None or last.scene is not said.scene):
            return IntentKind.GENERATE  # 第2项：卖点 / 福利部分：…: the next item of a running order
        # 女神节搞活动，整点优惠的: a scene implied with an event of its own is asked for anew
        asked_anew = said.named_scene or (said.scene is not None and rules.first_match(rules.EVENTS, query))
        new_scene = bool(asked_anew) and last is not None and last.scene is not said.scene
        edits = bool(said.directives) or said.duration_s is not None or said.unsupported is not None
        edits = edits or lines.NOTE.search(query) is not None  # 标明是实验室测试条件: a note to add
        if rules.CONTINUE.search(query) or AGAIN.match(query) or (rules.REWRITE.search(query) and not edits):
            # 接着写它的产品介绍 after an opening goes on to a new scene; 再来一段 is one more of the last
            # 卖点再写一段，高刷那个要讲: another script with its own focus is a new one, not one more
            focused = any(d.kind is DirectiveKind.FOCUS for d in said.directives)
            # 又要一版开场备选 after the selling points: one more of the opening written before
            written = any(s.scene is said.scene for s in session.scripts)
            again = written and lines.ANOTHER_VERSION.search(query) is not None
            new_script = (new_scene and not again) or focused
            return IntentKind.GENERATE if new_script and not referring else IntentKind.CONTINUE
        if rules.MODIFY.search(query) or (session.scripts and rules.RESHAPE.search(query)):
            return IntentKind.MODIFY
        if rules.SWITCH.search(query) or (switched_by_name(query, session) and not questioned(query)):
            return IntentKind.SWITCH_PRODUCT
        # 不用写得太长 refuses a length, it does not ask for a new script: only an asked verb counts.
        generating = any(h.positive for h in hits(query, ((rules.GENERATE_VERB, True),)))
        generating = generating and not (rules.WRITE_HOW.match(query) and not said.named_scene)
        same_product = request.product is None or (
            session.product is not None and request.product.name == session.product.name
        )
        # 我要的不是促销，而是产品介绍，讲讲适合哪些人: a scene corrected by contrast is a request to
        # write it, though a question word (适合哪些) sits inside.
        correcting = said.named_scene and bool(said.refused_scenes)
        asking = questioned(query) and not generating and not correcting
        if asking and rules.SAY_ON_STREAM.search(query) and not said.directives and said.duration_s is None:
            return IntentKind.QUERY  # 能不能说销量第一 asks whether it may be said, it asks for no edit
        earlier = said.scene is not None and any(s.scene is said.scene for s in session.scripts)
        if new_scene and edits and earlier and same_product and not generating and not referring:
            return IntentKind.MODIFY  # 开场白太长，砍一半: an edit of the opening already written
        if new_scene and not referring and not asking:
            return IntentKind.GENERATE  # 卖点介绍，重点讲续航: a new scene, with its own slots
        if edits and session.scripts and same_product and (referring or not generating):
            return IntentKind.MODIFY  # 短一点 / 第二段活泼一点 / 别提价格: an edit of what is already there
        if asking:
            return IntentKind.QUERY
        return IntentKind.GENERATE

    @staticmethod
    def _scene(
        kind: IntentKind,
        said: Slots,
        request: ScriptRequest,
        session: Session,
        reference: int | None,
        query: str,
    ) -> Scene:
        if request.scene is not None:
            return request.scene
        editing = kind in (IntentKind.CONTINUE, IntentKind.MODIFY) and reference is not None
        asked_of = session.script_by_index(reference) if reference else session.last_script()
        of_script = rules.SCRIPT_QUESTION.search(query) or refers_to_script(query)
        if kind is IntentKind.QUERY and asked_of is not None and of_script and not said.named_scene:
            return asked_of.scene  # 这段念完要多久 / 第一段里有没有写到价格: asked of that script
        in_force = session.scene or (session.scripts[-1].scene if session.scripts else None)
        may_say = kind is IntentKind.QUERY and rules.SAY_ON_STREAM.search(query) is not None
        may_say = may_say or (kind is IntentKind.QUERY and asked_in_force(query))
        if may_say and in_force is not None and (not said.named_scene or WHICH_SCENE.search(query)):
            return in_force  # “显白”是什么意思？我能说吗？/ 放开场还是收尾好: asked of what is being written
        if said.scene is not None and (said.named_scene or not editing):
            return said.scene  # 多讲讲显白 edits the referenced script; only 写个收尾 names a new scene
        focused = any(d.kind is DirectiveKind.FOCUS for d in said.directives)
        if focused and kind in (IntentKind.GENERATE, IntentKind.SWITCH_PRODUCT) and said.scene is None:
            return Scene.SELLING_POINTS  # 下个 牛仔裤 讲显瘦 / 再来一条讲X的: a point to tell
        if reference is not None and kind in (IntentKind.CONTINUE, IntentKind.MODIFY):
            referenced = session.script_by_index(reference)
            if referenced is not None:
                return referenced.scene
        if kind is IntentKind.QUERY and (lines.PRICE_ASK.search(query) or lines.OFFER_ASK.search(query)):
            return Scene.PROMOTION  # 到手价是多少: the price is the promotion's
        if kind is IntentKind.QUERY:
            # 能说“零下40度不冷”吗 asks of what is being written: the scene in force
            in_force = session.scene or (session.scripts[-1].scene if session.scripts else None)
            on_stream = (
                rules.SAY_ON_STREAM.search(query) is not None
                or lines.MAY_WRITE.search(query) is not None
                or TOOL_ASK.search(query) is not None  # 你一次最多能写多长: asked while writing that
            )
            return in_force if on_stream and in_force is not None else Scene.PRODUCT_INTRO
        fallback = session.scene or Scene.OPENING
        if fallback in said.refused_scenes:  # 别写促销 / 别提价格 on a promotion session
            return Scene.SELLING_POINTS if Scene.SELLING_POINTS not in said.refused_scenes else Scene.OPENING
        return fallback
