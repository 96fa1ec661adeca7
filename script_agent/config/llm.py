"""LLM_* settings: backends, layered fallback, retries, tiered timeouts, breakers, idempotency."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from script_agent.config.base import Section, section

BackendKind = Literal["openai", "ollama", "template"]


class LLMSettings(Section):
    model_config = section("LLM_")

    primary_backend: BackendKind = Field(default="openai", description="protocol of the primary upstream")
    primary_base_url: str | None = Field(default=None, description="unset: the template backend serves")
    primary_model: str = Field(default="qwen2.5-7b-instruct", description="base model (primary-general)")
    primary_category_models: dict[str, str] = Field(
        default_factory=dict, description='JSON map category -> model/LoRA name, e.g. {"美妆":"beauty-lora"}'
    )
    primary_api_key: SecretStr | None = None
    fallback_enabled: bool = True
    fallback_backend: BackendKind = "ollama"
    fallback_base_url: str | None = None
    fallback_model: str = "qwen2.5:7b"
    fallback_api_key: SecretStr | None = None
    template_last_resort: bool = Field(default=True, description="template writer as the last layer")
    max_tokens: int = Field(default=800, ge=16, le=8192)
    temperature: float = Field(default=0.8, ge=0, le=2)
    max_retries: int = Field(default=2, ge=0, le=10, description="retries per layer after the first try")
    backoff_base_s: float = Field(default=0.2, ge=0)
    backoff_max_s: float = Field(default=2.0, ge=0)
    retry_after_max_s: float = Field(default=5.0, ge=0, description="cap on an upstream Retry-After")
    deadline_s: float = Field(default=60.0, gt=0, description="overall, across retries and layers")
    sync_connect_timeout_s: float = Field(default=2.0, gt=0)
    sync_read_timeout_s: float = Field(default=30.0, gt=0)
    sync_total_timeout_s: float = Field(default=45.0, gt=0)
    stream_connect_timeout_s: float = Field(default=2.0, gt=0)
    stream_first_chunk_timeout_s: float = Field(default=10.0, gt=0)
    stream_idle_timeout_s: float = Field(default=10.0, gt=0)
    stream_total_timeout_s: float = Field(default=120.0, gt=0)
    breaker_failure_rate: float = Field(default=0.5, gt=0, le=1)
    breaker_window_s: float = Field(default=30.0, gt=0)
    breaker_min_calls: int = Field(default=5, ge=1)
    breaker_cooldown_s: float = Field(default=15.0, gt=0)
    breaker_half_open_probes: int = Field(default=1, ge=1)
    idempotency_enabled: bool = True
    inflight_dedup: bool = True
    pool_max_connections: int = Field(default=100, ge=1)
    pool_max_keepalive: int = Field(default=20, ge=0)
    health_timeout_s: float = Field(default=2.0, gt=0, description="per backend health/models probe")
