"""Retries with backoff, BackoffLimitExceeded, and permanent errors that fail at once."""

from __future__ import annotations

import dataclasses

import yaml

from script_agent.observability.metrics import OPERATOR_RETRIES
from script_agent.testing.k8s import K8sApi
from script_agent.testing.k8s.columns import row
from script_agent.testing.k8s.fixtures import SCRIPTJOB_CRD
from script_agent.testing.llm_upstream import Fault

from .conftest import job
from .support import checkpoints, states, wait_finished, wait_reasons

PROJECT_CRD = yaml.safe_load(SCRIPTJOB_CRD.read_text(encoding="utf-8"))


def create_unchecked(api: K8sApi, body: dict) -> dict:
    """Store a ScriptJob without the CRD's CEL admission, like one written before a rule existed."""

    def put(emulator):
        meta = dataclasses.replace(emulator.meta("scriptagent.dev", "v1alpha1", "scriptjobs"), validate=None)
        return emulator.store.create(meta, "default", body)

    return api.server.call(put)


def retries_counted() -> float:
    return sum(s.value for m in OPERATOR_RETRIES.collect() for s in m.samples if s.name.endswith("_total"))


def conditions_of(obj):
    return {c["type"]: c for c in obj["status"]["conditions"]}


def test_retryable_upstream_failure_is_retried_until_success(k8s_api, start_operator, upstream, redis_prefix):
    upstream.script(Fault.http(503), Fault.http(503), Fault.ok())
    before = retries_counted()
    start_operator()
    k8s_api.create(job("flaky", backoffLimit=3))
    obj = wait_finished(k8s_api, "flaky")

    assert obj["status"]["phase"] == "Succeeded"
    assert obj["status"]["attempts"] == 3  # two failed attempts, the third succeeded
    assert [r.fault for r in upstream.chat_requests()] == ["status", "status", "ok"]
    # the failed state was retried from its checkpoint: no state before it ran twice
    assert states(checkpoints(redis_prefix, obj)).count("PRODUCT_FETCHING") == 1
    found = wait_reasons(k8s_api, "flaky", "Completed")
    assert found.count("Retrying") == 2
    assert retries_counted() - before == 2


def test_exhausted_retries_fail_with_backoff_limit_exceeded(k8s_api, start_operator, upstream, redis_prefix):
    upstream.script(*[Fault.http(503)] * 10)
    start_operator()
    k8s_api.create(job("down", backoffLimit=1))
    obj = wait_finished(k8s_api, "down")
    status = obj["status"]

    assert status["phase"] == "Failed" and status["state"] == "FAILED"
    assert status["attempts"] == 2  # backoffLimit 1: one retry after the first attempt
    assert len(upstream.chat_requests()) == 2
    failed = conditions_of(obj)["Failed"]
    assert failed["status"] == "True" and failed["reason"] == "BackoffLimitExceeded"
    assert conditions_of(obj)["Ready"]["status"] == "False"
    assert "backoff limit 1 exceeded after 2 attempts" in status["message"]
    assert states(checkpoints(redis_prefix, obj))[-1] == "FAILED"
    assert status["checkpointVersion"] == checkpoints(redis_prefix, obj)[-1].version
    assert "completionTime" in status
    wait_reasons(k8s_api, "down", "Failed")
    events = k8s_api.events(involved="down")
    last_transition = [e["message"] for e in events if e["reason"] == "StateChanged"][-1]
    assert last_transition.startswith("SCRIPT_GENERATING → FAILED")  # the step into the terminal state too
    wide = row(PROJECT_CRD, obj, wide=True)  # what `kubectl get sj -o wide` shows
    assert wide["Phase"] == "Failed" and wide["Reason"] == "BackoffLimitExceeded"
    assert wide["Message"] == status["message"] and "backoff limit 1 exceeded" in wide["Message"]
    assert "Reason" not in row(PROJECT_CRD, obj)  # priority 1: only with -o wide


def test_invalid_spec_fails_at_once_with_a_clear_message(k8s_api, start_operator, upstream, redis_prefix):
    # The CRD's CEL rule rejects this at create (test_emulator_cel.py); an object that predates the rule
    # (stored without admission here) must still fail cleanly.
    start_operator()
    create_unchecked(k8s_api, job("no-product", product={"brand": "花漾", "price": 99}))
    obj = wait_finished(k8s_api, "no-product")
    status = obj["status"]

    assert status["phase"] == "Failed"
    failed = conditions_of(obj)["Failed"]
    assert failed["reason"] == "InvalidSpec"
    assert (
        status["message"] == "invalid spec: spec.product: product needs an id, or an inline name and category"
    )
    assert failed["message"] == status["message"] and "completionTime" in status
    assert checkpoints(redis_prefix, obj) == [] and upstream.chat_requests() == []
    wait_reasons(k8s_api, "no-product", "InvalidSpec")


def test_unknown_influencer_id_fails_at_once_without_retries(k8s_api, start_operator, upstream, redis_prefix):
    start_operator()
    k8s_api.create(job("ghost", influencer={"id": "nobody-by-this-id"}, backoffLimit=5))
    obj = wait_finished(k8s_api, "ghost")
    status = obj["status"]

    assert status["phase"] == "Failed" and status["attempts"] == 1
    assert conditions_of(obj)["Failed"]["reason"] == "NotFound"
    assert "influencer 'nobody-by-this-id' not found" in status["message"]
    assert states(checkpoints(redis_prefix, obj))[-2:] == ["PROFILE_FETCHING", "FAILED"]
    assert upstream.chat_requests() == []


def test_last_resort_fallback_degrades_the_job_and_says_so(k8s_api, start_operator, upstream):
    upstream.script(*[Fault.http(503)] * 10)
    start_operator(LLM_TEMPLATE_LAST_RESORT="true")
    k8s_api.create(job("fallback"))
    obj = wait_finished(k8s_api, "fallback")
    status = obj["status"]

    assert status["phase"] == "Degraded" and status["state"] == "DEGRADED"
    assert status["result"]["backend"] == "template" and status["result"]["degraded"] is True
    conditions = conditions_of(obj)
    assert conditions["Complete"]["status"] == "True" and conditions["Ready"]["reason"] == "Degraded"
    assert conditions["Degraded"]["reason"] == "LastResortBackend"
    found = wait_reasons(k8s_api, "fallback", "Fallback", "Degraded")
    assert "Retrying" not in found  # the client's own fallback handled it: no job-level retry
