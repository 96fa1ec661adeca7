from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from script_agent.config import Settings
from script_agent.domain.models import InfluencerProfile, Product, ScriptRequest
from script_agent.orchestrator.runner import Orchestrator
from script_agent.ports.llm import LLMPort
from script_agent.stores.factory import StoreBundle, build_stores
from tests.orchestrator.support import CountingLLM

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _first(folder: str) -> Path:
    return sorted((EXAMPLES / folder).glob("*.json"))[0]


@pytest.fixture
def product() -> Product:
    return Product.model_validate(json.loads(_first("products").read_text(encoding="utf-8")))


@pytest.fixture
def influencer() -> InfluencerProfile:
    return InfluencerProfile.model_validate(json.loads(_first("influencers").read_text(encoding="utf-8")))


@pytest.fixture
def request_(product: Product, influencer: InfluencerProfile) -> ScriptRequest:
    return ScriptRequest(
        tenant="t1",
        session_id="s1",
        query="帮我写一段开场话术",
        scene="opening",
        product=product,
        influencer=influencer,
    )


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def stores(settings: Settings) -> StoreBundle:
    return build_stores(
        settings.model_copy(update={"redis": settings.redis.model_copy(update={"url": None})})
    )


@pytest.fixture
def template_llm() -> CountingLLM:
    from script_agent.llm.template import TemplateBackend

    return CountingLLM(TemplateBackend())


def make_orchestrator(
    settings: Settings, stores: StoreBundle, llm: LLMPort, **overrides: Any
) -> Orchestrator:
    """An orchestrator built as the app builds it, with `overrides` replacing workflow dependencies
    (a crashing checkpoint store, a lock that loses its lease, ...) before anything is wired to them."""
    from script_agent.bootstrap import build_container

    container = build_container(settings, llm=llm, stores=stores, use_memory=False)
    return Orchestrator(replace(container.orchestrator.deps, **overrides))
