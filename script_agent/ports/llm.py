"""The LLM port: what the writer agent needs from any text generator.

Real backends (OpenAI-compatible / vLLM, Ollama) read `messages`; the deterministic template backend
reads the structured `brief`. Both streams and one-shot calls go through the same request type.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from script_agent.domain.models import TokenUsage


@dataclass(frozen=True)
class ChatMessage:
    role: str
    content: str


@dataclass(frozen=True)
class LLMRequest:
    messages: list[ChatMessage]
    category: str | None = None
    brief: Any = None  # domain.brief.ScriptBrief, for the template backend
    model: str | None = None  # explicit override; otherwise chosen per layer
    max_tokens: int | None = None
    temperature: float | None = None
    seed: int | None = None  # sampling seed, per scene (WRITING_SCENE_SEEDS); None: backend default
    idempotency_key: str | None = None
    trace_id: str | None = None
    # Layer roles that already failed this run mid-stream: a regeneration starts at the next one.
    skip_layers: tuple[str, ...] = ()
    # What is left of the caller's request deadline; the client's own deadline is clipped to it.
    deadline_s: float | None = None


@dataclass(frozen=True)
class CallBounds:
    """What the workflow allows one generation: the layers it may still use and the time left."""

    skip_layers: tuple[str, ...] = ()
    deadline_s: float | None = None


@dataclass(frozen=True)
class LLMResult:
    text: str
    backend: str
    layer: str
    model: str | None = None
    usage: TokenUsage = field(default_factory=TokenUsage)
    degraded: bool = False
    finish_reason: str | None = None


@dataclass(frozen=True)
class LLMDelta:
    """A content chunk, handed on the moment the backend emits it."""

    text: str


@dataclass(frozen=True)
class LLMDone:
    result: LLMResult


LLMStreamItem = LLMDelta | LLMDone


class ErrorClass(StrEnum):
    RETRYABLE = "retryable"  # try again on the same layer (then fall back)
    FALLBACK = "fallback"  # this layer cannot serve it; go to the next layer at once
    FATAL = "fatal"  # surface to the caller; never retried, never counted by a breaker


class LLMError(Exception):
    """Every backend failure is one of these; `error_class` decides retry vs fallback vs surface."""

    def __init__(
        self,
        message: str,
        error_class: ErrorClass,
        *,
        reason: str = "error",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.reason = reason  # bounded vocabulary: used as a metric label
        self.status = status
        self.retry_after = retry_after


class LLMExhausted(LLMError):
    """Every layer failed or the overall deadline passed; `layers` lists what was tried."""

    def __init__(self, message: str, layers: list[str], *, timed_out: bool = False) -> None:
        super().__init__(message, ErrorClass.RETRYABLE, reason="deadline" if timed_out else "exhausted")
        self.layers = layers
        self.timed_out = timed_out


class LLMStreamBroken(LLMError):
    """The stream failed after content reached the caller: it cannot fall back, it must be reported."""

    def __init__(self, message: str, delivered_chars: int, *, layer: str = "", cause: str = "error") -> None:
        super().__init__(message, ErrorClass.RETRYABLE, reason="stream_broken")
        self.delivered_chars = delivered_chars
        self.layer = layer  # the layer role whose stream broke: a regeneration skips it
        self.cause = cause  # the underlying error's reason (idle_timeout, in_band, truncated ...)


@runtime_checkable
class LLMPort(Protocol):
    async def generate(self, request: LLMRequest) -> LLMResult: ...

    def stream(self, request: LLMRequest) -> AsyncIterator[LLMStreamItem]:
        """Yield LLMDelta items as they arrive, then exactly one LLMDone."""
        ...

    async def health(self) -> list[Any]:
        """One ComponentHealth per backend/layer."""
        ...

    async def aclose(self) -> None: ...
