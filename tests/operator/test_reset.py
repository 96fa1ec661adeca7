"""A job whose generation breaks mid-stream: the operator regenerates on the next layer and records
the reset in the job's status and as a GenerationReset Event (real kopf, emulated API, real Redis)."""

from __future__ import annotations

from script_agent.testing.llm_upstream import Fault

from .conftest import job
from .support import checkpoints, wait_finished, wait_reasons


def test_a_stream_broken_mid_way_is_regenerated_and_recorded(
    k8s_api, start_operator, upstream, redis_prefix
) -> None:
    upstream.script(Fault.stall(after_chunks=2, delay_s=30))
    start_operator(LLM_TEMPLATE_LAST_RESORT="true", LLM_STREAM_IDLE_TIMEOUT_S="0.5")
    k8s_api.create(job("broken", backoffLimit=0))
    obj = wait_finished(k8s_api, "broken")
    status = obj["status"]

    assert status["phase"] == "Degraded" and status["result"]["backend"] == "template"
    assert status["resets"] == 1 and status["lastReset"] == "attempt 1 on primary-general (idle_timeout)"
    assert status["attempts"] == 1  # recovered inside the run: no operator retry used
    assert len(upstream.chat_requests()) == 1  # the broken layer was not asked again
    reasons = wait_reasons(k8s_api, "broken", "GenerationReset")
    assert reasons.count("GenerationReset") == 1
    events = k8s_api.events(involved="broken")
    message = next(e["message"] for e in events if e["reason"] == "GenerationReset")
    assert message.startswith("attempt 1 broke mid-stream on layer primary-general (idle_timeout)")
    history = checkpoints(redis_prefix, obj)
    generating = [cp for cp in history if cp.state == "SCRIPT_GENERATING"]
    assert len(generating) == 2 and generating[1].payload["partials"][0]["attempt"] == 1
