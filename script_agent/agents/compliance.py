"""The compliance checker: the rule layer, then (when configured) the learned, semantic and LLM-judge layers.

Layers only add: the learned layer warns on a sentence's category no rule finding there covers; the
semantic layer looks at sentences no rule flagged; the judge sees every sentence and may confirm a
finding or add one to a sentence nothing flagged. None can clear a rule finding.
Each optional layer is a port built in bootstrap.py; without them the checker is the pure, synchronous
rule engine.
"""

from __future__ import annotations

from script_agent.agents.compliance_judge import LLMComplianceJudge
from script_agent.domain.compliance import learned as learned_layer
from script_agent.domain.compliance import semantic
from script_agent.domain.compliance.clauses import Span, sentences
from script_agent.domain.compliance.engine import detect
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.findings import CheckReport, Finding
from script_agent.domain.compliance.rewrite import rewrite
from script_agent.domain.compliance.taxonomy import Severity, primary_rule
from script_agent.ports.semantic import ExemplarIndex

MAX_CHECK_CHARS = 20_000


class ComplianceChecker:
    def __init__(
        self,
        index: ExemplarIndex | None = None,
        judge: LLMComplianceJudge | None = None,
        policy: semantic.SemanticPolicy | None = None,
        learned: learned_layer.LearnedModel | None = None,
    ) -> None:
        self._learned = learned
        self._index = index
        self._judge = judge
        self._policy = policy or semantic.SemanticPolicy()

    @property
    def layers(self) -> list[str]:
        return (
            ["rule"]
            + (["learned"] if self._learned else [])
            + (["semantic"] if self._index else [])
            + (["judge"] if self._judge else [])
        )

    async def warmup(self) -> None:
        if self._index is not None:
            await self._index.warmup()

    async def check(self, text: str, facts: ProductFacts | None = None) -> CheckReport:
        facts = facts or ProductFacts()
        text = text[:MAX_CHECK_CHARS]
        found = detect(text, facts)
        if self._learned is not None:
            found += learned_layer.findings(text, found, self._learned)
        if self._index is not None:
            spans = semantic.units(text, found)
            near = await self._index.nearest([s.text for s in spans]) if spans else []
            found += semantic.findings(text, spans, near, self._policy)
        if self._judge is not None:
            found = await self._judged(text, found)
        found.sort(key=lambda f: (f.start, f.end))
        suggestion = rewrite(text, facts) if found else None
        return CheckReport(text=text, findings=found, layers=self.layers, suggestion=suggestion)

    async def _judged(self, text: str, found: list[Finding]) -> list[Finding]:
        """Every sentence goes to the judge: it may confirm a finding in it or add one to a clean one."""
        assert self._judge is not None
        spans: list[Span] = sentences(text)
        verdicts = await self._judge.review([s.text for s in spans])
        out = list(found)
        for span, verdict in zip(spans, verdicts, strict=True):
            if verdict is None or not verdict.violation:
                continue
            inside = [i for i, f in enumerate(out) if span.start <= f.start < span.end]
            for i in inside:
                out[i] = out[i].model_copy(update={"confirmed": True})
            if inside or verdict.category is None:
                continue
            rule = primary_rule(verdict.category)
            finding = Finding.of(
                rule,
                text,
                span.start,
                span.end,
                (span.start, span.end),
                layer="judge",
                score=verdict.confidence,
            )
            out.append(
                finding.model_copy(
                    update={"rule_id": f"judge.{verdict.category.value}", "severity": Severity.WARNING}
                )
            )
        return out
