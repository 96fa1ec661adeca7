"""The labelled multi-turn set: per-slot accuracy floors, and the set's own shape.

dev, dev2 and dev3 are what the rules were tuned on (dev2 and dev3 began as held-out parts and were
measured once before their failures were fixed; their headers keep those first figures); heldout was
written before any measurement (a few rule bugs were later fixed on failures it shares with the dev
parts, so it is only nearly clean); heldout4 was written after the last rule change and is never
tuned on. The issue's target (95% per slot) is asserted where it is met; heldout4 is held to its
first measurement so a regression shows, and the gap is reported by bench/intent.py rather than
hidden by tuning.
"""

from __future__ import annotations

import pytest

from tests.intent.dataset import PARTS, SLOTS, evaluate, failures, load

TARGET = 0.95
# First (and only) measurement of heldout4, per slot: the floor it must not fall below.
HELDOUT4_FIRST = {"kind": 0.931, "clarify": 1.0, "scene": 1.0, "directives": 0.884, "reference": 0.923}


def test_the_set_has_at_least_150_turns_and_held_out_parts() -> None:
    parts = {part: load(part) for part in PARTS}
    turns = sum(len(d.turns) for ds in parts.values() for d in ds)
    assert turns >= 150
    held = [t for part in ("heldout", "heldout4") for d in parts[part] for t in d.turns]
    tuned = [t for part in ("dev", "dev2", "dev3") for d in parts[part] for t in d.turns]
    assert len(held) >= 90
    shared = {t.query for t in tuned} & {t.query for t in held}
    assert len(shared) <= 8 and all(len(q) <= 8 for q in shared)  # only short commands like 写开场 recur
    everything = tuned + held
    assert sum("dir" in t.expect and "-" in t.expect["dir"] for t in everything) >= 25
    assert sum("clarify" in t.expect for t in everything) >= 15


@pytest.mark.parametrize("part", ["dev", "dev2", "dev3", "heldout"])
async def test_every_slot_meets_the_target(part: str) -> None:
    scores = await evaluate(part)
    low = {s: f"{c}/{n}" for s, (c, n) in scores.items() if s in SLOTS and n and c / n < TARGET}
    assert not low, (low, await failures(part))


async def test_the_clean_held_out_part_does_not_regress() -> None:
    scores = await evaluate("heldout4")
    for slot, first in HELDOUT4_FIRST.items():
        correct, total = scores[slot]
        assert correct / total >= first - 1e-9, (slot, correct, total)


async def test_tuned_turns_are_all_right() -> None:
    assert [f for part in ("dev", "dev2") for f in await failures(part)] == []
