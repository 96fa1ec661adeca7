"""Property-based run over the served OpenAPI spec with every schemathesis check (`--checks all`).

Beyond "no 5xx", the checks hold the server to its own document and to HTTP: statuses, media types,
headers and bodies as documented, invalid input rejected and valid input accepted, a 405 with
`Allow` for undocumented methods, authentication never ignored, and resources unavailable after
their DELETE. Bounded by `max_examples` per operation (no shrinking); every example is sent.
The fake upstream answers at once, so valid generate calls run whole workflows.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import CHECKS, load_all_checks

from script_agent.config.app import GatewaySettings
from script_agent.testing.gateway import KEYS, ServerThread, gateway_settings
from script_agent.testing.llm_upstream import FakeLLMUpstream

_AUTH_HEADERS = {"x-api-key", "authorization"}


@pytest.fixture(scope="module")
def fuzz_gateway(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    """The shipped body cap (the other gateway tests use 8 KB): schema-valid bodies must fit it."""
    gateway = GatewaySettings(sse_ping_s=0)
    server = ServerThread(gateway_settings(upstream.url, gateway=gateway)).start()
    yield server
    server.stop()


@pytest.fixture
def api_schema(fuzz_gateway: ServerThread):
    schema = schemathesis.openapi.from_url(f"{fuzz_gateway.url}/openapi.json")
    schema.config.checks.update(included_check_names=["all"])  # what `--checks all` sets
    # A body over GATEWAY_MAX_BODY_BYTES is refused with 413 before it is parsed: a rejection of
    # the invalid (too long) input like the 4xx statuses the check expects by default.
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "413"]
    return schema


def all_checks() -> list:
    load_all_checks()
    return [CHECKS.get_one(name) for name in CHECKS.get_all_names()]


schema = schemathesis.pytest.from_fixture("api_schema")


def test_every_registered_check_is_enabled(api_schema) -> None:
    """Guards the run below: a check schemathesis adds (or a config default turns off) shows up here."""
    config = api_schema.config.checks_config_for()
    disabled = [name for name in CHECKS.get_all_names() if not config.get_by_name(name=name).enabled]
    assert not disabled and len(all_checks()) >= 14


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_openapi_document(case, fuzz_gateway: ServerThread) -> None:
    # Always authenticate, so generated inputs reach the routes instead of stopping at a 401
    # (the `ignored_auth` check still sends its own unauthenticated requests).
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() not in _AUTH_HEADERS}
    case.call_and_validate(
        base_url=fuzz_gateway.url,
        headers={"X-API-Key": KEYS["a"].value},
        checks=all_checks(),
        timeout=15,
    )
