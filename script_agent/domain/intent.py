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
    needs_clarification: bool = False
    clarification: str | None = None
    confidence: float = Field(default=1.0, ge=0, le=1)
