"""Ollama's native chat API: one JSON object, or NDJSON lines ending with `"done": true`.

A stream that ends without a `done: true` object was cut, however much text it carried. Token counts
come from `prompt_eval_count` / `eval_count` on the final object.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Mapping
from contextlib import aclosing
from typing import Any

import httpx

from script_agent.domain.models import TokenUsage
from script_agent.llm import errors
from script_agent.llm.backends.base import HttpBackend
from script_agent.ports.llm import LLMDelta, LLMDone, LLMRequest, LLMResult, LLMStreamItem

PATH = "/api/chat"


class OllamaBackend(HttpBackend):
    kind = "ollama"
    models_path = "/api/tags"
    api_suffixes = ("/api", "/v1")  # /v1 is Ollama's OpenAI-compatible root, same server

    def body(self, request: LLMRequest, model: str, stream: bool) -> dict[str, Any]:
        options: dict[str, Any] = {
            "num_predict": request.max_tokens or self.defaults.max_tokens,
            "temperature": self.defaults.temperature if request.temperature is None else request.temperature,
        }
        if request.seed is not None:
            options["seed"] = request.seed
        return {
            "model": model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "stream": stream,
            "options": options,
        }

    async def complete(
        self, request: LLMRequest, model: str, *, headers: Mapping[str, str], http_timeout: httpx.Timeout
    ) -> LLMResult:
        data = await self.post_json(PATH, self.body(request, model, False), headers, http_timeout)
        if not isinstance(data, dict):
            raise errors.bad_payload("chat response")
        if data.get("error"):
            raise errors.in_band(data)
        try:
            text = data["message"]["content"] or ""
        except (KeyError, TypeError):
            raise errors.bad_payload("chat response") from None
        if not data.get("done", True):
            raise errors.truncated("chat response")
        return self._result(text, data, model)

    async def stream(
        self, request: LLMRequest, model: str, *, headers: Mapping[str, str], http_timeout: httpx.Timeout
    ) -> AsyncGenerator[LLMStreamItem, None]:
        parts: list[str] = []
        final: dict[str, Any] | None = None
        lines = self.post_lines(PATH, self.body(request, model, True), headers, http_timeout)
        async with aclosing(lines):
            async for line in lines:
                if final is not None:
                    continue  # drain to the end of the body so the connection goes back to the pool
                chunk = _decode(line)
                if chunk.get("error"):
                    raise errors.in_band(chunk)
                content = (chunk.get("message") or {}).get("content")
                if content:
                    parts.append(content)
                    yield LLMDelta(content)
                if chunk.get("done"):
                    final = chunk
        if final is None:
            raise errors.truncated("NDJSON stream")
        yield LLMDone(self._result("".join(parts), final, model))

    def _result(self, text: str, final: dict[str, Any], model: str) -> LLMResult:
        usage = TokenUsage(
            prompt_tokens=int(final.get("prompt_eval_count") or 0),
            completion_tokens=int(final.get("eval_count") or 0),
        )
        return LLMResult(
            text=text,
            backend=self.kind,
            layer="",
            model=final.get("model") or model,
            usage=usage,
            finish_reason=final.get("done_reason"),
        )

    def parse_models(self, payload: Any) -> list[str]:
        return [str(item["name"]) for item in payload.get("models", [])]


def _decode(line: str) -> dict[str, Any]:
    try:
        chunk = json.loads(line)
    except ValueError:
        raise errors.bad_json("NDJSON line") from None
    if not isinstance(chunk, dict):
        raise errors.bad_payload("NDJSON line")
    return chunk
