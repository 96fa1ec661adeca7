"""Intent recognition: rules first, no model needed.

Why rules: the five request kinds of live-commerce chat (write, another one, change that one, switch
product, ask a question) are signalled by a small, stable vocabulary. Rules are instant, deterministic
and explainable; a model can be slotted in later behind the same `recognize` signature for the
long tail. What the rules cannot determine (which product?) is asked back, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.agents import intent_rules as rules
from script_agent.domain import knowledge
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Scene, ScriptRequest
from script_agent.domain.session import Session

ASK_PRODUCT = "请问要为哪款商品写话术？可以告诉我商品名称或品类（如口红、零食、手机），或直接提供商品信息。"
ASK_SWITCH = "想换成哪款商品呢？请告诉我新商品的名称或品类，或直接提供商品信息。"
ASK_NO_SCRIPT = (
    "这个会话里还没有生成过话术，请先告诉我要为哪款商品写哪种话术（开场、产品介绍、卖点、促销或收尾）。"
)


@dataclass
class _ProductSlots:
    name: str | None = None
    product_id: str | None = None
    category: str | None = None


def _clean(text: str) -> str:
    return " ".join(text.split())


class IntentAgent:
    """Classifies a turn and fills its slots from the request, then the query, then the session."""

    async def recognize(self, request: ScriptRequest, session: Session) -> IntentResult:
        query = _clean(request.query)
        style_hint = rules.first_match(rules.STYLE_HINTS, query)
        kind = self._kind(query, request, session, style_hint is not None)
        slots = self._product(kind, query, request, session)
        reference, ref_question = self._reference(kind, query, session)
        event = request.event or rules.first_match(rules.EVENTS, query)
        result = IntentResult(
            kind=kind,
            scene=self._scene(kind, query, request, session, reference),
            category=slots.category,
            product_name=slots.name,
            product_id=slots.product_id,
            event=event if isinstance(event, str) else None,
            style_hint=style_hint if isinstance(style_hint, str) else None,
            reference_index=reference,
            modification=(query or None) if kind is IntentKind.MODIFY else None,
            confidence=1.0 if not query or kind is not IntentKind.GENERATE else 0.9,
        )
        question = ref_question or self._missing_product_question(kind, slots)
        if question:
            return result.model_copy(update={"needs_clarification": True, "clarification": question})
        return result

    @staticmethod
    def _kind(query: str, request: ScriptRequest, session: Session, has_style_hint: bool) -> IntentKind:
        if not query:
            return IntentKind.GENERATE
        if rules.CONTINUE.search(query):
            return IntentKind.CONTINUE
        if rules.MODIFY.search(query):
            return IntentKind.MODIFY
        if rules.SWITCH.search(query):
            return IntentKind.SWITCH_PRODUCT
        referring = rules.NTH.search(query) or rules.PREVIOUS.search(query)
        generating = rules.GENERATE_VERB.search(query)
        if has_style_hint and session.scripts and request.product is None and (referring or not generating):
            return IntentKind.MODIFY  # 短一点 / 第二段活泼一点: an edit of what is already there
        if rules.QUERY.search(query) and not generating:
            return IntentKind.QUERY
        return IntentKind.GENERATE

    @staticmethod
    def _product(kind: IntentKind, query: str, request: ScriptRequest, session: Session) -> _ProductSlots:
        """Request data first, then the query's product words, then the session's current product."""
        found = knowledge.keyword_in_text(query)
        if request.product is not None:
            p = request.product
            category = knowledge.normalize_category(p.category) or knowledge.category_from_text(p.name)
            return _ProductSlots(
                p.name, p.id or request.product_id, category or (found[1] if found else None)
            )
        if request.product_id:
            return _ProductSlots(None, request.product_id, found[1] if found else None)
        current = session.product if kind is not IntentKind.SWITCH_PRODUCT else None
        if current is not None:
            current_cat = knowledge.normalize_category(current.category) or knowledge.category_from_text(
                current.name
            )
            this = rules.THIS_PRODUCT.search(query) is not None
            if found is None or found[0] in current.name or (this and found[1] == current_cat):
                return _ProductSlots(current.name, current.id, current_cat)
        if found is not None:
            return _ProductSlots(found[0], None, found[1])
        return _ProductSlots()

    @staticmethod
    def _reference(kind: IntentKind, query: str, session: Session) -> tuple[int | None, str | None]:
        """The 1-based index of the script referred to, or a question when it cannot be found."""
        nth = rules.NTH.search(query)
        if nth:
            index = rules.cn_number(nth.group(1))
            if index is not None and session.script_by_index(index) is not None:
                return index, None
            have = "、".join(f"第{s.index}段" for s in session.scripts) or "还没有任何一段"
            return None, f"没有找到第{nth.group(1)}段话术（当前会话里{have}），想修改哪一段呢？"
        needs_previous = kind in (IntentKind.CONTINUE, IntentKind.MODIFY)
        if not session.scripts:
            return None, ASK_NO_SCRIPT if needs_previous else None
        if rules.BEFORE_PREVIOUS.search(query) and len(session.scripts) >= 2:
            return session.scripts[-2].index, None
        if needs_previous or rules.PREVIOUS.search(query):
            return session.scripts[-1].index, None
        return None, None

    @staticmethod
    def _scene(
        kind: IntentKind, query: str, request: ScriptRequest, session: Session, reference: int | None
    ) -> Scene:
        if request.scene is not None:
            return request.scene
        keyword = rules.first_match(rules.SCENE_KEYWORDS, query)
        if isinstance(keyword, Scene):
            return keyword
        if reference is not None and kind in (IntentKind.CONTINUE, IntentKind.MODIFY):
            referenced = session.script_by_index(reference)
            if referenced is not None:
                return referenced.scene
        if kind is IntentKind.QUERY:
            return Scene.PRODUCT_INTRO
        return session.scene or Scene.OPENING

    @staticmethod
    def _missing_product_question(kind: IntentKind, slots: _ProductSlots) -> str | None:
        if slots.name or slots.product_id or slots.category:
            return None
        return ASK_SWITCH if kind is IntentKind.SWITCH_PRODUCT else ASK_PRODUCT
