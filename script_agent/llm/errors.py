"""Classification of every upstream failure into an ErrorClass plus a bounded reason.

The reason doubles as a Prometheus label, so it comes from the fixed vocabulary below and never from
upstream text. Which class a failure gets decides everything downstream (retry, fall back, surface,
count against the breaker), so the whole policy lives in this one file.
"""

from __future__ import annotations

import email.utils
import socket
import time

import httpx

from script_agent.ports.llm import ErrorClass, LLMError

# Bounded reason vocabulary (metric labels).
CONNECT = "connect"
CONNECT_REFUSED = "connect_refused"
CONNECT_TIMEOUT = "connect_timeout"
DNS = "dns"
POOL_TIMEOUT = "pool_timeout"
TIMEOUT = "timeout"
FIRST_CHUNK_TIMEOUT = "first_chunk_timeout"
IDLE_TIMEOUT = "idle_timeout"
DEADLINE = "deadline"
RATE_LIMITED = "rate_limited"
OVERLOADED = "overloaded"
SERVER_ERROR = "server_error"
IN_BAND = "in_band_error"
TRUNCATED = "truncated"
BAD_JSON = "bad_json"
BAD_PAYLOAD = "bad_payload"
MODEL_NOT_FOUND = "model_not_found"
PATH_NOT_FOUND = "path_not_found"
CONTEXT_LENGTH = "context_length"
UNAUTHORIZED = "unauthorized"
BAD_REQUEST = "bad_request"
CIRCUIT_OPEN = "circuit_open"
TRANSPORT = "transport"

_RETRYABLE_STATUS = {408: TIMEOUT, 425: TIMEOUT, 429: RATE_LIMITED, 503: OVERLOADED}
_CONTEXT_HINTS = ("context length", "context_length", "maximum context", "too long", "max_model_len")
# A 404 is about the model only when the body says so (vLLM: "The model `x` does not exist.", Ollama:
# 'model "x" not found'); a bare "Not Found" is a wrong path, i.e. a wrong base URL.
_MODEL_HINTS = ("model",)

# Reasons that say nothing about the upstream's health: the breaker must not count them.
_NEUTRAL_REASONS = {CONTEXT_LENGTH, CIRCUIT_OPEN, DEADLINE}


class CircuitOpenError(LLMError):
    """Raised without any upstream call: the caller should move to the next layer at once."""

    def __init__(self, name: str) -> None:
        super().__init__(f"circuit open for {name}", ErrorClass.FALLBACK, reason=CIRCUIT_OPEN)


def counts_against_breaker(err: LLMError) -> bool:
    """Only upstream faults count; fatal (our credentials) and caller-made errors never do."""
    if err.error_class is ErrorClass.FATAL:
        return False
    return err.reason not in _NEUTRAL_REASONS


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date; anything else is ignored."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def from_status(status: int, body: str, headers: httpx.Headers | None = None) -> LLMError:
    """Map a non-2xx response to an error; `body` is a bounded prefix used only for hints."""
    retry_after = parse_retry_after(headers.get("retry-after")) if headers is not None else None
    text = body[:200]
    lowered = body.lower()
    if status in (401, 403):
        return LLMError(
            f"upstream refused credentials ({status})", ErrorClass.FATAL, reason=UNAUTHORIZED, status=status
        )
    if status in _RETRYABLE_STATUS or status >= 500:
        reason = _RETRYABLE_STATUS.get(status, SERVER_ERROR)
        return LLMError(
            f"upstream {status}: {text}",
            ErrorClass.RETRYABLE,
            reason=reason,
            status=status,
            retry_after=retry_after,
        )
    if status == 404 and any(hint in lowered for hint in _MODEL_HINTS):
        return LLMError(
            f"model not served: {text}", ErrorClass.FALLBACK, reason=MODEL_NOT_FOUND, status=status
        )
    if status == 413 or (status == 400 and any(hint in lowered for hint in _CONTEXT_HINTS)):
        return LLMError(
            f"prompt too long for this model: {text}",
            ErrorClass.FALLBACK,
            reason=CONTEXT_LENGTH,
            status=status,
        )
    if status == 404:
        return LLMError(
            f"upstream has no such endpoint (404, check the base URL): {text}",
            ErrorClass.FALLBACK,
            reason=PATH_NOT_FOUND,
            status=status,
        )
    return LLMError(
        f"upstream rejected the request ({status}): {text}",
        ErrorClass.FATAL,
        reason=BAD_REQUEST,
        status=status,
    )


def from_exception(exc: BaseException) -> LLMError:
    """Transport-level failures: all retryable, with the most specific reason we can tell."""
    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, httpx.PoolTimeout):
        return LLMError("no free connection in the pool in time", ErrorClass.RETRYABLE, reason=POOL_TIMEOUT)
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return _connect_error(exc)
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return LLMError(f"upstream timed out: {exc!r}", ErrorClass.RETRYABLE, reason=TIMEOUT)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return LLMError(f"connection cut: {exc!r}", ErrorClass.RETRYABLE, reason=TRUNCATED)
    return LLMError(f"transport error: {exc!r}", ErrorClass.RETRYABLE, reason=TRANSPORT)


def _connect_error(exc: httpx.TransportError) -> LLMError:
    """Name the real cause: httpx-aiohttp reports a refused connection as ConnectTimeout, and httpx's
    own transport wraps it in 'All connection attempts failed', so the exception type alone misleads
    whoever reads the log. The OS-level cause further down the chain does not."""
    target = _target(exc)
    cause = _root_cause(exc)
    if isinstance(cause, ConnectionRefusedError):
        message, reason = f"connection refused by {target} (nothing listens there)", CONNECT_REFUSED
    elif isinstance(cause, socket.gaierror):
        message, reason = f"cannot resolve the host of {target}: {cause.strerror or cause}", DNS
    elif isinstance(exc, httpx.ConnectTimeout) or isinstance(cause, TimeoutError):
        message, reason = f"connecting to {target} timed out", CONNECT_TIMEOUT
    else:
        message, reason = f"cannot connect to {target}: {cause or exc!r}", CONNECT
    return LLMError(message, ErrorClass.RETRYABLE, reason=reason)


def _root_cause(exc: BaseException) -> BaseException | None:
    """The first OS-level error (refused, DNS, timeout) in the cause/context chain, if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError | socket.gaierror | TimeoutError):
            return current
        current = current.__cause__ or current.__context__
    return None


def _target(exc: httpx.TransportError) -> str:
    try:
        url = exc.request.url
    except RuntimeError:  # raised without a request attached
        return "the upstream"
    return f"{url.host}:{url.port}" if url.port else str(url.host)


def in_band(payload: object) -> LLMError:
    """An error object inside a 200 body or stream (vLLM does this once a stream has started)."""
    detail = payload.get("error") if isinstance(payload, dict) else payload
    message = detail.get("message", "") if isinstance(detail, dict) else str(detail)
    return LLMError(f"in-band upstream error: {str(message)[:200]}", ErrorClass.RETRYABLE, reason=IN_BAND)


def bad_json(where: str) -> LLMError:
    """Garbage on the wire is usually transient (a proxy, a half-written chunk): retry it."""
    return LLMError(f"malformed JSON in {where}", ErrorClass.RETRYABLE, reason=BAD_JSON)


def bad_payload(where: str) -> LLMError:
    """Valid JSON of the wrong shape means this upstream speaks another dialect: fall back."""
    return LLMError(f"unexpected payload shape in {where}", ErrorClass.FALLBACK, reason=BAD_PAYLOAD)


def truncated(where: str) -> LLMError:
    return LLMError(f"{where} ended without its terminator", ErrorClass.RETRYABLE, reason=TRUNCATED)
