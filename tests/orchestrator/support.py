"""In-process LLM stand-ins for orchestrator tests (no process boundary exists between the
orchestrator and its LLM port, so these are not mocks of a network peer; the HTTP client is tested
against a real server in tests/llm)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.models import TokenUsage
from script_agent.ports.llm import LLMDelta, LLMDone, LLMPort, LLMRequest, LLMResult, LLMStreamBroken


class CountingLLM:
    """Wraps any LLMPort and counts logical calls (generate + stream)."""

    def __init__(self, inner: LLMPort) -> None:
        self.inner = inner
        self.calls = 0
        self.requests: list[LLMRequest] = []

    async def generate(self, request: LLMRequest) -> LLMResult:
        self.calls += 1
        self.requests.append(request)
        return await self.inner.generate(request)

    async def stream(self, request: LLMRequest) -> AsyncIterator[LLMDelta | LLMDone]:
        self.calls += 1
        self.requests.append(request)
        async for item in self.inner.stream(request):
            yield item

    async def health(self) -> list:
        return await self.inner.health()

    async def aclose(self) -> None:
        await self.inner.aclose()


class ScriptedLLM:
    """Writes whatever `write(brief, attempt_no)` returns; can break a stream after its first chunk."""

    def __init__(self, write: Callable[[ScriptBrief, int], str], *, break_stream: bool = False) -> None:
        self.write = write
        self.break_stream = break_stream
        self.calls = 0
        self.briefs: list[ScriptBrief] = []

    def _text(self, request: LLMRequest) -> str:
        self.calls += 1
        self.briefs.append(request.brief)
        return self.write(request.brief, self.calls)

    async def generate(self, request: LLMRequest) -> LLMResult:
        text = self._text(request)
        return LLMResult(
            text=text, backend="scripted", layer="primary", usage=TokenUsage(completion_tokens=9)
        )

    async def stream(self, request: LLMRequest) -> AsyncIterator[LLMDelta | LLMDone]:
        text = self._text(request)
        for i in range(0, len(text), 10):
            yield LLMDelta(text[i : i + 10])
            if self.break_stream:
                raise LLMStreamBroken("upstream stalled mid-stream", delivered_chars=10)
        yield LLMDone(LLMResult(text=text, backend="scripted", layer="primary"))

    async def health(self) -> list:
        return []

    async def aclose(self) -> None:
        return None
