"""Fitting a composed script to its target duration, and rendering it as paragraphs.

Why levels, not truncation: cutting text at a character count ends mid-thought. Every beat's
essential lines are always said; optional lines (demonstrations, second benefits, extra prompts)
are added lowest level first, in reading order, while each one brings the length closer to target.
"""

from __future__ import annotations

from script_agent.domain.writing.material import Line, Paragraph
from script_agent.domain.writing.timing import spoken_chars

MAX_LEVEL = 14


def _dedupe(paragraphs: list[Paragraph]) -> None:
    """A line said twice reads as filler: later copies (same text) are dropped before fitting."""
    seen: set[str] = set()
    for p in paragraphs:
        kept = []
        for line in p.lines:
            if line.text not in seen:
                seen.add(line.text)
                kept.append(line)
        p.lines = kept


def fit(paragraphs: list[Paragraph], target_chars: int) -> list[Paragraph]:
    _dedupe(paragraphs)
    chosen: set[int] = {id(line) for p in paragraphs for line in p.lines if line.level == 0}
    total = sum(spoken_chars(line.text) for p in paragraphs for line in p.lines if id(line) in chosen)
    for level in range(1, MAX_LEVEL + 1):
        for line in (line for p in paragraphs for line in p.lines if line.level == level):
            n = spoken_chars(line.text)
            if abs(total + n - target_chars) < abs(total - target_chars):
                chosen.add(id(line))
                total += n
    # Still over: let soft essentials go, last first (the interaction prompt before the hook).
    soft = [line for p in paragraphs for line in p.lines if line.soft and line.level == 0]
    for line in sorted(soft, key=lambda line: line.keep):
        n = spoken_chars(line.text)
        if total > target_chars * 1.1 and abs(total - n - target_chars) < abs(total - target_chars):
            chosen.discard(id(line))
            total -= n
    kept = [Paragraph(p.beat, [line for line in p.lines if id(line) in chosen]) for p in paragraphs]
    return [p for p in kept if p.lines]


def render(paragraphs: list[Paragraph], *, cues: bool) -> str:
    def said(line: Line) -> str:
        return f"{line.cue}{line.text}" if cues and line.cue else line.text

    return "\n".join("".join(said(line) for line in p.lines) for p in paragraphs)
