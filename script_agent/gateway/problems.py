"""RFC 9457 problem details: the one body every error response carries.

`type` names the error class (one URI per stable `code`), `title` is that class's fixed summary,
`detail` explains this occurrence, `instance` is the request path it happened on. The stable `code`
and the request's `trace_id` travel as extension members, as do a condition's structured facts
(`layers`, `dimension`, `errors`, ...), top level as RFC 9457 §3.2 asks; a fact named like a
standard member (an upstream's `status`) goes under `context` instead of replacing it.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from fastapi.responses import JSONResponse

PROBLEM_MEDIA_TYPE = "application/problem+json"
# An identifier, not necessarily dereferenceable (RFC 9457 §3.1.1); the code table lives in the README.
PROBLEM_TYPE_BASE = "https://scriptagent.dev/problems/"
_ACRONYMS = {"llm": "LLM", "json": "JSON"}
RESERVED = frozenset({"type", "title", "status", "detail", "instance", "code", "trace_id"})


def problem_type(code: str) -> str:
    return f"{PROBLEM_TYPE_BASE}{code}"


def problem_title(code: str) -> str:
    """Derived from the code, so it is the same for every occurrence of the type (RFC 9457 §3.1.3)."""
    words = [_ACRONYMS.get(word, word) for word in code.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def problem(
    code: str,
    message: str,
    status: int,
    *,
    instance: str | None,
    trace_id: str,
    extensions: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": problem_title(code),
        "status": status,
        "detail": message,
    }
    if instance:
        body["instance"] = instance
    body["code"] = code
    body["trace_id"] = trace_id
    clashing: dict[str, Any] = {}
    for key, value in (extensions or {}).items():
        (clashing if key in RESERVED else body)[key] = value
    if clashing:  # e.g. an upstream's own `status`: kept, but never in place of the standard member
        body["context"] = clashing
    return body


def status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def problem_bytes(body: dict[str, Any]) -> bytes:
    """For the middleware, which answers below FastAPI and writes raw ASGI messages."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
