"""Builds the process's LLMPort from settings: the template writer alone, or the layered client.

No upstream configured (LLM_PRIMARY_BASE_URL unset) means the embedded default: the deterministic
template backend, with no network at all. Otherwise the layered client, whose breakers live in the
process-wide registry unless a test hands in its own.
"""

from __future__ import annotations

import httpx

from script_agent.config.llm import LLMSettings
from script_agent.config.settings import Settings
from script_agent.llm.backends.base import Backend, Defaults
from script_agent.llm.backends.ollama import OllamaBackend
from script_agent.llm.backends.openai import OpenAIBackend
from script_agent.llm.backoff import Backoff
from script_agent.llm.breaker import BreakerPolicy, BreakerRegistry, shared_registry
from script_agent.llm.client import LLMServiceClient
from script_agent.llm.layers import LayerPlan, Upstream
from script_agent.llm.runner import LayerRunner
from script_agent.llm.template import TemplateBackend
from script_agent.llm.timeouts import StreamTimeouts, SyncTimeouts
from script_agent.ports.llm import LLMPort

_BACKENDS: dict[str, type[OpenAIBackend] | type[OllamaBackend]] = {
    "openai": OpenAIBackend,
    "ollama": OllamaBackend,
}


def build_llm(settings: Settings, *, breakers: BreakerRegistry | None = None) -> LLMPort:
    llm = settings.llm
    if not llm.primary_base_url or llm.primary_backend == "template":
        return TemplateBackend()
    return build_client(
        llm, last_resort=TemplateBackend() if llm.template_last_resort else None, breakers=breakers
    )


def build_client(
    llm: LLMSettings, *, last_resort: LLMPort | None = None, breakers: BreakerRegistry | None = None
) -> LLMServiceClient:
    """The layered client alone; tests use it to pick their own last resort and breaker registry."""
    assert llm.primary_base_url, "the layered client needs LLM_PRIMARY_BASE_URL"
    primary = Upstream(
        "primary",
        _backend(llm, llm.primary_backend, llm.primary_base_url, llm.primary_api_key),
        llm.primary_model,
        dict(llm.primary_category_models),
    )
    fallback = None
    if llm.fallback_enabled and llm.fallback_base_url and llm.fallback_backend != "template":
        backend = _backend(llm, llm.fallback_backend, llm.fallback_base_url, llm.fallback_api_key)
        fallback = Upstream("fallback", backend, llm.fallback_model)
    policy = BreakerPolicy(
        failure_rate=llm.breaker_failure_rate,
        window_s=llm.breaker_window_s,
        min_calls=llm.breaker_min_calls,
        cooldown_s=llm.breaker_cooldown_s,
        probes=llm.breaker_half_open_probes,
    )
    plan = LayerPlan(primary, fallback, last_resort, breakers or shared_registry(policy))
    runner = LayerRunner(
        Backoff(llm.backoff_base_s, llm.backoff_max_s, llm.retry_after_max_s),
        SyncTimeouts(llm.sync_connect_timeout_s, llm.sync_read_timeout_s, llm.sync_total_timeout_s),
        StreamTimeouts(
            llm.stream_connect_timeout_s,
            llm.stream_first_chunk_timeout_s,
            llm.stream_idle_timeout_s,
            llm.stream_total_timeout_s,
        ),
        llm.max_retries,
    )
    return LLMServiceClient(
        plan,
        runner,
        deadline_s=llm.deadline_s,
        send_idempotency_key=llm.idempotency_enabled,
        share_inflight=llm.inflight_dedup,
        health_timeout_s=llm.health_timeout_s,
    )


def _backend(llm: LLMSettings, kind: str, base_url: str, api_key: object) -> Backend:
    cls = _BACKENDS.get(kind)
    if cls is None:
        raise ValueError(f"unknown LLM backend kind {kind!r}")
    secret = api_key.get_secret_value() if api_key is not None else None  # type: ignore[attr-defined]
    return cls(
        base_url,
        api_key=secret,
        limits=httpx.Limits(
            max_connections=llm.pool_max_connections, max_keepalive_connections=llm.pool_max_keepalive
        ),
        defaults=Defaults(max_tokens=llm.max_tokens, temperature=llm.temperature),
        transport=llm.http_transport,
    )
