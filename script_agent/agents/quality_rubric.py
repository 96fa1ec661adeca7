"""The quality score as a rubric: five criteria, each 0..1 from what the text does, weighted to 100.

| criterion  | weight | full marks when |
| ---------- | ------ | --------------- |
| compliance | 30 | no compliance finding (a blocking one scores 0, each warning costs a quarter) |
| coverage   | 25 | every given selling point is said, verbatim or paraphrased (partial credit below) |
| grounding  | 20 | every price and figure is in the product data; no certification the data lacks |
| structure  | 15 | no meta text / echo / unfinished ending / too-short text; 3+ sentences; nothing repeated |
| voice      | 10 | catchphrase, call to action where the scene needs one, interaction for a chatty host, and
|            |    | clause length that fits the influencer's sentence length |

Why a rubric: the old 100-minus-penalties score gave any script that avoided the listed mistakes a
perfect mark, including a template stitched from the product data. A rubric scores what is there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.compliance.clauses import clauses, sentences
from script_agent.domain.compliance.findings import Finding
from script_agent.domain.models import QualityIssue, Scene

RUBRIC_WEIGHTS: dict[str, float] = {
    "compliance": 30,
    "coverage": 25,
    "grounding": 20,
    "structure": 15,
    "voice": 10,
}
TOKEN = re.compile("[\u4e00-\u9fff]+|[A-Za-z0-9.+%]+")
NUMBER = re.compile("\\d+(?:\\.\\d+)?")
CERTIFICATION = re.compile("认证|专利|获奖|证书|检测报告|临床")
CTA = re.compile("下单|拍下|拍它|去拍|链接|小黄车|购物车|抢|入手|带走|冲|点击|加购|上车|拍一单|买它")
INTERACTION = re.compile("扣1|扣个|扣一|评论|公屏|弹幕|留言|点赞|关注|[？?]")
FUZZY_MATCH = 0.6
CLAUSE_BANDS = {"short": (4, 11), "medium": (7, 18), "long": (12, 40)}
_STRUCTURE_BLOCKERS = {
    "structure.meta",
    "structure.prompt_echo",
    "structure.incomplete",
    "structure.too_short",
}


@dataclass(frozen=True)
class Rubric:
    compliance: float
    coverage: float
    grounding: float
    structure: float
    voice: float

    @property
    def total(self) -> float:
        score = sum(RUBRIC_WEIGHTS[name] * float(getattr(self, name)) for name in RUBRIC_WEIGHTS)
        return max(0.0, min(100.0, round(score, 1)))


@functools.lru_cache(maxsize=256)
def _grams(text: str) -> frozenset[str]:
    """Cached: one check takes the script's grams once per selling point, in the blocking check and
    again in the rubric (3 x N segmentations of the same text); frozen, so no caller can change it."""
    grams: set[str] = set()
    for token in TOKEN.findall(text):
        if token[0].isascii():
            grams.add(token.lower())
        elif len(token) == 1:
            grams.add(token)
        else:
            grams.update(token[i : i + 2] for i in range(len(token) - 1))
    return frozenset(grams)


def overlap(point: str, text: str) -> float:
    core = point.strip().rstrip("。，,.!！;；")
    if core in text:
        return 1.0
    wanted = _grams(core)
    return len(wanted & _grams(text)) / len(wanted) if wanted else 1.0


def covers(point: str, text: str) -> bool:
    """Verbatim, or most of the point's character bigrams present (a paraphrase keeps its key terms)."""
    return overlap(point, text) >= FUZZY_MATCH


def allowed_numbers(brief: ScriptBrief) -> set[float]:
    """Every number the product data contains: a figure quoting one of them has a basis."""
    p = brief.product.product
    numbers = {x for x in (p.price, p.original_price) if x is not None}
    sources = [p.promotion or "", p.name, *p.features, *p.selling_points, *p.compliance_notes, brief.query]
    sources += [sp.text for sp in brief.product.selling_points]
    for source in sources:
        numbers.update(float(n) for n in NUMBER.findall(source))
    return numbers


def _compliance(findings: Sequence[Finding]) -> float:
    if any(f.blocking for f in findings):
        return 0.0
    return max(0.0, 1 - 0.25 * len(findings))


def _coverage(text: str, brief: ScriptBrief) -> float:
    wanted = [sp.text for sp in brief.product.selling_points if not sp.inferred]
    if not wanted:
        return 1.0
    credit = [1.0 if covers(sp, text) else 0.5 * overlap(sp, text) / FUZZY_MATCH for sp in wanted]
    return sum(credit) / len(credit)


def _grounding(text: str, brief: ScriptBrief, issues: Sequence[QualityIssue]) -> float:
    if any(i.code == "fact.invented_price" for i in issues):
        return 0.0
    known = allowed_numbers(brief)
    figures = [float(n) for n in NUMBER.findall(text) if float(n) > 10 and float(n) not in known]
    p = brief.product.product
    data = " ".join([p.name, *p.features, *p.selling_points, *p.compliance_notes])
    claims = [m.group() for m in CERTIFICATION.finditer(text) if m.group() not in data]
    return max(0.0, 1 - 0.34 * (len(figures) + len(claims)))


def _structure(text: str, issues: Sequence[QualityIssue]) -> float:
    if any(i.code in _STRUCTURE_BLOCKERS for i in issues):
        return 0.0
    said = [s.text for s in sentences(text)]
    parts = [c.text for c in clauses(text) if len(c.text) >= 4]
    repeated = len(parts) - len(set(parts))
    score = 1.0 - (0.4 if len(said) < 3 else 0.0) - min(0.6, 0.2 * repeated)
    return max(0.0, score)


def _voice(text: str, brief: ScriptBrief) -> float:
    style = brief.influencer.style
    catchphrase = not style.catchphrases or any(cp in text for cp in style.catchphrases)
    cta = brief.scene is not Scene.PROMOTION or CTA.search(text) is not None
    interaction = style.interaction_frequency < 0.6 or INTERACTION.search(text) is not None
    lengths = [len(c.text) for c in clauses(text)]
    low, high = CLAUSE_BANDS[style.sentence_length]
    mean = sum(lengths) / len(lengths) if lengths else 0
    fits = low <= mean <= high
    return 0.35 * catchphrase + 0.25 * cta + 0.2 * interaction + 0.2 * fits


def score_rubric(
    text: str, brief: ScriptBrief, findings: Sequence[Finding], issues: Sequence[QualityIssue]
) -> Rubric:
    return Rubric(
        compliance=_compliance(findings),
        coverage=_coverage(text, brief),
        grounding=_grounding(text, brief, issues),
        structure=_structure(text, issues),
        voice=_voice(text, brief),
    )
