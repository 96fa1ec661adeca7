"""What the slot reader makes of one sentence, as the behaviour tests compare it."""

from __future__ import annotations

from script_agent.agents.intent_slots import read_slots
from script_agent.domain.intent import DirectiveKind as K


def directions(text: str) -> set[tuple[str, bool]]:
    """(directive kind, asked-for) pairs, focus left out (it carries words, not a direction)."""
    return {(d.kind.value, d.positive) for d in read_slots(text).directives if d.kind is not K.FOCUS}


def first_focus(text: str) -> str | None:
    return next((d.value for d in read_slots(text).directives if d.kind is K.FOCUS), None)
