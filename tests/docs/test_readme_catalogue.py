"""The README's catalogue table lists exactly the bundled products and influencers, and the ids in
its examples exist (the table is read from the README, the truth from script_agent/data/)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA = ROOT / "script_agent" / "data"
ROW = re.compile(r"^\| (product|influencer) \| `([^`]+)` \| ([^|]+?) \| ([^|]*?) \|$", re.M)


def _section(title: str) -> str:
    start = README.index(f"### {title}\n")
    end = README.find("\n## ", start)
    return README[start:end]


def _bundled(kind: str, file: str) -> set[tuple[str, str, str, str]]:
    entries = json.loads((DATA / file).read_text(encoding="utf-8"))
    return {(kind, e["id"], e["name"], e.get("category") or "") for e in entries}


def test_readme_catalogue_matches_the_bundled_data_files() -> None:
    listed = {m.groups() for m in ROW.finditer(_section("Catalogue"))}
    expected = _bundled("product", "products.json") | _bundled("influencer", "influencers.json")
    assert listed == expected


def test_ids_used_in_readme_examples_are_in_the_catalogue() -> None:
    ids = {e[1] for e in _bundled("product", "products.json") | _bundled("influencer", "influencers.json")}
    used = set(re.findall(r'"(?:product_id|influencer_id)":"([^"]+)"', README))
    assert used and used <= ids
