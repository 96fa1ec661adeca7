"""The README's promises stay true: every setting documented, the two commands wired to CI."""

from __future__ import annotations

import re
from pathlib import Path

from script_agent.config.envtable import env_rows

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_env_var_is_in_the_readme_table():  # fix: python scripts/update-readme-env.py
    missing = [env for env, _, _ in env_rows() if f"`{env}`" not in README]
    assert not missing, f"README lacks: {missing} (regenerate with python -m script_agent.config.envtable)"


def test_readme_documents_no_unknown_env_var():
    known = {env for env, _, _ in env_rows()}
    table = README.split("<!-- ENV TABLE START -->")[1].split("<!-- ENV TABLE END -->")[0]
    listed = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", table, flags=re.M))
    assert listed == known


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README and re.search(r"^make test$", ci, flags=re.M)
    assert "make run" in README
