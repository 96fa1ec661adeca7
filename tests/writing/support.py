"""Briefs for writing tests, built the way the orchestrator builds them (product and profile agents)."""

from __future__ import annotations

import json
from pathlib import Path

from script_agent.agents.product import selling_points_for
from script_agent.domain import knowledge
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import Directive, DirectiveKind, IntentKind
from script_agent.domain.models import InfluencerProfile, Product, ProductProfile, Scene
from script_agent.domain.writing.compose import compose, write_script
from script_agent.domain.writing.timing import spoken_seconds

ROOT = Path(__file__).resolve().parents[2]
PRODUCTS = ("lipstick", "nuts", "phone", "down-jacket")
INFLUENCERS = ("xiaomei", "laowang", "ajie")


def _load(kind: str, name: str) -> dict[str, object]:
    return json.loads((ROOT / "examples" / kind / f"{name}.json").read_text(encoding="utf-8"))


def product(key: str) -> Product:
    return Product.model_validate(_load("products", key))


def brief(product_key: str, influencer_key: str, scene: Scene, **update: object) -> ScriptBrief:
    p = product(product_key)
    category = knowledge.normalize_category(p.category) or knowledge.GENERIC_CATEGORY
    profile = ProductProfile(product=p, selling_points=selling_points_for(p, category), category=category)
    influencer = InfluencerProfile.model_validate(_load("influencers", influencer_key))
    return ScriptBrief(scene=scene, product=profile, influencer=influencer).model_copy(update=update)


def modified(base: ScriptBrief, *directives: tuple[DirectiveKind, bool] | Directive) -> tuple[str, str]:
    """(previous, modified) texts: `base` written, then rewritten with the directives."""
    previous = write_script(base)
    asked = [d if isinstance(d, Directive) else Directive(kind=d[0], positive=d[1]) for d in directives]
    again = base.model_copy(
        update={"intent": IntentKind.MODIFY, "previous_script": previous, "directives": asked}
    )
    return previous, write_script(again)


def off_target(seconds: int) -> list[tuple[str, str, str, int]]:
    """Every (product, influencer, scene) whose script misses `seconds` by more than 20%."""
    off = []
    for product in PRODUCTS:
        for influencer in INFLUENCERS:
            for scene in Scene:
                spoken = spoken_seconds(compose(brief(product, influencer, scene, duration_s=seconds)).text)
                if abs(spoken - seconds) > 0.2 * seconds:
                    off.append((product, influencer, scene.value, round(spoken)))
    return off
