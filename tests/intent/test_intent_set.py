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
the round-5 rules on the same turns 72.4%). It was then the only evidence here of how the rules
generalize; HELDOUT9_FIRST keeps that figure.

In round 7 heldout9 moved into tuning: its misses were fixed as families of the registers it was
written in (intent_register reads English tone and scene words, 嗯 and 在 for 再 into the tables'
words; a space ends a clause unless a cue before it waits for its word, so a negation no longer
reaches across it, nor a focus; in one unpunctuated run a negation covers the word it names first,
and a later ask with a fresh start or X一点 is asked anew; bare fragments 再短 / 短 一分钟 / 别这么长;
a product said as a switch, in answer to which product, after a bare 换, or named first with 一样;
a question with no question mark, 多少来着; 倒数第N个; X多讲讲 with the topic fronted bare; X介绍 as
the scene named; warmth by degree; a stiffness complaint answered by the remedy after it; 就说 + a
message is no selling point; 压到 a time under the scene's usual length is shorter), each first
written as new turns in dev8 (73 turns, none shared with any other part, with the next author's
likely typos, English and dictation; measured before the change: 27 of 73 fully right, DEV8_FIRST)
and then fixed. No heldout9 label was corrected. Eight heldout9 turns stay as labelled and disagree
with the rules on purpose (DISAGREED), of heldout8's kind: a focus the product lacks (持妆 and 不沾杯
on the lipstick, 拍照 on the phone) is asked back with the real selling points, and the turns after
two of them refer to the script that question left unwritten. dev8 and heldout9 are tuned parts
now: every other turn right. The first figures of every part live in first_measurements.py.

heldout10 is the part written meanwhile: 160 turns by a seventh author who read neither the rules nor
any part, as several kinds of users (an agency 运营 numbering scripts 1号 / 2号 and asking for several
things in one turn, a hesitant new host, trade jargon such as 憋单 / 过款 / 福袋, an older host selling
the village's produce, self-corrections 哦不对 / 算了还是). Measured once after round 7: 52.5% of turns
fully right (kind 90.0%, clarify 88.8%, scene 79.7%, directives 87.2%, reference 77.0%; the round-6
rules on the same turns 48.1%); HELDOUT10_FIRST keeps that figure.

In round 8 heldout10 moved into tuning: its misses were fixed as families (intent_jargon reads N号 at
a clause's start as 第N段; 憋单 as a promotion, 扣“X” as interaction with the quoted word no tone;
plain scene names 打招呼 / 讲好处 / 道别; 过款 / 下一个 naming none as a switch asked back, 下一款 +
a product and X也想一块卖 as a switch to it; a closing 可以吗 / 想要一个 as a polite request; 与其 +
the offer as price refused; 不是X，是Y as a contrast; 文绉绉 / 急吼吼 / 慢慢说; X为主 / 卖点讲X /
单独拎出来 as a focus; the last said winning slot by slot after 哦不对 / 算了还是 / 不对不对), each
first written as new turns in dev9 (62 turns, none shared with any other part, with the next
author's likely typos and dictation; measured before the change: 23 of 62 fully right, DEV9_FIRST)
and then fixed. No heldout10 label was corrected. Its focus-the-product-lacks turns are DISAGREED as
in rounds 6 and 7, with the numbered references after them that count one script fewer. Round 8 ran
out of its time box before dev9 and heldout10 were fully right: both are held above their first
figures (ROUND8_OPEN), not yet at 100%; their remaining misses are what round 9 starts from.

heldout11 is the part written meanwhile: 162 turns by an eighth author who read neither the rules nor
any part (a brand's marketing manager, a team lead sending drafts back, one-handed phone typing,
Taiwanese and Singaporean Mandarin, scripts referred to by when they were written). Measured once
after round 8: 64.2% of turns fully right (kind 88.9%, clarify 96.3%, scene 90.7%, directives 90.0%,
reference 85.3%, category 85.2%). The round-7 rules on the same turns: 66.0% — round 8's changes,
which lifted heldout10 from 52.5% to 72.5%, did not carry over to this author (three turns fewer).
It is the only evidence here of how the rules generalize; HELDOUT11_FIRST is a floor at exactly that
measurement. Never tune on it.
"""

from __future__ import annotations

import pytest

from script_agent.testing.intent_dataset import PARTS, SLOTS, evaluate, failures, load
from tests.intent.first_measurements import (
    DEV5_FIRST,
    DEV6_FIRST,
    DEV7_FIRST,
    DEV8_FIRST,
    DEV9_FIRST,
    HELDOUT4_FIRST,
    HELDOUT4_TUNED,
    HELDOUT5_FIRST,
    HELDOUT6_FIRST,
    HELDOUT7_FIRST,
    HELDOUT8_FIRST,
    HELDOUT9_FIRST,
    HELDOUT10_FIRST,
    HELDOUT11_FIRST,
)

TARGET = 0.95
TUNED = (
    "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9",
    "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
)  # fmt: skip
# Tuned in round 8 but not yet fully right (see the docstring): held above their first figures.
ROUND8_OPEN = ("dev9", "heldout10")
HELD_FULL = tuple(part for part in TUNED if part not in ROUND8_OPEN)
# Labelled turns the rules answer otherwise on purpose (part:line -> why); see the docstring.
DISAGREED = {
    "heldout8:8": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout8:9": "refers to the selling-points script that question of :11 left unwritten",
    "heldout8:49": "口感 is no selling point of the nuts: the agent asks which of its points to stress",
    "heldout9:11": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout9:12": "edits the selling-points script that question of :11 left unwritten",
    "heldout9:15": "刚才收尾那段 counts the closing among scripts one fewer since :11 wrote none",
    "heldout9:16": "asks of the 持妆 script that :11 left unwritten",
    "heldout9:62": "拍照 is no selling point of the phone: the agent asks which of its points to stress",
    "heldout9:63": "edits the selling-points script that question of :62 left unwritten",
    "heldout9:66": "asks of the 拍照 script that :62 left unwritten",
    "heldout9:151": "不沾杯 is no selling point of the lipstick: the agent asks which point to stress",
    "heldout10:7": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout10:16": "10号 counts one script fewer since :7 wrote none: the agent asks which one",
    "heldout10:20": "配料 is no selling point of the nuts: the agent asks which of its points to stress",
    "heldout10:107": "送礼 is no selling point of the nuts: the agent asks which of its points to stress",
    "heldout10:108": "3号 counts one script fewer since :107 wrote none",
    "heldout10:110": "5号 counts one script fewer since :107 wrote none",
    "heldout10:114": "8号 counts one script fewer since :107 wrote none",
    "heldout10:133": "蓬松度 is no selling point of the jacket: the agent asks which of its points to stress",
    "heldout10:163": "拍照 is no selling point of the phone: the agent asks which of its points to stress",
}
UNKNOWN_FOCUS = ("heldout8:8", "heldout8:49", "heldout9:11", "heldout9:62", "heldout9:151")


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


@pytest.mark.parametrize("part", [*HELD_FULL, "heldout"])
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
    assert [f for part in HELD_FULL for f in await _unexpected_failures(part)] == []


async def test_the_disagreed_turns_still_disagree_for_the_reason_given() -> None:
    # if one of them starts passing, the rule it stands for changed: say so and drop it from DISAGREED
    wrong = {f.split(" ", 1)[0]: f for part in ("heldout8", "heldout9") for f in await failures(part)}
    assert set(wrong) == {turn for turn in DISAGREED if not turn.startswith("heldout10:")}, wrong
    still = {f.split(" ", 1)[0] for f in await failures("heldout10")}
    assert {turn for turn in DISAGREED if turn.startswith("heldout10:")} <= still
    assert all("wrong=['clarify']" in wrong[turn] for turn in UNKNOWN_FOCUS)


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


async def test_heldout10_tuned_in_round_8_is_above_its_clean_measurement() -> None:
    # every slot at least as right as measured clean, but for the turns answered otherwise on purpose
    scores = await evaluate("heldout10")
    wrong = await failures("heldout10")
    for slot, (correct, total) in HELDOUT10_FIRST.items():
        got, n = scores[slot]
        meant = sum(f"'{slot}'" in f for f in wrong if f.split(" ", 1)[0] in DISAGREED)
        assert n == total and got + meant >= correct, (slot, got, n, wrong)
    assert scores["turn"][0] >= HELDOUT10_FIRST["turn"][0] + 30, wrong  # 84 of 160 clean


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


async def test_dev9_was_measured_before_its_fixes_and_is_better_now() -> None:
    scores = await evaluate("dev9")
    for slot, (correct, total) in DEV9_FIRST.items():
        assert scores[slot][1] == total and scores[slot][0] >= correct, (slot, scores[slot])
    assert scores["turn"][0] >= DEV9_FIRST["turn"][0] + 20, await failures("dev9")


async def test_heldout11_never_tuned_on_holds_its_clean_measurement() -> None:
    scores = await evaluate("heldout11")
    for slot, (correct, total) in HELDOUT11_FIRST.items():
        got, n = scores[slot]
        assert n == total and got >= correct, (slot, got, n, await failures("heldout11"))
