"""What one script is made of: the facts (only from the data), the seeded picker, the line type.

Why a seeded picker: the same brief always gives the same script (reviewable, cacheable), and
another variant gives a genuinely different one: other hook, other point order, other phrasing.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from script_agent.domain import knowledge
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import DirectiveKind, IntentKind
from script_agent.domain.writing.aspects import GENERIC, aspect_of
from script_agent.domain.writing.banks import CategoryBank, bank

CUE_SHOW = "[展示]"
CUE_ASK = "[互动]"
CUE_LINK = "[上链接]"


@dataclass
class Line:
    text: str
    level: int = 0  # 0 said by default; higher levels are added, lowest first, while time allows
    cue: str | None = None
    soft: bool = False  # a level-0 line that may go when even the essentials overrun a short target
    keep: int = 0  # among soft lines, the lower goes first (the interaction prompt is kept longest)


@dataclass
class Paragraph:
    beat: str
    lines: list[Line] = field(default_factory=list)


class Picker:
    """Stable choice among phrasings for one (product, scene, influencer, variant)."""

    def __init__(self, brief: ScriptBrief) -> None:
        variant = brief.variant + (1 if brief.intent is IntentKind.CONTINUE and brief.previous_script else 0)
        key = f"{brief.product.product.name}|{brief.scene}|{brief.influencer.id}|{variant}"
        self._rng_seed = zlib.crc32(key.encode("utf-8"))
        self.variant = variant

    def __call__(self, options: Sequence[str], slot: str) -> str:
        rng = random.Random(f"{self._rng_seed}:{slot}")
        return options[rng.randrange(len(options))]

    def order(self, items: Sequence[str], slot: str) -> list[str]:
        """Another variant, another order (the first variant keeps the data's order)."""
        out = list(items)
        if self.variant:
            random.Random(f"{self._rng_seed}:{slot}").shuffle(out)
            if out == list(items) and len(out) > 1:
                out = out[1:] + out[:1]
        return out


def _clean(text: str) -> str:
    return text.strip().rstrip("。，,.!！;；")


def focus_points(points: list[str], value: str | None) -> list[str]:
    """The points a FOCUS directive names: by number (2), by shared words, or by what they are
    about (续航 names 5000mAh 大电池一天一充); 突出A和B names two. [] when it names none."""
    if not value or not points:
        return []
    if value.isdigit():
        return [points[int(value) - 1]] if 1 <= int(value) <= len(points) else []
    chosen: list[str] = []
    for part in filter(None, re.split("和|、|与|及|跟|还有|以及", value)):
        topic = aspect_of(part)
        scored = [
            (
                sum(ch in p for ch in part)
                + (len(part) if topic is not GENERIC and aspect_of(p) is topic else 0),
                -i,
                p,
            )
            for i, p in enumerate(points)
        ]
        best = max(scored)
        if best[0] >= min(2, len(part)) and best[2] not in chosen:
            chosen.append(best[2])
    return chosen


class Facts:
    """Only what the brief states: every price, offer and feature line is built from here."""

    def __init__(self, brief: ScriptBrief, pick: Picker) -> None:
        p = brief.product.product
        self.name = p.name
        self.display = p.name if not p.brand or p.brand in p.name else f"{p.brand}{p.name}"
        points = [_clean(sp.text) for sp in brief.product.selling_points if _clean(sp.text)]
        focus = [d for d in brief.directives if d.kind is DirectiveKind.FOCUS]
        self.focused = bool(focus)
        named = focus_points(points, focus[-1].value) if focus else []
        self.points = (named or points[:1]) if focus else pick.order(points, "points")
        self.all_points = [*self.points, *(p for p in points if p not in self.points)]
        no_price = any(d.kind is DirectiveKind.PRICE and not d.positive for d in brief.directives)
        self.show_price = not no_price
        self.price = f"{p.price:g}元" if p.price is not None and not no_price else None
        self.promotion = _clean(p.promotion) if p.promotion and not no_price else None
        self.features = [_clean(f) for f in p.features if _clean(f)]
        self.audience = p.target_audience
        self.category = brief.product.category
        self.event = brief.event
        self.usage = knowledge.usage_hint(self.category)
        self.bank: CategoryBank = bank(self.category)

    def features_for(self, point: str) -> list[str]:
        """Features that share a word (two characters) with the point: the data behind the claim."""
        pairs = {point[i : i + 2] for i in range(len(point) - 1)}
        return [f for f in self.features if any(f[i : i + 2] in pairs for i in range(len(f) - 1))]

    def point_list(self) -> str:
        """Every given point, the focused one first: naming them all keeps nothing given unsaid."""
        return "、".join(self.all_points)
