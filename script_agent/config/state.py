"""Redis connection and the per-component store settings (sessions, checkpoints, locks, limits)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr

from script_agent.config.base import Section, section

StoreKind = Literal["auto", "memory", "redis", "sqlite"]


class EmbeddedSettings(Section):
    """Where the embedded on-disk stores live (sqlite: CLI sessions that survive between runs)."""

    model_config = section("EMBEDDED_")

    data_dir: Path | None = Field(
        default=None,
        description="directory of the embedded SQLite state; unset: $XDG_DATA_HOME/script-agent "
        "or ~/.local/share/script-agent",
    )
    busy_timeout_ms: int = Field(
        default=5000, ge=0, le=60000, description="SQLite wait for a writer in another process"
    )

    def resolved_dir(self) -> Path:
        if self.data_dir is not None:
            return self.data_dir
        xdg = os.environ.get("XDG_DATA_HOME")
        base = Path(xdg) if xdg else Path.home() / ".local" / "share"
        return base / "script-agent"


RedisMode = Literal["standalone", "cluster", "sentinel"]


class RedisSettings(Section):
    """How to reach Redis. One URL for every mode; in cluster and sentinel mode its host part may list
    several `host:port` seeds separated by commas (any reachable one is enough to discover the rest).

    - standalone: `redis://[:password@]host:6379/0`, one server (or a proxy in front of one).
    - cluster: `redis://[:password@]h1:7000,h2:7001` (db must be 0), redis-py's RedisCluster;
      every multi-key Lua script touches keys of one hash tag, so one slot, by construction.
    - sentinel: `redis://[:password@]s1:26379,s2:26379/0` lists the sentinels; the password is the
      master's; REDIS_SENTINEL_MASTER names the monitored master.
    """

    model_config = section("REDIS_")

    url: SecretStr | None = Field(
        default=None,
        description="redis://host:6379/0; several comma-separated host:port seeds in cluster/sentinel "
        "mode; unset: in-memory stores",
    )
    mode: RedisMode = Field(
        default="standalone",
        description="standalone | cluster (redis-py RedisCluster) | sentinel (master via Sentinel)",
    )
    sentinel_master: str = Field(
        default="mymaster", min_length=1, max_length=128, description="service name Sentinel monitors"
    )
    key_prefix: str = Field(
        default="sa", min_length=1, max_length=64, description="prefix of every Redis key"
    )
    connect_timeout_s: float = Field(default=0.5, gt=0, description="Redis connect timeout")
    socket_timeout_s: float = Field(default=0.5, gt=0, description="Redis socket read/write timeout")
    max_connections: int = Field(
        default=64, ge=1, description="Redis connection pool cap (per node in cluster mode)"
    )
    health_check_interval_s: int = Field(
        default=15, ge=0, description="ping idle pooled connections after this long"
    )
    pool_timeout_s: float = Field(default=0.5, gt=0, description="max wait for a free pooled connection")
    breaker_failures: int = Field(
        default=3, ge=1, description="consecutive Redis failures before calls fail fast without trying"
    )
    breaker_cooldown_s: float = Field(
        default=1.0, gt=0, description="fail-fast period before one probe call is let through"
    )


class SessionSettings(Section):
    model_config = section("SESSION_")

    store: StoreKind = Field(
        default="auto",
        description="auto (Redis when REDIS_URL is set; SQLite for `generate --session`) "
        "| memory | redis | sqlite",
    )
    max_turns_persisted: int = Field(
        default=20,
        ge=1,
        le=1000,
        description="turns kept per session on save (older ones folded into a summary)",
    )
    compress_on_save: bool = Field(
        default=True, description="fold dropped turns into a rule-based summary instead of discarding them"
    )
    max_scripts_persisted: int = Field(default=10, ge=0, le=200, description="scripts kept per session")
    ttl_s: int = Field(default=7 * 24 * 3600, ge=60, description="session expiry after the last save")
    memory_max_sessions: int = Field(
        default=10_000,
        ge=1,
        description="in-memory store: sessions kept; the least recently used idle "
        "one (lock not held) is evicted beyond this, its checkpoints with it",
    )
    memory_max_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=1024,
        description="in-memory store: bytes of stored sessions kept (LRU beyond)",
    )


class CheckpointSettings(Section):
    model_config = section("CHECKPOINT_")

    store: StoreKind = Field(default="auto", description="auto | memory | redis | sqlite")
    key_prefix: str = Field(
        default="ckpt",
        min_length=1,
        max_length=64,
        description="key segment of checkpoint keys (under REDIS_KEY_PREFIX)",
    )
    history_limit: int = Field(default=50, ge=1, le=10000, description="keep-last-N versions per session")
    ttl_s: int = Field(
        default=7 * 24 * 3600, ge=60, description="checkpoint history expiry after the last write"
    )
    memory_max_sessions: int = Field(
        default=10_000, ge=1, description="in-memory store: sessions with a checkpoint history kept (LRU)"
    )
    memory_max_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=1024,
        description="in-memory store: bytes of checkpoint bodies kept (LRU)",
    )


class LockSettings(Section):
    model_config = section("LOCK_")

    enabled: bool = Field(default=True, description="serialize runs per session with a fenced lock")
    backend: StoreKind = Field(default="auto", description="auto | memory | redis | sqlite")
    lease_ms: int = Field(
        default=15000, ge=100, description="session lock lease; renewed in the background while a run works"
    )
    retry_interval_ms: int = Field(
        default=50, ge=1, description="poll interval while waiting for a held lock"
    )
    wait_timeout_s: float = Field(
        default=5.0, ge=0, description="longest wait for a session lock before a 409 / LockTimeout"
    )
    fence_ttl_s: int = Field(
        default=7 * 24 * 3600, ge=60, description="lifetime of a session's fencing counter in Redis"
    )
    memory_max_fences: int = Field(
        default=100_000,
        ge=1,
        description="in-memory lock: sessions whose fencing counter is kept (LRU; "
        "a forgotten counter restarts above every one forgotten, so stale tokens stay rejected)",
    )
    memory_max_fence_bytes: int = Field(
        default=16 * 1024 * 1024, ge=1024, description="in-memory lock: bytes of fencing counters kept (LRU)"
    )


class RateLimitSettings(Section):
    model_config = section("RATE_LIMIT_")

    enabled: bool = Field(default=True, description="enforce per-tenant limits in the gateway")
    backend: StoreKind = Field(default="auto", description="auto | memory | redis")
    qps: float = Field(default=20.0, gt=0, description="requests per second per tenant")
    burst: int = Field(default=20, ge=1, description="requests admitted at once before pacing")
    tokens_per_minute: int = Field(
        default=200_000,
        ge=1,
        description="LLM tokens per minute per tenant (reserved at admission, reconciled after)",
    )
    fail_open: bool = Field(default=True, description="admit when Redis is down (with a metric)")


class IdempotencySettings(Section):
    model_config = section("IDEMPOTENCY_")

    store: StoreKind = Field(default="auto", description="auto | memory | redis")
    ttl_s: int = Field(default=24 * 3600, ge=60, description="how long a completed result is replayed")
    in_flight_ttl_s: int = Field(
        default=300, ge=1, description="how long an in-flight idempotency marker blocks the same key"
    )
    memory_max_records: int = Field(
        default=50_000,
        ge=1,
        description="in-memory store: idempotency records kept (completed ones "
        "least recently used first out; in-flight markers are never evicted)",
    )
    memory_max_bytes: int = Field(
        default=32 * 1024 * 1024, ge=1024, description="in-memory store: bytes of stored results kept (LRU)"
    )
