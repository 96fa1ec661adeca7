"""The template writer's entry point: brief in, a timed, beat-structured script out.

Modifications are honoured against the previous script, not in a vacuum: 短一点 aims at about two
thirds of the previous spoken length, 长一点 at half as much again, and the style directives change
the voice. The output never equals the previous script: a variant bump guarantees a new text.
"""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.compliance import sanitize
from script_agent.domain.intent import DirectiveKind
from script_agent.domain.writing.directives import normalized
from script_agent.domain.writing.fit import fit, render
from script_agent.domain.writing.material import Paragraph
from script_agent.domain.writing.scenes import SceneWriter
from script_agent.domain.writing.timing import spoken_chars, target_chars, target_seconds

SHORTER = 0.65
LONGER = 1.5


@dataclass(frozen=True)
class Composed:
    text: str
    beats: list[str]
    target_s: int
    target_chars: int


def target_for(brief: ScriptBrief) -> int:
    """Target spoken characters, relative to the previous script when a length change is asked."""
    brief = normalized(brief)
    chars = target_chars(target_seconds(brief.scene.value, brief.length, brief.duration_s))
    lengths = [d for d in brief.directives if d.kind is DirectiveKind.LENGTH]
    if lengths and brief.previous_script and brief.duration_s is None:
        previous = spoken_chars(brief.previous_script)
        chars = round(previous * (LONGER if lengths[-1].positive else SHORTER))
    return max(chars, 40)


def _humour(paragraphs: list[Paragraph], writer: SceneWriter) -> None:
    """A light aside where the host shows something: the joke is about the demo, not filler."""
    from script_agent.domain.writing.material import CUE_SHOW, Line

    for p in paragraphs:
        shows = [line.level for line in p.lines if line.cue == CUE_SHOW]
        if shows and min(shows) <= 2:
            p.lines.append(Line("我说得再热闹，也不如大家自己盯着镜头看。", level=min(shows)))
            return


def compose(brief: ScriptBrief) -> Composed:
    brief = normalized(brief)
    writer = SceneWriter(brief)
    paragraphs = writer.paragraphs()
    if writer.v.humorous:
        _humour(paragraphs, writer)
    chars = target_for(brief)
    kept = fit(paragraphs, chars)
    p = brief.product.product
    known = [x for x in (p.price, p.original_price) if x is not None]
    text = sanitize(render(kept, cues=brief.stage_cues), known_prices=known)
    return Composed(text, [para.beat for para in kept], round(chars / 4.5), chars)


def write_script(brief: ScriptBrief) -> str:
    """The script for `brief`; differs from `brief.previous_script` whenever one is given."""
    text = compose(brief).text
    previous = (brief.previous_script or "").strip()
    bumps = 0
    while previous and text.strip() == previous and bumps < 5:
        bumps += 1
        brief = brief.model_copy(update={"variant": brief.variant + 1})
        text = compose(brief).text
    return text
