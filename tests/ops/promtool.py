"""Run promtool (Debian's `prometheus` package; scripts/ensure-prometheus.sh installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def promtool(*args: str | Path, stdin: str | None = None, cwd: Path | None = None) -> str:
    """promtool's output; fails the test with promtool's own words when it refuses."""
    binary = shutil.which("promtool")
    assert binary, "promtool missing: run scripts/ensure-prometheus.sh (Debian package prometheus)"
    result = subprocess.run(
        [binary, *map(str, args)], input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd
    )
    assert result.returncode == 0, f"promtool {' '.join(map(str, args))}:\n{result.stdout}{result.stderr}"
    return result.stdout + result.stderr
