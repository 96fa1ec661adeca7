"""`script-agent --version` reports the installed distribution's version (package metadata)."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_version_comes_from_the_package_metadata() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "script_agent", "--version"],
        capture_output=True, text=True, timeout=30, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"script-agent {metadata.version('script-agent')}"
