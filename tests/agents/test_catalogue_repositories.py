"""In-memory catalogues: JSON file / list / directory loading, the packaged defaults, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from script_agent.domain.errors import InvalidInput
from script_agent.stores.memory.repositories import (
    InMemoryProductRepository,
    InMemoryProfileRepository,
    default_repositories,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


async def test_packaged_defaults_are_a_copy_of_examples() -> None:
    """script_agent/data/ ships inside the wheel; it must not drift from examples/."""
    profiles, products = default_repositories()
    by_id = {p.id: p for p in InMemoryProductRepository.from_path(EXAMPLES / "products").all()}
    assert {p.id: p for p in products.all()} == by_id
    examples = InMemoryProfileRepository.from_path(EXAMPLES / "influencers").all()
    assert {p.id: p for p in profiles.all()} == {p.id: p for p in examples}
    assert (await products.get("lipstick-316")).category == "美妆"  # type: ignore[union-attr]
    assert (await profiles.get("xiaomei")).style.catchphrases[0] == "宝子们"  # type: ignore[union-attr]
    assert await products.get("missing") is None


async def test_explicit_paths_override_the_packaged_catalogue(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(json.dumps([{"id": "only", "name": "唯一的商品"}]), encoding="utf-8")
    profiles, products = default_repositories(products_path=tmp_path / "p.json")
    assert [p.id for p in products.all()] == ["only"] and await profiles.get("xiaomei") is not None


async def test_single_object_list_and_directory(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "name": "甲"}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"id": "b", "name": "乙"}, {"id": "c", "name": "丙"}]))
    (tmp_path / "notes.txt").write_text("ignored")
    assert {p.id for p in InMemoryProductRepository.from_path(tmp_path / "a.json").all()} == {"a"}
    assert {p.id for p in InMemoryProductRepository.from_path(tmp_path).all()} == {"a", "b", "c"}


async def test_returned_models_are_copies() -> None:
    _, products = default_repositories()
    p = await products.get("lipstick-316")
    assert p is not None
    p.selling_points.append("篡改")
    assert "篡改" not in (await products.get("lipstick-316")).selling_points  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "malformed JSON at line 1"),
        ('[{"id": "a", "name": "甲"}, {"id": "b", "name": "乙", "price": "cheap"}]', "field [1].price"),
        ('{"id": "a"}', "field name"),
        ('{"id": "a", "name": "甲", "colour": "red"}', "field colour"),
        ("[1, 2]", "[0]: expected a JSON object"),
    ],
)
def test_bad_data_names_file_and_field(tmp_path: Path, content: str, expected: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        InMemoryProductRepository.from_path(bad)
    assert str(bad) in err.value.message and expected in err.value.message


def test_bad_profile_style_field(tmp_path: Path) -> None:
    bad = tmp_path / "inf.json"
    bad.write_text(json.dumps({"id": "x", "name": "X", "style": {"formality": 3}}), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"field style\.formality"):
        InMemoryProfileRepository.from_path(bad)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file or directory"):
        InMemoryProductRepository.from_path(tmp_path / "nope.json")
