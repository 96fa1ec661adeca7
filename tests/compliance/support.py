"""What the per-round rule tests share: the categories the checker reports for a phrase.

One place, so each round's file holds only its families' phrases (rounds 11 to 13 used to copy it).
"""

from __future__ import annotations

from script_agent.domain.compliance import detect
from script_agent.domain.compliance.facts import facts_from
from script_agent.testing.compliance_corpus import products

CATALOGUE = products()


def categories(text: str, product: str | None = None) -> set[str]:
    """product: a key into the corpus's products.json (the facts that allow a claim or a price)."""
    facts = facts_from(CATALOGUE[product]) if product else None
    return {f.category.value for f in detect(text, facts)}
