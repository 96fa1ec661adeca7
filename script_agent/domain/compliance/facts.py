"""What the product data lets a script claim: known prices, efficacy claims, stock and deadlines.

Why a separate value: the same sentence is a violation for one product and a fact for another
(“美白” on a registered 特殊化妆品, “还剩50件” when the stock really is 50). The matchers never look
at a Product directly; they ask this object, which the caller builds once per check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from script_agent.domain.models import Product

# Efficacy claims a cosmetic may make only when its data carries them (特殊化妆品 or tested efficacy).
EFFICACY_KEYS: dict[str, re.Pattern[str]] = {
    "whitening": re.compile("美白|亮白|提亮肤色"),
    "spots": re.compile("祛斑|淡斑|去斑|淡化色斑"),
    "wrinkles": re.compile("抗皱|去皱|淡化细纹|细纹|紧致"),
    "hair": re.compile("防脱|生发|育发"),
    "acne": re.compile("祛痘|痘"),
    "pores": re.compile("毛孔|收敛"),
    "sunscreen": re.compile("防晒|SPF|spf"),
    "soothing": re.compile("修护|修复|舒缓|屏障"),
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_STOCK = re.compile(
    r"(?:限量|库存|还剩|仅剩|只剩|剩|共)\s*(\d+)\s*(?:件|单|份|瓶|支|个|台|盒|袋|箱|套|罐|包)"
)
_DEADLINE = re.compile("截止|结束|截至|点前|今晚|今天|限时|最后一天|\\d+[点时]")
_HOURS = re.compile("(\\d{1,2})\\s*[点时]")
_OFFER_THRESHOLD = re.compile(r"满\s*(\d+)\s*(?:元|块)?\s*减\s*(\d+)")
_FOOD = ("食品", "零食", "饮料", "保健", "茶", "酒", "生鲜", "粮油")
_COSMETICS = ("美妆", "护肤", "彩妆", "化妆品", "个护", "洗护")


@dataclass(frozen=True)
class ProductFacts:
    prices: frozenset[float] = frozenset()
    numbers: frozenset[float] = frozenset()
    efficacy: frozenset[str] = frozenset()
    stock: frozenset[int] = frozenset()
    deadline: bool = False
    deadline_hours: frozenset[int] = frozenset()  # hours named in the promotion (24点 → 24)
    thresholds: frozenset[tuple[float, float]] = frozenset()  # 满200减30 in the promotion → (200, 30)
    kind: str = "unknown"  # "food" | "cosmetics" | "other" | "unknown"
    has_price_data: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def is_food(self) -> bool:
        return self.kind == "food"


def _kind(category: str | None) -> str:
    if not category:
        return "unknown"
    if any(word in category for word in _FOOD):
        return "food"
    if any(word in category for word in _COSMETICS):
        return "cosmetics"
    return "other"


def facts_from(
    product: Product | None, *, promotion: str | None = None, extra_prices: Iterable[float] = ()
) -> ProductFacts:
    """Facts from the product data and the request's promotion text; nothing else counts as known."""
    if product is None:
        known = frozenset(float(p) for p in extra_prices)
        return ProductFacts(prices=known, numbers=known, has_price_data=bool(known))
    claims_text = " ".join(
        [product.name, *product.features, *product.selling_points, *product.compliance_notes]
    )
    offer = " ".join(x for x in (product.promotion, promotion) if x)
    prices = {float(x) for x in (product.price, product.original_price) if x is not None}
    prices.update(float(p) for p in extra_prices)
    offer_numbers = {float(n) for n in _NUMBER.findall(offer)}
    return ProductFacts(
        prices=frozenset(prices),
        numbers=frozenset(prices | offer_numbers),
        efficacy=frozenset(k for k, pat in EFFICACY_KEYS.items() if pat.search(claims_text)),
        stock=frozenset(int(n) for n in _STOCK.findall(offer)),
        deadline=_DEADLINE.search(offer) is not None,
        deadline_hours=frozenset(int(h) for h in _HOURS.findall(offer)),
        thresholds=frozenset((float(a), float(b)) for a, b in _OFFER_THRESHOLD.findall(offer)),
        kind=_kind(product.category),
        has_price_data=bool(prices),
        notes=tuple(product.compliance_notes),
    )
