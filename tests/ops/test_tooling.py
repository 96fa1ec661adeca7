"""scripts/ensure-prometheus.sh: promtool and prometheus on PATH, the Debian service not left running."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from script_agent.testing.gateway import ROOT


def running_prometheus_daemons() -> list[str]:
    """Prometheus processes not started by a test (those always pass --config.file in a tmp dir)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"/prometheus") and not any(b"--config.file=/tmp" in a for a in argv):
            found.append(b" ".join(argv).decode(errors="replace"))
    return found


def test_ensure_prometheus_provides_the_tools_and_no_daemon():
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure-prometheus.sh")], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert shutil.which("promtool") and shutil.which("prometheus")
    assert running_prometheus_daemons() == [], "the package's service must not keep running"
