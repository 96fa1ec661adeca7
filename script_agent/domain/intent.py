"""What the user asked for, resolved against the session."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from script_agent.domain.models import Scene


class IntentKind(StrEnum):
    GENERATE = "generate"  # a new script
    CONTINUE = "continue"  # 再来一段: another one like the last
    MODIFY = "modify"  # 把刚才那段改短一点: rewrite a previous script
    SWITCH_PRODUCT = "switch_product"  # 换成这款面膜
    QUERY = "query"  # a question about the product or session, answered with a script-like reply


class DirectiveKind(StrEnum):
    """What a request asks to change, each with a direction (positive: more, negative: less / none)."""

    LENGTH = "length"  # positive: longer; negative: shorter
    FORMAL = "formal"  # positive: more formal; negative: less formal
    LIVELY = "lively"  # positive: livelier; negative: calmer
    HUMOR = "humor"
    WARM = "warm"  # 亲切 / 走心
    INTERACTION = "interaction"
    PRICE = "price"  # negative: leave price and offer out
    FOCUS = "focus"  # value: the one selling point to dwell on (its 1-based number or its words)


class Directive(BaseModel):
    kind: DirectiveKind
    positive: bool = True
    value: str | None = Field(default=None, max_length=64)

    def label(self) -> str:
        """How the prompt and the clarifying text say it, e.g. 不要太正式 / 更正式 / 不提价格."""
        if self.kind is DirectiveKind.FOCUS:
            return f"只重点讲卖点：{self.value}"
        words = DIRECTIVE_WORDS[self.kind]
        return words[0] if self.positive else words[1]


DIRECTIVE_WORDS: dict[DirectiveKind, tuple[str, str]] = {
    DirectiveKind.LENGTH: ("长一点", "短一点"),
    DirectiveKind.FORMAL: ("更正式", "不要太正式"),
    DirectiveKind.LIVELY: ("更活泼", "不要太活泼，稳一点"),
    DirectiveKind.HUMOR: ("更幽默", "不要搞笑"),
    DirectiveKind.WARM: ("更亲切", "不要太煽情"),
    DirectiveKind.INTERACTION: ("多一点互动", "少一点互动"),
    DirectiveKind.PRICE: ("讲清楚价格和优惠", "不提价格和优惠"),
    DirectiveKind.FOCUS: ("只重点讲一个卖点", "只重点讲一个卖点"),
}


class IntentResult(BaseModel):
    kind: IntentKind
    scene: Scene | None = None
    category: str | None = None
    product_name: str | None = None
    product_id: str | None = None
    event: str | None = None
    style_hint: str | None = Field(default=None, description="e.g. 更活泼, 更正式, 短一点")
    reference_index: int | None = Field(default=None, description="1-based StoredScript.index referred to")
    modification: str | None = Field(default=None, description="the edit instruction for MODIFY")
    directives: list[Directive] = Field(
        default_factory=list, max_length=12, description="style / length / content slots with polarity"
    )
    duration_s: int | None = Field(default=None, ge=15, le=300, description="asked length in seconds")
    needs_clarification: bool = False
    clarification: str | None = None
    confidence: float = Field(default=1.0, ge=0, le=1)
