"""The chart README: its values table is generated and current, and every alert has a runbook."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from types import ModuleType

import yaml

from .chart_tools import CHART, REPO_ROOT


def chart_readme() -> ModuleType:
    path = REPO_ROOT / "charts" / "tools" / "chart_readme.py"
    spec = importlib.util.spec_from_file_location("chart_readme", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("chart_readme", module)
    spec.loader.exec_module(module)
    return module


README = (CHART / "README.md").read_text(encoding="utf-8")


def test_values_table_is_current():
    tool = chart_readme()
    assert tool.updated(README) == README, "run: python charts/tools/chart_readme.py"


def test_every_value_is_in_the_table_with_a_description():
    tool = chart_readme()

    def leaves(tree: object, prefix: str = "") -> set[str]:
        if isinstance(tree, dict) and tree:
            return set().union(*(leaves(v, f"{prefix}{k}.") for k, v in tree.items()))
        return {prefix.rstrip(".")}

    values = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    documented = {key for key, _, _, description in tool.rows() if description.strip()}
    # maps of user data (resources, labels) are one row: the row names the map, not its entries
    assert {
        leaf for leaf in leaves(values) if not any(leaf.startswith(k + ".") for k in documented)
    } <= documented
    assert all(f"| `{key}` |" in README for key in documented)


def test_every_alert_links_to_its_runbook_section():
    rules = yaml.safe_load((CHART / "alerts" / "script-agent.rules.yaml").read_text(encoding="utf-8"))
    sections = set(re.findall(r"^### (\w+)$", README, flags=re.MULTILINE))
    alerts = [rule for group in rules["groups"] for rule in group["rules"] if "alert" in rule]
    assert alerts
    for rule in alerts:
        assert rule["alert"] in sections, f"README.md lacks a runbook section for {rule['alert']}"
        assert rule["annotations"]["runbook_url"].endswith(f"README.md#{rule['alert'].lower()}")
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]
        assert rule["labels"]["severity"] in {"warning", "critical"}


def test_values_schema_file_is_what_its_generator_writes():
    path = REPO_ROOT / "charts" / "tools" / "values_schema.py"
    spec = importlib.util.spec_from_file_location("values_schema", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    assert module.schema() == written, "run: python charts/tools/values_schema.py"
