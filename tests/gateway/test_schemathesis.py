"""Property-based run over the served OpenAPI spec: no input may produce a 5xx.

Bounded: a few examples per operation, no shrinking, and a wall-clock budget for the whole run.
The fake upstream answers at once, so valid generate calls run whole workflows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from tests.fakes.llm_upstream import FakeLLMUpstream
from tests.gateway.support import KEYS, ServerThread, gateway_settings

BUDGET_S = 40.0
_started: list[float] = []
_AUTH_HEADERS = {"x-api-key", "authorization"}


@pytest.fixture(scope="module")
def fuzz_gateway(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    server = ServerThread(gateway_settings(upstream.url)).start()
    yield server
    server.stop()


@pytest.fixture
def api_schema(fuzz_gateway: ServerThread):
    return schemathesis.openapi.from_url(f"{fuzz_gateway.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case, fuzz_gateway: ServerThread) -> None:
    if not _started:
        _started.append(time.monotonic())
    if time.monotonic() - _started[0] > BUDGET_S:
        return  # budget spent: remaining examples pass without a call
    # Always authenticate, so generated inputs reach the routes instead of stopping at a 401.
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() not in _AUTH_HEADERS}
    case.call_and_validate(
        base_url=fuzz_gateway.url,
        headers={"X-API-Key": KEYS["a"].value},
        checks=[not_a_server_error],
        timeout=15,
    )
