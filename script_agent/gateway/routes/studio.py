"""The script studio: static HTML/CSS/JS served at /studio, a browser client of the public API.

Why static files and no server-side rendering: the page must use only the endpoints any user's
program would, so it holds no server state and no secret — the operator types an API key or JWT,
which the page keeps in sessionStorage. Every studio response carries a strict Content-Security-Policy
(scripts, styles and requests from this origin only, nothing inline, no framing), so an injected
string in a script or product name can never run as code.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from starlette.responses import RedirectResponse
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

PREFIX = "/studio"
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    # Small files that change with the package: revalidate (ETag) instead of serving a stale page.
    (b"cache-control", b"no-cache"),
)


def static_dir() -> Path:
    return Path(str(resources.files("script_agent.gateway.studio").joinpath("static")))


class StudioFiles:
    """StaticFiles with the security headers added to every response it sends. It names itself as
    the request's route, so metrics and the access log label its files with one template instead of
    `unmatched` (a mount sets no route of its own)."""

    path = f"{PREFIX}/{{path}}"

    def __init__(self, directory: Path) -> None:
        self._files = StaticFiles(directory=directory, html=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["route"] = self

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in names]
                message["headers"] = [*kept, *SECURITY_HEADERS]
            await send(message)

        await self._files(scope, receive, with_headers)


def install(app: FastAPI) -> None:
    """Mount the studio; `/studio` redirects to `/studio/` so relative asset URLs resolve."""

    async def to_index() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/", status_code=308)

    app.add_api_route(PREFIX, to_index, methods=["GET"], include_in_schema=False)
    app.mount(PREFIX, StudioFiles(static_dir()), name="studio")
