"""Fixtures for the operator scenarios: the Kubernetes API emulator and the real kopf runtime (from
tests/k8s/harness), a real Redis with a key prefix per test, and a real fake LLM upstream over HTTP."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from scriptjob_operator.app import OperatorApp, build_app
from scriptjob_operator.handlers import build_registry

from script_agent.config import Settings
from tests.fakes.llm_upstream import FakeLLMUpstream
from tests.k8s.harness import fixtures as harness
from tests.redis_keys import redis_key_prefix

# The harness fixtures (emulator, kubeconfig, kopf runner), registered for this folder too.
k8s_api, kubeconfig, run_kopf = harness.k8s_api, harness.kubeconfig, harness.run_kopf

REDIS_URL = "redis://127.0.0.1:6379/0"
EXAMPLE = yaml.safe_load((Path(__file__).resolve().parents[2] / "examples" / "scriptjob.yaml").read_text())
# A script that passes the quality check for the example job on the first attempt (one LLM call).
REPLY = (
    "宝宝们看过来！这支丝绒哑光口红真的是闭眼入，12小时持久不脱色，吃饭喝水都不怕掉色；添加玫瑰果油，"
    "滋润不拔干，嘴唇一整天都舒服；显白复古红，黄皮友好，上嘴就是气色担当。想要的宝宝们扣1，"
    "赶紧点击小黄车下单，喜欢的宝宝们冲！"
)


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
