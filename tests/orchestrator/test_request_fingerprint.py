"""The request fingerprint is remembered per request object (run_data.request_fingerprint), so a
request must not change under it: requests and the models they carry are frozen, and a changed
request is a new object with its own fingerprint."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from script_agent.domain.models import ScriptRequest
from script_agent.orchestrator.run_data import request_fingerprint


def _request() -> ScriptRequest:
    return ScriptRequest.model_validate(
        {
            "tenant": "t1",
            "session_id": "s1",
            "query": "写一段开场",
            "product": {"name": "保温杯", "features": ["316不锈钢"]},
            "influencer": {"id": "i1", "name": "小美"},
            "idempotency_key": "k1",
        }
    )


def test_a_request_cannot_be_changed_in_place() -> None:
    request = _request()
    request_fingerprint(request)  # cached for this object from here on
    for target, field, value in (
        (request, "query", "写一段促销"),
        (request.product, "name", "焖烧杯"),
        (request.influencer, "name", "小丽"),
        (request.influencer.style if request.influencer else None, "tone", "活泼"),
        (request.llm, "temperature", 0.9),
    ):
        with pytest.raises(ValidationError, match="frozen"):
            setattr(target, field, value)


def test_a_rebuilt_request_gets_the_fingerprint_of_what_it_now_says() -> None:
    request = _request()
    before = request_fingerprint(request)
    assert request_fingerprint(request) == before  # served from the cache

    changed = request.model_copy(update={"query": "写一段促销"})
    assert request_fingerprint(changed) != before
    assert request_fingerprint(changed) == request_fingerprint(
        ScriptRequest.model_validate({**request.model_dump(), "query": "写一段促销"})
    )
    product = request.product.model_copy(update={"name": "焖烧杯"}) if request.product else None
    assert request_fingerprint(request.model_copy(update={"product": product})) != before

    rebuilt = ScriptRequest.model_validate(request.model_dump())  # same payload, another object
    assert rebuilt is not request
    assert request_fingerprint(rebuilt) == before
    # the idempotency key is not part of the payload's identity
    assert request_fingerprint(request.model_copy(update={"idempotency_key": "k2"})) == before


def test_a_field_at_its_default_does_not_change_the_fingerprint() -> None:
    request = _request()
    explicit = ScriptRequest.model_validate(
        {**request.model_dump(exclude_defaults=True), "scene": None, "event": None}
    )
    assert request_fingerprint(explicit) == request_fingerprint(request)


def test_a_release_that_adds_a_defaulted_field_keeps_the_stored_fingerprints() -> None:
    class NextRelease(ScriptRequest):
        tone_hint: str = ""  # a field a later release might add, with a default

    request = _request()
    upgraded = NextRelease.model_validate(request.model_dump())
    assert request_fingerprint(upgraded) == request_fingerprint(request)
    assert request_fingerprint(NextRelease.model_validate({**request.model_dump(), "tone_hint": "燃"})) != (
        request_fingerprint(request)
    )
