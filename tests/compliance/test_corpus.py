"""The rule layer on the labelled corpus, per split and per category, against the issue's targets.

Splits, in the order they were written (see tests/compliance/corpus/README.md):
- dev: the tuning split (and the semantic layer's exemplar bank), extended in round 3 with 208 rows
  for the weak families (review rewards, price comparisons, blame-the-viewer pressure, contact
  collection, absolute harmlessness, composition percentages) and probes of the other categories,
  then 360 rows in round 4, 118 in round 5, 144 in round 6, 168 in round 7, 162 in round 8, 88 in
  round 9, 100 in round 10, 88 in round 11 and 134 in round 12 (each round's own families and
  after-the-rules probes);
- holdout: written before any rule existed, never tuned on (same author, so optimistic);
- fresh: written after the first rules to stress them, then used as the second tuning split;
- blind: written before round 2 and never tuned on until round 3, when its misses were studied
  (90.0% recall, 1.7% false positives before): now a tuned split, no longer an honest figure.
- blind2: written during round 3 by an author who saw neither the rules nor the other splits, measured
  once afterwards (66.7% recall, 8.3% false positives), then tuned on in round 4 as families of
  phrasing (100% / 0% after): a tuned split now, no longer an honest figure.
- blind3: 240 rows by a third author who read neither the rules nor the other splits, written during
  round 4 and measured once afterwards: 79.2% recall, 14.2% false positives (the round-3 rules on the
  same rows: 75.0% / 18.3%). Tuned on in round 5 as families of phrasing (99.2% / 0% after; its one
  remaining miss, a disease claim on milk, was caught in round 6 once disease claims on food were
  reported under 广告法 art. 17 as well as food law): a tuned split now, no longer an honest figure.
- blind4: 240 rows by a fourth author who read neither the rules nor any split (mixed registers,
  dialect-tinged slang), written during round 5 and measured once afterwards: 83.3% recall, 11.7%
  false positives (the round-4 rules on the same rows: 75.8% / 16.7%; the word list 9.2% / 5.0%).
  BLIND4_FIRST keeps that measurement. Tuned on in round 6 as families of phrasing (comment replies
  that quote a question and refuse it, ingredient lists, conditions held down, medicine given up,
  growing taller, medical-aesthetic benchmarks, prices in words, pleas and price rises, the host's
  own code or account, fake orders, rivals named by a letter): 100% / 0% after, BLIND4_TUNED — a
  tuned split now, no longer an honest figure. The round-6 probe written after the first fixes
  (24 rows, in dev) caught 7 of 12 and flagged 1 of 12: expect the next unseen split far lower.
- blind5: 240 rows by a fifth author who read neither the rules nor any split (comment replies,
  Cantonese- and 东北-tinged speech, stories told as testimony, bets as guarantees), written during
  round 6 and measured once afterwards: 66.7% recall, 12.5% false positives (the round-5 rules on the
  same rows: 64.2% / 13.3%; the word list 2.5% / 7.5%). BLIND5_FIRST keeps that measurement. Tuned
  on in round 7 as families of phrasing (outcomes after "现在" in a family story, a pronoun for the
  disease, traditional-medicine efficacy, registered 保健食品 as a scope, bets and forfeits as
  guarantees, course outcomes, prices said to be conceded, bare amounts with a discount, the shop's
  own range and record as the bound of a superlative, terms the viewer is told not to believe or
  the product cannot deliver, rivals by placeholder, Cantonese forms): 100% / 0% after, BLIND5_TUNED
  — a tuned split now, no longer an honest figure. The round-7 probe written after the first fixes
  (24 rows, in dev) caught 3 of 12 and flagged 0 of 12: expect the next unseen split far lower.
- blind6: 240 rows by a sixth author who read neither the rules nor any split (prepared copy read
  out, 助农 produce, pets, second-hand luxury, courses, 主播 + 助播 exchanges, rhetorical questions and
  hints), written during round 7 and measured once afterwards: 77.5% recall, 5.8% false positives
  (the round-6 rules on the same rows: 71.7% / 5.8%; the word list 5.8% / 4.2%). BLIND6_FIRST keeps
  that measurement. Tuned on in round 8 as families of phrasing (a therapeutic effect claimed outright,
  a reading from one value to another, a question answered by a hint, a customer's feedback read out
  as proof, a condition shown in one turn and its outcome in the next, scars, a procedure's own effect,
  returns, harvests and jobs promised, certainty idioms, an authority's use through a pronoun, a
  discount with only its landing price, guilt and a harvest left to rot, meeting to trade, staff
  contacts, the same quoted words from every reviewer, rivals by where they sell and across a
  question; look-alikes: a question refused after 吗, an ingredient's role, efficacy never tested, an
  endorsement called a rumour, a free group paid on the platform, course stages): 100% / 0% after,
  BLIND6_TUNED — a tuned split now, no longer an honest figure. The round-8 probe written after the
  fixes (40 rows, in dev) caught 4 of 20 and flagged 3 of 20: expect the next unseen split far lower.
- blind7: 240 rows by a seventh author who read neither the rules nor any split (滋补品, tea and
  liquor, gold and jade, appliance demonstrations, massagers, 母婴, hotel vouchers, hosts talking to
  older viewers, student slang, mixed Chinese and English, violations buried mid-sentence or only
  implied), written during round 8 and measured once afterwards: 79.2% recall, 1.7% false positives
  (the round-7 rules on the same rows: 77.5% / 1.7%; the word list 5.0% / 4.2%). BLIND7_FIRST keeps
  that measurement. Tuned on in round 9 as families of phrasing (a trial whose failure is refunded, the
  effect as a potential-negative or in English, illness kept away by a device, a check-up back to
  normal, lines repaired, advice resumed through a pronoun, praise from the media, a counter's price,
  stock in tickets, DMs and cash on delivery, 点评 and posts paid by their likes, sales figures set by
  hand, rivals by their share of the trade, by a description or by 某 and their kind; look-alikes: a
  setting's limit with its figure, the broadcast's own end, a five-star hotel, a device named by its
  function): 100% / 0% after, BLIND7_TUNED — a tuned split now, no longer an honest figure. The round-9
  probe written after the fixes (24 rows, in dev) caught 3 of 12 and flagged 2 of 12.
- blind8: 240 rows by an eighth author who read neither the rules nor any split (car accessories,
  mattresses and sleep, eye care, oral care, perfume, outdoor gear and fitness classes, pet care,
  refurbished electronics, collectibles, seeds and fertiliser, local-life vouchers, 秒杀 countdowns,
  福袋 rules, 连麦 PK, 弹幕 read aloud; look-alikes beside a real standard number or certificate),
  written during round 9 and measured once afterwards: 74.2% recall, 10.0% false positives (the
  round-8 rules on the same rows: 71.7% / 10.0%; the word list 5.8% / 2.5%). BLIND8_FIRST keeps that
  measurement. Tuned on in round 10 as families of phrasing (disease cured by a device, a course or a
  pet product, surgery made unnecessary, detox and myopia on food, skin effects on a fragrance, teeth
  bleached, a measured outcome staked, an authority brought on and speaking through a pronoun, patients
  sent home with it, an auction's price, codes and numbers on screen or a card, vague stock, bad reviews
  bought off, brushed orders, rivals about to vanish or on fire, the PK opponent; look-alikes: a
  specification's limit with its figure, a lucky-bag draw's own rules, warnings against private
  sellers, a shortfall against the label, an antibacterial finish): 100% / 0% after, BLIND8_TUNED — a
  tuned split now, no longer an honest figure. The round-10 probe written after the fixes (24 rows,
  in dev) caught 6 of 12 and flagged 0 of 12.
- blind9: 240 rows by a ninth author who read neither the rules nor any split (factory-direct
  streams, 保税仓 imports, cookware, 洗地机 and 除螨仪, running shoes, shapewear, wigs and 防脱, 代餐,
  解酒 drinks and fish oil sold as food, toys and picture books, renovation materials; 四川, 湖南 and
  上海-tinged speech, a host correcting a slip and keeping the claim, violations buried in long
  run-ons, numbers said in words, code words for WeChat), written during round 10 and measured once
  afterwards: 77.5% recall, 13.3% false positives (the round-9 rules on the same rows: 76.7% / 14.2%;
  the word list 3.3% / 3.3%). BLIND9_FIRST keeps that measurement. Tuned on in round 11 as families of
  phrasing (postural conditions put back and readings moving the right way on devices and food,
  medicine cut down, medical effects on skin products, tests staked and effects still missing after
  use, school authorities, a threshold discount restated as a deeper flat one, lifetime waits and
  tears, the shop's own app and numbers on the profile, bad reviews bought back, praise to copy and
  hidden sources, rivals by their kind of trade; look-alikes: positions and preferences with 最,
  state-designated zones, advice to have it tested, covering make-up and wigs, a topic handed to a
  doctor, a refused request for a channel, moderated comments, a conceded higher price): 100% / 0%
  after, BLIND9_TUNED — a tuned split now, no longer an honest figure. The round-11 pairs in
  test_rules_round11.py, written after the fixes, caught 17 of 23 and passed 17 of 17 at first.
- blind10: 240 rows by a tenth author who read neither the rules nor any split (second-hand homes
  and renovation packages, 家政, travel packages and tickets, driving schools and certificate
  courses, glasses and hearing aids, 月子中心 and 产后修复, 医美 comparisons, 药食同源 herbs, 酵素 and
  益生菌 drinks, smart watches with health readings, purifiers, 防晒衣, learning tablets; 闽南, 河南
  and 广西-tinged speech, ASMR whispers, a disclaimer read and then undercut, winks and puns such as
  将三高, FDA / GMP / SGS as endorsement and as plain fact), written during round 11 and measured once
  afterwards: 65.0% recall, 8.3% false positives (the round-10 rules on the same rows: 63.3% / 9.2%;
  the word list 5.0% / 7.5%). BLIND10_FIRST keeps that measurement. Tuned on in round 12 as families
  of phrasing (a claim declared unsaid and then winked at, a rank implied without the word, diseases a
  device finds, conditions shrunk or dispersed, 降 by a homophone, medical effects whispered or
  licensed by a 特证, senses, scores and certificates promised, staff by their uniform, a user's story
  for a health product, another seller's price, children left behind, staff accounts and cash at the
  shop's ground, the sign behind the host, blacklisted reviewers and paid-away reviews, shills, rivals
  by their kind of service, 〇 for 零; look-alikes: a contest's placing, a building's top floor, a
  duration and a size, weight loss left to the eater, an institution's usual advice, a cut off the
  shop's own price, a future price left open, a payment refused, the label's 无添加 read out): 100% /
  0% after, BLIND10_TUNED — a tuned split now, no longer an honest figure. The round-12 probe written
  after the fixes (24 rows, in dev) caught 6 of 12 and flagged 1 of 12.
- blind11 and blind12: 240 rows each by an eleventh and a twelfth author, written side by side during
  round 12, who read neither the rules nor any split (blind11: 生鲜 and 预制菜, baking tools, office
  chairs and pens, plants and flowers, e-bikes and helmets, fishing tackle, beginners' instruments,
  men's care and shavers, underwear; 陕西 / 山东 / 江浙 speech, 顺口溜, a sports commentator's patter,
  the host ordering the 场控 about. blind12: 汉服 and porcelain, tea sets and 香薰, SIM plans and
  chargers, home fitness gear, child seats and school bags, bedding, 特产 sent from home; 天津 相声
  banter, 贵州 / 云南 / 江西 speech, a whispered late-night stream, a brand's brief read and ad-libbed
  past, private messages read out, poetic copy). Measured once after round 12: blind11 72.5% recall,
  9.2% false positives; blind12 64.2% / 15.8% (the round-11 rules on the same rows: 71.7% / 9.2% and
  63.3% / 15.8%; the word list 1.7% / 3.3% and 0.8% / 5.8%). UNSEEN_FIRST keeps those
  measurements. Tuned on in round 13 as families (the top in other words, diseases prevented or put
  back, effects promised in the trade's words, authority recipes and borrowed videos, prices raised
  before the cut, stock and countdowns set by the host, reviews placed by staff, rivals by pronoun
  and asked about, 零风险; look-alikes: a term quoted from the brief and struck, hearsay refuted, the
  shop's own links, advice read off the manual, a channel denied or moderated): 100% / 0% after,
  BLIND11_TUNED / BLIND12_TUNED — tuned splits now, no longer honest figures. The round-13 probe
  written after the fixes (24 rows, in dev) caught 6 of 12 and flagged 2 of 12.
The tuned splits' floors are where the engine stands after tuning: a regression below them fails.
The next unseen split is added to SPLITS (script_agent/testing/compliance_corpus.py) and measured
once; it gets a floor at that first measurement, never a target it was tuned to meet.
A miss or a false positive is printed with its text so a failure names the phrase it broke.
"""

from __future__ import annotations

from collections import Counter

import pytest

from script_agent.domain.compliance import Category, detect
from script_agent.testing.compliance_corpus import SPLITS, Row, evaluate, facts_for, load, products

CATALOGUE = products()
MIN_RECALL, MAX_FP, MIN_CATEGORY_RECALL = 0.95, 0.03, 0.85


def flagged(row: Row) -> set[str]:
    return {f.category.value for f in detect(row.text, facts_for(row, CATALOGUE))}


def test_corpus_is_big_balanced_and_covers_every_category() -> None:
    rows = [r for split in SPLITS for r in load(split)]
    assert len(rows) >= 400
    per_category = Counter(r.category for r in rows)
    assert set(per_category) == {c.value for c in Category}
    assert min(per_category.values()) >= 20
    compliant = sum(not r.violation for r in rows)
    assert compliant == len(rows) - compliant  # half are compliant look-alikes
    assert len({r.text for r in rows}) == len(rows), "no phrase appears twice"
    ids = [r.id for r in rows]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("split", ["dev", "holdout", "fresh"])
def test_rule_layer_meets_the_targets(split: str) -> None:
    tallies = evaluate(load(split), flagged)
    overall = tallies.pop("overall")
    assert overall.recall >= MIN_RECALL, overall.misses
    assert overall.fp_rate <= MAX_FP, overall.flagged
    weak = {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}
    assert not weak


@pytest.mark.parametrize(
    "split",
    [
        "blind",  # tuned in round 3: 90.0% recall / 1.7% false positives before, 100% / 0% after
        "blind2",  # tuned in round 4: 66.7% / 8.3% before (unseen author), 100% / 0% after
    ],
)
def test_rule_layer_on_a_tuned_blind_split_stays_at_its_measured_floor(split: str) -> None:
    tallies = evaluate(load(split), flagged)
    overall = tallies.pop("overall")
    assert overall.recall >= 1.0, overall.misses
    assert overall.fp_rate <= 0.0, overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < 1.0}


# blind3 was measured once after round 4 (95/120 caught = 79.2%, 17/120 flagged = 14.2%), then tuned
# on in round 5 (119/120, 0/120). Round 6 reports a disease claim on food under 广告法 art. 17 as well as
# 食品安全法 art. 73, which catches its last miss (骨质疏松…骨头就不疼了 on milk): the floor is 120/120 now.
BLIND3_FIRST = {"recall": (95, 120), "false_positives": (17, 120)}
BLIND3_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind3_stays_at_its_tuned_floor() -> None:
    tallies = evaluate(load("blind3"), flagged)
    overall = tallies.pop("overall")
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND3_TUNED["recall"][0] > BLIND3_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND3_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < 0.9}


# blind4's one clean measurement after round 5: (caught, violations) and (flagged, look-alikes); then
# tuned on in round 6, and its floor is where round 6 left it.
BLIND4_FIRST = {"recall": (100, 120), "false_positives": (14, 120)}
BLIND4_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind4_holds_its_first_measurement() -> None:
    overall = evaluate(load("blind4"), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND4_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND4_FIRST["false_positives"][0], overall.flagged


def test_rule_layer_on_blind4_stays_at_its_round_6_floor() -> None:
    tallies = evaluate(load("blind4"), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= BLIND4_TUNED["recall"][0] > BLIND4_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND4_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}


def test_the_plain_word_list_does_not_generalize() -> None:
    """The comparison that motivates the engine: domain.md's word list on the holdout split."""
    words = ("最好", "最佳", "最低价", "第一", "唯一", "顶级", "绝对", "根治", "特效", "跳楼价", "不买后悔")
    tallies = evaluate(load("holdout"), lambda r: {"hit"} if any(w in r.text for w in words) else set())
    rule = evaluate(load("holdout"), flagged)["overall"]
    assert tallies["overall"].false_positives > rule.false_positives


# blind5's one clean measurement after round 6; then tuned on in round 7, and its floor is where
# round 7 left it.
BLIND5_FIRST = {"recall": (80, 120), "false_positives": (15, 120)}
BLIND5_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind5_holds_its_first_measurement() -> None:
    overall = evaluate(load("blind5"), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND5_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND5_FIRST["false_positives"][0], overall.flagged


def test_rule_layer_on_blind5_stays_at_its_round_7_floor() -> None:
    tallies = evaluate(load("blind5"), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= BLIND5_TUNED["recall"][0] > BLIND5_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND5_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}


# blind6's one clean measurement after round 7; then tuned on in round 8, and its floor is where
# round 8 left it.
BLIND6_FIRST = {"recall": (93, 120), "false_positives": (7, 120)}
BLIND6_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind6_holds_its_first_measurement() -> None:
    overall = evaluate(load("blind6"), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND6_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND6_FIRST["false_positives"][0], overall.flagged


def test_rule_layer_on_blind6_stays_at_its_round_8_floor() -> None:
    tallies = evaluate(load("blind6"), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= BLIND6_TUNED["recall"][0] > BLIND6_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND6_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}


# blind7's one clean measurement after round 8; then tuned on in round 9, and its floor is where
# round 9 left it.
BLIND7_FIRST = {"recall": (95, 120), "false_positives": (2, 120)}
BLIND7_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind7_holds_its_first_measurement() -> None:
    overall = evaluate(load("blind7"), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND7_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND7_FIRST["false_positives"][0], overall.flagged


def test_rule_layer_on_blind7_stays_at_its_round_9_floor() -> None:
    tallies = evaluate(load("blind7"), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= BLIND7_TUNED["recall"][0] > BLIND7_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND7_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}


# blind8's one clean measurement after round 9; then tuned on in round 10, and its floor is where
# round 10 left it.
BLIND8_FIRST = {"recall": (89, 120), "false_positives": (12, 120)}
BLIND8_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind8_holds_its_first_measurement() -> None:
    overall = evaluate(load("blind8"), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND8_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND8_FIRST["false_positives"][0], overall.flagged


def test_rule_layer_on_blind8_stays_at_its_round_10_floor() -> None:
    tallies = evaluate(load("blind8"), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= BLIND8_TUNED["recall"][0] > BLIND8_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND8_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}


# blind9 was measured once after round 10 (93/120 caught = 77.5%, 16/120 flagged = 13.3%), then tuned on
# in round 11 (120/120, 0/120).
BLIND9_FIRST = {"recall": (93, 120), "false_positives": (16, 120)}
BLIND9_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind9_holds_its_first_measurement() -> None:
    overall = evaluate(load("blind9"), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND9_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND9_FIRST["false_positives"][0], overall.flagged


def test_rule_layer_on_blind9_stays_at_its_round_11_floor() -> None:
    tallies = evaluate(load("blind9"), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= BLIND9_TUNED["recall"][0] > BLIND9_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND9_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}


# blind10 was measured once after round 11 (78/120 caught = 65.0%, 10/120 flagged = 8.3%), then tuned on
# in round 12 (120/120, 0/120).
BLIND10_FIRST = {"recall": (78, 120), "false_positives": (10, 120)}
BLIND10_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


def test_rule_layer_on_blind10_holds_its_first_measurement() -> None:
    overall = evaluate(load("blind10"), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= BLIND10_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND10_FIRST["false_positives"][0], overall.flagged


def test_rule_layer_on_blind10_stays_at_its_round_12_floor() -> None:
    tallies = evaluate(load("blind10"), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= BLIND10_TUNED["recall"][0] > BLIND10_FIRST["recall"][0], overall.misses
    assert overall.false_positives <= BLIND10_TUNED["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}


# blind11 and blind12, two unseen authors side by side, measured once after round 12 (UNSEEN_FIRST), then
# tuned on in round 13 (120/120 and 0/120 each).
UNSEEN_FIRST = {
    "blind11": {"recall": (87, 120), "false_positives": (11, 120)},
    "blind12": {"recall": (77, 120), "false_positives": (19, 120)},
}


@pytest.mark.parametrize("split", sorted(UNSEEN_FIRST))
def test_rule_layer_on_the_round_12_unseen_splits_holds_its_first_measurement(split: str) -> None:
    overall = evaluate(load(split), flagged)["overall"]
    assert (overall.violations, overall.compliant) == (120, 120)
    assert overall.caught >= UNSEEN_FIRST[split]["recall"][0], overall.misses
    assert overall.false_positives <= UNSEEN_FIRST[split]["false_positives"][0], overall.flagged


BLIND11_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}
BLIND12_TUNED = {"recall": (120, 120), "false_positives": (0, 120)}


@pytest.mark.parametrize(("split", "floor"), [("blind11", BLIND11_TUNED), ("blind12", BLIND12_TUNED)])
def test_rule_layer_on_blind11_and_blind12_stays_at_its_round_13_floor(
    split: str, floor: dict[str, tuple[int, int]]
) -> None:
    tallies = evaluate(load(split), flagged)
    overall = tallies.pop("overall")
    assert overall.caught >= floor["recall"][0] > UNSEEN_FIRST[split]["recall"][0], overall.misses
    assert overall.false_positives <= floor["false_positives"][0], overall.flagged
    assert not {name: t.misses for name, t in tallies.items() if t.recall < MIN_CATEGORY_RECALL}
