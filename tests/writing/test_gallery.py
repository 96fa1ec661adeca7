"""examples/gallery is current: every writer change shows up in review as a diff of real scripts."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "examples" / "gallery"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_gallery", ROOT / "scripts" / "make_gallery.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gallery_is_current() -> None:
    pages = _generator().pages()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in GALLERY.glob("*.md")}
    assert set(on_disk) == set(pages), "run `make gallery`"
    stale = [name for name, text in pages.items() if on_disk[name] != text]
    assert not stale, f"run `make gallery`: stale {stale}"


def test_gallery_covers_3_products_5_scenes_2_influencers_on_target() -> None:
    pages = _generator().pages()
    assert len(pages) == 7  # six pages and the index
    measured = [
        (int(t), int(m))
        for text in pages.values()
        for t, m in re.findall(r"target (\d+) s · measured (\d+) s", text)
    ]
    assert len(measured) == 30
    assert all(abs(m - t) <= 0.2 * t for t, m in measured), measured
