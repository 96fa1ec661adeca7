"""Everything the writer needs for one script, in one value.

Real LLM backends receive it rendered as a prompt; the template backend reads it directly. It is
stored in checkpoints, so a resumed run writes from exactly the same brief.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from script_agent.domain.intent import Directive, IntentKind
from script_agent.domain.models import InfluencerProfile, ProductProfile, Scene


class ScriptBrief(BaseModel):
    scene: Scene
    product: ProductProfile
    influencer: InfluencerProfile
    intent: IntentKind = IntentKind.GENERATE
    query: str = ""
    event: str | None = None
    length: str = Field(default="medium", pattern="^(short|medium|long)$")
    style_hint: str | None = None
    session_digest: str = Field(default="", description="compressed earlier turns")
    previous_script: str | None = Field(default=None, description="the script a MODIFY/CONTINUE refers to")
    modification: str | None = None
    examples: list[str] = Field(default_factory=list, description="recalled past scripts, bounded")
    feedback: list[str] = Field(default_factory=list, description="quality feedback from failed attempts")
    attempt: int = Field(default=1, ge=1)
    variant: int = Field(default=0, ge=0, description="distinguishes 再来一段 outputs of the template writer")
    duration_s: int | None = Field(default=None, ge=15, le=300, description="target spoken length")
    directives: list[Directive] = Field(default_factory=list, max_length=12, description="asked changes")
    stage_cues: bool = Field(default=False, description="mark [展示] / [互动] / [上链接] for the host")
