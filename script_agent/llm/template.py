"""The template backend: the domain's deterministic writer behind the LLM port.

Why it exists: a laptop run with no model server, and the final fallback layer when every model is
down, must still produce a usable script. The writing is script_agent.domain.writing.template (pure
logic); this adapter only does what the port asks of a backend: read the brief from the request,
report usage, stream in chunks, answer health. It reads the structured brief, not the prompt.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.writing.template import TemplateWriter
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

NAME = "template"  # backend kind and layer label (llm.layers.TEMPLATE, metrics' TEMPLATE_LAYER)


class TemplateBackend:
    """Implements LLMPort. Cannot fail on a valid brief, so it is the layer of last resort."""

    name = NAME

    def __init__(self, *, chunk_chars: int = 12, writer: TemplateWriter | None = None) -> None:
        self._chunk_chars = max(1, chunk_chars)
        self._writer = writer or TemplateWriter()

    @staticmethod
    def _brief(request: LLMRequest) -> ScriptBrief:
        brief = request.brief
        if isinstance(brief, dict):  # a brief read back from a checkpoint
            brief = ScriptBrief.model_validate(brief)
        if not isinstance(brief, ScriptBrief):
            raise LLMError("the template backend needs request.brief", ErrorClass.FATAL, reason="no_brief")
        return brief

    async def generate(self, request: LLMRequest) -> LLMResult:
        text = self._writer.write(self._brief(request))
        prompt_chars = sum(len(m.content) for m in request.messages)
        return LLMResult(
            text=text,
            backend=NAME,
            layer=NAME,
            model=self._writer.model,
            usage=self._writer.usage(prompt_chars, text),
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
