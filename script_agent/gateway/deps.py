"""FastAPI dependencies: the container built by the lifespan, and the authenticated principal.

The credentials are declared as OpenAPI security schemes (API key header, HTTP bearer) so the spec
tells clients how to authenticate; the Authenticator reads the raw headers itself, so a malformed
Authorization header is a clear 401 rather than silently ignored.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from script_agent.bootstrap import Container
from script_agent.gateway.auth import Authenticator, Principal

API_KEY_SCHEME = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key (stored hashed)")
BEARER_SCHEME = HTTPBearer(auto_error=False, description="JWT (or an API key as a bearer token)")


def container_of(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def authenticator_of(request: Request) -> Authenticator:
    authenticator: Authenticator = request.app.state.authenticator
    return authenticator


async def principal(
    request: Request,
    api_key: Annotated[str | None, Security(API_KEY_SCHEME)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER_SCHEME)],
) -> Principal:
    """Runs before any route logic; raises 401 for anything but valid credentials (outside dev mode)."""
    return authenticator_of(request).authenticate(api_key, request.headers.get("authorization"))


CurrentPrincipal = Annotated[Principal, Depends(principal)]
CurrentContainer = Annotated[Container, Depends(container_of)]
