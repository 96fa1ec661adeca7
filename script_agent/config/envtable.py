"""Render every setting as a Markdown table row: the README's env-var table is generated from this,
and a test fails when the README misses a variable."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic_settings import BaseSettings

from script_agent.config.settings import Settings


def env_rows() -> Iterator[tuple[str, str, str]]:
    for name, field in Settings.model_fields.items():
        section = field.annotation
        assert isinstance(section, type) and issubclass(section, BaseSettings), name
        prefix = section.model_config.get("env_prefix", "")
        for fname, f in section.model_fields.items():
            env = (f.alias or f"{prefix}{fname}").upper()
            default = f.get_default(call_default_factory=True)
            if hasattr(default, "get_secret_value"):
                default = "(secret)"
            shown = "" if default is None else json.dumps(default, ensure_ascii=False, default=str)
            yield env, shown, (f.description or "").replace("|", "\\|")


def markdown_table() -> str:
    lines = ["| variable | default | meaning |", "| --- | --- | --- |"]
    lines += [
        f"| `{env}` | `{default}` | {desc} |" if default else f"| `{env}` | | {desc} |"
        for env, default, desc in env_rows()
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
