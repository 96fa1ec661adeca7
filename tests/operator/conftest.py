"""Fixtures for the operator scenarios: the Kubernetes API emulator and the real kopf runtime (from
script_agent/testing/k8s), a real Redis with a key prefix per test, and a real fake LLM upstream over HTTP."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from scriptjob_operator.app import OperatorApp, build_app
from scriptjob_operator.handlers import build_registry

from script_agent.config import Settings
from script_agent.testing.k8s import fixtures as harness
from script_agent.testing.k8s.samples import EXAMPLE, REPLY
from script_agent.testing.llm_upstream import FakeLLMUpstream
from tests.redis_keys import redis_key_prefix

# The harness fixtures (emulator, kubeconfig, kopf runner), registered for this folder too.
k8s_api, kubeconfig, run_kopf = harness.k8s_api, harness.kubeconfig, harness.run_kopf

REDIS_URL = "redis://127.0.0.1:6379/0"


def job(name: str, **spec_overrides: Any) -> dict[str, Any]:
    """The example ScriptJob under another name, without its TTL unless given."""
    body = copy.deepcopy(EXAMPLE)
    body["metadata"] = {"name": name, "namespace": "default"}
    body["spec"].pop("ttlSecondsAfterFinished", None)
    for key, value in spec_overrides.items():
        if value is None:
            body["spec"].pop(key, None)
        else:
            body["spec"][key] = value
    return body


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    with redis_key_prefix("op") as prefix:
        yield prefix


@pytest.fixture
def upstream() -> Iterator[FakeLLMUpstream]:
    with FakeLLMUpstream(reply=REPLY) as up:
        yield up


@pytest.fixture
def op_env(redis_prefix: str, upstream: FakeLLMUpstream, kubeconfig: Path) -> dict[str, str]:
    """Settings for an operator under test: fast retries, one LLM layer, no template fallback (so a
    failing upstream really fails the step), short lock leases (a SIGKILLed holder frees it soon)."""
    return {
        "KUBECONFIG": str(kubeconfig),
        "REDIS_URL": REDIS_URL,
        "REDIS_KEY_PREFIX": redis_prefix,
        "LLM_PRIMARY_BASE_URL": upstream.url,
        "LLM_FALLBACK_ENABLED": "false",
        "LLM_TEMPLATE_LAST_RESORT": "false",
        "LLM_MAX_RETRIES": "0",
        "LLM_BREAKER_MIN_CALLS": "1000",
        "LLM_DEADLINE_S": "20",
        "LONGTERM_MEMORY_ENABLED": "false",
        "OPERATOR_RETRY_DELAY_S": "0.3",
        "OPERATOR_RETRY_MAX_DELAY_S": "1",
        "OPERATOR_BUSY_DELAY_S": "0.3",
        "OPERATOR_STOP_GRACE_S": "1",
        "OPERATOR_METRICS_PORT": "0",
        "OPERATOR_LIVENESS_PORT": "0",
        "LOCK_LEASE_MS": "1500",
        "LOCK_WAIT_TIMEOUT_S": "1",
        # The example job's tenant, granted to the namespace every scenario uses (tenancy.py).
        "OPERATOR_TENANT_MAP": json.dumps({"default": EXAMPLE["spec"]["tenant"]}),
    }


StartOperator = Callable[..., OperatorApp]


@pytest.fixture
def start_operator(
    redis_prefix: str, run_kopf, op_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> StartOperator:
    """The real kopf runtime with this operator's registry, in a thread of the test process.

    `redis_prefix` comes first so that its clean-up runs after the operator has stopped."""

    def _start(clusterwide: bool = False, **env: str) -> OperatorApp:
        for key, value in {**op_env, **env}.items():
            monkeypatch.setenv(key, value)
        app = build_app(Settings(), metrics_port=int(env.get("OPERATOR_METRICS_PORT", "0")))
        run_kopf(build_registry(app), clusterwide=clusterwide)
        return app

    return _start
