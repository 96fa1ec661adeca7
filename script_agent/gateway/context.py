"""Per-request values the middleware puts in the ASGI scope (`scope["state"]`) for routes to read.

Kept in the scope rather than a contextvar so streaming responses, which outlive the route
function, still see them, and so nothing leaks between requests on one connection.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import MutableMapping
from typing import Any

from starlette.requests import Request

TRACE_HEADER = "x-request-id"
_VALID_TRACE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


def new_trace_id(incoming: bytes | None) -> str:
    """Honour a caller's X-Request-ID when it is a sane token; otherwise mint one.

    Validated because it is echoed into headers, logs and checkpoints."""
    if incoming:
        try:
            value = incoming.decode("ascii")
        except UnicodeDecodeError:
            value = ""
        if _VALID_TRACE.match(value):
            return value
    return uuid.uuid4().hex


def state_of(scope: MutableMapping[str, Any]) -> dict[str, Any]:
    state: dict[str, Any] = scope.setdefault("state", {})
    return state


def trace_id_of(request: Request) -> str:
    return str(request.scope.get("state", {}).get("trace_id") or "")


def started_at(request: Request) -> float:
    """perf_counter() when the request arrived (time-to-first-delta is measured from it)."""
    return float(request.scope.get("state", {}).get("started", 0.0))
