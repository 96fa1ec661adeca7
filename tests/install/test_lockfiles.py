"""The lock check `make test` runs first: a lock that no longer matches pyproject.toml fails the build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of what the check reads: pyproject.toml, requirements/ and the script itself."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "lockfiles.py", tmp_path / "scripts" / "lockfiles.py")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(REPO / "requirements", tmp_path / "requirements")
    return tmp_path


def check(root: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "scripts/lockfiles.py", "check"]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=60)


def test_the_committed_locks_match_pyproject(tree: Path) -> None:
    result = check(tree)
    assert result.returncode == 0, result.stderr


def test_a_new_dependency_without_relocking_fails(tree: Path) -> None:
    pyproject = tree / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"orjson>=3.9",', '"orjson>=3.9",\n  "tenacity>=8",'), encoding="utf-8")
    result = check(tree)
    assert result.returncode == 1
    assert "runtime.lock is stale" in result.stderr and "make lock" in result.stderr


def test_a_pin_outside_the_declared_range_fails(tree: Path) -> None:
    lock = tree / "requirements" / "dev.lock"
    text = lock.read_text(encoding="utf-8")
    text, count = re.subn(r"^pytest==[^\s]+", "pytest==9.2.0", text, flags=re.MULTILINE)
    assert count == 1
    lock.write_text(text, encoding="utf-8")
    result = check(tree)
    assert result.returncode == 1
    assert "pytest==9.2.0 violates" in result.stderr


def test_every_pin_carries_a_hash() -> None:
    for name in ("runtime.lock", "dev.lock"):
        blocks = re.split(r"\n(?=\S)", (REPO / "requirements" / name).read_text(encoding="utf-8"))
        pinned = [block for block in blocks if re.match(r"^[A-Za-z0-9][^\s]*==", block)]
        assert pinned and all("--hash=sha256:" in block for block in pinned), name
