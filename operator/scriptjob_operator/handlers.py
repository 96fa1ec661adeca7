"""kopf handlers, registered into a registry of their own (no import-time global state).

Why one daemon per job rather than on.create/on.resume handlers: a daemon is its own task, so
 - a job being deleted is stopped promptly (kopf sets `stopped`, then cancels after a grace period),
   while a long create handler would keep the object's worker busy until the LLM call returned;
 - after a restart kopf spawns a daemon for every unfinished job it lists — that is the resume;
 - `kopf.TemporaryError(delay=)` still gives the backoff between attempts.
The daemon exists only while there is work: unfinished jobs, or finished ones with a TTL to honour
(the `when` filter). kopf keeps its finalizer on exactly those, so a job is never deleted under a
running step, and removes it when the daemon is done.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
from typing import Any

import kopf

from scriptjob_operator import kopfconf, ttl
from scriptjob_operator.app import OperatorApp
from scriptjob_operator.resource import FINISHED_PHASES, GROUP, PLURAL, VERSION

log = logging.getLogger(__name__)
# After cancellation a daemon only runs its `finally` blocks (releasing the session lock: one Redis
# call with a sub-second timeout); kopf re-checks it after this long, so keep it short.
CLEANUP_TIMEOUT_S = 3.0
FINISHED_LINGER_S = 60.0


def needs_daemon(spec: Any, status: Any, **_: Any) -> bool:
    """Unfinished jobs are driven; finished jobs with a TTL wait for their deletion time."""
    if (status or {}).get("phase") not in FINISHED_PHASES:
        return True
    return (spec or {}).get("ttlSecondsAfterFinished") is not None


def _login_sequence(**kwargs: Any) -> kopf.ConnectionInfo | None:
    info: kopf.ConnectionInfo | None = None
    if importlib.util.find_spec("kubernetes") is not None:
        info = kopf.login_via_client(**kwargs)
    return info or kopf.login_with_service_account(**kwargs) or kopf.login_with_kubeconfig(**kwargs)


def login(app: OperatorApp, **kwargs: Any) -> kopf.ConnectionInfo | None:
    """kopf's own login order (client library if installed, in-cluster service account, kubeconfig);
    the result is also handed to the operator's status client, with a way to run the same sequence
    again when one of its own calls gets a 401 (a rotated token is re-read from where it lives)."""
    info = _login_sequence(**kwargs)
    if info is not None:

        async def relogin() -> kopf.ConnectionInfo | None:
            return await asyncio.to_thread(_login_sequence, **kwargs)

        app.kube.configure(info, relogin=relogin)
    return info


def build_registry(app: OperatorApp) -> kopf.OperatorRegistry:
    registry = kopf.OperatorRegistry()
    op = app.settings.operator

    @kopf.on.startup(registry=registry)
    async def _startup(settings: kopf.OperatorSettings, **_: Any) -> None:
        kopfconf.configure(settings, op)
        await app.start()

    @kopf.on.cleanup(registry=registry)
    async def _cleanup(**_: Any) -> None:
        await app.stop()

    @kopf.on.login(registry=registry)
    def _login(**kwargs: Any) -> kopf.ConnectionInfo | None:
        return login(app, **kwargs)

    @kopf.on.probe(id="jobs", registry=registry)
    def _jobs_probe(**_: Any) -> dict[str, int]:
        return app.phases.counts()

    def _phase_news(type: str, body: kopf.Body, **_: Any) -> bool:
        """Only events the tracker needs: a deletion, or a phase it has not seen for that job. Most
        watch events of a running job are progress at an unchanged phase, and kopf's invocation of
        a handler (its kwargs, logger, outcome) costs far more than this test."""
        if type == "DELETED":
            return True
        uid = body.get("metadata", {}).get("uid", "")
        return not app.phases.knows(uid, body.get("status", {}).get("phase"))

    # async: kopf runs a sync handler in its thread pool, a thread hop for every watch event of every job
    @kopf.on.event(GROUP, VERSION, PLURAL, id=kopfconf.TRACKER_ID, registry=registry, when=_phase_news)
    async def _track(event: kopf.RawEvent, body: kopf.Body, **_: Any) -> None:
        uid = body.get("metadata", {}).get("uid", "")
        if event.get("type") == "DELETED":
            app.phases.forget(uid)
            app.driver.forget(uid)
            meta = body.get("metadata", {})
            app.kube.forget(meta.get("namespace", ""), meta.get("name", ""))
        else:
            app.phases.observe(uid, body.get("status", {}).get("phase"))

    @kopf.daemon(
        GROUP,
        VERSION,
        PLURAL,
        id="job",
        registry=registry,
        when=needs_daemon,
        backoff=max(1.0, op.retry_delay_s),
        cancellation_backoff=op.stop_grace_s,
        cancellation_timeout=CLEANUP_TIMEOUT_S,
    )
    async def _job(body: kopf.Body, stopped: kopf.DaemonStopped, **_: Any) -> None:
        status = await app.driver.run(body, stopping=lambda: bool(stopped))
        if status is None:
            return
        await _expire(app, body, status, stopped)

    return registry


async def _expire(
    app: OperatorApp, body: kopf.Body, status: dict[str, Any], stopped: kopf.DaemonStopped
) -> None:
    remaining = ttl.seconds_until_expiry(body.get("spec") or {}, status)
    if remaining is None:
        # Wait for kopf to see the final status and stop the daemon (`when` no longer matches),
        # rather than returning now: kopf removes its finalizer once the daemon has exited, from
        # the event it is processing then. Returning at once, that is one of the job's older
        # progress events still queued: each such removal fails its resourceVersion test (a 422)
        # and is retried on the next event — and under load kopf runs tens of seconds behind its
        # watch, so the wait is long. Bounded, for a watch that never delivers it.
        await stopped.wait(FINISHED_LINGER_S)
        return
    if remaining > 0:
        await stopped.wait(remaining)
        if stopped:
            return
    meta = body.get("metadata") or {}
    log.info("deleting %s/%s: ttlSecondsAfterFinished elapsed", meta.get("namespace"), meta.get("name"))
    await app.kube.delete(meta["namespace"], meta["name"], meta["uid"])
