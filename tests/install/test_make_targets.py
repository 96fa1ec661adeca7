"""`make run` / `make test` install into the project venv from the locks, never into the system Python.

Read from `make -n` (what make would execute), so the recipes' real command lines are what is checked.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def dry_run(*targets: str, venv: Path) -> list[str]:
    cmd = ["make", "--no-print-directory", "-n", "-B", *targets, f"VENV={venv}"]
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=True)
    out = run.stdout
    return [line.strip() for line in out.replace("\\\n", " ").splitlines() if line.strip()]


@pytest.mark.parametrize("target", ["run", "test"])
def test_installs_go_into_the_venv_from_a_hash_checked_lock(target: str, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    lines = dry_run(target, venv=venv)
    assert lines[0] == f'bash scripts/ensure-venv.sh "python3" "{venv}"'
    installs = [shlex.split(line) for line in lines if " pip " in f" {line} " and " install " in line]
    assert installs, lines
    for argv in installs:
        assert argv[0] == f"{venv}/bin/python", argv  # never a bare pip or the system interpreter
        assert ("--require-hashes" in argv and "-r" in argv) or ("-e" in argv and "--no-deps" in argv)
    lock = "requirements/runtime.lock" if target == "run" else "requirements/dev.lock"
    assert any(lock in argv for argv in installs)


def test_run_calls_the_cli_through_the_venv(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    lines = dry_run("run", venv=venv)
    assert any(line.startswith(f"{venv}/bin/script-agent generate ") for line in lines)


def test_test_checks_the_lock_before_anything_runs(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    lines = dry_run("test", venv=venv)
    check = lines.index(f"{venv}/bin/python scripts/lockfiles.py check")
    pytest_line = next(i for i, line in enumerate(lines) if " -m pytest" in line)
    assert check < pytest_line


def test_ensure_venv_refuses_a_missing_interpreter_clearly(tmp_path: Path) -> None:
    cmd = ["bash", "scripts/ensure-venv.sh", "no-such-python3", str(tmp_path / "v")]
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "'no-such-python3' not found" in result.stderr
