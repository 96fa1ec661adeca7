"""LLM_* settings: backends, layered fallback, retries, tiered timeouts, breakers, idempotency."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator

from script_agent.config.base import Section, section

BackendKind = Literal["openai", "ollama", "template"]


class LLMSettings(Section):
    model_config = section("LLM_")

    primary_backend: BackendKind = Field(default="openai", description="protocol of the primary upstream")
    primary_base_url: str | None = Field(
        default=None, description="server root or its /v1 (OpenAI) form; unset: the template backend serves"
    )
    primary_model: str = Field(default="qwen2.5-7b-instruct", description="base model (primary-general)")
    primary_category_models: dict[str, str] = Field(
        default_factory=dict, description='JSON map category -> model/LoRA name, e.g. {"美妆":"beauty-lora"}'
    )
    primary_api_key: SecretStr | None = Field(
        default=None, description="Bearer token sent to the primary upstream"
    )
    fallback_enabled: bool = Field(
        default=True, description="use the fallback backend layer after the primary layers"
    )
    fallback_backend: BackendKind = Field(
        default="ollama", description="protocol of the fallback upstream (openai|ollama|template)"
    )
    fallback_base_url: str | None = Field(
        default=None, description="fallback upstream URL; unset: no fallback backend layer"
    )
    fallback_model: str = Field(default="qwen2.5:7b", description="model name on the fallback upstream")
    fallback_api_key: SecretStr | None = Field(
        default=None, description="Bearer token sent to the fallback upstream"
    )
    template_last_resort: bool = Field(default=True, description="template writer as the last layer")
    max_tokens: int = Field(default=800, ge=16, le=8192, description="default completion budget per call")
    temperature: float = Field(default=0.8, ge=0, le=2, description="default sampling temperature")
    max_retries: int = Field(default=2, ge=0, le=10, description="retries per layer after the first try")
    backoff_base_s: float = Field(
        default=0.2, ge=0, description="first retry delay (doubles per retry, full jitter)"
    )
    backoff_max_s: float = Field(default=2.0, ge=0, description="cap on one retry delay")
    retry_after_max_s: float = Field(default=5.0, ge=0, description="cap on an upstream Retry-After")
    deadline_s: float = Field(
        default=60.0, gt=0, description="one LLM call, across its retries and layers (see request_deadline_s)"
    )
    request_deadline_s: float | None = Field(
        default=14.0,
        gt=0,
        description=(
            "caps all LLM work of one request, sync or stream (retries, layers, regenerations after a"
            " reset); when spent the template last resort answers; empty: per call only"
        ),
    )
    sync_connect_timeout_s: float = Field(
        default=2.0, gt=0, description="sync calls: TCP/TLS connect timeout"
    )
    sync_read_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="sync calls: first-byte timeout (the wait for the response headers) and between bytes",
    )
    sync_total_timeout_s: float = Field(default=45.0, gt=0, description="sync calls: bound on one attempt")
    stream_connect_timeout_s: float = Field(default=2.0, gt=0, description="streams: connect timeout")
    stream_first_chunk_timeout_s: float = Field(
        default=10.0, gt=0, description="streams: time to the first content chunk"
    )
    stream_idle_timeout_s: float = Field(
        default=10.0, gt=0, description="streams: longest gap between chunks"
    )
    stream_total_timeout_s: float = Field(default=120.0, gt=0, description="streams: bound on one attempt")
    breaker_failure_rate: float = Field(
        default=0.5, gt=0, le=1, description="failure rate in the window that opens a circuit"
    )
    breaker_window_s: float = Field(
        default=30.0, gt=0, description="rolling window the failure rate is computed over"
    )
    breaker_min_calls: int = Field(
        default=5, ge=1, description="minimum calls in the window before a circuit may open"
    )
    breaker_cooldown_s: float = Field(
        default=15.0, gt=0, description="open time before half-open probes are admitted"
    )
    breaker_half_open_probes: int = Field(
        default=1, ge=1, description="real requests admitted while half-open"
    )
    idempotency_enabled: bool = Field(
        default=True, description="send Idempotency-Key upstream (same key across retries and layers)"
    )
    inflight_dedup: bool = Field(
        default=True, description="identical concurrent calls share one upstream call"
    )
    http_transport: Literal["aiohttp", "httpx"] = Field(
        default="aiohttp", description="connection layer under httpx: aiohttp (4x less CPU per call) or httpx"
    )
    pool_max_connections: int = Field(default=100, ge=1, description="HTTP connection pool size per backend")
    pool_max_keepalive: int = Field(
        default=20, ge=0, description="idle keep-alive connections kept per backend"
    )
    health_timeout_s: float = Field(default=2.0, gt=0, description="per backend health/models probe")

    @field_validator("request_deadline_s", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        """`LLM_REQUEST_DEADLINE_S=` (empty) turns the request cap off: each call keeps its own deadline."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("primary_base_url", "fallback_base_url", mode="before")
    @classmethod
    def _http_url(cls, value: object) -> object:
        """Fail at startup on a URL that can never work (`host:8000`, `htp://...`), instead of
        every call failing later and the template writer quietly taking over. Empty means unset."""
        if not isinstance(value, str):
            return value
        value = value.strip()
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{value!r} is not an http(s) URL such as http://127.0.0.1:8000/v1")
        return value.rstrip("/")
