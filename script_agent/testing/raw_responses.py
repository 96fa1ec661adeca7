"""Responses the fake LLM upstream sends when a fault asks for a broken one."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send


def error_response(
    status: int, message: str, openai: bool, headers: dict[str, str] | None = None
) -> Response:
    body: Any = (
        {"error": {"message": message, "type": "FakeError", "code": status}} if openai else {"error": message}
    )
    return JSONResponse(body, status_code=status, headers=headers)


class TruncatedBody(Response):
    """Declares the full Content-Length but sends only half the body, then ends: a cut connection.
    A Response (whose sending it replaces), so handlers can return it where a Response is typed."""

    def __init__(self, body: bytes) -> None:
        super().__init__(body, media_type="application/json")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(self.body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send(
            {"type": "http.response.body", "body": self.body[: len(self.body) // 2], "more_body": True}
        )
        raise ConnectionAbortedError("fake upstream cut the body")
