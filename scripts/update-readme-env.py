"""Regenerate the settings table between the README's ENV TABLE markers from the settings tree."""

from __future__ import annotations

import re
from pathlib import Path

from script_agent.config.envtable import markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"

text = README.read_text(encoding="utf-8")
block = f"<!-- ENV TABLE START -->\n{markdown_table()}\n<!-- ENV TABLE END -->"
README.write_text(
    re.sub(r"<!-- ENV TABLE START -->.*<!-- ENV TABLE END -->", lambda _: block, text, flags=re.S),
    encoding="utf-8",
)
