"""In-memory influencer and product catalogues, loadable from JSON files or the packaged defaults.

Loading is synchronous file I/O: call `from_path` / `default_repositories` at start-up (or through
`asyncio.to_thread`), never from a request handler. Bad data fails loudly with an InvalidInput that
names the file and the field, because a catalogue that silently drops an entry produces scripts about
the wrong product.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from script_agent.domain.errors import InvalidInput
from script_agent.domain.models import InfluencerProfile, Product

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 8 * 1024 * 1024


def _location(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def parse_items(raw: str, model: type[M], source: str) -> list[M]:
    """Parse a JSON document holding one object or a list of objects into `model` instances."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{source}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    items = data if isinstance(data, list) else [data]
    out: list[M] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            where = f"[{i}]" if isinstance(data, list) else "(root)"
            raise InvalidInput(f"{source}: {where}: expected a JSON object, got {type(item).__name__}")
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ((i,) if isinstance(data, list) else ()) + tuple(err["loc"])
            raise InvalidInput(
                f"{source}: field {_location(loc)}: {err['msg']}", field=_location(loc)
            ) from exc
    return out


def load_items(path: str | Path, model: type[M]) -> list[M]:
    """Items from one JSON file, or from every *.json file of a directory (sorted by name)."""
    root = Path(path)
    if root.is_dir():
        files = sorted(p for p in root.iterdir() if p.suffix == ".json" and p.is_file())
    elif root.is_file():
        files = [root]
    else:
        raise InvalidInput(f"{root}: no such file or directory")
    out: list[M] = []
    for file in files:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(f"{file}: larger than {MAX_FILE_BYTES} bytes")
        try:
            raw = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{file}: cannot read: {exc}") from exc
        out.extend(parse_items(raw, model, str(file)))
    return out


def load_products(path: str | Path) -> list[Product]:
    return load_items(path, Product)


def load_profiles(path: str | Path) -> list[InfluencerProfile]:
    return load_items(path, InfluencerProfile)


class InMemoryProfileRepository:
    """ProfileRepository over a fixed list; the last entry wins when ids repeat."""

    def __init__(self, profiles: Iterable[InfluencerProfile] = ()) -> None:
        self._by_id = {p.id: p for p in profiles}

    @classmethod
    def from_path(cls, path: str | Path) -> InMemoryProfileRepository:
        return cls(load_profiles(path))

    async def get(self, influencer_id: str) -> InfluencerProfile | None:
        found = self._by_id.get(influencer_id)
        return found.model_copy(deep=True) if found is not None else None

    def all(self) -> list[InfluencerProfile]:
        return [p.model_copy(deep=True) for p in self._by_id.values()]


class InMemoryProductRepository:
    """ProductRepository over a fixed list; products without an id cannot be looked up and are skipped."""

    def __init__(self, products: Iterable[Product] = ()) -> None:
        self._by_id = {p.id: p for p in products if p.id}

    @classmethod
    def from_path(cls, path: str | Path) -> InMemoryProductRepository:
        return cls(load_products(path))

    async def get(self, product_id: str) -> Product | None:
        found = self._by_id.get(product_id)
        return found.model_copy(deep=True) if found is not None else None

    def all(self) -> list[Product]:
        return [p.model_copy(deep=True) for p in self._by_id.values()]


def _packaged(name: str, model: type[M]) -> list[M]:
    raw = resources.files("script_agent").joinpath("data", name).read_text(encoding="utf-8")
    return parse_items(raw, model, f"script_agent/data/{name}")


def default_repositories(
    profiles_path: str | Path | None = None, products_path: str | Path | None = None
) -> tuple[InMemoryProfileRepository, InMemoryProductRepository]:
    """The embedded catalogue (the packaged copy of examples/), or the given paths (DATA_* settings)."""
    profiles = (
        load_profiles(profiles_path)
        if profiles_path is not None
        else _packaged("influencers.json", InfluencerProfile)
    )
    products = (
        load_products(products_path) if products_path is not None else _packaged("products.json", Product)
    )
    return InMemoryProfileRepository(profiles), InMemoryProductRepository(products)
