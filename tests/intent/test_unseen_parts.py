"""The part no intent rule was tuned on and the kind model never trained on: its one measurement.

heldout19 (198 turns, 22 dialogues) was written during round 14 by an author who read neither the
rules nor any part: a host dictating while doing her make-up (half sentences, corrections mid-word), a
data analyst asking in numbers and percentages (缩短20%, 互动翻倍), instructions listed ①②③, a
live-commerce teacher setting homework, 潮汕 / 客家 and 河北 / 山西 typists, terse answers to the tool's
questions (就那个, 第二个), products switched by brand name only. Measured once after round 14 with the
learned kind model on: 102 of 198 turns fully right (51.5%); the round-13 rules and model 100, the rules
alone 98, keywords only 82. HELDOUT19_FIRST is a floor at exactly that figure.
"""

from __future__ import annotations

from script_agent.testing.intent_dataset import PARTS, TRAINED, UNSEEN, evaluate
from script_agent.testing.intent_first_measurements import HELDOUT19_FIRST


def test_heldout19_is_unseen_by_the_kind_model() -> None:
    assert PARTS[-1] == "heldout19" and UNSEEN == ("heldout19",) and "heldout19" not in TRAINED


async def test_heldout19_holds_its_clean_measurement() -> None:
    scores = await evaluate("heldout19")
    for slot, (correct, total) in HELDOUT19_FIRST.items():
        assert scores[slot][1] == total and scores[slot][0] >= correct, (slot, scores[slot])
