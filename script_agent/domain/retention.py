"""Session retention applied on every save, identically by every session store.

Old turns are folded into a short rule-based digest rather than dropped, so intent resolution keeps
knowing which products and scenes came before while the stored session stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.domain.session import Session, Turn

DIGEST_MAX_CHARS = 600
TURN_DIGEST_CHARS = 40


@dataclass(frozen=True)
class RetentionPolicy:
    max_turns: int = 20
    compress: bool = True
    max_scripts: int = 10


def _digest(turn: Turn) -> str:
    text = " ".join(turn.text.split())
    if len(text) > TURN_DIGEST_CHARS:
        text = text[:TURN_DIGEST_CHARS] + "…"
    tag = "用户" if turn.role == "user" else "助手"
    return f"{tag}: {text}"


def apply_retention(session: Session, policy: RetentionPolicy) -> Session:
    """Return a copy that satisfies the policy; the input is not modified."""
    turns = list(session.turns)
    summary = session.summary
    if len(turns) > policy.max_turns:
        dropped, turns = turns[: len(turns) - policy.max_turns], turns[len(turns) - policy.max_turns :]
        if policy.compress:
            parts = [summary] if summary else []
            parts.extend(_digest(t) for t in dropped)
            summary = " | ".join(parts)[-DIGEST_MAX_CHARS:]
    scripts = session.scripts[-policy.max_scripts :] if policy.max_scripts > 0 else []
    return session.model_copy(update={"turns": turns, "summary": summary, "scripts": scripts})
