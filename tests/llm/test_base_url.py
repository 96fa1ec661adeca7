"""Base URLs in the form users write them, and a misconfigured upstream made loud (real loopback HTTP)."""

from __future__ import annotations

import logging

import httpx
import pytest

from script_agent.llm import errors
from script_agent.llm.backends.ollama import OllamaBackend
from script_agent.llm.backends.openai import OpenAIBackend
from script_agent.ports.health import HealthStatus
from script_agent.testing.llm_upstream import FakeLLMUpstream, closed_port_url
from tests.llm.conftest import BASE_MODEL, FALLBACK_MODEL, ClientFactory
from tests.llm.support import MetricDelta, collect, request, unaccepting_listener


@pytest.mark.parametrize("suffix", ["", "/", "/v1", "/v1/", "/V1"])
@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_openai_base_url_with_or_without_v1_reaches_chat_completions(
    make_client: ClientFactory, primary: FakeLLMUpstream, suffix: str, mode: str
) -> None:
    client = make_client(primary_base_url=primary.url + suffix, fallback_base_url=None)
    req = request(category=None)
    result = await client.generate(req) if mode == "sync" else (await collect(client.stream(req)))[1]
    assert (result.layer, result.backend, result.degraded) == ("primary-general", "openai", False)
    assert [r.path for r in primary.chat_requests()] == ["/v1/chat/completions"]


@pytest.mark.parametrize("suffix", ["", "/api", "/v1/"])
async def test_ollama_base_url_forms_reach_api_chat(
    make_client: ClientFactory, primary: FakeLLMUpstream, fallback: FakeLLMUpstream, suffix: str
) -> None:
    client = make_client(primary_base_url=closed_port_url(), fallback_base_url=fallback.url + suffix)
    result = await client.generate(request(category=None))
    assert (result.layer, result.model) == ("fallback", FALLBACK_MODEL)
    assert [r.path for r in fallback.chat_requests()] == ["/api/chat"]


def test_a_path_prefix_before_v1_is_kept() -> None:
    """LiteLLM and gateways mount the OpenAI API under a prefix: only the trailing /v1 is the API's."""
    assert OpenAIBackend("http://proxy:4000/openai/v1").base_url == "http://proxy:4000/openai"
    assert OllamaBackend("http://box:11434/api/").base_url == "http://box:11434"


def test_a_base_url_without_scheme_is_a_startup_error() -> None:
    from pydantic import ValidationError

    from script_agent.config.llm import LLMSettings

    with pytest.raises(ValidationError, match="not an http"):
        LLMSettings(primary_base_url="127.0.0.1:8000/v1")
    assert LLMSettings(primary_base_url="  ").primary_base_url is None, "empty means unset"


async def test_startup_probe_logs_the_exact_url_and_status(
    make_client: ClientFactory, primary: FakeLLMUpstream, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(primary_base_url=primary.url + "/v1", fallback_base_url=None)
    with caplog.at_level(logging.INFO, logger="script_agent.llm"):
        checks = await client.check_upstreams()
    assert [(c.role, c.usable, c.status) for c in checks] == [("primary", True, 200)]
    lines = [r.getMessage() for r in caplog.records if r.name == "script_agent.llm.upstream_check"]
    assert lines == [f"LLM primary upstream ok: GET {primary.url}/v1/models -> 200"]


async def test_a_refused_upstream_is_unusable_and_logged_as_refused(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    url = closed_port_url()
    client = make_client(primary_base_url=url, fallback_base_url=None)
    with caplog.at_level(logging.INFO, logger="script_agent.llm"):
        (check,) = await client.check_upstreams()
    assert not check.usable and check.url == f"{url}/v1/models"
    warnings = [
        r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("script_agent")
    ]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert f"GET {url}/v1/models" in message and "connection refused" in message
    assert "timed out" not in message


async def test_a_base_model_the_server_does_not_serve_is_unusable(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client(primary_model="no-such-model", fallback_base_url=None)
    (check,) = await client.check_upstreams(log_results=False)
    assert not check.usable and check.models_missing[0] == "no-such-model"
    assert "'no-such-model' is not served" in (check.cause or "") and BASE_MODEL in (check.cause or "")
    report = {h.name: h for h in await client.health()}["llm:primary"]
    assert report.status is HealthStatus.DOWN and report.detail["cause"] == check.cause


async def test_health_names_the_url_tried_and_the_cause(make_client: ClientFactory) -> None:
    url = closed_port_url()
    client = make_client(primary_base_url=url + "/v1", fallback_base_url=None)
    report = {h.name: h for h in await client.health()}["llm:primary"]
    assert report.status is HealthStatus.DOWN
    assert report.detail["probe_url"] == f"{url}/v1/models"
    assert report.detail["probe_error"] == errors.CONNECT_REFUSED
    assert "connection refused" in report.detail["cause"]


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_connection_refused_and_connect_timeout_read_differently(transport: str) -> None:
    timeout = httpx.Timeout(2.0, connect=0.3)
    refused = OpenAIBackend(closed_port_url(), transport=transport)
    with unaccepting_listener() as hanging_url:
        hanging = OpenAIBackend(hanging_url, transport=transport)
        try:
            errs = []
            for backend in (refused, hanging):
                with pytest.raises(errors.LLMError) as caught:
                    await backend.complete(request(), "m", headers={}, http_timeout=timeout)
                errs.append(caught.value)
        finally:
            await refused.aclose()
            await hanging.aclose()
    assert [e.reason for e in errs] == [errors.CONNECT_REFUSED, errors.CONNECT_TIMEOUT]
    assert "refused" in str(errs[0]) and "Timeout" not in str(errs[0])
    assert "timed out" in str(errs[1]) and "refused" not in str(errs[1])


async def test_a_wrong_path_prefix_reads_as_a_wrong_url_not_a_missing_model(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client(primary_base_url=primary.url + "/openai/v1", fallback_base_url=None, max_retries=0)
    metrics = MetricDelta()
    result = await client.generate(request(category=None))
    assert result.layer == "template" and result.degraded
    assert metrics("script_agent_llm_fallbacks_total", from_layer="primary-general", to_layer="template",
                   reason="path_not_found") == 1  # fmt: skip
    (check,) = await client.check_upstreams(log_results=False)
    assert not check.usable and check.status == 404
    assert check.cause == f"GET {primary.url}/openai/v1/models -> HTTP 404 Not Found"
