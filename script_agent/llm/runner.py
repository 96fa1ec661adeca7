"""One layer's retry loop, for one-shot calls and for streams.

Each attempt takes a breaker permit, runs under the tiered timeouts clipped to the overall deadline,
and settles the permit exactly once: success, an upstream failure, or neutral (fatal errors, a caller
that went away). Retryable errors are retried with backoff while attempts and deadline allow; anything
else leaves the layer at once and the client decides what comes next.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from functools import lru_cache

from prometheus_client import Counter

from script_agent.llm import errors
from script_agent.llm.backoff import Backoff
from script_agent.llm.breaker import CircuitBreaker, Permit
from script_agent.llm.layers import Layer
from script_agent.llm.timeouts import Deadline, StreamTimeouts, SyncTimeouts, bounded_items, timeout_error
from script_agent.observability.metrics import LLM_REQUESTS, LLM_RETRIES, LLM_TOKENS
from script_agent.ports.llm import (
    ErrorClass,
    LLMDelta,
    LLMDone,
    LLMError,
    LLMRequest,
    LLMResult,
    LLMStreamBroken,
    LLMStreamItem,
)

log = logging.getLogger(__name__)
IDEMPOTENCY_HEADER = "Idempotency-Key"


@lru_cache(maxsize=512)
def _requests(kind: str, role: str, mode: str, outcome: str) -> Counter:
    """Labelled children are cached: `labels()` costs more than the increment itself (labels are bounded)."""
    return LLM_REQUESTS.labels(kind, role, mode, outcome)


@lru_cache(maxsize=64)
def _tokens(kind: str, which: str) -> Counter:
    return LLM_TOKENS.labels(kind, which)


_KEY_MAX = 255


def idempotency_key(request: LLMRequest) -> str:
    """The caller's key (it must be unique per logical LLM call), or a fresh one; at most 255 chars."""
    key = request.idempotency_key or uuid.uuid4().hex
    if len(key) > _KEY_MAX:
        key = uuid.uuid5(uuid.NAMESPACE_URL, key).hex
    return key


@dataclass
class Call:
    """One logical call, shared by every attempt on every layer."""

    mode: str  # "sync" | "stream"
    deadline: Deadline
    headers: dict[str, str]
    started: float
    delivered_chars: int = 0
    tried: list[str] = field(default_factory=list)


class _Attempt:
    """Settles one breaker permit exactly once, and counts the attempt's outcome."""

    __slots__ = ("breaker", "layer", "mode", "permit", "settled")

    def __init__(self, layer: Layer, mode: str) -> None:
        self.layer, self.mode, self.settled = layer, mode, False
        self.breaker: CircuitBreaker | None = layer.breaker
        try:
            self.permit: Permit | None = self.breaker.acquire() if self.breaker is not None else None
        except LLMError:
            self._count("short_circuit")
            raise

    def ok(self, result: LLMResult) -> None:
        if self._settle():
            if self.breaker is not None and self.permit is not None:
                self.breaker.on_success(self.permit)
            self._count("ok")
            usage = result.usage
            if usage.prompt_tokens:
                _tokens(self.layer.kind, "prompt").inc(usage.prompt_tokens)
            if usage.completion_tokens:
                _tokens(self.layer.kind, "completion").inc(usage.completion_tokens)

    def failed(self, err: LLMError) -> None:
        if self._settle():
            if self.breaker is not None and self.permit is not None:
                if errors.counts_against_breaker(err):
                    self.breaker.on_failure(self.permit)
                else:
                    self.breaker.on_neutral(self.permit)
            self._count(err.error_class.value)

    def abandoned(self) -> None:
        if self._settle():
            if self.breaker is not None and self.permit is not None:
                self.breaker.on_neutral(self.permit)
            self._count("cancelled")

    def _settle(self) -> bool:
        first, self.settled = not self.settled, True
        return first

    def _count(self, outcome: str) -> None:
        _requests(self.layer.kind, self.layer.role, self.mode, outcome).inc()


class LayerRunner:
    def __init__(
        self, backoff: Backoff, sync: SyncTimeouts, stream: StreamTimeouts, max_retries: int
    ) -> None:
        self.backoff = backoff
        self.sync = sync
        self.stream_timeouts = stream
        self.max_retries = max_retries
        self._sync_httpx = sync.for_httpx()
        self._stream_httpx = stream.for_httpx()

    async def generate(self, layer: Layer, request: LLMRequest, call: Call) -> LLMResult:
        if layer.local is not None:
            return await layer.local.generate(request)
        assert layer.backend is not None and layer.model is not None
        attempt_no = 0
        while True:
            attempt = _Attempt(layer, call.mode)
            try:
                async with asyncio.timeout_at(call.deadline.clip(self.sync.total_s)):
                    result = await layer.backend.complete(
                        request, layer.model, headers=call.headers, http_timeout=self._sync_httpx
                    )
            except TimeoutError:
                err = timeout_error(call.deadline, errors.TIMEOUT)
            except LLMError as exc:
                err = exc
            except BaseException:
                attempt.abandoned()
                raise
            else:
                attempt.ok(result)
                return replace(result, layer=layer.role)
            attempt.failed(err)
            await self._pause_or_raise(layer, call, attempt_no, err)
            attempt_no += 1

    async def stream(
        self, layer: Layer, request: LLMRequest, call: Call
    ) -> AsyncGenerator[LLMStreamItem, None]:
        """Yield deltas as they arrive; before the first one, failures retry here, after it they break."""
        if layer.local is not None:
            async for item in _local_stream(layer, request, call):
                yield item
            return
        assert layer.backend is not None and layer.model is not None
        attempt_no = 0
        while True:
            attempt = _Attempt(layer, call.mode)
            upstream = layer.backend.stream(
                request, layer.model, headers=call.headers, http_timeout=self._stream_httpx
            )
            items = bounded_items(upstream, self.stream_timeouts, call.deadline)
            try:
                async with aclosing(items):
                    async for item in items:
                        if isinstance(item, LLMDone):
                            done = replace(item.result, layer=layer.role)
                            attempt.ok(done)
                            yield LLMDone(done)
                            return
                        call.delivered_chars += len(item.text)
                        yield item
                err = errors.truncated("stream")
            except LLMError as exc:
                err = exc
            except BaseException:
                attempt.abandoned()
                raise
            attempt.failed(err)
            if call.delivered_chars:
                raise LLMStreamBroken(
                    f"stream broke after content was sent: {err}",
                    call.delivered_chars,
                    layer=layer.role,
                    cause=err.reason,
                ) from err
            await self._pause_or_raise(layer, call, attempt_no, err)
            attempt_no += 1

    async def _pause_or_raise(self, layer: Layer, call: Call, attempt_no: int, err: LLMError) -> None:
        """Sleep before the next attempt, or re-raise when this layer should be left."""
        if err.error_class is not ErrorClass.RETRYABLE or err.reason == errors.DEADLINE:
            raise err
        if attempt_no >= self.max_retries:
            raise err
        delay = self.backoff.delay(attempt_no, err.retry_after)
        if delay is None or delay >= call.deadline.remaining():
            raise err
        LLM_RETRIES.labels(layer.kind, layer.role, err.reason).inc()
        log.info("LLM %s retry %d in %.3fs after %s", layer.role, attempt_no + 1, delay, err.reason)
        if delay > 0:
            await asyncio.sleep(delay)


async def _local_stream(layer: Layer, request: LLMRequest, call: Call) -> AsyncIterator[LLMStreamItem]:
    assert layer.local is not None
    items = layer.local.stream(request)
    async with aclosing(items):  # type: ignore[type-var]
        async for item in items:
            if isinstance(item, LLMDelta):
                call.delivered_chars += len(item.text)
            yield item
