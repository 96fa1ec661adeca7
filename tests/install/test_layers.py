"""The layer contracts in pyproject.toml hold, cover every package, and catch what they name.

`make test` runs `lint-imports` itself; these tests keep the contracts honest: a new top-level
package cannot slip outside the layers unnoticed, and each contract is shown to break on a copy of
the source with one violating import added (a contract that never fails would enforce nothing).
"""

from __future__ import annotations

import ast
import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import script_agent

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def lint_imports(cwd: Path, *contracts: str, pythonpath: list[Path] | None = None) -> str:
    """Run the real CLI; returns its output and fails with it when the exit code is unexpected."""
    env = dict(os.environ)
    if pythonpath is not None:  # a copy of the source shadows the editable install
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath)
    argv = [str(LINT_IMPORTS), "--no-cache", "--no-logo", *(f"--contract={c}" for c in contracts)]
    run = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    return f"rc={run.returncode}\n{run.stdout}{run.stderr}"


def test_the_contracts_are_kept() -> None:
    out = lint_imports(REPO)
    assert out.startswith("rc=0\n") and " 0 broken" in out, out


def test_every_top_level_package_sits_in_a_layer() -> None:
    layers = next(c for c in CONFIG["contracts"] if c["id"] == "layers")["layers"]
    named = {m.strip() for layer in layers for m in layer.replace(":", "|").split("|")}
    actual = {f"script_agent.{m.name}" for m in pkgutil.iter_modules(script_agent.__path__)}
    outside = {"script_agent.testing"}  # stands outside by design: protected, imports anything
    assert actual - outside == named - {"scriptjob_operator"}
    assert "scriptjob_operator" in named


def _imports_tests(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "tests" for a in node.names):
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").split(".")[0] == "tests"
        ):
            return True
    return False


@pytest.mark.parametrize("folder", ["bench", "scripts", "script_agent", "operator", "examples"])
def test_nothing_shipped_or_run_outside_pytest_imports_tests(folder: str) -> None:
    """bench/ and scripts/ use script_agent.testing; the tests package is pytest's alone."""
    offenders = [p.relative_to(REPO) for p in sorted((REPO / folder).rglob("*.py")) if _imports_tests(p)]
    assert offenders == []


# contract id -> (module file to append to, the violating import, what the report must say)
VIOLATIONS = {
    "layers": ("script_agent/ports/clock.py", "import script_agent.stores.keys", "script_agent.stores.keys"),
    "adapters-below-agents": (
        "script_agent/stores/keys.py",
        "import script_agent.agents.prompt",
        "script_agent.agents.prompt",
    ),
    "pure-domain": (
        "script_agent/domain/numerals.py",
        "import redis",
        "script_agent.domain.numerals -> redis",
    ),
    "testing-outside": (
        "script_agent/gateway/content.py",
        "import script_agent.testing.studio",
        "script_agent.testing.studio",
    ),
    "stores-inside": (
        "script_agent/stores/bundle.py",
        "import script_agent.stores.factory",
        "script_agent.stores.factory",
    ),
    "acyclic": (
        "script_agent/agents/prompt.py",
        "import script_agent.agents.quality",
        "No cycles are allowed in script_agent.agents",
    ),
}


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("layers")
    skip = shutil.ignore_patterns("__pycache__", "static", "data")
    shutil.copytree(REPO / "script_agent", root / "script_agent", ignore=skip)
    shutil.copytree(
        REPO / "operator" / "scriptjob_operator", root / "operator" / "scriptjob_operator", ignore=skip
    )
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_every_contract_has_a_violation_case() -> None:
    assert set(VIOLATIONS) == {c["id"] for c in CONFIG["contracts"]}


@pytest.mark.parametrize("contract", sorted(VIOLATIONS))
def test_each_contract_breaks_on_its_violation(source_copy: Path, contract: str) -> None:
    path, line, reported = VIOLATIONS[contract]
    target = source_copy / path
    original = target.read_text(encoding="utf-8")
    paths = [source_copy, source_copy / "operator"]
    try:
        assert lint_imports(source_copy, contract, pythonpath=paths).startswith("rc=0\n")  # copy is clean
        target.write_text(f"{original}\n{line}  # injected by the test\n", encoding="utf-8")
        out = lint_imports(source_copy, contract, pythonpath=paths)
    finally:
        target.write_text(original, encoding="utf-8")
    assert out.startswith("rc=1\n") and " 1 broken" in out, out
    assert reported in out, out  # the report names the offending import or cycle
