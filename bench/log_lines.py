"""Cost of one log line with the project's setup (trace-id filter, RFC 3339 UTC time, JSON or text)
against the stdlib's plain `%(message)s` handler as the same-run baseline.

Every request writes at least its access line, so this is the per-request price of structured logs.

    python bench/log_lines.py [--lines 20000]
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from script_agent.observability.logging import bound_trace_id, configure_logging  # noqa: E402

log = logging.getLogger("bench.lines")


def _baseline(stream: io.StringIO) -> None:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger().handlers[:] = [handler]
    logging.getLogger().setLevel(logging.INFO)


def _measure(setup: Callable[[io.StringIO], None], lines: int) -> float:
    """Microseconds per line, best of three rounds (the machine is shared)."""
    best = float("inf")
    for _ in range(3):
        stream = io.StringIO()
        setup(stream)
        with bound_trace_id("4f9c2a0d1e2b4c5d8e9f0a1b2c3d4e5f"):
            started = time.perf_counter()
            for i in range(lines):
                extra = {"route": "/api/v1/generate", "n": i}
                log.info("GET %s %d %.1fms", "/api/v1/generate", 200, 3.2, extra=extra)
            best = min(best, (time.perf_counter() - started) / lines * 1e6)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=20_000)
    args = parser.parse_args()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        base = _measure(_baseline, args.lines)
        text = _measure(lambda s: configure_logging("INFO", False, stream=s), args.lines)
        json_ = _measure(lambda s: configure_logging("INFO", True, stream=s), args.lines)
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    print(f"{'setup':<28}{'us/line':>10}{'added':>10}")
    print(f"{'stdlib %(message)s':<28}{base:>10.2f}{'':>10}")
    print(f"{'text + trace id':<28}{text:>10.2f}{text - base:>+10.2f}")
    print(f"{'LOG_JSON + trace id':<28}{json_:>10.2f}{json_ - base:>+10.2f}")


if __name__ == "__main__":
    main()
