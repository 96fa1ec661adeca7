"""Injected API-server failures a client must handle: 429 with Retry-After (API priority and
fairness), 401 (an expired or rotated credential), or any other status, for the next N matching
requests.

Why not only kmock's DSL (`emulator[...] << 429`): a test of a client's throttling needs the
`Retry-After` header and an apiserver-shaped `Status` body in one reaction, and a count that is
easy to read back. Matching is on what the request *is* (method, resource plural, subresource,
name), so a fault aimed at status patches never hits kopf's watches.
"""

from __future__ import annotations

import dataclasses
import json

import kmock
from kmock._internal import rendering  # pinned kmock==0.8

_REASONS = {
    401: "Unauthorized",
    403: "Forbidden",
    409: "Conflict",
    429: "TooManyRequests",
    500: "InternalError",
}
_MESSAGES = {
    401: "Unauthorized",
    429: "the server has received too many requests and has asked us to try again later",
}


@dataclasses.dataclass
class Fault:
    """Answer the next `times` requests matching every given field with `status`."""

    status: int
    times: int = 1
    method: str | None = None  # GET, PATCH, PUT, POST, DELETE
    plural: str | None = None  # e.g. "scriptjobs", "namespaces", "events"
    subresource: str | None = None  # e.g. "status"
    name: str | None = None
    retry_after: float | None = None  # seconds, sent as the Retry-After header (429)
    message: str | None = None
    served: int = 0

    def matches(self, request: kmock.Request) -> bool:
        if self.served >= self.times:
            return False
        if self.method is not None and request.method.value != self.method.upper():
            return False
        res = request.resource
        if self.plural is not None and (res is None or res.plural != self.plural):
            return False
        if self.subresource is not None and request.subresource != self.subresource:
            return False
        return self.name is None or request.name == self.name

    def response(self) -> rendering.Response:
        self.served += 1
        reason = _REASONS.get(self.status, "Unknown")
        message = self.message or _MESSAGES.get(self.status, reason)
        status = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": message,
            "reason": reason,
            "code": self.status,
        }
        if self.retry_after is not None:
            status["details"] = {"retryAfterSeconds": int(self.retry_after)}
        headers = {"Content-Type": "application/json"}
        if self.retry_after is not None:
            headers["Retry-After"] = f"{self.retry_after:g}"
        return rendering.Response(status=self.status, payload=json.dumps(status).encode(), headers=headers)
