"""Who is calling: API keys (hashed table) and bearer JWTs, or the explicit dev mode.

Outside AUTH_MODE=dev, a request without valid credentials never gets past `Authenticator`, and
there is no built-in credential: with no keys and no JWT key configured the server refuses to start.

- API key: `X-API-Key: <key>` (or `Authorization: Bearer <key>` for a token that is not a JWT).
- JWT: `Authorization: Bearer <jwt>`, verified with PyJWT; `exp` is required, issuer and audience
  when configured. HMAC algorithms are only accepted with AUTH_JWT_SECRET and asymmetric ones only
  with AUTH_JWT_PUBLIC_KEY, so a public key can never be replayed as an HMAC secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jwt

from script_agent.config.app import AuthSettings
from script_agent.gateway.errors import ApiError
from script_agent.gateway.keys import ROLES, TENANT_PATTERN, KeyTable, load_table

_HMAC = {"HS256", "HS384", "HS512"}
_WWW = {"WWW-Authenticate": "Bearer"}


@dataclass(frozen=True)
class Principal:
    tenant: str
    role: str
    method: str  # dev | api_key | jwt
    subject: str | None = None

    def can_write(self) -> bool:
        return self.role in ("writer", "admin")


def unauthenticated(message: str) -> ApiError:
    return ApiError("unauthenticated", message, headers=_WWW)


class Authenticator:
    def __init__(self, settings: AuthSettings) -> None:
        self.settings = settings
        self.mode = settings.mode
        self.keys = (
            KeyTable(
                load_table(
                    settings.api_keys.get_secret_value() if settings.api_keys else None,
                    settings.api_keys_file,
                )
            )
            if "api_key" in self.mode
            else KeyTable([])
        )
        self._jwt_keys = self._jwt_key_set() if "jwt" in self.mode else []
        if self.mode != "dev" and not len(self.keys) and not self._jwt_keys:
            raise ValueError(
                f"AUTH_MODE={self.mode} but no credential source is configured: set AUTH_API_KEYS or "
                "AUTH_API_KEYS_FILE (API keys) or AUTH_JWT_SECRET / AUTH_JWT_PUBLIC_KEY (JWT); "
                "AUTH_MODE=dev is for local use only"
            )

    def _jwt_key_set(self) -> list[tuple[str, list[str]]]:
        s = self.settings
        out = []
        if s.jwt_secret is not None:
            algorithms = [a for a in s.jwt_algorithms if a in _HMAC]
            if algorithms:
                out.append((s.jwt_secret.get_secret_value(), algorithms))
        if s.jwt_public_key is not None:
            algorithms = [a for a in s.jwt_algorithms if a not in _HMAC and a != "none"]
            if algorithms:
                out.append((s.jwt_public_key.get_secret_value(), algorithms))
        return out

    def authenticate(self, api_key: str | None, authorization: str | None) -> Principal:
        if self.mode == "dev":
            return Principal(tenant=self.settings.dev_tenant, role="admin", method="dev")
        bearer = _bearer(authorization)
        if api_key is None and bearer is not None and bearer.count(".") != 2:
            api_key, bearer = bearer, None  # an opaque bearer token is an API key
        if api_key is not None:
            return self._by_key(api_key)
        if bearer is not None:
            return self._by_jwt(bearer)
        raise unauthenticated("credentials required: X-API-Key or Authorization: Bearer")

    def _by_key(self, key: str) -> Principal:
        if "api_key" not in self.mode:
            raise unauthenticated("API keys are not accepted here")
        entry = self.keys.find(key)
        if entry is None:
            raise unauthenticated("invalid API key")
        return Principal(tenant=entry.tenant, role=entry.role, method="api_key")

    def _by_jwt(self, token: str) -> Principal:
        if not self._jwt_keys:
            raise unauthenticated("bearer tokens are not accepted here")
        claims = None
        for key, algorithms in self._jwt_keys:
            try:
                claims = self._decode(token, key, algorithms)
                break
            except jwt.InvalidAlgorithmError:
                continue  # the token's algorithm belongs to the other key
            except jwt.PyJWTError as exc:
                raise unauthenticated(f"invalid token: {exc}") from None
        if claims is None:
            raise unauthenticated("invalid token: algorithm not accepted")
        return self._principal(claims)

    def _decode(self, token: str, key: str, algorithms: list[str]) -> dict[str, Any]:
        s = self.settings
        required = ["exp"] + (["iss"] if s.jwt_issuer else []) + (["aud"] if s.jwt_audience else [])
        return jwt.decode(
            token,
            key,
            algorithms=algorithms,
            issuer=s.jwt_issuer,
            audience=s.jwt_audience,
            leeway=s.jwt_leeway_s,
            options={"require": required, "verify_aud": bool(s.jwt_audience)},
        )

    def _principal(self, claims: dict[str, Any]) -> Principal:
        s = self.settings
        tenant = claims.get(s.jwt_tenant_claim)
        if not isinstance(tenant, str) or not TENANT_PATTERN.match(tenant):
            raise unauthenticated(f"token has no valid {s.jwt_tenant_claim!r} claim")
        role = claims.get(s.jwt_role_claim, s.jwt_default_role)
        if role not in ROLES:
            raise ApiError("forbidden", f"token role {role!r} is not one of {', '.join(ROLES)}")
        sub = claims.get("sub")
        return Principal(tenant=tenant, role=str(role), method="jwt", subject=str(sub) if sub else None)


def _bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise unauthenticated("Authorization must be 'Bearer <token>'")
    return value.strip()
