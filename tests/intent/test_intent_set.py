"""The labelled multi-turn set: per-slot accuracy floors, and the set's own shape.

dev, dev2 and dev3 are what the rules were tuned on (dev2 and dev3 began as held-out parts and were
measured once before their failures were fixed; their headers keep those first figures); heldout was
written before any measurement (a few rule bugs were later fixed on failures it shares with the dev
parts, so it is only nearly clean); heldout4 was written after the round-1 rule change, measured
once clean (kind 93.1%, directives 88.5%, reference 92.3%) and then tuned on in round 2.

heldout5 was written by someone who never saw the rules or the other parts and measured once clean
after round 2 (59.6% of turns fully right; the keyword baseline 47.4%). In round 3 it moved into
tuning: its misses were fixed as families (continuation paraphrases by structure, contrast edits,
vague edits asked back, products read by their head noun), each first written as new turns in dev4
(in other words: its first 50 turns were measured before the change, 12% fully right; two probe
dialogues of everyday phrasings followed, each measured before its own fixes) and then fixed. So
heldout5 and dev4 are tuned parts now, held at what was measured after round 3 (100% per slot);
HELDOUT5_FIRST keeps the clean figure for the record. No part here is evidence of generalization any
more: that takes a part written after round 3 and measured once.

heldout6 was that part: 90 turns by another author who read neither the rules nor the other parts,
written while round 3 was being tuned and measured once after it (81.1% of turns fully right; 73.3%
with the round-2 rules, 58.9% for the keyword baseline); HELDOUT6_FIRST keeps that figure. In round 4
it moved into tuning: its misses were fixed as families (tone words the tables lacked, an answer to
a clarifying question completing the request asked back, festival names kept as said, edits naming
the scene of the script they edit, questions about the script itself, an edit whose one direction is
an event), each first written as new turns in dev5 (44 turns, none shared with heldout6, measured
before the change: 11 of 44 fully right, DEV5_FIRST) and then fixed. heldout6 and dev5 are tuned
parts now, held at 100% per slot.

heldout7 is the part written after that: 79 turns by a fourth author who read neither the rules nor
any part, written during round 4 and measured once after it: 83.5% of turns fully right (kind 96.2%,
directives 89.5%, reference 96.1%; the round-3 rules on the same turns 81.0%, the keyword baseline
65.8%); HELDOUT7_FIRST keeps that figure. In round 5 it moved into tuning: its misses were fixed as
families (a tone complaint with its remedy, cutting verbs, energy slang, a part refused by its
sentences, 少让人X, a topic fronted before the focus verb or after a bare 重点, 讲讲X after a named
scene, going on by 续 / 往下, 介绍下产品 as no switch, questions about what a script contains, a
script referred to by its product), each first written as new turns in dev6 (68 turns, none shared
with heldout7, measured before the change: 12 of 68 fully right, DEV6_FIRST) and then fixed; one
heldout7 label was corrected (a product question, 一袋多少克, is product_intro like every other
part's). heldout7 and dev6 are tuned parts now, held at 100% per slot.

heldout8 is the part written meanwhile: 153 turns by a fifth author who read neither the rules nor any
part, measured once after round 5: 82.4% of turns fully right (kind 95.4%, clarify 96.1%, scene 94.3%,
directives 94.3%, reference 95.0%, duration 98.7%; the round-4 rules on the same turns 81.7%). It is
the clean figure of that round; HELDOUT8_FIRST keeps it.

In round 6 heldout8 moved into tuning: its misses were fixed as families (whether a phrase may be
said on stream, 能说X吗 / 算不算违规, is a question in the scene in force with the quoted words read
as no slot; 换个产品 naming none asks which, also while the client sends the current product; 换回 X
switches back; a verdict on a scene already written, 开场可以，再写个卖点, names no scene; a duration
corrected is the new one; cutting to a time is shorter; what is said not to be the issue, 不是X不X的
问题 / 与其X不如Y / X不用动, is no directive; 少说点X refuses X; 就说很划算 is no selling point; a
script referred to by what it talks about, 讲快充那段; 热烈 / 安静点; typos 买点, 促消, 一分中, 忒),
each first written as new turns in dev7 (68 turns, none shared with heldout8, with the next author's
likely typos and dictation; measured before the change: 19 of 68 fully right, DEV7_FIRST) and then
fixed. No heldout8 label was corrected. Three heldout8 turns stay as labelled and disagree with the
rules on purpose (DISAGREED): the author, who never saw the product data, asked for a focus the
product lacks (持妆 on the lipstick, 口感 on the nuts) and expected it written; the agent asks back
with the real selling points instead of inventing a claim (tests/writing/test_modifications.py), and
the turn after the first one refers to the script that question left unwritten. dev7 and heldout8
are tuned parts now: every other turn right.

heldout9 is the part written meanwhile: 156 turns by a sixth author who read neither the rules nor any
part, in registers the earlier parts had little of (an assistant typing fast, a host dictating by
voice with no punctuation and 嗯, one-word fragments, English mixed in). Measured once after round 6:
77.6% of turns fully right (kind 92.3%, clarify 96.2%, scene 97.2%, directives 89.0%, reference 91.7%;
the round-5 rules on the same turns 72.4%). It is the only evidence here of how the rules generalize;
HELDOUT9_FIRST is a floor at exactly that measurement. Never tune on it.
"""

from __future__ import annotations

import pytest

from script_agent.testing.intent_dataset import PARTS, SLOTS, evaluate, failures, load

TARGET = 0.95
# heldout4's clean first measurement (round 1), kept for the record; after round-2 tuning it is
# asserted at 100% per slot (what was measured then), and the 95% target like every other part.
HELDOUT4_FIRST = {"kind": 0.931, "clarify": 1.0, "scene": 1.0, "directives": 0.884, "reference": 0.923}
HELDOUT4_TUNED = {"kind": 1.0, "clarify": 1.0, "scene": 1.0, "directives": 1.0, "reference": 1.0}
# heldout5's one clean measurement (correct, total) per slot, after round 2, kept for the record.
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
# heldout6's one clean measurement (correct, total) per slot, after round 3: the honest figure.
HELDOUT6_FIRST = {
    "kind": (81, 90),
    "clarify": (89, 90),
    "scene": (80, 86),
    "directives": (79, 86),
    "reference": (79, 86),
    "category": (37, 37),
    "event": (88, 90),
    "duration": (90, 90),
    "turn": (73, 90),
}
# dev5's measurement before the round-4 change (correct, total): how far off its families were.
DEV5_FIRST = {
    "kind": (26, 44),
    "clarify": (41, 44),
    "scene": (28, 40),
    "directives": (24, 40),
    "reference": (21, 40),
    "category": (40, 40),
    "event": (38, 44),
    "duration": (43, 44),
    "turn": (11, 44),
}
# heldout7's one clean measurement (correct, total) per slot, after round 4: the honest figure.
HELDOUT7_FIRST = {
    "kind": (76, 79),
    "clarify": (78, 79),
    "scene": (73, 76),
    "directives": (68, 76),
    "reference": (73, 76),
    "category": (32, 32),
    "event": (79, 79),
    "duration": (79, 79),
    "turn": (66, 79),
}
# dev6's measurement before the round-5 change (correct, total): how far off its families were.
DEV6_FIRST = {
    "kind": (44, 68),
    "clarify": (66, 68),
    "scene": (56, 68),
    "directives": (31, 68),
    "reference": (47, 68),
    "category": (16, 17),
    "event": (68, 68),
    "duration": (68, 68),
    "turn": (12, 68),
}
# heldout8's one clean measurement (correct, total) per slot, after round 5: the honest figure now.
HELDOUT8_FIRST = {
    "kind": (146, 153),
    "clarify": (147, 153),
    "scene": (133, 141),
    "directives": (133, 141),
    "reference": (134, 141),
    "category": (60, 60),
    "event": (153, 153),
    "duration": (151, 153),
    "turn": (126, 153),
}
# dev7's measurement before the round-6 change (correct, total): how far off its families were.
DEV7_FIRST = {
    "kind": (53, 68),
    "clarify": (63, 68),
    "scene": (44, 63),
    "directives": (43, 63),
    "reference": (48, 63),
    "category": (22, 22),
    "event": (68, 68),
    "duration": (60, 68),
    "turn": (19, 68),
}
# heldout9's one clean measurement (correct, total) per slot, after round 6: the honest figure now.
HELDOUT9_FIRST = {
    "kind": (144, 156),
    "clarify": (150, 156),
    "scene": (141, 145),
    "directives": (129, 145),
    "reference": (133, 145),
    "category": (66, 66),
    "event": (156, 156),
    "duration": (156, 156),
    "turn": (121, 156),
}
TUNED = (
    "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7",
    "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
)  # fmt: skip
# Labelled turns the rules answer otherwise on purpose (part:line -> why); see the docstring.
DISAGREED = {
    "heldout8:8": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout8:9": "refers to the selling-points script that question of :8 left unwritten",
    "heldout8:49": "口感 is no selling point of the nuts: the agent asks which of its points to stress",
}


async def _unexpected_failures(part: str) -> list[str]:
    return [f for f in await failures(part) if f.split(" ", 1)[0] not in DISAGREED]


def test_the_set_has_at_least_150_turns_and_held_out_parts() -> None:
    parts = {part: load(part) for part in PARTS}
    turns = sum(len(d.turns) for ds in parts.values() for d in ds)
    assert turns >= 150
    held = [t for d in parts["heldout"] for t in d.turns]
    tuned = [t for part in TUNED for d in parts[part] for t in d.turns]
    assert len(held) >= 70
    shared = {t.query for t in tuned} & {t.query for t in held}
    # only short commands like 写开场 recur (heldout6's author, who saw no other part, shares five)
    assert len(shared) <= 12 and all(len(q) <= 8 for q in shared)
    everything = tuned + held
    assert sum("dir" in t.expect and "-" in t.expect["dir"] for t in everything) >= 25
    assert sum("clarify" in t.expect for t in everything) >= 15


def test_dev4_exercises_heldout5s_families_in_its_own_words() -> None:
    dev4 = [t for d in load("dev4") for t in d.turns]
    heldout5 = {t.query for d in load("heldout5") for t in d.turns}
    assert len(dev4) >= 40
    assert not {t.query for t in dev4} & heldout5
    assert sum(t.expect["kind"] == "continue" for t in dev4) >= 6  # paraphrased continuations
    assert sum("clarify" in t.expect and t.expect["kind"] == "modify" for t in dev4) >= 5  # vague
    assert sum("focus:" in t.expect.get("dir", "") for t in dev4) >= 5  # incl. contrast focus
    bare = [t for d in load("dev4") if d.product is None for t in d.turns if "cat" in t.expect]
    assert len({t.expect["cat"] for t in bare}) >= 4  # categories read from unlisted names


@pytest.mark.parametrize("part", [*TUNED, "heldout"])
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
    # rounds 3 to 6 measured 100% of turns on every tuned part (and on heldout), but for the turns
    # the rules answer otherwise on purpose; this holds it there.
    assert [f for part in TUNED for f in await _unexpected_failures(part)] == []


async def test_the_disagreed_turns_still_disagree_for_the_reason_given() -> None:
    # if one of them starts passing, the rule it stands for changed: say so and drop it from DISAGREED
    wrong = {f.split(" ", 1)[0]: f for f in await failures("heldout8")}
    assert set(wrong) == set(DISAGREED), wrong
    assert "wrong=['clarify']" in wrong["heldout8:8"] and "wrong=['clarify']" in wrong["heldout8:49"]


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
    assert scores["turn"][0] == scores["turn"][1] - len(DISAGREED), await failures("heldout8")


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


async def test_heldout9_never_tuned_on_holds_its_clean_measurement() -> None:
    scores = await evaluate("heldout9")
    for slot, (correct, total) in HELDOUT9_FIRST.items():
        got, n = scores[slot]
        assert n == total and got >= correct, (slot, got, n, await failures("heldout9"))
