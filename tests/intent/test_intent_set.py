"""The labelled multi-turn set: per-slot accuracy floors, and the set's own shape.

dev, dev2 and dev3 are what the rules were tuned on (dev2 and dev3 began as held-out parts and were
measured once before their failures were fixed; their headers keep those first figures); heldout was
written before any measurement (a few rule bugs were later fixed on failures it shares with the dev
parts, so it is only nearly clean); heldout4 was written after the round-1 rule change, measured
once clean (kind 93.1%, directives 88.5%, reference 92.3%) and then tuned on in round 2: the
families its misses stand for were fixed, so it now counts as tuned and is held to the target like
the dev parts. The issue's target (95% per slot) is asserted on every part listed here.

heldout5 is the clean part: written by someone who never saw the rules or the other parts, measured
once after round 2 and never tuned on. It misses the target badly (59.6% of turns fully right; the
keyword baseline 47.4%), which is the honest measure of how far these rules generalize. It is held to
that first measurement so a regression shows; it is not asserted at the target.
"""

from __future__ import annotations

import pytest

from script_agent.testing.intent_dataset import PARTS, SLOTS, evaluate, failures, load

TARGET = 0.95
# heldout4's clean first measurement (round 1), kept for the record; after round-2 tuning it is
# asserted at 100% per slot (what was measured then), and the 95% target like every other part.
HELDOUT4_FIRST = {"kind": 0.931, "clarify": 1.0, "scene": 1.0, "directives": 0.884, "reference": 0.923}
HELDOUT4_TUNED = {"kind": 1.0, "clarify": 1.0, "scene": 1.0, "directives": 1.0, "reference": 1.0}
# heldout5's one clean measurement (correct, total) per slot, after round 2: the floor it must hold.
HELDOUT5_FIRST = {
    "kind": (44, 57),
    "clarify": (51, 57),
    "scene": (50, 50),
    "directives": (39, 50),
    "reference": (42, 50),
    "category": (47, 50),
    "event": (57, 57),
    "duration": (56, 57),
    "turn": (34, 57),
}


def test_the_set_has_at_least_150_turns_and_held_out_parts() -> None:
    parts = {part: load(part) for part in PARTS}
    turns = sum(len(d.turns) for ds in parts.values() for d in ds)
    assert turns >= 150
    held = [t for part in ("heldout", "heldout4", "heldout5") for d in parts[part] for t in d.turns]
    tuned = [t for part in ("dev", "dev2", "dev3") for d in parts[part] for t in d.turns]
    assert len(held) >= 90
    shared = {t.query for t in tuned} & {t.query for t in held}
    assert len(shared) <= 8 and all(len(q) <= 8 for q in shared)  # only short commands like 写开场 recur
    everything = tuned + held
    assert sum("dir" in t.expect and "-" in t.expect["dir"] for t in everything) >= 25
    assert sum("clarify" in t.expect for t in everything) >= 15


@pytest.mark.parametrize("part", ["dev", "dev2", "dev3", "heldout", "heldout4"])
async def test_every_slot_meets_the_target(part: str) -> None:
    scores = await evaluate(part)
    low = {s: f"{c}/{n}" for s, (c, n) in scores.items() if s in SLOTS and n and c / n < TARGET}
    assert not low, (low, await failures(part))


async def test_heldout4_tuned_in_round_2_holds_what_was_measured() -> None:
    scores = await evaluate("heldout4")
    for slot, floor in HELDOUT4_TUNED.items():
        correct, total = scores[slot]
        assert correct / total >= floor - 1e-9, (slot, correct, total, await failures("heldout4"))
        assert floor >= HELDOUT4_FIRST[slot]


async def test_tuned_turns_are_all_right() -> None:
    assert [f for part in ("dev", "dev2", "heldout4") for f in await failures(part)] == []


async def test_heldout5_never_tuned_on_holds_its_first_measurement() -> None:
    scores = await evaluate("heldout5")
    for slot, (correct, total) in HELDOUT5_FIRST.items():
        got, n = scores[slot]
        assert n == total and got >= correct, (slot, got, n, await failures("heldout5"))
