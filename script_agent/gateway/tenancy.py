"""Tenant isolation rules, in one place.

- The authenticated tenant always wins: a body naming another tenant is refused (403), never obeyed.
- Reads and writes are always scoped by the principal's tenant, so another tenant's session or
  checkpoint is simply not found (404) — the API never confirms that it exists.
- Readers may read; writing (generate, create, delete) needs the writer or admin role.
"""

from __future__ import annotations

from script_agent.gateway.auth import Principal
from script_agent.gateway.errors import ApiError


def resolve_tenant(principal: Principal, claimed: str | None) -> str:
    if claimed is not None and claimed != principal.tenant:
        raise ApiError("tenant_mismatch", "the body names a tenant other than the authenticated one")
    return principal.tenant


def require_writer(principal: Principal) -> None:
    if not principal.can_write():
        raise ApiError("forbidden", f"role {principal.role!r} may not write")


def not_found(kind: str, ident: str) -> ApiError:
    return ApiError("not_found", f"{kind} {ident!r} not found")
