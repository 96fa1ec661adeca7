"""One error shape for every failure: `{"error": {code, message, detail}, "trace_id"}`.

Every foreseeable condition has a stable code and a status chosen here, in one table, so a client
team can read the contract in one place. A 500 is reserved for what nobody foresaw (a bug).

Status choices that are not obvious:
- `checkpoint_corrupt` → 409: the stored checkpoint failed checksum verification. It is a state of the
  resource, not a fault of the request nor a transient outage; retrying the same call gives the same
  answer, and the client can resolve it (start a new run, read an older version).
- `quality_failed` → 422: the request could not be turned into a compliant script.
- `llm_unavailable` → 502 and `llm_timeout` → 504: every upstream layer failed / the deadline passed;
  `detail.layers` lists the layers tried.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from script_agent.domain.errors import ScriptAgentError
from script_agent.gateway.context import trace_id_of

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
    "internal": 500,
}
# Codes whose condition passes by itself: tell the client when to come back.
RETRY_AFTER_S: dict[str, int] = {"lock_timeout": 1, "idempotency_in_flight": 1, "store_unavailable": 1}
_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable"}


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
) -> JSONResponse:
    body = {
        "error": {"code": code, "message": message, "detail": detail or {}},
        "trace_id": trace_id_of(request),
    }
    merged = dict(headers or {})
    if code in RETRY_AFTER_S and "Retry-After" not in merged:
        merged["Retry-After"] = str(RETRY_AFTER_S[code])
    return JSONResponse(body, status_code=status, headers=merged)


def from_domain(exc: ScriptAgentError, headers: dict[str, str] | None = None) -> ApiError:
    detail = {k: v for k, v in exc.detail.items() if isinstance(v, str | int | float | bool | list | None)}
    return ApiError(exc.code, exc.message, detail=detail, headers=headers)


def retry_after_header(seconds: float) -> str:
    """HTTP wants whole seconds; never advertise 0 for a rejection."""
    return str(max(1, math.ceil(seconds)))


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.code, exc.message, exc.status, exc.detail, exc.headers)


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ScriptAgentError)
    api = from_domain(exc)
    if api.status >= 500:
        log.error("unmapped domain error %s", exc.code, exc_info=exc)
    return error_response(request, api.code, api.message, api.status, api.detail)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [
        {"loc": list(err.get("loc", ())), "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
        for err in exc.errors()[:50]
    ]
    return error_response(request, "validation_error", "request validation failed", 422, {"fields": fields})


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, PayloadTooLarge):
        return error_response(request, "payload_too_large", exc.detail, 413, {"limit_bytes": exc.limit})
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return error_response(request, code, str(exc.detail), exc.status_code, headers=dict(exc.headers or {}))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(ScriptAgentError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Unforeseen exceptions are answered by the gateway middleware, so even a 500 carries the trace id.
