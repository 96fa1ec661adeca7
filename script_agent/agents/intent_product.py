"""Which product a turn is about: the one the client sends, one the query names, or the session's.

Apart from the agent (intent.py) so the kind and slot logic stays about the sentence: this module
decides the product slots, whether a switch names the product switched to, and the question asked
when no product is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.agents import intent_reference_rules as refs
from script_agent.agents.intent_category import product_in_text, without_medium
from script_agent.agents.intent_struck import PRODUCT_CORRECTED
from script_agent.agents.intent_switch import switch_tail
from script_agent.domain import knowledge
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import ScriptRequest
from script_agent.domain.session import Session

ASK_PRODUCT = "请问要为哪款商品写话术？可以告诉我商品名称或品类（如口红、零食、手机），或直接提供商品信息。"
ASK_SWITCH = "想换成哪款商品呢？请告诉我新商品的名称或品类，或直接提供商品信息。"


@dataclass
class ProductSlots:
    name: str | None = None
    product_id: str | None = None
    category: str | None = None


def switch_to_unnamed(kind: IntentKind, query: str, request: ScriptRequest, session: Session) -> bool:
    """换个产品 / 下一个品 naming none: which one is asked, also while the client still sends the
    product in play (a different product sent with it is the answer)."""
    if kind is not IntentKind.SWITCH_PRODUCT or product_in_text(switch_tail(query)) is not None:
        return False
    sent = request.product
    return sent is None or (session.product is not None and sent.name == session.product.name)


def _switched_away(kind: IntentKind, found: tuple[str, str] | None, request: ScriptRequest) -> bool:
    """换卖耳机 while the client still sends the phone: the product named is the one in play now."""
    sent = request.product
    if kind is not IntentKind.SWITCH_PRODUCT or found is None or sent is None:
        return False
    listed = knowledge.keyword_in_text(sent.name)
    return found[0] not in sent.name and (listed is None or listed[0] not in found[0])


def _named_product(kind: IntentKind, query: str, session: Session) -> tuple[str, str] | None:
    """The product a query names. While a product is in play, an edit (短一点，先做个铺垫) names
    none by head, only by a listed word, and a new script request needs a full phrase (3+ chars)."""
    query = without_medium(query)  # 手机上看着累 names where it is read, not a product
    if kind is IntentKind.SWITCH_PRODUCT:
        return product_in_text(switch_tail(query)) or product_in_text(query)
    if session.product is None:
        return product_in_text(query)
    if kind is IntentKind.GENERATE:
        return product_in_text(query, min_len=3)
    return knowledge.keyword_in_text(query)


def product_slots(kind: IntentKind, query: str, request: ScriptRequest, session: Session) -> ProductSlots:
    """Request data first, then the query's product words, then the session's current product."""
    found = _named_product(kind, query, session)
    if request.product is not None and not _switched_away(kind, found, request):
        p = request.product
        category = knowledge.normalize_category(p.category) or knowledge.category_from_text(p.name)
        return ProductSlots(p.name, p.id or request.product_id, category or (found[1] if found else None))
    if request.product_id:
        return ProductSlots(None, request.product_id, found[1] if found else None)
    current = session.product if kind is not IntentKind.SWITCH_PRODUCT else None
    if current is not None:
        current_cat = knowledge.normalize_category(current.category) or knowledge.category_from_text(
            current.name
        )
        this = refs.THIS_PRODUCT.search(query) is not None
        if found is None or found[0] in current.name or (this and found[1] == current_cat):
            return ProductSlots(current.name, current.id, current_cat)
    if found is not None:
        return ProductSlots(found[0], None, _corrected_category(query, session) or found[1])
    return ProductSlots()


def _corrected_category(query: str, session: Session) -> str | None:
    corrected = PRODUCT_CORRECTED.match(query)
    if corrected is None or session.product is None or corrected.group(1) not in session.product.name:
        return None
    return knowledge.normalize_category(session.product.category) or knowledge.category_from_text(
        session.product.name
    )


def missing_product_question(kind: IntentKind, slots: ProductSlots) -> str | None:
    if slots.name or slots.product_id or slots.category:
        return None
    return ASK_SWITCH if kind is IntentKind.SWITCH_PRODUCT else ASK_PRODUCT
