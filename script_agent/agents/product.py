"""Product agent: the facts the writer may use, merged from the request, the catalogue and the session.

Request fields win over the catalogue (the caller knows today's price and offer); the catalogue fills
what the request leaves out. A product with fewer than three selling points is topped up first from
its own features (still facts) and then from category knowledge, marked `inferred=True` so the writer
phrases them generically and the quality check does not demand them.
"""

from __future__ import annotations

from script_agent.domain import knowledge
from script_agent.domain.errors import InvalidInput, NotFound
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, ProductProfile, ScriptRequest, SellingPoint
from script_agent.domain.session import Session
from script_agent.ports.repositories import ProductRepository

MIN_SELLING_POINTS = 3


def merge_products(base: Product, override: Product) -> Product:
    """`base` with every field the caller explicitly set (and left non-empty) in `override`."""
    data = base.model_dump()
    for name in override.model_fields_set:
        value = getattr(override, name)
        if value not in (None, "", []):
            data[name] = value
    return Product.model_validate(data)


def selling_points_for(product: Product, category: str) -> list[SellingPoint]:
    """The product's own selling points, topped up to MIN_SELLING_POINTS without duplicates."""
    points: list[SellingPoint] = []
    seen: set[str] = set()

    def add(text: str, inferred: bool) -> None:
        cleaned = text.strip().rstrip("。，,.!！;；")
        if cleaned and cleaned not in seen and len(points) < 16:
            seen.add(cleaned)
            points.append(SellingPoint(text=cleaned, inferred=inferred))

    for text in product.selling_points:
        add(text, False)
    for text in product.features:
        if len(points) >= MIN_SELLING_POINTS:
            break
        add(text, False)
    for text in knowledge.default_selling_points(category):
        if len(points) >= MIN_SELLING_POINTS:
            break
        add(text, True)
    return points


class ProductAgent:
    def __init__(self, products: ProductRepository) -> None:
        self._products = products

    async def build(self, request: ScriptRequest, intent: IntentResult, session: Session) -> ProductProfile:
        product = await self._resolve(request, intent, session)
        category = (
            knowledge.normalize_category(product.category)
            or knowledge.normalize_category(intent.category)
            or knowledge.category_from_text(product.name)
            or knowledge.GENERIC_CATEGORY
        )
        product = product.model_copy(update={"category": category})
        return ProductProfile(
            product=product, selling_points=selling_points_for(product, category), category=category
        )

    async def _resolve(self, request: ScriptRequest, intent: IntentResult, session: Session) -> Product:
        inline = request.product
        product_id = request.product_id or (inline.id if inline is not None else None)
        stored = await self._products.get(product_id) if product_id else None
        if request.product_id and stored is None and inline is None:
            raise NotFound(f"product '{request.product_id}' not found", product_id=request.product_id)
        if stored is not None and inline is not None:
            return merge_products(stored, inline)
        if stored is not None or inline is not None:
            return stored or inline  # type: ignore[return-value]
        current = session.product if intent.kind is not IntentKind.SWITCH_PRODUCT else None
        if current is not None and intent.product_name in (None, current.name):
            return current
        if intent.product_name or intent.category:
            # Only a kind of product is known (帮我写一段口红的开场): a generic product of that kind.
            return Product(name=intent.product_name or intent.category or "", category=intent.category)
        raise InvalidInput("no product data: give a product, a product_id or a product category")
