"""Logging setup: plain text for humans, JSON lines for clusters (LOG_JSON=true).

Every line carries the trace id of the work it belongs to. The id lives in the TRACE_ID contextvar
rather than being passed to each logger call: the gateway middleware sets it per request, a run that
starts outside a request (CLI, operator job) sets its own, and asyncio copies contexts into the tasks
a request spawns (in-flight sharing, SSE pumps), so a line logged anywhere below still knows its
request. A handler-level Filter copies it onto each record, which is how third-party loggers' lines
get it too.

Timestamps are RFC 3339 in UTC with milliseconds (`2026-12-03T05:51:10.123Z`): log pipelines parse
them without a timezone guess, and lines from pods in different zones sort together.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import IO, Any

TRACE_ID: ContextVar[str | None] = ContextVar("trace_id", default=None)

# Libraries that log one INFO line per HTTP exchange (httpx: "HTTP Request: POST ..."); our backends
# log each upstream call at DEBUG themselves, so these only speak up for warnings.
_CHATTY = ("httpx", "httpcore")
# Attributes every LogRecord has; anything else on a record came from `extra=` and is emitted.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def rfc3339(created: float) -> str:
    """`created` (epoch seconds) as RFC 3339 UTC with milliseconds and a `Z` suffix."""
    seconds, millis = divmod(round(created * 1000), 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


@contextlib.contextmanager
def bound_trace_id(trace_id: str | None) -> Iterator[str | None]:
    """Set TRACE_ID for a block (a CLI run, one operator job step). Resetting can fail when an async
    generator is finalised in another context; the value then simply ends with that context."""
    token = TRACE_ID.set(trace_id)
    try:
        yield trace_id
    finally:
        with contextlib.suppress(ValueError):
            TRACE_ID.reset(token)


class TraceIdFilter(logging.Filter):
    """Stamps `record.trace_id` from the contextvar unless the call passed one explicitly."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "trace_id", None) is None:
            record.trace_id = TRACE_ID.get()
        return True


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(trace)s] %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return rfc3339(record.created)

    def format(self, record: logging.LogRecord) -> str:
        record.trace = getattr(record, "trace_id", None) or "-"
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; `extra=` fields (route, status, duration_ms, ...) become members."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": rfc3339(record.created),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "trace_id": getattr(record, "trace_id", None),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in data and key != "trace":
                data[key] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO", json_format: bool = False, stream: IO[str] | None = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(TraceIdFilter())
    handler.setFormatter(JsonFormatter() if json_format else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
