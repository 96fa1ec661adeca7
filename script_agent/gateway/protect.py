"""Optional protection of operational endpoints (`/metrics`, `/api/v1/health`), set per endpoint.

Not a FastAPI dependency on purpose: whether the headers are needed is a deployment setting, so the
OpenAPI spec should not claim they are always required.
"""

from __future__ import annotations

from fastapi import Request

from script_agent.gateway.auth import Principal
from script_agent.gateway.deps import authenticator_of


def guard(request: Request, required: bool) -> Principal | None:
    if not required:
        return None
    headers = request.headers
    return authenticator_of(request).authenticate(headers.get("x-api-key"), headers.get("authorization"))
