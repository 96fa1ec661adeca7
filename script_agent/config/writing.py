"""WRITING_* settings: stage cues, and sampling per scene for real models."""

from __future__ import annotations

from pydantic import Field

from script_agent.config.base import Section, section

DEFAULT_TEMPERATURES = {
    "opening": 0.9, "product_intro": 0.6, "selling_points": 0.7, "promotion": 0.5, "closing": 0.7,
}  # fmt: skip


class WritingSettings(Section):
    model_config = section("WRITING_")

    stage_cues: bool = Field(
        default=False, description="mark [展示] / [互动] / [上链接] cues for the host in scripts"
    )
    scene_temperatures: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_TEMPERATURES),
        description="JSON scene -> sampling temperature for real models (an explicit request value wins)",
    )
    scene_seeds: dict[str, int] = Field(
        default_factory=dict, description="JSON scene -> sampling seed sent upstream (unset: none)"
    )
    max_tokens_headroom: float = Field(
        default=1.6, ge=1.0, le=4.0, description="max_tokens = target length in tokens x this"
    )
    intent_model: bool = Field(
        default=True,
        description="let the learned kind model overrule the intent rules' request kind where it is sure "
        "(script_agent/data/intent_kind.npz); false: rules only",
    )
