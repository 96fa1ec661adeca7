"""What a check reports: findings with rule, span, legal basis and fix, in one JSON shape.

The CLI's `--json`, `POST /api/v1/check` and the quality agent all read this model, so a finding
means the same thing wherever it is shown.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, computed_field

from script_agent.domain.compliance.taxonomy import Category, Rule, Severity


class Finding(BaseModel):
    rule_id: str
    category: Category
    severity: Severity
    start: int = Field(ge=0, description="offset of the span in the checked text (characters)")
    end: int = Field(ge=0)
    text: str = Field(description="the span itself")
    clause_start: int = Field(ge=0)
    clause_end: int = Field(ge=0)
    clause: str
    basis: str
    message: str
    fix: str
    layer: str = Field(default="rule", description="rule | learned | semantic | judge")
    score: float | None = Field(default=None, description="similarity or judge confidence, when not a rule")
    confirmed: bool = Field(default=False, description="the LLM judge agreed (it can confirm, never clear)")

    @classmethod
    def of(
        cls, rule: Rule, text: str, start: int, end: int, clause: tuple[int, int], **extra: Any
    ) -> Finding:
        return cls(
            rule_id=rule.id,
            category=rule.category,
            severity=rule.severity,
            start=start,
            end=end,
            text=text[start:end],
            clause_start=clause[0],
            clause_end=clause[1],
            clause=text[clause[0] : clause[1]],
            basis=rule.basis,
            message=rule.message,
            fix=rule.fix,
            **extra,
        )

    @classmethod
    def added(
        cls, rule: Rule, text: str, span: tuple[int, int], *, layer: str, score: float, message: str
    ) -> Finding:
        """What a layer on top of the rules (semantic, learned) reports: a warning `<layer>.<category>`
        on the whole span, citing the category's rule's legal basis and fix."""
        finding = cls.of(rule, text, span[0], span[1], span, layer=layer, score=score)
        update = {
            "rule_id": f"{layer}.{rule.category.value}",
            "severity": Severity.WARNING,
            "message": message,
        }
        return finding.model_copy(update=update)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


class CheckReport(BaseModel):
    text: str
    findings: list[Finding] = Field(default_factory=list)
    layers: list[str] = Field(default_factory=lambda: ["rule"])
    suggestion: str | None = Field(default=None, description="the text with every finding's clause rewritten")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def clean(self) -> bool:
        return not self.findings

    @computed_field  # type: ignore[prop-decorator]
    @property
    def blocking(self) -> int:
        """How many findings block (a warning alone never sends a script back)."""
        return sum(f.blocking for f in self.findings)
