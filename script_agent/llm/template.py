"""The deterministic template writer behind the LLM port: the last-resort backend and the embedded default.

Why it exists: a laptop run with no model server, and the final fallback layer when every model is
down, must still produce a usable script. It reads the structured ScriptBrief (not the prompt), so it
can guarantee what a model only tries to do: the scene's beats in order, the target duration, every
selling point with a demonstration and a benefit tied to its meaning, prices and offers only from the
data. The writing itself lives in script_agent.domain.writing (pure logic); this module adapts it to
the LLM port (usage, streaming in chunks, health).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.models import TokenUsage
from script_agent.domain.writing import compose
from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus
from script_agent.ports.llm import (
    ErrorClass,
    LLMDelta,
    LLMDone,
    LLMError,
    LLMRequest,
    LLMResult,
    LLMStreamItem,
)

NAME = "template"
MODEL = "template-v2"


def estimate_tokens(text: str) -> int:
    """Rough: about 1.5 Chinese characters per token for Qwen-style tokenizers."""
    return math.ceil(len(text) / 1.5) if text else 0


def write_script(brief: ScriptBrief) -> str:
    """The script for `brief` (see script_agent.domain.writing); never the previous one again."""
    return compose.write_script(brief)


class TemplateBackend:
    """Implements LLMPort. Cannot fail on a valid brief, so it is the layer of last resort."""

    name = NAME

    def __init__(self, *, chunk_chars: int = 12) -> None:
        self._chunk_chars = max(1, chunk_chars)

    @staticmethod
    def _brief(request: LLMRequest) -> ScriptBrief:
        brief = request.brief
        if isinstance(brief, dict):
            brief = ScriptBrief.model_validate(brief)
        if not isinstance(brief, ScriptBrief):
            raise LLMError("the template backend needs request.brief", ErrorClass.FATAL, reason="no_brief")
        return brief

    async def generate(self, request: LLMRequest) -> LLMResult:
        text = write_script(self._brief(request))
        prompt_chars = sum(len(m.content) for m in request.messages)
        usage = TokenUsage(
            prompt_tokens=math.ceil(prompt_chars / 1.5), completion_tokens=estimate_tokens(text)
        )
        return LLMResult(
            text=text,
            backend=NAME,
            layer=NAME,
            model=MODEL,
            usage=usage,
            degraded=False,
            finish_reason="stop",
        )

    async def stream(self, request: LLMRequest) -> AsyncIterator[LLMStreamItem]:
        result = await self.generate(request)
        text = result.text
        for start in range(0, len(text), self._chunk_chars):
            yield LLMDelta(text[start : start + self._chunk_chars])
            await asyncio.sleep(0)  # let other tasks (and the consumer) run between chunks
        yield LLMDone(result)

    async def health(self) -> list[ComponentHealth]:
        return [
            ComponentHealth(
                name=f"llm:{NAME}",
                status=HealthStatus.OK,
                fail_mode=FailMode.NONE,
                required=False,
                detail={"backend": NAME, "layer": NAME},
            )
        ]

    async def aclose(self) -> None:
        return None
