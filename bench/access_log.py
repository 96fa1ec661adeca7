"""CPU cost of the gateway's per-request access line, against the same call with the line disabled.

Runs `log_access` (the function the middleware calls once per request) through the project's real
logging setup (`configure_logging`: trace-id filter, text or JSON formatter) into a null stream, and
prints CPU microseconds per request for: access logger disabled (LOG_LEVEL=WARNING, the baseline),
text lines, JSON lines. One process, no I/O wait: what an INFO-level gateway pays per request.

    python bench/access_log.py [--lines 200000]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from script_agent.gateway.middleware import log_access
from script_agent.observability.logging import TRACE_ID, configure_logging


class _Route:
    path = "/api/v1/sessions/{session_id}/checkpoints/{version}"


SCOPE = {"type": "http", "method": "GET", "route": _Route(), "path": "/api/v1/sessions/s-1/checkpoints/3"}


def per_line_us(lines: int, *, level: str, json_format: bool) -> float:
    with open(os.devnull, "w", encoding="utf-8") as sink:
        configure_logging(level, json_format=json_format, stream=sink)
        token = TRACE_ID.set("4f0c9e1b2d3a4c5b6e7f8091a2b3c4d5")
        started = time.process_time()
        for _ in range(lines):
            log_access(SCOPE, 200, 0.00123, "4f0c9e1b2d3a4c5b6e7f8091a2b3c4d5")
        elapsed = time.process_time() - started
        TRACE_ID.reset(token)
        logging.getLogger().handlers.clear()
    return elapsed / lines * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=200_000)
    args = parser.parse_args()
    baseline = per_line_us(args.lines, level="WARNING", json_format=False)
    text = per_line_us(args.lines, level="INFO", json_format=False)
    as_json = per_line_us(args.lines, level="INFO", json_format=True)
    print(f"access line disabled (baseline): {baseline:6.2f} us/request")
    print(f"text access line:                {text:6.2f} us/request (+{text - baseline:.2f})")
    print(f"JSON access line:                {as_json:6.2f} us/request (+{as_json - baseline:.2f})")


if __name__ == "__main__":
    main()
