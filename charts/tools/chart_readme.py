"""Writes the values table of charts/script-agent/README.md (between the VALUES TABLE markers) from
values.yaml (keys and defaults) and values.schema.json (types and descriptions).

`python charts/tools/chart_readme.py` rewrites it; `--check` exits 1 when the README is stale (the
chart tests call `table()` and compare). A value without a schema description is an error: the
README must explain every value a user can set.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from script_agent.config.envtable import env_rows

CHART = Path(__file__).resolve().parents[1] / "script-agent"
README = CHART / "README.md"
START, END = "<!-- VALUES TABLE START -->", "<!-- VALUES TABLE END -->"


def _setting(key: str) -> dict[str, Any]:
    """A `config` entry is an environment variable: its meaning comes from the settings tree."""
    meaning = {env: desc for env, _, desc in env_rows()}
    if key not in meaning:
        raise KeyError(f"config.{key}: not a setting of script_agent.config")
    return {"type": "string", "description": f"`{key}`: " + meaning[key].replace("\\|", "|")}


def _leaves(values: Any, schema: dict[str, Any], path: str) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """(dotted key, default, schema) for each value a user sets as a whole."""
    props = schema.get("properties")
    if isinstance(values, dict) and props is not None and values:
        for key, value in values.items():
            if key in props:
                sub = props[key]
            elif path == "config.":
                sub = _setting(key)
            else:
                raise KeyError(f"{path}{key}: in values.yaml but not in values.schema.json")
            yield from _leaves(value, sub, f"{path}{key}.")
        return
    yield path.rstrip("."), values, schema


def _type(schema: dict[str, Any]) -> str:
    kind = schema.get("type", "string")
    return " \\| ".join(kind) if isinstance(kind, list) else kind


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rows() -> list[tuple[str, str, str, str]]:
    values = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    out = []
    for key, default, sub in _leaves(values, schema, ""):
        description = sub.get("description")
        if not description:
            raise ValueError(f"{key}: no description in values.schema.json")
        shown = json.dumps(default, ensure_ascii=False, separators=(", ", ": "))
        out.append((key, _type(sub), shown, description))
    return out


def table() -> str:
    lines = ["| key | type | default | description |", "| --- | --- | --- | --- |"]
    for key, kind, default, description in rows():
        lines.append(f"| `{key}` | {kind} | `{_cell(default)}` | {_cell(description)} |")
    return "\n".join(lines)


def updated(text: str) -> str:
    block = f"{START}\n{table()}\n{END}"
    return re.sub(re.escape(START) + r".*" + re.escape(END), lambda _: block, text, flags=re.S)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("charts/script-agent/README.md is stale: run python charts/tools/chart_readme.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
