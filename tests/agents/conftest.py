"""Shared builders for the agent tests: the packaged example catalogue and small session helpers."""

from __future__ import annotations

import pytest

from script_agent.domain.models import Product, Scene
from script_agent.domain.session import Session, StoredScript
from script_agent.stores.memory.repositories import (
    InMemoryProductRepository,
    InMemoryProfileRepository,
    default_repositories,
)


@pytest.fixture
def repos() -> tuple[InMemoryProfileRepository, InMemoryProductRepository]:
    return default_repositories()


@pytest.fixture
def empty_session() -> Session:
    return Session(tenant="t1", id="s1")


@pytest.fixture
def lipstick() -> Product:
    return Product(
        id="lipstick-316",
        name="丝绒雾面口红 #316 豆沙玫瑰",
        brand="绯记",
        category="美妆",
        price=129,
        selling_points=["丝绒雾面不拔干", "豆沙玫瑰色黄皮也显白", "一支能涂唇也能当腮红"],
    )


@pytest.fixture
def session_with_scripts(lipstick: Product) -> Session:
    scripts = [
        StoredScript(index=i, text=f"第{i}段话术内容。", scene=scene, product_name=lipstick.name)
        for i, scene in ((1, Scene.OPENING), (2, Scene.SELLING_POINTS), (3, Scene.PROMOTION))
    ]
    return Session(
        tenant="t1", id="s1", scripts=scripts, script_count=3, product=lipstick, scene=Scene.PROMOTION,
        influencer_id="xiaomei",
    )  # fmt: skip
