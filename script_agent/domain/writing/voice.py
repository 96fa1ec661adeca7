"""The influencer's voice for one script: profile style, adjusted by what the request asks.

Why a value object: every beat reads the same decisions (how to address the room, whether to end
lines on ！, how often the catchphrase comes back), so they are made once, from the profile first
and the request's directives second.
"""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import Directive, DirectiveKind


@dataclass(frozen=True)
class Voice:
    address: str  # how the room is addressed: 宝子们 / 家人们 / 各位朋友
    catchphrases: tuple[str, ...]  # the others, said at greetings and transitions
    catch_every: int  # a catchphrase at every n-th transition (0: greeting only)
    formal: bool
    lively: bool
    humorous: bool
    interaction: int  # 0 none .. 3 often: how many beats carry a viewer prompt

    @property
    def bang(self) -> str:
        return "！" if self.lively and not self.formal else "。"


def _asked(directives: list[Directive], kind: DirectiveKind) -> bool | None:
    found = [d.positive for d in directives if d.kind is kind]
    return found[-1] if found else None


def voice_of(brief: ScriptBrief) -> Voice:
    style = brief.influencer.style
    d = brief.directives
    formal = style.formality >= 0.6
    lively = style.humor_level >= 0.5 or style.interaction_frequency >= 0.6 or style.formality <= 0.25
    if (asked := _asked(d, DirectiveKind.FORMAL)) is not None:
        formal, lively = asked, (not asked) or (lively and not asked)
    if (asked := _asked(d, DirectiveKind.LIVELY)) is not None:
        lively = asked
        formal = formal and not asked
    humorous = style.humor_level >= 0.6 and not formal
    if (asked := _asked(d, DirectiveKind.HUMOR)) is not None:
        humorous = asked
    interaction = 1 + round(style.interaction_frequency * 2)
    if (asked := _asked(d, DirectiveKind.INTERACTION)) is not None:
        interaction = 3 if asked else 0
    phrases = [p.strip() for p in style.catchphrases if p.strip()]
    address = next((p for p in phrases if p.endswith("们")), "各位朋友" if formal else "朋友们")
    others = tuple(p for p in phrases if p != address)
    catch_every = 0 if formal else (1 if style.formality <= 0.25 or lively else 2)
    return Voice(address, others, catch_every, formal, lively, humorous, interaction)
