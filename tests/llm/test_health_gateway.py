"""/api/v1/health over real HTTP names a misconfigured upstream's URL and cause, and startup logged it."""

from __future__ import annotations

import logging

import httpx
import pytest

from script_agent.testing.gateway import ServerThread, gateway_settings
from script_agent.testing.llm_upstream import FakeLLMUpstream, closed_port_url


def _primary(report: dict) -> dict:
    (component,) = [c for c in report["components"] if c["name"] == "llm:primary"]
    return component


def test_health_reports_a_refused_upstream_with_the_url_tried(caplog: pytest.LogCaptureFixture) -> None:
    url = closed_port_url()
    with caplog.at_level(logging.INFO, logger="script_agent.llm"):
        server = ServerThread(gateway_settings(url + "/v1")).start()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            response = client.get("/api/v1/health")
    finally:
        server.stop()
    assert response.status_code == 503, "no last resort: the primary is required"
    primary = _primary(response.json())
    assert primary["status"] == "down"
    assert primary["detail"]["probe_url"] == f"{url}/v1/models"
    assert "connection refused" in primary["detail"]["cause"]
    startup = [r.getMessage() for r in caplog.records if r.name == "script_agent.llm.upstream_check"]
    assert startup == [f"LLM primary upstream unusable: {primary['detail']['cause']}"]


def test_health_is_ok_for_a_v1_base_url_on_a_live_upstream() -> None:
    with FakeLLMUpstream(models={"base"}) as upstream:
        server = ServerThread(gateway_settings(upstream.url + "/v1")).start()
        try:
            with httpx.Client(base_url=server.url, timeout=10) as client:
                response = client.get("/api/v1/health")
        finally:
            server.stop()
        assert next(r.path for r in upstream.requests()) == "/v1/models", "probed at startup"
    primary = _primary(response.json())
    assert primary["status"] == "ok" and primary["detail"]["cause"] is None
    assert primary["detail"]["base_url"] == upstream.url
