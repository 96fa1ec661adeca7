"""Health reporting, the settings-driven factory, and the real template writer as the last layer."""

from __future__ import annotations

import pytest

from script_agent.config.settings import Settings
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.models import InfluencerProfile, Product, ProductProfile, Scene, SellingPoint
from script_agent.llm.breaker import BreakerPolicy, BreakerRegistry
from script_agent.llm.client import LLMServiceClient
from script_agent.llm.factory import build_llm
from script_agent.llm.template import TemplateBackend
from script_agent.ports.health import HealthStatus
from script_agent.ports.llm import LLMError, LLMExhausted
from script_agent.testing.llm_upstream import FakeLLMUpstream, Fault, closed_port_url
from tests.llm.conftest import BEAUTY_MODEL, ClientFactory, settings_for
from tests.llm.support import collect, request


async def test_health_ok_then_degraded_by_breaker_then_down(
    make_client: ClientFactory, primary: FakeLLMUpstream, fallback: FakeLLMUpstream
) -> None:
    frozen = BreakerRegistry(BreakerPolicy(min_calls=4, cooldown_s=60), clock=lambda: 1000.0)
    client = make_client(max_retries=0, breakers=frozen)
    reports = {h.name: h for h in await client.health()}
    assert reports["llm:primary"].status is HealthStatus.OK
    assert reports["llm:fallback"].status is HealthStatus.OK
    assert reports["llm:template"].status is HealthStatus.OK
    assert reports["llm:primary"].detail["models_missing"] == []
    assert [r.path for r in primary.requests()] == ["/v1/models"]
    assert [r.path for r in fallback.requests()] == ["/api/tags"]

    primary.fault_for_model(BEAUTY_MODEL, Fault.http(500))
    for i in range(4):
        await client.generate(request(f"请求{i}"))
    report = {h.name: h for h in await client.health()}["llm:primary"]
    assert report.status is HealthStatus.DEGRADED
    assert report.detail["breakers"][f"primary:{BEAUTY_MODEL}"]["state"] == "open"

    primary.health_status = 503
    report = {h.name: h for h in await client.health()}["llm:primary"]
    assert report.status is HealthStatus.DOWN and report.detail["http_status"] == 503
    assert report.required is False, "a last resort exists, so the LLM is never a hard dependency"


async def test_health_shows_the_last_fatal_error_until_a_success(
    make_client: ClientFactory, primary: FakeLLMUpstream
) -> None:
    client = make_client()
    primary.script(Fault.http(401))
    with pytest.raises(LLMError):
        await client.generate(request())
    report = {h.name: h for h in await client.health()}["llm:primary"]
    assert report.status is HealthStatus.DEGRADED
    assert (
        report.detail["last_fatal"]["reason"] == "unauthorized"
        and report.detail["last_fatal"]["status"] == 401
    )
    await client.generate(request("恢复"))
    report = {h.name: h for h in await client.health()}["llm:primary"]
    assert report.status is HealthStatus.OK and report.detail["last_fatal"] is None


async def test_health_of_an_unreachable_upstream_is_down(make_client: ClientFactory) -> None:
    client = make_client(primary_base_url=closed_port_url(), last_resort=None)
    report = {h.name: h for h in await client.health()}["llm:primary"]
    assert report.status is HealthStatus.DOWN and report.detail["probe_error"] == "connect_refused"
    assert report.required is True


async def test_factory_picks_template_without_upstream_and_the_client_with_one(
    primary: FakeLLMUpstream,
) -> None:
    assert isinstance(build_llm(Settings()), TemplateBackend)
    settings = Settings(llm=settings_for(primary.url, None))
    llm = build_llm(settings, breakers=BreakerRegistry(BreakerPolicy()))
    try:
        assert isinstance(llm, LLMServiceClient)
        assert [layer.role for layer in llm.plan.layers_for(request())] == [
            "primary",
            "primary-general",
            "template",
        ]
    finally:
        await llm.aclose()


def _brief() -> ScriptBrief:
    product = Product(
        name="丝绒雾面口红", brand="花漾", category="美妆", price=89, selling_points=["显白不挑皮"]
    )
    profile = ProductProfile(
        product=product, selling_points=[SellingPoint(text="显白不挑皮")], category="美妆"
    )
    return ScriptBrief(
        scene=Scene.OPENING, product=profile, influencer=InfluencerProfile(id="i1", name="小美")
    )


@pytest.mark.parametrize("mode", ["sync", "stream"])
async def test_real_template_backend_is_the_degraded_last_resort(
    make_client: ClientFactory, mode: str
) -> None:
    client = make_client(
        primary_base_url=closed_port_url(),
        fallback_base_url=closed_port_url(),
        max_retries=0,
        last_resort=TemplateBackend(),
    )
    req = request(brief=_brief())
    if mode == "sync":
        result = await client.generate(req)
    else:
        deltas, result = await collect(client.stream(req))
        assert "".join(deltas) == result.text
    assert (result.layer, result.backend, result.degraded) == ("template", "template", True)
    assert "显白不挑皮" in result.text


async def test_last_resort_that_cannot_serve_ends_in_exhaustion(make_client: ClientFactory) -> None:
    client = make_client(
        primary_base_url=closed_port_url(),
        fallback_base_url=closed_port_url(),
        max_retries=0,
        last_resort=TemplateBackend(),
    )
    with pytest.raises(LLMExhausted) as caught:
        await client.generate(request())  # no brief: the template writer refuses
    assert caught.value.layers == ["primary", "primary-general", "fallback", "template"]
