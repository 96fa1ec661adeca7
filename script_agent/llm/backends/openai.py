"""OpenAI-compatible chat completions (vLLM, llama.cpp server, LM Studio, ...): JSON and SSE.

A stream is only complete when `data: [DONE]` arrives; a 200 stream may carry an `error` object after
it started (vLLM does this), which is raised instead of being mistaken for content.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Mapping
from contextlib import aclosing
from typing import Any

import httpx
import orjson

from script_agent.domain.models import TokenUsage
from script_agent.llm import errors
from script_agent.llm.backends.base import HttpBackend
from script_agent.ports.llm import LLMDelta, LLMDone, LLMRequest, LLMResult, LLMStreamItem

PATH = "/v1/chat/completions"


class OpenAIBackend(HttpBackend):
    kind = "openai"
    models_path = "/v1/models"
    api_suffixes = ("/v1",)  # the OpenAI SDK convention: base URLs end in /v1

    def body(self, request: LLMRequest, model: str, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_tokens or self.defaults.max_tokens,
            "temperature": self.defaults.temperature if request.temperature is None else request.temperature,
            "stream": stream,
        }
        if request.seed is not None:
            body["seed"] = request.seed
        if stream:
            body["stream_options"] = {"include_usage": True}
        return body

    async def complete(
        self, request: LLMRequest, model: str, *, headers: Mapping[str, str], http_timeout: httpx.Timeout
    ) -> LLMResult:
        data = await self.post_json(PATH, self.body(request, model, False), headers, http_timeout)
        if isinstance(data, dict) and data.get("error"):
            raise errors.in_band(data)
        try:
            choice = data["choices"][0]
            text = choice["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            raise errors.bad_payload("chat completion") from None
        return LLMResult(
            text=text,
            backend=self.kind,
            layer="",
            model=data.get("model") or model,
            usage=_usage(data.get("usage")),
            finish_reason=choice.get("finish_reason"),
        )

    async def stream(
        self, request: LLMRequest, model: str, *, headers: Mapping[str, str], http_timeout: httpx.Timeout
    ) -> AsyncGenerator[LLMStreamItem, None]:
        parts: list[str] = []
        usage = TokenUsage()
        finish: str | None = None
        served_model = model
        terminated = False
        lines = self.post_lines(PATH, self.body(request, model, True), headers, http_timeout)
        async with aclosing(lines):
            async for line in lines:
                if terminated or not line.startswith("data:"):
                    continue  # SSE comments, event names, retry hints; after [DONE]: drain for keep-alive
                data = line[5:].strip()
                if data == "[DONE]":
                    terminated = True  # read on to the end: the connection goes back to the pool
                    continue
                chunk = _decode(data)
                if chunk.get("error"):
                    raise errors.in_band(chunk)
                if chunk.get("usage"):
                    usage = _usage(chunk["usage"])
                served_model = chunk.get("model") or served_model
                for choice in chunk.get("choices") or ():
                    content = (choice.get("delta") or {}).get("content")
                    if content:
                        parts.append(content)
                        yield LLMDelta(content)
                    finish = choice.get("finish_reason") or finish
        if not terminated:
            raise errors.truncated("SSE stream")
        yield LLMDone(
            LLMResult(
                text="".join(parts),
                backend=self.kind,
                layer="",
                model=served_model,
                usage=usage,
                finish_reason=finish,
            )
        )

    def parse_models(self, payload: Any) -> list[str]:
        return [str(item["id"]) for item in payload.get("data", [])]


def _decode(data: str) -> dict[str, Any]:
    """orjson per chunk (the stdlib decoder's Python layers cost more than the parse); what orjson
    refuses (NaN, Infinity, lone surrogates) goes to the stdlib, so the same chunks are accepted as
    before. One difference: an integer beyond 64 bits (no token count is) comes back as a float."""
    try:
        chunk = orjson.loads(data)
    except ValueError:
        try:
            chunk = json.loads(data)
        except ValueError:
            raise errors.bad_json("SSE chunk") from None
    if not isinstance(chunk, dict):
        raise errors.bad_payload("SSE chunk")
    return chunk


def _usage(raw: Any) -> TokenUsage:
    if not isinstance(raw, dict):
        return TokenUsage()
    return TokenUsage(
        prompt_tokens=int(raw.get("prompt_tokens") or 0),
        completion_tokens=int(raw.get("completion_tokens") or 0),
    )
