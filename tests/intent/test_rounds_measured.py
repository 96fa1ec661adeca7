"""Each round's measured parts: a held-out part tuned on is at least as right as its one clean
measurement, and the development part written for its families was measured before the fixes and
is right now (the figures live in script_agent/testing/intent_first_measurements.py, the story in
test_intent_set.py).
"""

from __future__ import annotations

import pytest

from script_agent.testing.intent_dataset import PARTS, evaluate, failures, load
from script_agent.testing.intent_first_measurements import (
    DEV5_FIRST,
    DEV6_FIRST,
    DEV7_FIRST,
    DEV8_FIRST,
    DEV9_FIRST,
    DEV10_FIRST,
    DEV11_FIRST,
    DEV12_FIRST,
    DEV13_FIRST,
    DEV14_FIRST,
    HELDOUT4_FIRST,
    HELDOUT4_TUNED,
    HELDOUT5_FIRST,
    HELDOUT6_FIRST,
    HELDOUT7_FIRST,
    HELDOUT8_FIRST,
    HELDOUT9_FIRST,
    HELDOUT10_FIRST,
    HELDOUT11_FIRST,
    HELDOUT12_FIRST,
    HELDOUT13_FIRST,
    HELDOUT14_FIRST,
    HELDOUT15_FIRST,
    HELDOUT16_FIRST,
    HELDOUT17_FIRST,
    HELDOUT18_FIRST,
    ROUND14_OPEN,
)
from tests.intent.disagreed import DISAGREED


async def test_heldout4_tuned_in_round_2_holds_what_was_measured() -> None:
    scores = await evaluate("heldout4")
    for slot, floor in HELDOUT4_TUNED.items():
        correct, total = scores[slot]
        assert correct / total >= floor - 1e-9, (slot, correct, total, await failures("heldout4"))
        assert floor >= HELDOUT4_FIRST[slot]


async def test_heldout5_tuned_in_round_3_is_above_its_clean_measurement() -> None:
    scores = await evaluate("heldout5")
    for slot, (correct, total) in HELDOUT5_FIRST.items():
        got, n = scores[slot]
        assert n == total and got == n and got >= correct, (slot, got, n, await failures("heldout5"))


async def test_heldout6_tuned_in_round_4_is_above_its_clean_measurement() -> None:
    scores = await evaluate("heldout6")
    for slot, (correct, total) in HELDOUT6_FIRST.items():
        got, n = scores[slot]
        assert n == total and got == n and got >= correct, (slot, got, n, await failures("heldout6"))


def test_dev5_exercises_heldout6s_families_in_its_own_words() -> None:
    dev5 = [t for d in load("dev5") for t in d.turns]
    heldout6 = {t.query for d in load("heldout6") for t in d.turns}
    assert len(dev5) >= 40
    assert not {t.query for t in dev5} & heldout6
    assert sum(t.expect["kind"] == "query" for t in dev5) >= 5  # questions about the script itself
    assert sum("event" in t.expect and t.expect["kind"] == "modify" for t in dev5) >= 2  # event edits
    answers = [
        b for d in load("dev5") for a, b in zip(d.turns, d.turns[1:], strict=False) if "clarify" in a.expect
    ]
    assert len(answers) >= 4 and all("scene" in t.expect for t in answers)  # answers to a question
    tones = {"humor+", "warm+", "lively+"}
    assert sum(bool(tones & set(t.expect.get("dir", "").split(","))) for t in dev5) >= 12


async def test_dev5_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev5")
    for slot, (correct, total) in DEV5_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout7_tuned_in_round_5_is_above_its_clean_measurement() -> None:
    scores = await evaluate("heldout7")
    for slot, (correct, total) in HELDOUT7_FIRST.items():
        got, n = scores[slot]
        assert n == total and got == n and got >= correct, (slot, got, n, await failures("heldout7"))


def test_dev6_exercises_heldout7s_families_in_its_own_words() -> None:
    dev6 = [t for d in load("dev6") for t in d.turns]
    heldout7 = {t.query for d in load("heldout7") for t in d.turns}
    assert len(dev6) >= 60
    assert not {t.query for t in dev6} & heldout7
    assert sum(t.expect["kind"] == "query" for t in dev6) >= 8  # questions about what a script holds
    assert sum(t.expect["kind"] == "continue" for t in dev6) >= 5  # going on by 续 / 往下
    assert sum("focus:" in t.expect.get("dir", "") for t in dev6) >= 12  # fronted, bare, 讲讲X
    refused = [t for t in dev6 if {"price-", "interaction-"} & set(t.expect.get("dir", "").split(","))]
    assert len(refused) >= 8  # parts refused by their sentences, 少 + a causative verb
    several = [d for d in load("dev6") if d.product is None]  # scripts of several products, named
    switched = [d for d in several if any(t.expect["kind"] == "switch_product" for t in d.turns)]
    assert len(several) >= 3 and switched == several


async def test_dev6_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev6")
    for slot, (correct, total) in DEV6_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout8_tuned_in_round_6_is_above_its_clean_measurement() -> None:
    scores = await evaluate("heldout8")
    for slot, (correct, total) in HELDOUT8_FIRST.items():
        got, n = scores[slot]
        assert n == total and got >= correct, (slot, got, n, await failures("heldout8"))
    disagreed = sum(turn.startswith("heldout8:") for turn in DISAGREED)
    assert scores["turn"][0] == scores["turn"][1] - disagreed, await failures("heldout8")


def test_dev7_exercises_heldout8s_families_in_its_own_words() -> None:
    dev7 = [t for d in load("dev7") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev7" for d in load(part) for t in d.turns}
    assert len(dev7) >= 60
    assert not {t.query for t in dev7} & others
    on_stream = [t for t in dev7 if t.expect["kind"] == "query"]
    assert len(on_stream) >= 10 and {t.expect["scene"] for t in on_stream} >= {
        "opening",
        "closing",
        "promotion",
    }
    assert sum(t.expect["kind"] == "switch_product" and "clarify" in t.expect for t in dev7) >= 5
    assert sum("dur" in t.expect for t in dev7) >= 12  # durations corrected, cut to, typed by sound
    typed = ("买点", "促消", "分中", "分种", "忒")
    assert sum(any(w in t.query for w in typed) for t in dev7) >= 8


async def test_dev7_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev7")
    for slot, (correct, total) in DEV7_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout9_tuned_in_round_7_is_above_its_clean_measurement() -> None:
    scores = await evaluate("heldout9")
    for slot, (correct, total) in HELDOUT9_FIRST.items():
        got, n = scores[slot]
        assert n == total and got >= correct, (slot, got, n, await failures("heldout9"))
    disagreed = sum(turn.startswith("heldout9:") for turn in DISAGREED)
    assert scores["turn"][0] == scores["turn"][1] - disagreed, await failures("heldout9")


def test_dev8_exercises_heldout9s_families_in_its_own_words() -> None:
    dev8 = [t for d in load("dev8") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev8" for d in load(part) for t in d.turns}
    assert len(dev8) >= 60
    assert not {t.query for t in dev8} & others
    spaced = [t for t in dev8 if " " in t.query and "-" in t.expect.get("dir", "")]
    assert len(spaced) >= 8  # a negation that stops at a space, or a refusal said after one
    assert sum(any(c.isascii() and c.isalpha() for c in t.query) for t in dev8) >= 10  # English
    assert sum("嗯" in t.query for t in dev8) >= 6  # dictation
    named = [t for t in dev8 if t.expect["kind"] == "switch_product" and "clarify" not in t.expect]
    assert len(named) >= 6  # a product said as the switch
    assert sum(t.expect["kind"] == "query" for t in dev8) >= 6  # questions with no question mark
    typed = ("买点", "促消", "分中", "忒", "在来", "在短")
    assert sum(any(w in t.query for w in typed) for t in dev8) >= 5


async def test_dev8_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev8")
    for slot, (correct, total) in DEV8_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout10_tuned_in_rounds_8_and_9_is_above_its_clean_measurement() -> None:
    # every slot at least as right as measured clean, but for the turns answered otherwise on purpose
    scores = await evaluate("heldout10")
    wrong = await failures("heldout10")
    for slot, (correct, total) in HELDOUT10_FIRST.items():
        got, n = scores[slot]
        meant = sum(f"'{slot}'" in f for f in wrong if f.split(" ", 1)[0] in DISAGREED)
        assert n == total and got + meant >= correct, (slot, got, n, wrong)
    disagreed = sum(turn.startswith("heldout10:") for turn in DISAGREED)
    assert scores["turn"][0] == scores["turn"][1] - disagreed, wrong  # 84 of 160 clean


def test_dev9_exercises_heldout10s_families_in_its_own_words() -> None:
    dev9 = [t for d in load("dev9") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev9" for d in load(part) for t in d.turns}
    assert len(dev9) >= 60
    assert not {t.query for t in dev9} & others
    assert sum("号" in t.query and "ref" in t.expect for t in dev9) >= 8  # numbered scripts
    corrections = ("不对", "算了还是", "说岔了")
    assert sum(any(w in t.query for w in corrections) for t in dev9) >= 5  # the last said wins
    assert sum(t.expect["kind"] == "switch_product" for t in dev9) >= 7  # next-product moves
    polite = [t for t in dev9 if t.query.rstrip("？?").endswith("吗") and t.expect["kind"] != "query"]
    assert len(polite) >= 4  # requests phrased as questions
    typed = ("买点", "促消", "分中", "忒", "在来")
    assert sum(any(w in t.query for w in typed) for t in dev9) >= 4


async def test_dev9_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev9")
    for slot, (correct, total) in DEV9_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout11_tuned_in_round_9_is_above_its_clean_measurement() -> None:
    # every slot at least as right as measured clean, but for the turns answered otherwise on purpose
    scores = await evaluate("heldout11")
    wrong = await failures("heldout11")
    for slot, (correct, total) in HELDOUT11_FIRST.items():
        got, n = scores[slot]
        meant = sum(f"'{slot}'" in f for f in wrong if f.split(" ", 1)[0] in DISAGREED)
        assert n == total and got + meant >= correct, (slot, got, n, wrong)
    disagreed = sum(turn.startswith("heldout11:") for turn in DISAGREED)
    assert scores["turn"][0] == scores["turn"][1] - disagreed, wrong  # 104 of 162 clean


def test_dev10_exercises_heldout11s_families_in_its_own_words() -> None:
    dev10 = [t for d in load("dev10") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev10" for d in load(part) for t in d.turns}
    assert len(dev10) >= 80
    assert not {t.query for t in dev10} & others
    selling = ("换卖", "改卖", "换去", "推")
    switched = [t for t in dev10 if t.expect["kind"] == "switch_product"]
    assert len(switched) >= 8 and sum(any(w in t.query for w in selling) for t in switched) >= 6
    assert sum("focus:" in t.expect.get("dir", "") for t in dev10) >= 15  # wishes, cores, fragments
    assert sum(any(w in t.query for w in ("促单", "收口")) for t in dev10) >= 10  # scene jargon
    assert sum(t.expect["kind"] == "query" for t in dev10) >= 12  # no question mark, may-be-said
    regional = ("莫", "讯息", "支", "介少", "lively", "formal", "casual")
    assert sum(any(w in t.query for w in regional) for t in dev10) >= 12


async def test_dev10_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev10")
    for slot, (correct, total) in DEV10_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout12_tuned_in_round_10_is_above_its_clean_measurement() -> None:
    # every slot at least as right as measured clean (62.6% of turns), but for the turns answered
    # otherwise on purpose; round 10 left it open at 162 of 187 turns (ROUND10_OPEN), held there
    scores = await evaluate("heldout12")
    wrong = await failures("heldout12")
    for slot, (correct, total) in HELDOUT12_FIRST.items():
        got, n = scores[slot]
        meant = sum(f"'{slot}'" in f for f in wrong if f.split(" ", 1)[0] in DISAGREED)
        assert n == total and got + meant >= correct, (slot, got, n, wrong)
    assert scores["turn"][0] >= 171, wrong  # round 10 left 162; round 11's shared families lifted it
    assert scores["kind"][0] >= 182 and scores["reference"][0] >= 176, wrong


def test_dev11_exercises_heldout12s_families_in_its_own_words() -> None:
    dev11 = [t for d in load("dev11") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev11" for d in load(part) for t in d.turns}
    assert len(dev11) >= 50
    assert not {t.query for t in dev11} & others
    line_edits = [t for t in dev11 if any(w in t.query for w in ("加一句", "加上一句", "那句", "换个别的词"))]
    assert len(line_edits) >= 10 and all(t.expect["kind"] == "modify" for t in line_edits)
    assert sum(t.expect["kind"] == "switch_product" for t in dev11) >= 7  # the next product named
    assert sum(t.expect["kind"] == "query" for t in dev11) >= 9  # reasons after, prices, Cantonese
    assert sum(any(w in t.query for w in ("：", "环节", "部分")) for t in dev11) >= 4  # running order
    assert sum(any(w in t.query for w in ("嚟", "啲", "嗰", "系咪", "几多", "几耐")) for t in dev11) >= 5


async def test_dev11_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev11")
    for slot, (correct, total) in DEV11_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout13_holds_its_clean_measurement() -> None:
    # measured once after round 10 (50.0% of turns; the round-9 rules 49.5%), before round 11 tuned on it
    scores = await evaluate("heldout13")
    for slot, (correct, total) in HELDOUT13_FIRST.items():
        assert scores[slot][1] == total and scores[slot][0] >= correct, (slot, scores[slot])


async def test_heldout13_tuned_in_round_11_is_above_its_clean_measurement() -> None:
    # round 11 left it open at 174 of 182 turns (ROUND11_OPEN): every slot at least as right as then,
    # but for the turns answered otherwise on purpose (DISAGREED)
    scores = await evaluate("heldout13")
    wrong = await failures("heldout13")
    meant = {f.split(" ", 1)[0] for f in wrong if f.split(" ", 1)[0] in DISAGREED}
    assert scores["turn"][0] >= 174 and len(wrong) - len(meant) <= 4, wrong
    assert scores["kind"][0] >= 180 and scores["reference"][0] >= 171, wrong
    assert scores["scene"] == (175, 175) and scores["category"] == (63, 63), wrong


def test_dev12_exercises_heldout13s_families_in_its_own_words() -> None:
    dev12 = [t for d in load("dev12") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev12" for d in load(part) for t in d.turns}
    assert len(dev12) >= 60
    assert not {t.query for t in dev12} & others
    assert sum("clarify" in t.expect and t.expect["kind"] == "generate" for t in dev12) >= 4  # bare asks
    assert sum(t.expect["kind"] == "switch_product" for t in dev12) >= 9  # another product named
    assert sum("focus:" in t.expect.get("dir", "") for t in dev12) >= 10
    assert sum(t.expect["kind"] == "query" for t in dev12) >= 5  # reasons after, wordings, the offer
    assert sum(any(c in t.query for c in "寫個產講顯長後") for t in dev12) >= 4  # traditional characters


async def test_dev12_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev12")
    for slot, (correct, total) in DEV12_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout14_holds_its_clean_measurement() -> None:
    # measured once after round 11 (59.3% of turns; the round-10 rules 58.2%), before round 12 tuned on it
    scores = await evaluate("heldout14")
    for slot, (correct, total) in HELDOUT14_FIRST.items():
        assert scores[slot][1] == total and scores[slot][0] >= correct, (slot, scores[slot])


async def test_heldout14_tuned_in_round_12_is_above_its_clean_measurement() -> None:
    # round 12 left it open at 163 of 182 turns (ROUND12_OPEN): held there, but for the turns answered
    # otherwise on purpose (DISAGREED); the open ten are versions merged, split and undone, and two
    scores = await evaluate("heldout14")
    wrong = await failures("heldout14")
    meant = {f.split(" ", 1)[0] for f in wrong if f.split(" ", 1)[0] in DISAGREED}
    assert scores["turn"][0] >= 163 and len(wrong) - len(meant) <= 10, wrong
    assert scores["kind"][0] >= 181 and scores["reference"][0] >= 165, wrong
    assert scores["category"] == (13, 13) and scores["event"] == (182, 182), wrong


def test_dev13_exercises_heldout14s_families_in_its_own_words() -> None:
    dev13 = [t for d in load("dev13") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev13" for d in load(part) for t in d.turns}
    assert len(dev13) >= 45
    assert not {t.query for t in dev13} & others
    assert sum(t.expect["kind"] == "query" for t in dev13) >= 12  # tool, no question word, may-it-be-said
    assert (
        sum(any(w in t.query for w in ("嘞", "额", "伐", "摆", "唠", "忒", "一眼", "板")) for t in dev13) >= 8
    )
    assert sum("所以" in t.query for t in dev13) >= 3  # the reason first


async def test_dev13_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev13")
    for slot, (correct, total) in DEV13_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


async def test_heldout15_holds_its_clean_measurement() -> None:
    # measured once after round 12 (46.7% of turns; the round-11 rules the same); never tuned on
    scores = await evaluate("heldout15")
    for slot, (correct, total) in HELDOUT15_FIRST.items():
        assert scores[slot][1] == total and scores[slot][0] >= correct, (slot, scores[slot])


async def test_heldout16_tuned_in_round_13_is_above_its_clean_measurement() -> None:
    # measured once after round 12 with the learned kind model on (59.0% of turns; rules alone 57.9%),
    # left out of the model's training until round 13 tuned on it: every turn right now but the five
    # answered otherwise on purpose (DISAGREED), and every slot at least as right as measured clean
    scores = await evaluate("heldout16")
    wrong = await failures("heldout16")
    for slot, (correct, total) in HELDOUT16_FIRST.items():
        assert scores[slot][1] == total and scores[slot][0] >= correct, (slot, scores[slot], wrong)
    disagreed = sum(turn.startswith("heldout16:") for turn in DISAGREED)
    assert scores["turn"][0] == scores["turn"][1] - disagreed, wrong


def test_dev14_exercises_heldout16s_families_in_its_own_words() -> None:
    dev14 = [t for d in load("dev14") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev14" for d in load(part) for t in d.turns}
    assert len(dev14) >= 50
    assert not {t.query for t in dev14} & others
    assert sum(t.query.isascii() or t.query[:3].isascii() for t in dev14) >= 5  # pinyin typed
    assert sum(t.expect["kind"] == "query" for t in dev14) >= 10  # claims, the tool, may-it-be-said
    assert sum(any(w in t.query for w in ("撰", "之辞", "可否", "其")) for t in dev14) >= 4  # classical
    assert sum(any(c in t.query for c in "ABC") for t in dev14) >= 4  # versions by letter


async def test_dev14_was_measured_before_its_fixes_and_is_right_now() -> None:
    scores = await evaluate("dev14")
    for slot, (correct, total) in DEV14_FIRST.items():
        assert scores[slot] == (total, total) and correct <= total, (slot, scores[slot])


@pytest.mark.parametrize(("part", "first"), [("heldout17", HELDOUT17_FIRST), ("heldout18", HELDOUT18_FIRST)])
async def test_the_round_13_blind_authors_tuned_in_round_14_hold_both_floors(
    part: str, first: dict[str, tuple[int, int]]
) -> None:
    # measured once after round 13 (34.5% and 33.5% of turns), tuned on and trained on in round 14:
    # every slot at least its clean figure and at least where round 14 left it open (ROUND14_OPEN)
    scores = await evaluate(part)
    for slot, (correct, total) in first.items():
        floor = ROUND14_OPEN[part][slot]
        assert scores[slot][1] == total == floor[1] and scores[slot][0] >= max(correct, floor[0]), (
            slot,
            scores[slot],
        )
