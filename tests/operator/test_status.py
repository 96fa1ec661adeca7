"""Status builders, conditions, TTL and backoff arithmetic (pure)."""

from __future__ import annotations

import datetime

from scriptjob_operator import status as st
from scriptjob_operator.conditions import Condition, derive_phase, merge_conditions
from scriptjob_operator.driver import retry_delay, retry_label
from scriptjob_operator.metrics import PhaseTracker
from scriptjob_operator.ttl import seconds_until_expiry

from script_agent.config.app import OperatorSettings
from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.models import QualityReport, Scene, ScriptRequest, ScriptResult
from script_agent.domain.states import WorkflowState, status_for
from script_agent.observability.metrics import OPERATOR_JOBS
from script_agent.orchestrator.run_data import RunData, RunError

NOW = datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC)


def record(state: WorkflowState, version: int = 3, **data) -> CheckpointRecord:
    payload = RunData(request=ScriptRequest(tenant="t", session_id="s"), fingerprint="f", **data)
    return CheckpointRecord(
        tenant="t",
        session_id="s",
        trace_id="trace-1",
        state=state,
        status=status_for(state),
        created_at=NOW,
        payload=payload.model_dump(mode="json"),
        version=version,
    )


def result(**kw) -> ScriptResult:
    base = dict(
        text="家人们" * 50,
        scene=Scene.OPENING,
        product_name="p",
        influencer_id="i",
        backend="openai",
        layer="primary",
        quality=QualityReport(score=88.456, passed=True),
    )
    return ScriptResult(**{**base, **kw})


def test_last_transition_time_changes_only_when_status_flips():
    first = merge_conditions(None, [Condition("Ready", "False", "Running", "a")], now="T1", generation=1)
    same = merge_conditions(first, [Condition("Ready", "False", "Running", "b")], now="T2", generation=2)
    flipped = merge_conditions(same, [Condition("Ready", "True", "Completed", "c")], now="T3", generation=2)
    assert first[0]["lastTransitionTime"] == "T1"
    assert (
        same[0]["lastTransitionTime"] == "T1"
        and same[0]["message"] == "b"
        and same[0]["observedGeneration"] == 2
    )
    assert flipped[0]["lastTransitionTime"] == "T3" and flipped[0]["reason"] == "Completed"


def test_other_conditions_are_kept_and_phase_is_derived():
    conds = merge_conditions(
        [{"type": "Custom", "status": "True"}], [Condition("Failed", "True", "X")], now="T", generation=None
    )
    assert [c["type"] for c in conds] == ["Custom", "Failed"]
    assert derive_phase(conds, started=True) == "Failed"
    assert derive_phase([], started=False) == "Pending" and derive_phase([], started=True) == "Running"
    done = [{"type": "Complete", "status": "True"}, {"type": "Degraded", "status": "True"}]
    assert derive_phase(done, started=True) == "Degraded"
    assert derive_phase(done[:1], started=True) == "Succeeded"


def test_running_then_succeeded_keeps_start_time_and_cuts_the_text():
    ctx = st.Context("", 1, 1, "2026-11-26T09:00:00Z") if False else st.Context({}, 1, 1, "T0")
    running = st.running(ctx, record(WorkflowState.PRODUCT_FETCHING, 4))
    assert (
        running["phase"] == "Running" and running["startTime"] == "T0" and running["checkpointVersion"] == 4
    )
    done = st.finished(
        st.Context(running, 1, 1, "T9"),
        record(WorkflowState.COMPLETED, 7, result=result()),
        result_max_chars=100,
    )
    assert done["phase"] == "Succeeded" and done["startTime"] == "T0" and done["completionTime"] == "T9"
    assert len(done["result"]["text"]) == 100 and done["result"]["qualityScore"] == 88.46
    assert done["message"].endswith("(excerpt)")
    ready = next(c for c in done["conditions"] if c["type"] == "Ready")
    assert ready["lastTransitionTime"] == "T9"  # False → True


def test_degraded_result_and_failures_get_their_reasons():
    ctx = st.Context({}, 1, 2, "T")
    degraded = st.finished(
        ctx,
        record(
            WorkflowState.DEGRADED,
            result=result(
                backend="template",
                layer="template",
                degraded=True,
                degraded_reason="fallback backend served the script",
            ),
        ),
        result_max_chars=2000,
    )
    assert degraded["phase"] == "Degraded" and degraded["result"]["degraded"] is True
    assert {c["type"]: c["reason"] for c in degraded["conditions"]}["Degraded"] == "LastResortBackend"
    exhausted = st.finished(
        ctx,
        record(WorkflowState.FAILED, error=RunError(code="llm_unavailable", message="down", retryable=True)),
        result_max_chars=2000,
    )
    assert {c["type"]: c["reason"] for c in exhausted["conditions"]}["Failed"] == "BackoffLimitExceeded"
    permanent = st.finished(
        ctx,
        record(WorkflowState.FAILED, error=RunError(code="quality_failed", message="bad")),
        result_max_chars=2000,
    )
    assert permanent["phase"] == "Failed" and permanent["message"] == "quality_failed: bad"
    assert {c["type"]: c["reason"] for c in permanent["conditions"]}["Failed"] == "QualityCheckFailed"
    asked = st.finished(
        ctx, record(WorkflowState.INTENT_CLARIFYING, clarification="哪款?"), result_max_chars=2000
    )
    assert asked["phase"] == "Failed" and "哪款?" in asked["message"]
    assert st.camel("checkpoint_corrupt") == "CheckpointCorrupt"


def test_ttl_counts_from_completion_time():
    status = {"phase": "Succeeded", "completionTime": "2026-11-26T08:59:50Z"}
    assert seconds_until_expiry({"ttlSecondsAfterFinished": 30}, status, NOW) == 20
    assert seconds_until_expiry({"ttlSecondsAfterFinished": 5}, status, NOW) == -5
    assert seconds_until_expiry({}, status, NOW) is None
    assert seconds_until_expiry({"ttlSecondsAfterFinished": 5}, {"phase": "Running"}, NOW) is None


def test_backoff_doubles_up_to_its_cap_and_labels_are_bounded():
    settings = OperatorSettings(retry_delay_s=2, retry_max_delay_s=10)
    assert [retry_delay(settings, n) for n in (1, 2, 3, 4)] == [2, 4, 8, 10]
    assert retry_label("llm_timeout") == "llm_timeout" and retry_label("llm_http_503") == "llm_error"
    assert retry_label("whatever") == "other"


def test_phase_tracker_counts_each_job_once():
    tracker = PhaseTracker()
    tracker.observe("a", None)
    tracker.observe("b", "Running")
    tracker.observe("b", "Succeeded")
    tracker.observe("c", "Bogus")
    assert tracker.counts() == {"Pending": 2, "Running": 0, "Succeeded": 1, "Failed": 0, "Degraded": 0}
    tracker.forget("a")
    assert tracker.counts()["Pending"] == 1


def test_phase_tracker_gauge_follows_every_change_and_repeats_are_known():
    tracker = PhaseTracker()
    for uid in ("a", "b", "c"):
        tracker.observe(uid, "Running")
    tracker.observe("a", "Succeeded")
    assert tracker.knows("b", "Running") and tracker.knows("x", None) is False
    assert not tracker.knows("a", "Running")  # a phase change the watch handler must not skip
    tracker.observe("b", "Running")  # a repeat changes nothing
    tracker.forget("c")
    gauge = {p: OPERATOR_JOBS.labels(phase=p)._value.get() for p in tracker.counts()}
    assert gauge == {"Pending": 0, "Running": 1, "Succeeded": 1, "Failed": 0, "Degraded": 0}
