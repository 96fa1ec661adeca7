"""One error shape for every failure: RFC 9457 problem details (see problems.py), with a stable `code`.

Every foreseeable condition has a stable code and a status chosen here, in one table, so a client
team can read the contract in one place. A 500 is reserved for what nobody foresaw (a bug).

Status choices that are not obvious:
- `checkpoint_corrupt` → 409: the stored checkpoint failed checksum verification. It is a state of the
  resource, not a fault of the request nor a transient outage; retrying the same call gives the same
  answer, and the client can resolve it (start a new run, read an older version).
- `checkpoint_schema_unsupported` → 409 likewise: the checkpoint was written by a newer release (its
  payload's `schema_version` is beyond what this one reads); a replica on that release can read it.
- `quality_failed` → 422: the request could not be turned into a compliant script.
- `llm_unavailable` → 502 and `llm_timeout` → 504: every upstream layer failed / the deadline passed;
  `layers` lists the layers tried.
- `malformed_json` → 400 (the body is not JSON, or not UTF-8), while `validation_error` → 422 (JSON that
  does not fit the schema): the first is a broken message, the second a message the API understood.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from script_agent.domain.errors import ScriptAgentError
from script_agent.gateway.content import ACCEPTED, not_json_body
from script_agent.gateway.context import trace_id_of
from script_agent.gateway.methods import allow_header
from script_agent.gateway.problems import ProblemResponse, problem

log = logging.getLogger(__name__)

STATUS_BY_CODE: dict[str, int] = {
    "invalid_input": 422,
    "validation_error": 422,
    "idempotency_mismatch": 422,
    "quality_failed": 422,
    "not_found": 404,
    "session_conflict": 409,
    "lock_timeout": 409,
    "lock_lost": 409,
    "stale_fence": 409,
    "checkpoint_corrupt": 409,
    "checkpoint_schema_unsupported": 409,
    "idempotency_in_flight": 409,
    "rate_limited": 429,
    "store_unavailable": 503,
    "llm_unavailable": 502,
    "llm_fatal": 502,
    "llm_timeout": 504,
    "unauthenticated": 401,
    "forbidden": 403,
    "tenant_mismatch": 403,
    "payload_too_large": 413,
    "malformed_json": 400,
    "method_not_allowed": 405,
    "not_acceptable": 406,
    "unsupported_media_type": 415,
    "internal": 500,
}
# Codes whose condition passes by itself: tell the client when to come back.
RETRY_AFTER_S: dict[str, int] = {"lock_timeout": 1, "idempotency_in_flight": 1, "store_unavailable": 1}
# FastAPI's own 400 is "There was an error parsing the body" (e.g. bytes that are not UTF-8).
_HTTP_CODES = {
    400: "malformed_json",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    415: "unsupported_media_type",
}


def status_for(code: str) -> int:
    """Unknown `llm_*` codes are upstream failures (502); any other unknown code is a bug (500)."""
    if code in STATUS_BY_CODE:
        return STATUS_BY_CODE[code]
    return 502 if code.startswith("llm_") else 500


class ApiError(Exception):
    """Raised by routes for a condition with a code; rendered by the handler below."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        detail: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or status_for(code)
        self.detail = detail or {}
        self.headers = headers or {}


class PayloadTooLarge(StarletteHTTPException):
    """Raised from inside `receive` while the body streams in; an HTTPException so FastAPI's body
    reader re-raises it instead of turning it into a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body exceeds {limit} bytes")
        self.limit = limit


def error_response(
    request: Request,
    code: str,
    message: str,
    status: int,
    detail: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> ProblemResponse:
    body = problem(
        code, message, status, instance=request.url.path, trace_id=trace_id_of(request), extensions=detail
    )
    merged = dict(headers or {})
    if code in RETRY_AFTER_S and "Retry-After" not in merged:
        merged["Retry-After"] = str(RETRY_AFTER_S[code])
    return ProblemResponse(body, status_code=status, headers=merged)


def from_domain(exc: ScriptAgentError, headers: dict[str, str] | None = None) -> ApiError:
    detail = {k: v for k, v in exc.detail.items() if isinstance(v, str | int | float | bool | list | None)}
    return ApiError(exc.code, exc.message, detail=detail, headers=headers)


def retry_after_header(seconds: float) -> str:
    """HTTP wants whole seconds; never advertise 0 for a rejection."""
    return str(max(1, math.ceil(seconds)))


async def _api_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.code, exc.message, exc.status, exc.detail, exc.headers)


async def _domain_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, ScriptAgentError)
    api = from_domain(exc)
    if api.status >= 500:
        log.error("unmapped domain error %s", exc.code, exc_info=exc)
    return error_response(request, api.code, api.message, api.status, api.detail)


async def _validation_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    raw = exc.errors()
    if any(err.get("type") == "json_invalid" for err in raw):
        return error_response(request, "malformed_json", "request body is not valid JSON", 400)
    content_type = request.headers.get("content-type")
    if not_json_body(content_type, raw):
        message = f"request body must be {ACCEPTED}, got {content_type or 'no Content-Type'}"
        headers = {"Accept-Post": ACCEPTED}
        return error_response(
            request, "unsupported_media_type", message, 415, {"accepted": [ACCEPTED]}, headers
        )
    errors = [
        {"loc": list(err.get("loc", ())), "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
        for err in raw[:50]
    ]
    return error_response(request, "validation_error", "request validation failed", 422, {"errors": errors})


async def _http_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, PayloadTooLarge):
        return error_response(request, "payload_too_large", exc.detail, 413, {"limit_bytes": exc.limit})
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = allow_header(request)
    return error_response(request, code, str(exc.detail), exc.status_code, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(ScriptAgentError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Unforeseen exceptions are answered by the gateway middleware, so even a 500 carries the trace id.
