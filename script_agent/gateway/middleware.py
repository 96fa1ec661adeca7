"""The gateway's one ASGI middleware: trace id, request-size cap, HTTP metrics, last-resort 500.

Pure ASGI on purpose: BaseHTTPMiddleware runs the app in a separate task and pipes the body through
a memory stream, which adds latency to every request and delays SSE chunks.

- Trace id: from X-Request-ID when sane, else generated; put in `scope["state"]` and on every
  response (including a 500 this middleware writes itself).
- Size cap: Content-Length above the cap is refused before the app runs; a body without a length
  (chunked) is counted while it streams in and cut off at the cap (413), never buffered whole.
- Metrics: labelled by route TEMPLATE (`/api/v1/sessions/{session_id}`), never the raw path.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from script_agent.gateway.context import TRACE_HEADER, new_trace_id, state_of
from script_agent.gateway.errors import PayloadTooLarge
from script_agent.observability.metrics import HTTP_INFLIGHT, HTTP_LATENCY, HTTP_REQUESTS

log = logging.getLogger(__name__)
_TRACE_HEADER_B = TRACE_HEADER.encode()
UNMATCHED = "unmatched"


@functools.lru_cache(maxsize=1024)  # bounded like the label sets: route templates x methods x statuses
def _children(route: str, method: str, status: int) -> tuple[Any, Any]:
    """`labels()` hashes and locks on every call; the children never change, so look them up once."""
    return HTTP_REQUESTS.labels(route, method, str(status)), HTTP_LATENCY.labels(route, method)


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value
    return None


def _error_body(code: str, message: str, trace_id: str, detail: dict[str, Any] | None = None) -> bytes:
    body = {"error": {"code": code, "message": message, "detail": detail or {}}, "trace_id": trace_id}
    return json.dumps(body, ensure_ascii=False).encode()


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
                await self._reply(
                    send_wrapper, 413, _error_body(*too_big, trace_id, {"limit_bytes": self.max_body_bytes})
                )
            else:
                await self.app(scope, self._capped(scope, receive), send_wrapper)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), route_template(scope))
            if response_started:
                raise  # headers are gone; the server closes the connection
            await self._reply(send_wrapper, 500, _error_body("internal", "internal error", trace_id))
        finally:
            HTTP_INFLIGHT.dec()
            counter, histogram = _children(route_template(scope), scope.get("method", ""), status)
            counter.inc()
            histogram.observe(time.perf_counter() - started)

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
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
