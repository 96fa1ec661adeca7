"""JSON log lines: RFC 3339 UTC timestamps, the trace id from the contextvar, `extra` members."""

from __future__ import annotations

import asyncio
import datetime
import logging
import re

from script_agent.observability.logging import TRACE_ID, bound_trace_id, configure_logging, rfc3339

RFC3339_UTC_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
log = logging.getLogger("script_agent.test")


def test_timestamps_are_rfc3339_utc_with_milliseconds(json_logs) -> None:
    lines = json_logs()
    before = datetime.datetime.now(datetime.UTC)
    log.info("hello")
    (line,) = lines()
    assert RFC3339_UTC_MS.match(line["ts"]), line["ts"]
    parsed = datetime.datetime.fromisoformat(line["ts"].replace("Z", "+00:00"))
    assert abs((parsed - before).total_seconds()) < 5 and parsed.utcoffset() == datetime.timedelta(0)
    assert rfc3339(0.5) == "1970-01-01T00:00:00.500Z"
    assert rfc3339(1796017870.123) == "2026-11-30T05:51:10.123Z"


def test_every_line_carries_the_trace_id_of_its_context(json_logs) -> None:
    lines = json_logs()
    log.info("outside")
    with bound_trace_id("trace-aaaa"):
        log.info("inside")
        logging.getLogger("some.library").warning("third party")
    log.info("after")
    assert [(line["msg"], line["trace_id"]) for line in lines()] == [
        ("outside", None),
        ("inside", "trace-aaaa"),
        ("third party", "trace-aaaa"),
        ("after", None),
    ]
    assert TRACE_ID.get() is None


def test_tasks_spawned_under_a_trace_keep_it_while_siblings_keep_theirs(json_logs) -> None:
    lines = json_logs()

    async def request(trace: str) -> None:
        TRACE_ID.set(trace)
        await asyncio.gather(asyncio.create_task(worker()), asyncio.sleep(0))
        log.info("request done")

    async def worker() -> None:
        await asyncio.sleep(0.01)
        log.info("worker")

    async def main() -> None:
        await asyncio.gather(request("trace-one"), request("trace-two"))

    asyncio.run(main())
    seen = sorted((line["trace_id"], line["msg"]) for line in lines())
    assert seen == [
        ("trace-one", "request done"),
        ("trace-one", "worker"),
        ("trace-two", "request done"),
        ("trace-two", "worker"),
    ]


def test_extra_fields_become_members_and_an_explicit_trace_id_wins(json_logs) -> None:
    lines = json_logs()
    with bound_trace_id("ambient"):
        logging.getLogger("script_agent.access").info(
            "GET /x 200", extra={"route": "/api/v1/sessions/{session_id}", "status": 200, "trace_id": "given"}
        )
    (line,) = lines()
    assert line["route"] == "/api/v1/sessions/{session_id}" and line["status"] == 200
    assert line["trace_id"] == "given"


def test_text_lines_carry_the_trace_id_too(restore_logging) -> None:
    import io

    buffer = io.StringIO()
    configure_logging("INFO", json_format=False, stream=buffer)
    with bound_trace_id("trace-text"):
        log.warning("careful")
    log.warning("no trace")
    first, second = buffer.getvalue().splitlines()
    assert RFC3339_UTC_MS.match(first.split(" ")[0])
    assert first.endswith("WARNING script_agent.test [trace-text] careful")
    assert second.endswith("[-] no trace")
