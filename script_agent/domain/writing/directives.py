"""Directives for briefs that only carry the older free-text `style_hint` (更活泼 / 短一点 …).

Why: checkpoints written before directives existed, and callers that fill style_hint by hand, must
still get the asked change; the intent agent fills `directives` for everything new.
"""

from __future__ import annotations

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import DIRECTIVE_WORDS, Directive, DirectiveKind

_HINT_WORDS: tuple[tuple[str, DirectiveKind, bool], ...] = (
    ("短", DirectiveKind.LENGTH, False),
    ("精简", DirectiveKind.LENGTH, False),
    ("长", DirectiveKind.LENGTH, True),
    ("详细", DirectiveKind.LENGTH, True),
    ("正式", DirectiveKind.FORMAL, True),
    ("专业", DirectiveKind.FORMAL, True),
    ("活泼", DirectiveKind.LIVELY, True),
    ("幽默", DirectiveKind.HUMOR, True),
    ("亲切", DirectiveKind.WARM, True),
    ("互动", DirectiveKind.INTERACTION, True),
)


def from_hint(hint: str) -> list[Directive]:
    out: list[Directive] = []
    for part in hint.replace("；", ";").split(";"):
        part = part.strip()
        exact = [
            (k, pos)
            for k, words in DIRECTIVE_WORDS.items()
            for pos, w in zip((True, False), words, strict=True)
            if w == part
        ]
        found = exact or [(k, pos) for word, k, pos in _HINT_WORDS if word in part][:1]
        out += [Directive(kind=k, positive=pos) for k, pos in found]
    return out


def normalized(brief: ScriptBrief) -> ScriptBrief:
    if brief.directives or not brief.style_hint:
        return brief
    return brief.model_copy(update={"directives": from_hint(brief.style_hint)})
