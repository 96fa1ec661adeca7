"""The operator's log lines for a job carry that job's trace id (status.traceId), the LLM client's
upstream calls included: the job's kopf daemon sets it in its own context."""

from __future__ import annotations

import logging

import pytest

from script_agent.observability.logging import TraceIdFilter

from .conftest import job
from .support import wait_finished


def test_job_log_lines_carry_the_jobs_trace_id(
    k8s_api, start_operator, upstream, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.handler.addFilter(TraceIdFilter())
    with caplog.at_level(logging.DEBUG, logger="script_agent.llm.backends.base"):
        start_operator()
        k8s_api.create(job("traced"))
        obj = wait_finished(k8s_api, "traced")
    trace = obj["status"]["traceId"]
    calls = [r for r in caplog.records if r.getMessage().startswith("upstream POST")]
    assert calls, "the job's LLM call must have been logged at DEBUG"
    assert {r.trace_id for r in calls} == {trace}
