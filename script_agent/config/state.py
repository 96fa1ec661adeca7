"""Redis connection and the per-component store settings (sessions, checkpoints, locks, limits)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from script_agent.config.base import Section, section

StoreKind = Literal["auto", "memory", "redis"]


class RedisSettings(Section):
    model_config = section("REDIS_")

    url: SecretStr | None = Field(default=None, description="redis://host:6379/0; unset: in-memory stores")
    key_prefix: str = Field(default="sa", min_length=1, max_length=64)
    connect_timeout_s: float = Field(default=0.5, gt=0)
    socket_timeout_s: float = Field(default=0.5, gt=0)
    max_connections: int = Field(default=64, ge=1)
    health_check_interval_s: int = Field(default=15, ge=0)
    pool_timeout_s: float = Field(default=0.5, gt=0, description="max wait for a free pooled connection")
    breaker_failures: int = Field(
        default=3, ge=1, description="consecutive Redis failures before calls fail fast without trying"
    )
    breaker_cooldown_s: float = Field(
        default=1.0, gt=0, description="fail-fast period before one probe call is let through"
    )


class SessionSettings(Section):
    model_config = section("SESSION_")

    store: StoreKind = "auto"
    max_turns_persisted: int = Field(default=20, ge=1, le=1000)
    compress_on_save: bool = True
    max_scripts_persisted: int = Field(default=10, ge=0, le=200)
    ttl_s: int = Field(default=7 * 24 * 3600, ge=60)


class CheckpointSettings(Section):
    model_config = section("CHECKPOINT_")

    store: StoreKind = "auto"
    key_prefix: str = Field(default="ckpt", min_length=1, max_length=64)
    history_limit: int = Field(default=50, ge=1, le=10000, description="keep-last-N versions per session")
    ttl_s: int = Field(default=7 * 24 * 3600, ge=60)


class LockSettings(Section):
    model_config = section("LOCK_")

    enabled: bool = True
    backend: StoreKind = "auto"
    lease_ms: int = Field(default=15000, ge=100)
    retry_interval_ms: int = Field(default=50, ge=1)
    wait_timeout_s: float = Field(default=5.0, ge=0)
    fence_ttl_s: int = Field(
        default=7 * 24 * 3600, ge=60, description="lifetime of a session's fencing counter in Redis"
    )


class RateLimitSettings(Section):
    model_config = section("RATE_LIMIT_")

    enabled: bool = True
    backend: StoreKind = "auto"
    qps: float = Field(default=20.0, gt=0, description="requests per second per tenant")
    burst: int = Field(default=20, ge=1, description="requests admitted at once before pacing")
    tokens_per_minute: int = Field(default=200_000, ge=1)
    fail_open: bool = Field(default=True, description="admit when Redis is down (with a metric)")


class IdempotencySettings(Section):
    model_config = section("IDEMPOTENCY_")

    store: StoreKind = "auto"
    ttl_s: int = Field(default=24 * 3600, ge=60)
    in_flight_ttl_s: int = Field(default=300, ge=1)
