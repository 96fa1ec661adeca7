"""Gateway, auth, orchestrator, catalogue data, logging and operator settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr

from script_agent.config.base import Section, section


class OrchestratorSettings(Section):
    model_config = section("ORCHESTRATOR_")

    quality_max_retries: int = Field(default=2, ge=0, le=5)
    quality_min_score: float = Field(default=70.0, ge=0, le=100)
    min_script_chars: int = Field(default=60, ge=1)


class DataSettings(Section):
    model_config = section("DATA_")

    profiles_path: Path | None = Field(default=None, description="JSON list of influencer profiles")
    products_path: Path | None = Field(default=None, description="JSON list of products")


class GatewaySettings(Section):
    model_config = section("GATEWAY_")

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    metrics_require_auth: bool = False
    health_require_auth: bool = False


class AuthSettings(Section):
    model_config = section("AUTH_")

    mode: Literal["dev", "api_key", "jwt", "api_key+jwt"] = Field(
        default="api_key+jwt", description="dev: every request is tenant 'dev'; never use in production"
    )
    api_keys: SecretStr | None = Field(
        default=None, description='JSON {"<sha256 hex of key>": {"tenant": "t1", "role": "writer"}}'
    )
    api_keys_file: Path | None = Field(default=None, description="same JSON, from a mounted Secret")
    jwt_secret: SecretStr | None = None
    jwt_public_key: SecretStr | None = None
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["HS256", "RS256"])
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_leeway_s: int = Field(default=30, ge=0)


class LogSettings(Section):
    model_config = section("LOG_")

    level: str = "INFO"
    json_format: bool = Field(default=False, alias="LOG_JSON")


class OperatorSettings(Section):
    model_config = section("OPERATOR_")

    metrics_port: int = Field(default=9090, ge=1, le=65535)
    liveness_port: int = Field(default=8081, ge=1, le=65535)
    result_max_chars: int = Field(default=2000, ge=100, le=20000)
    retry_delay_s: float = Field(default=5.0, ge=0)
