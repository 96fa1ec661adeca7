"""Composition root: builds every adapter from settings and wires the orchestrator.

Entrypoints (CLI, gateway, operator) call `build_container`; nothing else constructs adapters, so the
embedded defaults (in-memory stores, template writer) and production wiring (Redis, real upstreams)
differ only in settings.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from script_agent.agents import intent_learned
from script_agent.agents.compliance import ComplianceChecker
from script_agent.agents.compliance_judge import LLMComplianceJudge
from script_agent.agents.intent import IntentAgent
from script_agent.agents.product import ProductAgent
from script_agent.agents.profile import ProfileAgent
from script_agent.agents.quality import QualityAgent
from script_agent.agents.writer import WriterAgent
from script_agent.config import Settings
from script_agent.domain.compliance.semantic import DEFAULT_MIN_SIMILARITY, SemanticPolicy
from script_agent.llm.factory import build_llm
from script_agent.llm.layers import FALLBACK, PRIMARY, PRIMARY_GENERAL, TEMPLATE, LayerPlan
from script_agent.llm.template import TemplateBackend
from script_agent.llm.upstream_check import UpstreamCheck
from script_agent.memory.factory import build_memory
from script_agent.observability.metrics import prime_llm, prime_state
from script_agent.orchestrator.deps import WorkflowDeps
from script_agent.orchestrator.runner import Orchestrator
from script_agent.ports.health import ComponentHealth, HealthStatus
from script_agent.ports.llm import LLMPort
from script_agent.ports.memory import LongTermMemory
from script_agent.ports.repositories import ProductRepository, ProfileRepository
from script_agent.stores.bundle import StoreBundle
from script_agent.stores.factory import build_stores
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
    compliance: ComplianceChecker | None = None  # `script-agent check` and POST /api/v1/check

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
        """Load slow resources (jieba's dictionary, an embedding model) before the first request,
        and probe the configured LLM upstreams so a misconfigured one is logged at startup."""
        await self.check_upstreams()
        warm = getattr(self.memory, "warmup", None)
        if warm is not None:
            await warm()
        if self.compliance is not None:
            await self.compliance.warmup()

    async def check_upstreams(self, *, log_results: bool = True) -> list[UpstreamCheck]:
        """One probe per configured LLM upstream (none for the embedded template writer)."""
        check = getattr(self.llm, "check_upstreams", None)
        return list(await check(log_results=log_results)) if check is not None else []

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


def llm_metric_chain(llm: LLMPort) -> list[tuple[str, str]]:
    """(backend kind, layer) in fallback order, as the layered client labels its metrics."""
    plan = getattr(llm, "plan", None)
    if not isinstance(plan, LayerPlan):
        return [(TEMPLATE, TEMPLATE)]
    chain = []
    if plan.primary is not None:
        kind = plan.primary.backend.kind
        chain += [(kind, PRIMARY), (kind, PRIMARY_GENERAL)]
    if plan.fallback is not None:
        chain.append((plan.fallback.backend.kind, FALLBACK))
    if plan.last_resort is not None:
        chain.append((TEMPLATE, TEMPLATE))
    return chain


def prime_metrics(settings: Settings, llm: LLMPort) -> None:
    """Every bounded label set of this configuration exists at 0 before the first event."""

    def label(kind: str) -> str:
        return "redis" if settings.uses_redis(kind) else ("memory" if kind == "auto" else kind)

    prime_llm(llm_metric_chain(llm))
    prime_state(
        lock_backend=label(settings.lock.backend) if settings.lock.enabled else None,
        checkpoint_store=label(settings.checkpoint.store),
        redis=settings.redis.url is not None,
    )


def build_compliance(settings: Settings, llm: LLMPort | None = None) -> ComplianceChecker:
    """The rule layer always, the learned layer unless COMPLIANCE_LEARNED=false; the exemplar layer and
    the LLM judge only when settings ask for them."""
    conf = settings.compliance
    learned = None
    if conf.learned:
        from script_agent.memory.compliance_learned import load_learned

        learned = load_learned()
    index = None
    if conf.semantic:
        from script_agent.memory.exemplar_index import EncoderExemplarIndex, load_exemplars
        from script_agent.memory.use_embedder import UniversalSentenceEncoderEmbedder

        index = EncoderExemplarIndex(UniversalSentenceEncoderEmbedder(), load_exemplars(conf.exemplars_path))
    judge = None
    if conf.judge and llm is not None:
        judge = LLMComplianceJudge(llm, timeout_s=conf.judge_timeout_s, cache_size=conf.judge_cache_size)
    threshold = conf.semantic_min_similarity
    policy = SemanticPolicy(min_similarity=DEFAULT_MIN_SIMILARITY if threshold is None else threshold)
    return ComplianceChecker(index, judge, policy, learned=learned)


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
    prime_metrics(settings, llm)
    stores = stores or build_stores(settings)
    if memory is None and use_memory:
        memory = build_memory(settings)
    profiles, products = build_repositories(settings)
    last_resort = TemplateBackend() if settings.llm.template_last_resort else None
    compliance = build_compliance(settings, llm)
    if settings.writing.intent_model:
        intent_learned.shared()  # a missing or corrupt model file stops start-up, not the first request
    deps = WorkflowDeps(
        intent=IntentAgent(learned=settings.writing.intent_model),
        profile=ProfileAgent(profiles),
        product=ProductAgent(products),
        writer=WriterAgent(
            llm,
            max_examples=settings.memory.top_k,
            max_example_chars=settings.memory.max_example_chars,
            writing=settings.writing,
        ),
        last_resort=WriterAgent(last_resort, writing=settings.writing) if last_resort is not None else None,
        quality=QualityAgent(
            min_score=settings.orchestrator.quality_min_score,
            min_chars=settings.orchestrator.min_script_chars,
            compliance=compliance,
        ),
        sessions=stores.sessions,
        checkpoints=stores.checkpoints,
        memory=memory,
        lock=stores.lock if settings.lock.enabled else None,
        idempotency=stores.idempotency,
        request_deadline_s=settings.llm.request_deadline_s,
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
        compliance=compliance,
    )
