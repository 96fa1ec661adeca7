"""Writer agent: turns a ScriptBrief into an LLM request and hands it to the LLM port.

It never talks to a backend directly; retries, fallbacks and breakers live behind the port. The
request carries both the rendered chat messages (for real models) and the brief itself (for the
deterministic template backend), so every layer of the fallback chain writes from the same input.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator

from script_agent.agents import prompt
from script_agent.config.writing import WritingSettings
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.models import LLMOptions
from script_agent.domain.writing.compose import target_for
from script_agent.domain.writing.template import CHARS_PER_TOKEN
from script_agent.ports.llm import CallBounds, ChatMessage, LLMPort, LLMRequest, LLMResult, LLMStreamItem

MIN_MAX_TOKENS = 64


class WriterAgent:
    def __init__(
        self,
        llm: LLMPort,
        *,
        max_examples: int = 3,
        max_example_chars: int = 300,
        writing: WritingSettings | None = None,
    ) -> None:
        self._llm = llm
        self._max_examples = max_examples
        self._max_example_chars = max_example_chars
        self._writing = writing or WritingSettings()

    def prepare(self, brief: ScriptBrief) -> ScriptBrief:
        """The brief as every layer sees it: with the deployment's stage-cue choice applied."""
        if brief.stage_cues == self._writing.stage_cues:
            return brief
        return brief.model_copy(update={"stage_cues": self._writing.stage_cues})

    def max_tokens(self, brief: ScriptBrief) -> int:
        """From the target length, with headroom: a budget that ends the script, never cuts it."""
        tokens = target_for(brief) / CHARS_PER_TOKEN * self._writing.max_tokens_headroom
        return max(MIN_MAX_TOKENS, math.ceil(tokens))

    def build_messages(self, brief: ScriptBrief) -> list[ChatMessage]:
        return [
            ChatMessage("system", prompt.system_prompt(brief)),
            ChatMessage("user", prompt.user_prompt(brief, self._max_examples, self._max_example_chars)),
        ]

    def build_request(
        self,
        brief: ScriptBrief,
        options: LLMOptions,
        *,
        idempotency_key: str | None = None,
        trace_id: str | None = None,
        bounds: CallBounds | None = None,
    ) -> LLMRequest:
        brief = self.prepare(brief)
        scene = brief.scene.value
        temperature = options.temperature
        if temperature is None:
            temperature = self._writing.scene_temperatures.get(scene)
        return LLMRequest(
            messages=self.build_messages(brief),
            category=brief.product.category,
            brief=brief,
            model=options.model,
            max_tokens=options.max_tokens or self.max_tokens(brief),
            temperature=temperature,
            seed=self._writing.scene_seeds.get(scene),
            idempotency_key=idempotency_key,
            trace_id=trace_id,
            skip_layers=bounds.skip_layers if bounds else (),
            deadline_s=bounds.deadline_s if bounds else None,
        )

    async def write(
        self,
        brief: ScriptBrief,
        options: LLMOptions,
        *,
        idempotency_key: str | None = None,
        trace_id: str | None = None,
        bounds: CallBounds | None = None,
    ) -> LLMResult:
        request = self.build_request(
            brief, options, idempotency_key=idempotency_key, trace_id=trace_id, bounds=bounds
        )
        return await self._llm.generate(request)

    def stream(
        self,
        brief: ScriptBrief,
        options: LLMOptions,
        *,
        idempotency_key: str | None = None,
        trace_id: str | None = None,
        bounds: CallBounds | None = None,
    ) -> AsyncIterator[LLMStreamItem]:
        """The port's own stream, unwrapped: no buffering, so the first chunk reaches the caller at
        once, and no generator layer of ours per delta; the caller closes it when it stops early
        (client gone, cancelled), which closes the backend stream."""
        request = self.build_request(
            brief, options, idempotency_key=idempotency_key, trace_id=trace_id, bounds=bounds
        )
        return self._llm.stream(request)
