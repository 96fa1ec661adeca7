"""ScriptJob spec → ScriptRequest (pure)."""

from __future__ import annotations

import pytest
from scriptjob_operator.spec import InvalidSpec, default_session_id, parse_spec, to_request

from script_agent.domain.models import Product, Scene

from .conftest import EXAMPLE

UID = "0f3c2a9e-1111-2222-3333-444455556666"


def request_for(spec, **kwargs):
    return to_request(parse_spec(spec), namespace="shop", name="job-a", uid=UID, **kwargs)


def test_example_spec_maps_every_field():
    req = request_for(EXAMPLE["spec"])
    assert req.tenant == "mcn-demo" and req.scene is Scene.SELLING_POINTS
    assert req.session_id == "sj-shop-job-a-0f3c2a9e"
    assert req.idempotency_key == f"sj-{UID}"
    assert req.product is not None and req.product.selling_points[0] == "12小时持久不脱色"
    assert req.product.price == 129 and req.product.features[1] == "丝绒哑光质地"
    assert req.influencer is not None and req.influencer.name == "小鹿姐姐"
    style = req.influencer.style
    assert (style.sentence_length, style.humor_level, style.interaction_frequency) == ("short", 0.6, 0.8)
    assert style.catchphrases == ["宝宝们", "闭眼入"]
    assert req.llm.max_tokens == 600 and req.llm.temperature == 0.8


def test_ids_are_passed_for_the_repositories():
    spec = {
        "tenant": "t",
        "scene": "opening",
        "product": {"id": "lipstick-316"},
        "influencer": {"id": "xiaomei"},
    }
    req = request_for(spec)
    assert req.product is None and req.product_id == "lipstick-316"
    assert req.influencer is None and req.influencer_id == "xiaomei"


def test_id_with_partial_overrides_merges_the_stored_product():
    spec = {
        "tenant": "t",
        "scene": "promotion",
        "product": {"id": "p1", "price": 99},
        "influencer": {"id": "x"},
    }
    job = parse_spec(spec)
    assert job.needs_product_lookup()
    stored = Product(id="p1", name="口红", category="美妆", price=129, features=["3.5g"])
    req = to_request(job, namespace="n", name="j", uid=UID, stored_product=stored)
    assert req.product is not None
    assert (req.product.name, req.product.price, req.product.features) == ("口红", 99, ["3.5g"])


def test_explicit_session_id_wins_and_long_names_stay_within_bounds():
    spec = {**EXAMPLE["spec"], "sessionId": "campaign-42"}
    assert request_for(spec).session_id == "campaign-42"
    long_name = "x" * 250
    sid = default_session_id("shop", long_name, UID)
    assert len(sid) <= 128 and sid.startswith("sj-shop-") and sid.endswith("-0f3c2a9e")
    assert sid != default_session_id("shop", "y" * 250, UID)


@pytest.mark.parametrize(
    "patch, fragment",
    [
        ({"product": {"brand": "b"}}, "spec.product: product needs an id, or an inline name and category"),
        (
            {"influencer": {"id": "a", "profile": {"name": "b"}}},
            "spec.influencer: influencer needs exactly one",
        ),
        ({"scene": "dance"}, "spec.scene: Input should be 'opening'"),
        ({"tenant": "bad tenant!"}, "spec.tenant: String should match pattern"),
        ({"llm": {"maxTokens": 5}}, "spec.llm.maxTokens: Input should be greater than or equal to 16"),
        ({"backoffLimit": 11}, "spec.backoffLimit: Input should be less than or equal to 10"),
    ],
)
def test_invalid_specs_name_the_field(patch, fragment):
    with pytest.raises(InvalidSpec) as err:
        parse_spec({**EXAMPLE["spec"], **patch})
    assert fragment in err.value.message


def test_missing_required_fields_and_non_objects():
    with pytest.raises(InvalidSpec, match=r"spec\.tenant: Field required"):
        parse_spec({"scene": "opening", "product": {"id": "p"}, "influencer": {"id": "i"}})
    with pytest.raises(InvalidSpec, match="spec must be an object"):
        parse_spec(None)
