"""The operator as a real subprocess (the project CLI), SIGKILLed mid-job and restarted.

1. The kill lands while the job waits for its LLM call (a slow upstream), after five checkpoints.
   The restarted operator continues from the latest Redis checkpoint: no finished state runs again,
   and the upstream completes exactly the one call an uninterrupted run needs (the call cut off by
   the kill never completed; the re-run repeats its Idempotency-Key).
2. The kill lands between a checkpoint write and its status patch (the API server holds the write):
   the restart continues the same run (same trace id), it does not start a new one.
"""

from __future__ import annotations

import asyncio
import socket
import sys

import httpx
import kmock

from script_agent.testing.k8s import SCRIPTJOBS
from script_agent.testing.llm_upstream import Fault

from .conftest import job
from .support import checkpoints, states, wait_finished, wait_reasons
from .test_lifecycle import STATES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_cli_operator(run_kopf, op_env: dict[str, str]) -> tuple[object, int]:
    """`script-agent operator` as a child process; returns it and its metrics port."""
    liveness, metrics = free_port(), free_port()
    env = {
        **op_env,
        "OPERATOR_BIND_HOST": "127.0.0.1",
        "OPERATOR_LIVENESS_PORT": str(liveness),
        "OPERATOR_METRICS_PORT": str(metrics),
    }
    argv = [sys.executable, "-m", "script_agent.cli.main", "operator", "--namespace=default", "--standalone"]
    ready = f"http://127.0.0.1:{liveness}/healthz"
    return run_kopf(subprocess=True, argv=argv, env=env, ready_url=ready, timeout=60), metrics


def test_sigkill_mid_job_then_restart_resumes_from_the_checkpoint(
    redis_prefix, k8s_api, run_kopf, op_env, upstream
):
    upstream.script(Fault.slow_first_byte(60))
    operator, metrics = start_cli_operator(run_kopf, op_env)
    created = k8s_api.create(job("crashy"))
    k8s_api.wait_for(
        lambda: (
            states(checkpoints(redis_prefix, created))[-1:] == ["SCRIPT_GENERATING"]
            and upstream.chat_requests()
        ),
        30,
        "the job to wait inside SCRIPT_GENERATING",
    )
    operator.kill()
    before = checkpoints(redis_prefix, created)
    assert states(before) == STATES[:5]

    operator.restart(timeout=60)
    obj = wait_finished(k8s_api, "crashy", timeout=60)

    assert obj["status"]["phase"] == "Succeeded", operator.logs()[-3000:]
    after = checkpoints(redis_prefix, obj)
    assert states(after) == STATES  # every state checkpointed exactly once across both processes
    assert [r.version for r in after[:5]] == [r.version for r in before]  # history kept, continued
    assert obj["status"]["attempts"] == 1  # a crash is not a failed attempt
    calls = upstream.chat_requests()
    assert [c.fault for c in calls] == ["slow", "ok"]  # the first never completed: one call served
    assert len({c.idempotency_key for c in calls}) == 1  # the re-run call repeats the same key
    wait_reasons(k8s_api, "crashy", "Resumed", "Completed")
    text = httpx.get(f"http://127.0.0.1:{metrics}/metrics", timeout=5).text
    assert "script_agent_operator_resumes_total 1.0" in text
    assert 'script_agent_operator_jobs{phase="Succeeded"} 1.0' in text
    assert k8s_api.find(SCRIPTJOBS, "crashy") is not None


def test_sigkill_between_a_checkpoint_and_its_status_patch(redis_prefix, k8s_api, run_kopf, op_env, upstream):
    """The first /status write hangs at the API server. Progress is written behind the step loop, so
    the run goes on to its terminal checkpoint while the status shows nothing; the job's end is
    written in line and waits behind the hung write. The kill lands then: every checkpoint is in
    Redis, none in the status. The restart continues that run (same trace, no second LLM call)."""

    async def hang() -> None:
        await asyncio.sleep(60)

    first_status_write = kmock.action.UPDATE, kmock.resource(SCRIPTJOBS), kmock.subresource("status")
    k8s_api.server.call(lambda emu: emu[first_status_write][:1] << hang)
    operator, _ = start_cli_operator(run_kopf, op_env)
    created = k8s_api.create(job("half-written"))
    k8s_api.wait_for(lambda: states(checkpoints(redis_prefix, created)) == STATES, 30, "every checkpoint")
    k8s_api.wait_for(
        lambda: k8s_api.requests("PATCH", SCRIPTJOBS, name="half-written", subresource="status"),
        10,
        "the write",
    )
    operator.kill()
    first = checkpoints(redis_prefix, created)[0]
    assert "status" not in k8s_api.get(SCRIPTJOBS, "half-written")

    operator.restart(timeout=60)
    obj = wait_finished(k8s_api, "half-written", timeout=60)

    assert obj["status"]["phase"] == "Succeeded", operator.logs()[-3000:]
    after = checkpoints(redis_prefix, obj)
    assert states(after) == STATES and after[0].version == first.version
    assert obj["status"]["traceId"] == first.trace_id  # the same run, continued
    assert len(upstream.chat_requests()) == 1
