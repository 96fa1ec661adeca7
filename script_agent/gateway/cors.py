"""CORS for browser clients on other origins: off unless GATEWAY_CORS_ALLOW_ORIGINS names some.

Credentials travel in headers (X-API-Key, Authorization), never cookies, so `allow_credentials` stays
off; the headers a client needs to read (trace id, Location, rate limits, Retry-After) are exposed.
Added outermost, so even a 413 or 500 written by the gateway middleware is readable cross-origin.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from script_agent.config.app import GatewaySettings

_ORIGIN = re.compile(r"^https?://[^/\s?#]+$")
ALLOW_METHODS = ["GET", "POST", "DELETE"]
ALLOW_HEADERS = [
    "Authorization",
    "X-API-Key",
    "Content-Type",
    "Idempotency-Key",
    "X-Request-ID",
    "Last-Event-ID",
]
EXPOSE_HEADERS = [
    "x-request-id",
    "Location",
    "Retry-After",
    *(f"x-ratelimit-{w}-{d}" for w in ("limit", "remaining", "reset") for d in ("requests", "tokens")),
]


def checked_origins(origins: list[str]) -> list[str]:
    """An origin is scheme://host[:port] exactly; anything else never matches a browser's Origin,
    so refuse it at start rather than let CORS silently not work."""
    bad = [o for o in origins if o != "*" and not _ORIGIN.match(o)]
    if bad:
        raise ValueError(f"GATEWAY_CORS_ALLOW_ORIGINS: not an origin (scheme://host[:port]): {bad}")
    return [o.rstrip("/") for o in origins]


def install_cors(app: FastAPI, settings: GatewaySettings) -> None:
    if not settings.cors_allow_origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=checked_origins(settings.cors_allow_origins),
        allow_methods=ALLOW_METHODS,
        allow_headers=ALLOW_HEADERS,
        expose_headers=EXPOSE_HEADERS,
        allow_credentials=False,
        max_age=settings.cors_max_age_s,
    )
