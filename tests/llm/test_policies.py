"""Pure policy pieces: error classification, Retry-After parsing, backoff."""

from __future__ import annotations

import random

import httpx
import pytest

from script_agent.llm import errors
from script_agent.llm.backoff import Backoff
from script_agent.ports.llm import ErrorClass


@pytest.mark.parametrize(
    ("status", "body", "klass", "reason"),
    [
        (401, "", ErrorClass.FATAL, "unauthorized"),
        (403, "", ErrorClass.FATAL, "unauthorized"),
        (408, "", ErrorClass.RETRYABLE, "timeout"),
        (425, "", ErrorClass.RETRYABLE, "timeout"),
        (429, "", ErrorClass.RETRYABLE, "rate_limited"),
        (500, "", ErrorClass.RETRYABLE, "server_error"),
        (502, "", ErrorClass.RETRYABLE, "server_error"),
        (503, "", ErrorClass.RETRYABLE, "overloaded"),
        (504, "", ErrorClass.RETRYABLE, "server_error"),
        (404, "The model `x` does not exist.", ErrorClass.FALLBACK, "model_not_found"),
        (404, "model 'x' not found", ErrorClass.FALLBACK, "model_not_found"),
        (404, '{"detail":"Not Found"}', ErrorClass.FALLBACK, "path_not_found"),
        (404, "", ErrorClass.FALLBACK, "path_not_found"),
        (400, "This model's maximum context length is 4096", ErrorClass.FALLBACK, "context_length"),
        (413, "", ErrorClass.FALLBACK, "context_length"),
        (400, "bad temperature", ErrorClass.FATAL, "bad_request"),
        (422, "", ErrorClass.FATAL, "bad_request"),
    ],
)
def test_status_classification(status: int, body: str, klass: ErrorClass, reason: str) -> None:
    err = errors.from_status(status, body, httpx.Headers())
    assert (err.error_class, err.reason, err.status) == (klass, reason, status)


def test_exception_classification_and_breaker_counting() -> None:
    request = httpx.Request("POST", "http://x")
    assert errors.from_exception(httpx.ConnectError("refused", request=request)).reason == "connect"
    assert errors.from_exception(httpx.ReadTimeout("slow", request=request)).reason == "timeout"
    assert errors.from_exception(httpx.RemoteProtocolError("cut", request=request)).reason == "truncated"
    assert errors.counts_against_breaker(errors.from_status(503, "", None))
    assert not errors.counts_against_breaker(errors.from_status(401, "", None))
    assert not errors.counts_against_breaker(errors.from_status(413, "", None))
    assert not errors.counts_against_breaker(errors.CircuitOpenError("x"))


def test_retry_after_parsing() -> None:
    assert errors.parse_retry_after("2") == 2.0
    assert errors.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert errors.parse_retry_after("soon") is None
    assert errors.parse_retry_after(None) is None
    headers = httpx.Headers({"retry-after": "1.5"})
    assert errors.from_status(429, "", headers).retry_after == 1.5


def test_backoff_full_jitter_and_retry_after_cap() -> None:
    backoff = Backoff(base_s=0.1, max_s=1.0, retry_after_max_s=3.0, rng=random.Random(7))
    for attempt in range(8):
        delay = backoff.delay(attempt)
        assert delay is not None and 0 <= delay <= min(1.0, 0.1 * 2**attempt)
    assert backoff.delay(0, retry_after=2.0) == 2.0
    assert backoff.delay(0, retry_after=30.0) is None, "longer than we would wait: leave the layer"
