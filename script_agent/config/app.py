"""Gateway, auth, orchestrator, catalogue data, logging and operator settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator

from script_agent.config.base import Section, section


class OrchestratorSettings(Section):
    model_config = section("ORCHESTRATOR_")

    quality_max_retries: int = Field(
        default=2, ge=0, le=5, description="regenerations with feedback after a failed quality check"
    )
    quality_min_score: float = Field(
        default=70.0, ge=0, le=100, description="quality score a script needs to pass"
    )
    min_script_chars: int = Field(default=60, ge=1, description="shorter scripts fail the structure check")


class DataSettings(Section):
    model_config = section("DATA_")

    profiles_path: Path | None = Field(default=None, description="JSON list of influencer profiles")
    products_path: Path | None = Field(default=None, description="JSON list of products")


class GatewaySettings(Section):
    model_config = section("GATEWAY_")

    host: str = Field(default="127.0.0.1", description="gateway bind address")
    port: int = Field(default=8080, ge=1, le=65535, description="gateway port")
    # 256 KiB: the largest body the API accepts by its own field limits (a 20,000-character /check
    # script, JSON-escaped as \uXXXX by most clients: 6 bytes a character, plus product facts) must fit.
    max_body_bytes: int = Field(default=256 * 1024, ge=1024, description="request bodies above this get 413")
    metrics_require_auth: bool = Field(default=False, description="/metrics needs credentials")
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="serve /metrics on this port instead of the API port (no auth there: keep it internal)",
    )
    health_require_auth: bool = Field(default=False, description="/api/v1/health needs credentials")
    docs_enabled: bool = Field(default=True, description="serve /docs, /redoc and /openapi.json")
    studio_enabled: bool = Field(default=True, description="serve the script studio web page at /studio")
    prompt_token_estimate: int = Field(
        default=600, ge=0, description="prompt tokens reserved at admission, before the real count is known"
    )
    sse_ping_s: float = Field(default=15.0, ge=0, description="SSE keep-alive comment interval (0: off)")
    sse_send_timeout_s: float = Field(default=30.0, gt=0, description="drop a client that stops reading")
    stream_queue_size: int = Field(default=64, ge=1, le=4096, description="events buffered per SSE stream")
    cleanup_timeout_s: float = Field(
        default=5.0, gt=0, description="bound on releasing lock/idempotency key after a client disconnect"
    )
    stream_follow_s: float = Field(
        default=60.0,
        gt=0,
        description="a resumed stream (Last-Event-ID) whose run another request drives follows it this long",
    )
    cors_allow_origins: list[str] = Field(
        default_factory=list,
        description='browser origins allowed to call the API (JSON list, e.g. ["https://ops.example.com"]); '
        "empty: CORS off",
    )
    cors_max_age_s: int = Field(
        default=600, ge=0, le=86400, description="how long browsers cache a preflight"
    )
    keep_alive_s: int = Field(default=5, ge=1, description="uvicorn keep-alive timeout")
    graceful_shutdown_s: float = Field(default=10.0, ge=0, description="uvicorn graceful shutdown timeout")
    limit_concurrency: int | None = Field(default=None, ge=1, description="uvicorn: 503 above this many")
    backlog: int = Field(default=2048, ge=1, description="uvicorn listen backlog")


class AuthSettings(Section):
    model_config = section("AUTH_")

    mode: Literal["dev", "api_key", "jwt", "api_key+jwt"] = Field(
        default="api_key+jwt", description="dev: every request is tenant AUTH_DEV_TENANT; never in production"
    )
    dev_tenant: str = Field(
        default="dev",
        pattern=r"^[A-Za-z0-9_.-]{1,64}$",
        description="tenant of every request in AUTH_MODE=dev",
    )
    api_keys: SecretStr | None = Field(
        default=None, description='JSON {"<sha256 hex of key>": {"tenant": "t1", "role": "writer"}}'
    )
    api_keys_file: Path | None = Field(default=None, description="same JSON, from a mounted Secret")
    jwt_secret: SecretStr | None = Field(default=None, description="HMAC key (HS256/384/512)")
    jwt_public_key: SecretStr | None = Field(default=None, description="PEM public key (RS*/ES*/EdDSA)")
    jwt_algorithms: list[str] = Field(
        default_factory=lambda: ["HS256", "RS256"], description="accepted JWT algorithms (JSON list)"
    )
    jwt_issuer: str | None = Field(default=None, description="required `iss` when set")
    jwt_audience: str | None = Field(default=None, description="required `aud` when set")
    jwt_leeway_s: int = Field(default=30, ge=0, description="clock skew allowed on exp/nbf")
    jwt_tenant_claim: str = Field(default="tenant", min_length=1, description="claim holding the tenant")
    jwt_role_claim: str = Field(default="role", min_length=1, description="claim holding the role")
    jwt_default_role: Literal["reader", "writer", "admin"] = Field(
        default="writer", description="role of a token without the role claim"
    )


class LogSettings(Section):
    model_config = section("LOG_")

    level: str = Field(default="INFO", description="log level (`generate` shows WARNING unless this is set)")
    json_format: bool = Field(
        default=False, alias="LOG_JSON", description="JSON log lines: RFC 3339 UTC `ts`, `trace_id` on each"
    )


class OperatorSettings(Section):
    """The kopf operator (`script-agent operator`): endpoints, retries, concurrency, peering."""

    model_config = section("OPERATOR_")

    bind_host: str = Field(default="0.0.0.0", description="address of the metrics and liveness endpoints")
    metrics_port: int = Field(default=9090, ge=0, le=65535, description="/metrics port; 0 disables it")
    liveness_port: int = Field(
        default=8081, ge=0, le=65535, description="kopf /healthz port unless --liveness is given; 0 disables"
    )
    result_max_chars: int = Field(default=2000, ge=100, le=20000, description="script excerpt kept in status")
    retry_delay_s: float = Field(default=5.0, ge=0, description="first backoff after a retryable failure")
    retry_max_delay_s: float = Field(default=300.0, ge=0, description="cap of the exponential backoff")
    busy_delay_s: float = Field(
        default=2.0, ge=0, description="re-check delay while another holder has the job's session lock"
    )
    max_concurrent_jobs: int = Field(default=32, ge=1, le=10000, description="jobs stepped at once")
    step_timeout_s: float = Field(default=300.0, gt=0, description="bound on one workflow state")
    stop_grace_s: float = Field(
        default=5.0, ge=0, description="time a stopping job gets to finish its state before cancellation"
    )
    kube_timeout_s: float = Field(default=10.0, gt=0, description="timeout of the operator's own API calls")
    progress_interval_s: float = Field(
        default=1.0, ge=0, le=60, description="least time between two progress writes of one job's status"
    )
    peering_priority: int | None = Field(
        default=None, description="kopf peering priority; unset: random, so replicas become active/standby"
    )
    tenant_label: str = Field(
        default="scriptagent.dev/tenant",
        max_length=317,
        description="Namespace label naming a job's tenant (set by the platform admin); empty: labels unused",
    )
    tenant_map: dict[str, str] = Field(
        default_factory=dict,
        description='JSON {"<namespace>": "<tenant>"}; wins over the namespace label',
    )
    tenant_unmapped: Literal["refuse", "namespace"] = Field(
        default="refuse",
        description="namespace with neither: refuse fails its jobs (TenantUnresolved); namespace: its name",
    )

    @field_validator("tenant_map")
    @classmethod
    def _tenants_valid(cls, value: dict[str, str]) -> dict[str, str]:
        bad = sorted(t for t in value.values() if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", t))
        if bad:
            raise ValueError(f"invalid tenant names: {bad[:5]}")
        return value
