"""Composition root: builds every adapter from settings and wires the orchestrator.

Entrypoints (CLI, gateway, operator) call `build_container`; nothing else constructs adapters, so the
embedded defaults (in-memory stores, template writer) and production wiring (Redis, real upstreams)
differ only in settings.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from script_agent.agents.intent import IntentAgent
from script_agent.agents.product import ProductAgent
from script_agent.agents.profile import ProfileAgent
from script_agent.agents.quality import QualityAgent
from script_agent.agents.writer import WriterAgent
from script_agent.config import Settings
from script_agent.llm.factory import build_llm
from script_agent.llm.template import TemplateBackend
from script_agent.memory.factory import build_memory
from script_agent.orchestrator.deps import WorkflowDeps
from script_agent.orchestrator.runner import Orchestrator
from script_agent.ports.health import ComponentHealth, HealthStatus
from script_agent.ports.llm import LLMPort
from script_agent.ports.memory import LongTermMemory
from script_agent.ports.repositories import ProductRepository, ProfileRepository
from script_agent.stores.factory import StoreBundle, build_stores
from script_agent.stores.memory.repositories import (
    InMemoryProductRepository,
    InMemoryProfileRepository,
    default_repositories,
)


@dataclass
class Container:
    settings: Settings
    llm: LLMPort
    stores: StoreBundle
    memory: LongTermMemory | None
    profiles: ProfileRepository
    products: ProductRepository
    orchestrator: Orchestrator

    async def health(self) -> list[ComponentHealth]:
        checks = [self.stores.health(), self.llm.health()]
        if self.memory is not None:
            checks.append(self._memory_health())
        results = await asyncio.gather(*checks, return_exceptions=True)
        out: list[ComponentHealth] = []
        for res in results:
            if isinstance(res, BaseException):
                out.append(
                    ComponentHealth(name="unknown", status=HealthStatus.DOWN, detail={"error": str(res)})
                )
            else:
                out.extend(res)
        return out

    async def _memory_health(self) -> list[ComponentHealth]:
        assert self.memory is not None
        started = time.perf_counter()
        health = await self.memory.health()
        if health.latency_ms is None:
            health.latency_ms = (time.perf_counter() - started) * 1000
        health.required = False
        return [health]

    async def warmup(self) -> None:
        """Load slow resources (jieba's dictionary, an embedding model) before the first request."""
        warm = getattr(self.memory, "warmup", None)
        if warm is not None:
            await warm()

    async def aclose(self) -> None:
        await self.llm.aclose()
        await self.stores.aclose()
        closer = getattr(self.memory, "aclose", None)
        if closer is not None:
            await closer()


def build_repositories(settings: Settings) -> tuple[ProfileRepository, ProductRepository]:
    profiles, products = default_repositories()
    if settings.data.profiles_path is not None:
        profiles = InMemoryProfileRepository.from_path(settings.data.profiles_path)
    if settings.data.products_path is not None:
        products = InMemoryProductRepository.from_path(settings.data.products_path)
    return profiles, products


def build_container(
    settings: Settings,
    *,
    llm: LLMPort | None = None,
    stores: StoreBundle | None = None,
    memory: LongTermMemory | None = None,
    use_memory: bool = True,
) -> Container:
    """Build everything from settings; tests may inject a ready adapter for any port."""
    llm = llm or build_llm(settings)
    stores = stores or build_stores(settings)
    if memory is None and use_memory:
        memory = build_memory(settings)
    profiles, products = build_repositories(settings)
    last_resort = TemplateBackend() if settings.llm.template_last_resort else None
    deps = WorkflowDeps(
        intent=IntentAgent(),
        profile=ProfileAgent(profiles),
        product=ProductAgent(products),
        writer=WriterAgent(
            llm, max_examples=settings.memory.top_k, max_example_chars=settings.memory.max_example_chars
        ),
        last_resort=WriterAgent(last_resort) if last_resort is not None else None,
        quality=QualityAgent(
            min_score=settings.orchestrator.quality_min_score,
            min_chars=settings.orchestrator.min_script_chars,
        ),
        sessions=stores.sessions,
        checkpoints=stores.checkpoints,
        memory=memory,
        lock=stores.lock if settings.lock.enabled else None,
        idempotency=stores.idempotency,
        quality_max_retries=settings.orchestrator.quality_max_retries,
        lock_wait_s=settings.lock.wait_timeout_s,
    )
    return Container(
        settings=settings,
        llm=llm,
        stores=stores,
        memory=memory,
        profiles=profiles,
        products=products,
        orchestrator=Orchestrator(deps),
    )
