"""Quality agent: decides whether a script may be shown, scores it on a documented rubric, and says
exactly what to fix if not.

Blocking: advertising-law findings of blocking severity, invented prices, meta text or prompt echo, an
unfinished last sentence, too little text, and selling-point coverage so low the script is about
something else. Non-blocking (score only): a missing selling point, no catchphrase, no call to action
where the scene needs one, too little interaction for a chatty influencer, compliance warnings. A
warning of the learned compliance layer is reported (issue and feedback line) but scores nothing, so it
never forces a regeneration on its own.

The score is a rubric, not 100 minus penalties, so a script earns it (see `RUBRIC_WEIGHTS` and the
README): each criterion scores 0..1 from what the text does, and the weights sum to 100. A template
script that repeats itself or ignores the influencer's sentence length loses points like any other.
Every issue's message is an instruction in Chinese, so `feedback` can be handed to the writer as-is;
compliance feedback names the rule, the span (offsets and text) and the fix.
"""

from __future__ import annotations

import re

from script_agent.agents.compliance import ComplianceChecker
from script_agent.agents.prompt import OUTPUT_RULE, PROMPT_LABELS
from script_agent.agents.quality_rubric import RUBRIC_WEIGHTS, Rubric, allowed_numbers, covers, score_rubric
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.compliance import issue_of
from script_agent.domain.compliance.facts import facts_from
from script_agent.domain.models import QualityIssue, QualityReport, Scene

__all__ = ["RUBRIC_WEIGHTS", "QualityAgent", "Rubric", "allowed_numbers", "covers"]

ENDINGS = '。！？!?~～…」』”"）)】♪'
META = re.compile(
    "作为(?:一[个名])?(?:AI|ai|人工智能|语言模型|AI助手|大模型)|以下是|话术如下|如下[:：]|好的[，,]?(?:这是|以下)"
    "|\\A\\s*(?:好的|当然可以|没问题)[，,！!。]|希望(?:这段|以上|这篇)|^\\s*#{1,6}\\s|\\*\\*|```|^\\s*[-*]\\s"
    "|^\\s*\\d+[.、]\\s",
    re.MULTILINE,
)
PRICE_MENTION = re.compile("[¥￥]\\s*(\\d+(?:\\.\\d+)?)|(\\d+(?:\\.\\d+)?)\\s*(?:元|块钱|RMB|rmb)")
CTA = re.compile("下单|拍下|拍它|去拍|链接|小黄车|购物车|抢|入手|带走|冲|点击|加购|上车|拍一单|买它")
INTERACTION = re.compile("扣1|扣个|扣一|评论|公屏|弹幕|留言|点赞|关注|[？?]")
VERY_LOW_COVERAGE = 0.34


class QualityAgent:
    def __init__(
        self, *, min_score: float = 70.0, min_chars: int = 60, compliance: ComplianceChecker | None = None
    ) -> None:
        self._min_score = min_score
        self._min_chars = min_chars
        self._compliance = compliance or ComplianceChecker()

    async def check(self, text: str, brief: ScriptBrief) -> QualityReport:
        p = brief.product.product
        facts = facts_from(p)  # strict: only the price fields and the promotion count as known prices
        compliance = await self._compliance.check(text, facts)
        issues: list[QualityIssue] = [issue_of(f) for f in compliance.findings]
        issues += self._invented_prices(text, brief, set(facts.numbers))
        issues += self._structure(text)
        issues += self._coverage(text, brief)
        issues += self._style(text, brief)
        # A learned-layer warning is shown in the issues and the feedback but costs no rubric points: a
        # model's guess alone must not push a script under min_score and force a regeneration.
        scored = [f for f in compliance.findings if f.layer != "learned"]
        rubric = score_rubric(text, brief, scored, issues)
        blocking = any(i.blocking for i in issues)
        ordered = sorted(issues, key=lambda i: not i.blocking)
        feedback = "\n".join(f"{n}. {i.message}" for n, i in enumerate(ordered, 1))
        return QualityReport(
            score=rubric.total,
            passed=not blocking and rubric.total >= self._min_score,
            issues=ordered,
            feedback=feedback,
        )

    @staticmethod
    def _invented_prices(text: str, brief: ScriptBrief, known: set[float]) -> list[QualityIssue]:
        issues = []
        for m in PRICE_MENTION.finditer(text):
            value = float(m.group(1) or m.group(2))
            if value not in known:
                price = brief.product.product.price
                basis = f"价格只能用资料里的{price:g}元" if price is not None else "资料里没有价格，不要报价"
                issues.append(
                    QualityIssue(
                        code="fact.invented_price",
                        message=f"删除资料里没有的价格“{m.group()}”，{basis}",
                        blocking=True,
                        evidence=m.group(),
                    )
                )
        return issues

    def _structure(self, text: str) -> list[QualityIssue]:
        issues = []
        meta = META.search(text)
        if meta:
            issues.append(
                QualityIssue(
                    code="structure.meta",
                    message=f"只输出口播话术正文，去掉“{meta.group().strip()}”这类说明、标题或格式符号",
                    blocking=True,
                    evidence=meta.group().strip(),
                )
            )
        echo = next((label for label in PROMPT_LABELS if label in text), None)
        if echo or OUTPUT_RULE[:10] in text:
            issues.append(
                QualityIssue(
                    code="structure.prompt_echo",
                    message="不要复述提示词里的要求和标签，直接写话术",
                    blocking=True,
                    evidence=echo or OUTPUT_RULE[:10],
                )
            )
        stripped = text.rstrip()
        if stripped and stripped[-1] not in ENDINGS:
            issues.append(
                QualityIssue(
                    code="structure.incomplete",
                    message="最后一句没有写完，结尾要是完整的句子（以句号、感叹号或问号结束）",
                    blocking=True,
                    evidence=stripped[-12:],
                )
            )
        length = len("".join(text.split()))
        if length < self._min_chars:
            issues.append(
                QualityIssue(
                    code="structure.too_short",
                    message=f"内容太短（{length}字），至少写到{self._min_chars}字以上，把卖点展开讲清楚",
                    blocking=True,
                    evidence=str(length),
                )
            )
        return issues

    @staticmethod
    def _coverage(text: str, brief: ScriptBrief) -> list[QualityIssue]:
        wanted = [sp.text for sp in brief.product.selling_points if not sp.inferred]
        if not wanted:
            return []
        missing = [sp for sp in wanted if not covers(sp, text)]
        ratio = 1 - len(missing) / len(wanted)
        issues = [
            QualityIssue(
                code="coverage.missing",
                message=f"补上卖点“{sp}”，结合具体使用场景讲清楚它带来的好处",
                blocking=False,
                evidence=sp,
            )
            for sp in missing
        ]
        if ratio < VERY_LOW_COVERAGE:
            issues.insert(
                0,
                QualityIssue(
                    code="coverage.very_low",
                    message=f"卖点覆盖太少（{len(wanted) - len(missing)}/{len(wanted)}），每个卖点都要讲到",
                    blocking=True,
                    evidence=f"{ratio:.2f}",
                ),
            )
        return issues

    @staticmethod
    def _style(text: str, brief: ScriptBrief) -> list[QualityIssue]:
        style = brief.influencer.style
        issues = []
        if style.catchphrases and not any(cp in text for cp in style.catchphrases):
            issues.append(
                QualityIssue(
                    code="style.catchphrase",
                    message=f"用上达人的口头禅（如“{style.catchphrases[0]}”），让话术更像本人在说",
                    blocking=False,
                )
            )
        if brief.scene is Scene.PROMOTION and not CTA.search(text):
            issues.append(
                QualityIssue(
                    code="scene.no_cta",
                    message="促销话术要有明确的下单引导（如“喜欢的直接点购物车链接下单”）",
                    blocking=False,
                )
            )
        if style.interaction_frequency >= 0.6 and not INTERACTION.search(text):
            issues.append(
                QualityIssue(
                    code="style.interaction",
                    message="这位达人互动多，加一两句和观众的互动（如“想要的扣1”）",
                    blocking=False,
                )
            )
        return issues
