"""The deterministic template writer: a ScriptBrief in, a finished script out, with no model at all.

Domain logic, not an adapter: what it guarantees (the scene's beats in order, the target duration,
every selling point with a demonstration and a benefit, prices and offers only from the data, never
the previous script again) is writing policy. script_agent.llm.template only puts it behind the LLM
port (request parsing, usage, chunked streaming, health), so the fallback chain can call it like any
model, and the orchestrator's last resort reaches it through that same port.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.models import TokenUsage
from script_agent.domain.writing import compose

CHARS_PER_TOKEN = 1.5  # Qwen-style tokenizers on Chinese text; the writer agent budgets with it too
MODEL = "template-v2"  # bump when a change to the writing makes old outputs incomparable


def estimate_tokens(text: str) -> int:
    """Rough token count of `text`: good enough for usage accounting and rate-limit reconciling."""
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


@dataclass(frozen=True)
class TemplateWriter:
    """The writer as one value: its model name travels with the text it writes."""

    model: str = MODEL

    def write(self, brief: ScriptBrief) -> str:
        """The script for `brief`; differs from `brief.previous_script` whenever one is given."""
        return compose.write_script(brief)

    def usage(self, prompt_chars: int, text: str) -> TokenUsage:
        """Token usage as a model would report it, estimated from the prompt's size and the text."""
        return TokenUsage(
            prompt_tokens=math.ceil(prompt_chars / CHARS_PER_TOKEN), completion_tokens=estimate_tokens(text)
        )
