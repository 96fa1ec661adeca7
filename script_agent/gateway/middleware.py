"""The gateway's one ASGI middleware: trace id, request-size cap, HTTP metrics, access log, last-resort 500.

Pure ASGI on purpose: BaseHTTPMiddleware runs the app in a separate task and pipes the body through
a memory stream, which adds latency to every request and delays SSE chunks.

- Trace id: from X-Request-ID when sane, else generated; put in `scope["state"]`, in the TRACE_ID
  contextvar (so every log line of the request carries it, tasks spawned by the request included) and
  on every response (including a 500 this middleware writes itself).
- Size cap: Content-Length above the cap is refused before the app runs; a body without a length
  (chunked) is counted while it streams in and cut off at the cap (413), never buffered whole.
- Metrics and the access log line (logger `script_agent.access`, one per request when its response
  ends): labelled by route TEMPLATE (`/api/v1/sessions/{session_id}`), never the raw path, which
  would put session ids in labels and logs.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from script_agent.gateway.context import TRACE_HEADER, new_trace_id, state_of
from script_agent.gateway.errors import PayloadTooLarge
from script_agent.gateway.problems import PROBLEM_MEDIA_TYPE, problem, problem_bytes
from script_agent.observability.logging import TRACE_ID
from script_agent.observability.metrics import HTTP_INFLIGHT, HTTP_LATENCY, HTTP_REQUESTS

log = logging.getLogger(__name__)
access_log = logging.getLogger("script_agent.access")
_TRACE_HEADER_B = TRACE_HEADER.encode()
UNMATCHED = "unmatched"
# A method is any token a client sends (QUERY, TRACE, made-up ones): as a label it must be bounded.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


@functools.lru_cache(maxsize=1024)  # bounded like the label sets: route templates x methods x statuses
def _children(route: str, method: str, status: int) -> tuple[Any, Any]:
    """`labels()` hashes and locks on every call; the children never change, so look them up once."""
    return HTTP_REQUESTS.labels(route, method, str(status)), HTTP_LATENCY.labels(route, method)


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


def metric_labels(scope: Scope, status: int) -> tuple[str, str]:
    """(route, method) as metric labels. A 405 matched a path but no operation: it is counted as
    unmatched, so only the app's own (route, method) pairs, primed at start, ever carry a route."""
    method = scope.get("method", "")
    route = UNMATCHED if status == 405 else route_template(scope)
    return route, method if method in _METHODS else "OTHER"


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value)
    return None


def _error_body(
    scope: Scope, status: int, code: str, message: str, trace_id: str, extra: dict[str, Any] | None = None
) -> bytes:
    path = scope.get("path")
    return problem_bytes(
        problem(
            code,
            message,
            status,
            instance=path if isinstance(path, str) else None,
            trace_id=trace_id,
            extensions=extra,
        )
    )


def log_access(scope: Scope, status: int, seconds: float, trace_id: str) -> None:
    """Fields as `extra` too, so the JSON formatter emits them as members; the text formatter
    prints the trace id itself."""
    if not access_log.isEnabledFor(logging.INFO):
        return
    method, route, ms = scope.get("method", ""), route_template(scope), seconds * 1000
    extra = {"method": method, "route": route, "status": status, "duration_ms": round(ms, 2)}
    access_log.info("%s %s %d %.1fms", method, route, status, ms, extra={**extra, "trace_id": trace_id})


class GatewayMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        trace_id = new_trace_id(_header(scope, _TRACE_HEADER_B))
        state = state_of(scope)
        state["trace_id"] = trace_id
        state["started"] = started
        status = 500
        response_started = False
        trace_header = (_TRACE_HEADER_B, trace_id.encode())
        token = TRACE_ID.set(trace_id)

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [*message.get("headers", ()), trace_header]
            await send(message)

        HTTP_INFLIGHT.inc()
        try:
            too_big = self._declared_too_big(scope)
            if too_big:
                body = _error_body(scope, 413, *too_big, trace_id, {"limit_bytes": self.max_body_bytes})
                await self._reply(send_wrapper, 413, body)
            else:
                await self.app(scope, self._capped(scope, receive), send_wrapper)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), route_template(scope))
            if response_started:
                raise  # headers are gone; the server closes the connection
            await self._reply(
                send_wrapper, 500, _error_body(scope, 500, "internal", "internal error", trace_id)
            )
        finally:
            HTTP_INFLIGHT.dec()
            elapsed = time.perf_counter() - started
            counter, histogram = _children(*metric_labels(scope, status), status)
            counter.inc()
            histogram.observe(elapsed)
            log_access(scope, status, elapsed, trace_id)
            TRACE_ID.reset(token)

    def _declared_too_big(self, scope: Scope) -> tuple[str, str] | None:
        length = _header(scope, b"content-length")
        if length is None:
            return None
        try:
            declared = int(length)
        except ValueError:
            return None  # the HTTP parser rejects a malformed length before we ever run
        if declared > self.max_body_bytes:
            return ("payload_too_large", f"request body exceeds {self.max_body_bytes} bytes")
        return None

    def _capped(self, scope: Scope, receive: Receive) -> Receive:
        """Only bodies without a Content-Length need counting: the server enforces a declared one."""
        if scope.get("method") in ("GET", "HEAD", "DELETE") or _header(scope, b"content-length") is not None:
            return receive
        limit = self.max_body_bytes
        seen = 0

        async def receive_capped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise PayloadTooLarge(limit)
            return message

        return receive_capped

    @staticmethod
    async def _reply(send: Send, status: int, body: bytes) -> None:
        headers = [
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
