"""Fault scripts for the fake LLM upstream, and the record of what it received."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fault:
    """What one chat request should suffer. Build them with the constructors below."""

    kind: str = "ok"
    status: int = 200
    retry_after: str | None = None
    delay_s: float = 0.0
    after_chunks: int = 0
    message: str = ""

    @classmethod
    def ok(cls) -> Fault:
        return cls()

    @classmethod
    def http(cls, status: int, *, retry_after: float | str | None = None, message: str = "") -> Fault:
        """Any error status (429, 500, 502, 503, 401, 400 ...), JSON error body in the protocol's shape."""
        after = None if retry_after is None else str(retry_after)
        return cls("status", status=status, retry_after=after, message=message or f"fake upstream {status}")

    @classmethod
    def unknown_model(cls) -> Fault:
        return cls("unknown_model", status=404)

    @classmethod
    def slow_first_byte(cls, delay_s: float) -> Fault:
        """Hold the response headers back for `delay_s`."""
        return cls("slow", delay_s=delay_s)

    @classmethod
    def stall(cls, after_chunks: int, delay_s: float) -> Fault:
        """Stream `after_chunks` content chunks, then go silent for `delay_s` before carrying on."""
        return cls("stall", after_chunks=after_chunks, delay_s=delay_s)

    @classmethod
    def in_band_error(cls, after_chunks: int = 0) -> Fault:
        """A 200 whose body (sync) or stream (after `after_chunks` chunks) carries an error object."""
        return cls("in_band", after_chunks=after_chunks)

    @classmethod
    def cut(cls, after_chunks: int = 0) -> Fault:
        """End the body cleanly but early: no `[DONE]` / `done: true`; sync bodies are truncated JSON."""
        return cls("cut", after_chunks=after_chunks)

    @classmethod
    def abort(cls, after_chunks: int = 0) -> Fault:
        """Drop the connection mid-body (the client sees an incomplete chunked read)."""
        return cls("abort", after_chunks=after_chunks)

    @classmethod
    def malformed(cls, after_chunks: int = 0) -> Fault:
        """Invalid JSON: the whole sync body, or one stream chunk after `after_chunks` good ones."""
        return cls("malformed", after_chunks=after_chunks)

    @classmethod
    def trickle(cls, delay_s: float) -> Fault:
        """Serve normally but wait `delay_s` between stream chunks (sync: the sum, before answering)."""
        return cls("trickle", delay_s=delay_s)


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    fault: str
    at: float = field(default_factory=time.monotonic)

    @property
    def model(self) -> str | None:
        return self.body.get("model") if isinstance(self.body, dict) else None

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream")) if isinstance(self.body, dict) else False

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get("idempotency-key")
