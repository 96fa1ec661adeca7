"""The one settings tree. Every env var the project reads is declared below it."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, Field

from script_agent.config.app import (
    AuthSettings,
    DataSettings,
    GatewaySettings,
    LogSettings,
    OperatorSettings,
    OrchestratorSettings,
)
from script_agent.config.compliance import ComplianceSettings
from script_agent.config.llm import LLMSettings
from script_agent.config.memory import MemorySettings
from script_agent.config.state import (
    CheckpointSettings,
    EmbeddedSettings,
    IdempotencySettings,
    LockSettings,
    RateLimitSettings,
    RedisSettings,
    SessionSettings,
)
from script_agent.config.writing import WritingSettings


class Settings(BaseModel):
    llm: LLMSettings = Field(default_factory=LLMSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    embedded: EmbeddedSettings = Field(default_factory=EmbeddedSettings)
    session: SessionSettings = Field(default_factory=SessionSettings)
    checkpoint: CheckpointSettings = Field(default_factory=CheckpointSettings)
    lock: LockSettings = Field(default_factory=LockSettings)
    rate_limit: RateLimitSettings = Field(default_factory=RateLimitSettings)
    idempotency: IdempotencySettings = Field(default_factory=IdempotencySettings)
    memory: MemorySettings = Field(default_factory=MemorySettings)
    orchestrator: OrchestratorSettings = Field(default_factory=OrchestratorSettings)
    writing: WritingSettings = Field(default_factory=WritingSettings)
    compliance: ComplianceSettings = Field(default_factory=ComplianceSettings)
    data: DataSettings = Field(default_factory=DataSettings)
    gateway: GatewaySettings = Field(default_factory=GatewaySettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    log: LogSettings = Field(default_factory=LogSettings)
    operator: OperatorSettings = Field(default_factory=OperatorSettings)

    def uses_redis(self, kind: str) -> bool:
        """Resolve a store's `auto` choice: Redis exactly when REDIS_URL is set."""
        if kind == "auto":
            return self.redis.url is not None
        return kind == "redis"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
