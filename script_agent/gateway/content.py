"""Request bodies must say they are JSON: anything else is a 415, not a confusing 422.

FastAPI parses a body only when its Content-Type is JSON and otherwise hands the raw bytes to
validation, which then reports "not a valid object": to a client that reads as "your JSON is wrong"
when the JSON was fine and the header was missing. The validation handler asks `not_json_body` and
answers 415 instead, for every route that takes a body. It runs after authentication (FastAPI raises
validation errors once the dependencies, the principal among them, are resolved), so an anonymous
caller still gets its 401 first.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.message import Message
from typing import Any

from fastapi import HTTPException, Request

ACCEPTED = "application/json"


def is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    message = Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def not_json_body(content_type: str | None, errors: Sequence[dict[str, Any]]) -> bool:
    """A body FastAPI did not parse reaches validation as bytes; an empty one as None (a 422)."""
    if is_json(content_type):
        return False
    return any(
        tuple(err.get("loc", ()))[:1] == ("body",) and isinstance(err.get("input"), bytes) for err in errors
    )


async def require_json(request: Request) -> None:
    """The same rule as a route dependency, for a route that wants it enforced before its own
    validation (the handler already answers 415 for every body route). An HTTPException, which the
    error handlers render as the `unsupported_media_type` problem."""
    content_type = request.headers.get("content-type")
    if is_json(content_type) or not await request.body():
        return
    raise HTTPException(
        415,
        f"request body must be {ACCEPTED}, got {content_type or 'no Content-Type'}",
        {"Accept-Post": ACCEPTED},
    )
