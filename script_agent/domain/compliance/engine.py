"""The rule layer: every matcher over the text, product-aware, one finding per overlapping span.

Pure and synchronous (no I/O, no model): the semantic and judge layers add findings on top of this
one through ports, and never remove what it reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from script_agent.domain.compliance import (
    absolute,
    claims,
    conduct,
    cosmetics,
    natural,
    price,
    reviews,
    rivals,
    testimony,
)
from script_agent.domain.compliance.clauses import clause_at, disowned
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.findings import Finding
from script_agent.domain.compliance.matcher import Hit
from script_agent.domain.compliance.taxonomy import RULES

_MATCHERS = [
    *absolute.MATCHERS,
    *testimony.MEDICAL,
    *testimony.FOOD,
    *natural.NATURAL,
    *cosmetics.MATCHERS,
    *claims.GUARANTEE,
    *claims.RETURNS,
    *claims.ENDORSEMENT,
    *price.MATCHERS,
    *conduct.PRESSURE,
    *conduct.DIVERSION,
    *reviews.REVIEW,
    *rivals.DISPARAGE,
]
# For ordinary food, a disease claim breaks two laws at once: 食品安全法 art. 73 (no food may claim to
# prevent or treat disease) and 广告法 art. 17 (no advertisement but a drug's may): both are reported.
# A cosmetic-only effect named on food (瘦脸) is a food health claim instead.
_FOOD_ALSO = {
    "medical.treatment": "food.health_function",
    "medical.term": "food.health_function",
    # Round 11: medicine cut down or given up because of a food (降糖药都能少吃半片…苦瓜茶).
    "medical.drug_comparison": "food.health_function",
}
_FOOD_REMAP = {"cosmetics.beyond_scope": "food.health_function"}
# Round 11: a disease or a body effect claimed for something applied to the skin (晒后凝胶…晒伤一抹就长好,
# 身体乳…毛周角化根治, 按摩膏…脂肪分解) is also beyond what any cosmetic may claim (化妆品监督管理条例
# art. 37): reported under cosmetics as well when the product is a cosmetic, or applied and not eaten.
_SKIN_ALSO = {
    "medical.treatment": "cosmetics.beyond_scope",
    "medical.term": "cosmetics.beyond_scope",
    "food.health_function": "cosmetics.beyond_scope",
}
_APPLIED = re.compile(
    "涂|抹|擦|敷|搓|喷在|霜|乳液|身体乳|凝胶|精华|面膜|防晒|磨砂|按摩膏|洗面奶|洁面|爽肤水|护手|软膏(?!剂)"
)


# Round 8: with no product data, eating or drinking it (喝了这个…, 这款茶) says it is food: a disease claim
# on it is reported under food law too (喝了这个膏，幽门螺杆菌都转阴了).
_EATEN = re.compile("吃|喝|饮|嚼|含服|冲泡|泡水|食用|软糖|糖果|压片|[茶粥汤膏羹]")
# ...eating or drinking by the verb (a 膏 may be a cream as well as a paste to eat).
_EATING = re.compile("吃|喝|饮|嚼|含服|冲泡|泡水|食用|软糖|糖果|压片")


def _eaten(text: str, hit: Hit) -> bool:
    return _EATEN.search(text, max(0, hit.start - 30), min(len(text), hit.end + 12)) is not None


def _hits(text: str, facts: ProductFacts) -> list[Hit]:
    found: list[Hit] = []
    for m in _MATCHERS:
        found.extend(m.find(text, facts))
    found += testimony.testimonials(text, [h for h in found if h.rule_id.startswith(("medical.", "food."))])
    if facts.kind == "unknown":
        found += [
            Hit(_FOOD_ALSO[h.rule_id], h.start, h.end)
            for h in found
            if h.rule_id in _FOOD_ALSO and _eaten(text, h)
        ]
    if facts.kind == "cosmetics" or (
        facts.kind == "unknown" and _APPLIED.search(text) and not _EATING.search(text)
    ):
        found += [Hit(_SKIN_ALSO[h.rule_id], h.start, h.end) for h in found if h.rule_id in _SKIN_ALSO]
    if facts.is_food:
        found = [Hit(_FOOD_REMAP.get(h.rule_id, h.rule_id), h.start, h.end) for h in found]
        found += [Hit(_FOOD_ALSO[h.rule_id], h.start, h.end) for h in found if h.rule_id in _FOOD_ALSO]
    return found


# Not the demonstratives 这/那: they begin a claim's span (那些主播…都是假货, 这波过了就没了).
_FILLER = set("了它你我他她的把让就也都还呢啊呀吧")


def _trim(text: str, hit: Hit) -> Hit:
    """Patterns that may start a few characters early (用了它唇炎…) report the claim, not the filler."""
    start = hit.start
    while start < hit.end - 2 and text[start] in _FILLER:
        start += 1
    return Hit(hit.rule_id, start, hit.end) if start != hit.start else hit


def _dedupe(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per rule per overlapping region; different rules on one span are all kept."""
    out: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if any(o.rule_id == hit.rule_id and hit.start < o.end and o.start < hit.end for o in out):
            continue
        out.append(hit)
    return out


def detect(text: str, facts: ProductFacts | None = None) -> list[Finding]:
    """Rule findings in text order."""
    facts = facts or ProductFacts()
    findings = []
    for hit in _dedupe(_trim(text, h) for h in _hits(text, facts)):
        if disowned(text, hit.start, hit.end):
            continue
        clause = clause_at(text, hit.start)
        findings.append(Finding.of(RULES[hit.rule_id], text, hit.start, hit.end, (clause.start, clause.end)))
    return findings
