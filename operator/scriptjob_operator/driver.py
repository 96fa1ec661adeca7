"""Drives one ScriptJob through the orchestrator, one workflow state at a time.

One call of `JobDriver.run` is one attempt's worth of work in a run session of the orchestrator's
run API (script_agent/orchestrator/runs.py: the session lease, the one resume rule, steps, recording
a failure), patching status (through /status) and posting an Event after every step. Nothing here
knows the order of states or when a run resumes; what is here is Kubernetes: the spec, status,
conditions, Events, backoff and TTL. A ScriptJob is one run for its whole life, so it resumes with
`continuing`: a finished run is reported, never run again.

Failures: a retryable StepFailed raises `kopf.TemporaryError` (kopf sleeps, then calls again and
the run resumes from the same checkpoint) until `spec.backoffLimit` retries are used, then the run
is recorded FAILED through the session's `fail` (reason BackoffLimitExceeded). Permanent errors fail at once.
Lock contention and API/Redis outages are not the job's fault: they retry without using attempts.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import kopf

from script_agent.config.app import OperatorSettings
from script_agent.domain.checkpoint import CheckpointRecord
from script_agent.domain.errors import LockLost, LockTimeout, StaleFence, StoreUnavailable
from script_agent.domain.models import ScriptRequest
from script_agent.domain.states import WorkflowState
from script_agent.observability.logging import TRACE_ID, bound_trace_id
from script_agent.observability.metrics import OPERATOR_RESUMES, OPERATOR_RETRIES, OPERATOR_STEP_SECONDS
from script_agent.orchestrator.engine import StepFailed
from script_agent.orchestrator.events import StepDone
from script_agent.orchestrator.run_data import RunError, pending_reset
from script_agent.orchestrator.runs import Runs, RunSession, Start
from script_agent.ports.repositories import ProductRepository
from scriptjob_operator import events as ev
from scriptjob_operator import status as st
from scriptjob_operator.kube import JobGone, KubeClient, KubeError
from scriptjob_operator.resource import FINALIZER, FINISHED_PHASES
from scriptjob_operator.spec import InvalidSpec, JobSpec, parse_spec, to_request
from scriptjob_operator.tenancy import NamespaceTenancy, TenantRejected, check

log = logging.getLogger(__name__)
FINALIZER_WAIT_S = 2.0
_RETRY_REASONS = frozenset(
    {
        "llm_timeout",
        "llm_unavailable",
        "store_unavailable",
        "lock_lost",
        "stale_fence",
        "step_timeout",
        "internal",
    }
)


def retry_delay(settings: OperatorSettings, failures: int) -> float:
    """Exponential backoff: retry_delay_s, doubled per failure, capped at retry_max_delay_s."""
    return min(settings.retry_delay_s * (2.0 ** max(0, failures - 1)), settings.retry_max_delay_s)


def retry_label(code: str) -> str:
    """A bounded metric label for a failure code."""
    if code in _RETRY_REASONS:
        return code
    return "llm_error" if code.startswith("llm_") else "other"


@dataclass(frozen=True)
class JobRef:
    namespace: str
    name: str
    uid: str
    generation: int | None

    @classmethod
    def of(cls, body: Mapping[str, Any]) -> JobRef:
        meta = body.get("metadata") or {}
        return cls(meta["namespace"], meta["name"], meta["uid"], meta.get("generation"))


@dataclass
class _Run:
    """One invocation's state."""

    ref: JobRef
    body: Mapping[str, Any]
    job: JobSpec
    attempts: int
    status: dict[str, Any]
    written: str | None = None  # resourceVersion of this call's last write in line, if the last write

    def ctx(self) -> st.Context:
        return st.Context.of(self.status, self.ref.generation, self.attempts)


class _Deleted(Exception):
    """The job vanished while we worked on it: stop, release what we hold."""


class JobDriver:
    def __init__(
        self,
        *,
        runs: Runs,
        products: ProductRepository,
        kube: KubeClient,
        events: ev.EventSink,
        settings: OperatorSettings,
        lock_wait_s: float,
        tenancy: NamespaceTenancy,
    ) -> None:
        self.runs = runs
        self.tenancy = tenancy
        self.products = products
        self.kube = kube
        self.events = events
        self.settings = settings
        self.lock_wait_s = lock_wait_s
        self._slots: asyncio.Semaphore | None = None
        self._driven: set[str] = set()  # uids stepped by this process (a later call is a retry)

    # --- entry -----------------------------------------------------------------------------------
    async def run(self, body: Mapping[str, Any], stopping: Callable[[], bool]) -> dict[str, Any] | None:
        """Work on the job; the final status once it is finished, None if stopped or deleted first.

        Log lines carry the job's trace id (its run's, once known; the uid before the first one)."""
        known = (body.get("status") or {}).get("traceId")
        with bound_trace_id(known or JobRef.of(body).uid):
            return await self._run(body, stopping)

    async def _run(self, body: Mapping[str, Any], stopping: Callable[[], bool]) -> dict[str, Any] | None:
        ref = JobRef.of(body)
        status = dict(body.get("status") or {})
        if status.get("phase") in FINISHED_PHASES:
            return status
        try:
            job = parse_spec(body.get("spec"))
            tenant = await self._tenant(job, ref)
            request = await self._request(job, ref, tenant)
        except InvalidSpec as exc:
            return await self._invalid(ref, body, status, exc.message)
        except TenantRejected as exc:
            return await self._invalid(ref, body, status, exc.message, reason=exc.reason)
        except _Deleted:
            return None
        run = _Run(ref, body, job, max(1, int(status.get("attempts") or 0)), status)
        try:
            return await self._with_slot(run, request, stopping)
        except _Deleted:
            self.forget(ref.uid)
            return None

    def forget(self, uid: str) -> None:
        self._driven.discard(uid)

    async def _tenant(self, job: JobSpec, ref: JobRef) -> str:
        """The tenant the namespace grants (tenancy.py), checked against `spec.tenant`. Reading the
        Namespace can fail for reasons that are not the job's (API down, RBAC not yet applied)."""
        try:
            resolution = await self.tenancy.resolve(ref.namespace)
        except JobGone:
            raise _Deleted(ref.uid) from None
        except KubeError as exc:
            raise kopf.TemporaryError(
                f"reading namespace {ref.namespace} failed: {exc}", delay=self.settings.busy_delay_s
            ) from None
        return check(job.tenant, resolution, ref.namespace)

    async def _request(self, job: JobSpec, ref: JobRef, tenant: str) -> ScriptRequest:
        stored = None
        if job.needs_product_lookup():
            stored = await self.products.get(job.product.id or "")
            if stored is None:
                raise InvalidSpec(f"spec.product.id: product '{job.product.id}' not found")
        return to_request(
            job, namespace=ref.namespace, name=ref.name, uid=ref.uid, stored_product=stored, tenant=tenant
        )

    async def _with_slot(
        self, run: _Run, request: ScriptRequest, stopping: Callable[[], bool]
    ) -> dict[str, Any] | None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.settings.max_concurrent_jobs)
        if self._slots.locked() and not run.status.get("phase"):
            await self._after_kopf_finalizer(run)
            await self._patch(
                run, st.pending(run.ctx(), "waiting for a free slot (OPERATOR_MAX_CONCURRENT_JOBS)")
            )
        async with self._slots:
            try:
                async with self.runs.session(request, wait_s=self.lock_wait_s) as session:
                    watched = self._watched(run)
                    if not watched and await self._refresh(run):
                        return run.status  # finished while we waited (another replica, or before a crash)
                    return await self._drive(run, session, stopping, reread=watched)
            except LockTimeout:
                raise kopf.TemporaryError(
                    f"session {request.session_id} is locked by another holder; waiting",
                    delay=self.settings.busy_delay_s,
                ) from None
            except (StoreUnavailable, LockLost, StaleFence) as exc:
                # Redis down, or our lease lost to another holder while writing a checkpoint: not
                # the job's fault, so no attempt is used; the next call starts over.
                raise kopf.TemporaryError(
                    f"{exc.code}: {exc.message}", delay=self.settings.retry_delay_s
                ) from None

    async def _after_kopf_finalizer(self, run: _Run) -> None:
        """Before a job's first status write: wait (briefly, bounded) until kopf's live body shows
        kopf's own finalizer patch, and take the resourceVersion from it. kopf starts the daemon while
        that patch may be in flight, so a read made now can predate it, and the write conditional on
        it is refused (409: read, write again). Only jobs waiting for a slot write this early."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FINALIZER_WAIT_S
        meta: Mapping[str, Any] = run.body.get("metadata") or {}
        while FINALIZER not in (meta.get("finalizers") or ()) and loop.time() < deadline:
            await asyncio.sleep(0.05)
            meta = run.body.get("metadata") or {}
        if FINALIZER in (meta.get("finalizers") or ()):
            self.kube.seen_version(run.ref.namespace, run.ref.name, meta.get("resourceVersion"))

    def _watched(self, run: _Run) -> bool:
        """No re-read when this process knows the job's latest: its last write or read here is this
        call's own `Pending` write, or at the resourceVersion kopf's live body shows, with no write
        pending. Anyone's write since is still caught, every write being conditional on that version
        (kube.py); a finished run is re-read (`_drive`)."""
        ns, name, meta = run.ref.namespace, run.ref.name, run.body.get("metadata") or {}
        if run.written is None or not self.kube.settled(ns, name, run.written):
            if meta.get("uid") != run.ref.uid or not self.kube.settled(ns, name, meta.get("resourceVersion")):
                return False
            run.status = dict(run.body.get("status") or {})
            run.attempts = max(1, int(run.status.get("attempts") or 0))
        return run.status.get("phase") not in FINISHED_PHASES

    async def _refresh(self, run: _Run) -> bool:
        """Re-read status under the lock (RBAC: `get` on `scriptjobs/status`): the body kopf handed us
        may predate our own last patch or another replica's work. True when the job is finished."""
        try:
            fresh = await self.kube.get_status(run.ref.namespace, run.ref.name)
        except JobGone:
            raise _Deleted(run.ref.uid) from None
        except KubeError as exc:
            raise kopf.TemporaryError(
                f"reading the job failed: {exc}", delay=self.settings.busy_delay_s
            ) from None
        if (fresh.get("metadata") or {}).get("uid") != run.ref.uid:
            raise _Deleted(run.ref.uid)  # re-created under the same name: not our job any more
        run.status = dict(fresh.get("status") or {})
        run.attempts = max(1, int(run.status.get("attempts") or 0))
        return run.status.get("phase") in FINISHED_PHASES

    # --- the step loop ---------------------------------------------------------------------------
    async def _drive(
        self, run: _Run, session: RunSession, stopping: Callable[[], bool], *, reread: bool = False
    ) -> dict[str, Any] | None:
        current = await self._start_or_resume(run, session)
        cp = current.checkpoint
        if reread and cp.state.terminal and await self._refresh(run):  # status was kopf's (`_watched`)
            return run.status  # finished by another replica: reported once, by it
        TRACE_ID.set(cp.trace_id)  # the run's own id from here on; `run` restores the previous value
        if cp.state.terminal:
            return await self._finish(run, cp)
        await self._patch(run, st.running(run.ctx(), cp))
        while not cp.state.terminal:
            if stopping():
                ref = run.ref
                log.info("job %s/%s: stopping at %s (v%s)", ref.namespace, ref.name, cp.state, cp.version)
                return None
            started = time.perf_counter()
            try:
                async with asyncio.timeout(self.settings.step_timeout_s):
                    done = await session.step(current, streaming=True)
            except StepFailed as failed:
                return await self._failed(run, session, failed.checkpoint, failed.error)
            except TimeoutError:
                error = RunError(
                    code="step_timeout",
                    message=f"{cp.state} took longer than {self.settings.step_timeout_s:.0f}s",
                    retryable=True,
                )
                return await self._failed(run, session, cp, error)
            nxt = done.checkpoint
            self._announce(run, cp, done, time.perf_counter() - started)
            if nxt.state.terminal:
                status = await self._finish(run, nxt)
                OPERATOR_STEP_SECONDS.observe(time.perf_counter() - started)
                return status
            await self._patch(run, st.running(run.ctx(), nxt))
            OPERATOR_STEP_SECONDS.observe(time.perf_counter() - started)
            current, cp = done, nxt
        return await self._finish(run, cp)

    async def _start_or_resume(self, run: _Run, session: RunSession) -> StepDone:
        """This job's run by the run API's rule (runs.py); Kubernetes hears of a start, and of a
        resume the first time this process drives the job (later calls are its own retries)."""
        current = await session.resume_or_begin(trace_id=uuid.uuid4().hex, continuing=True)
        cp = current.checkpoint
        if current.start is Start.BEGUN:
            self.events.normal(
                run.body, ev.STARTED, f"{cp.state} (checkpoint v{cp.version}, trace {cp.trace_id})"
            )
        elif current.start is Start.RESUMED and run.ref.uid not in self._driven:
            OPERATOR_RESUMES.inc()
            self.events.normal(run.body, ev.RESUMED, f"continuing from checkpoint v{cp.version} ({cp.state})")
        self._driven.add(run.ref.uid)
        return current.step

    def _announce(self, run: _Run, old: CheckpointRecord, done: StepDone, elapsed_s: float) -> None:
        new, data = done.checkpoint, done.data
        message = ev.transition(old.state, new.state, new.version, elapsed_s)
        self.events.normal(run.body, ev.STATE_CHANGED, message)
        if old.state is WorkflowState.SCRIPT_GENERATING:
            partial = pending_reset(data)
            if partial is not None:
                self.events.warning(run.body, ev.RESET, ev.reset(partial, new.version))
            draft = data.draft
            if draft is not None and (draft.degraded or draft.layer not in ("primary", "primary-general")):
                self.events.warning(
                    run.body, ev.FALLBACK, f"script served by layer {draft.layer} (backend {draft.backend})"
                )

    async def _failed(
        self, run: _Run, session: RunSession, cp: CheckpointRecord, error: RunError
    ) -> dict[str, Any] | None:
        limit = run.job.backoff_limit
        if error.retryable and run.attempts <= limit:
            run.attempts += 1
            delay = retry_delay(self.settings, run.attempts - 1)
            OPERATOR_RETRIES.labels(reason=retry_label(error.code)).inc()
            await self._patch(run, st.retrying(run.ctx(), cp, error, delay, limit))
            detail = f"{cp.state}: {error.code}: {error.message}"
            self.events.warning(
                run.body, ev.RETRYING, f"{detail}; attempt {run.attempts} of {limit + 1} in {delay:.0f}s"
            )
            raise kopf.TemporaryError(f"{cp.state} failed ({error.code}); retrying", delay=delay)
        if error.retryable:
            message = (
                f"backoff limit {limit} exceeded after {run.attempts} attempts; last error: {error.message}"
            )
            error = error.model_copy(update={"message": message})
        final = (await session.fail(cp, error)).checkpoint
        self.events.normal(run.body, ev.STATE_CHANGED, ev.transition(cp.state, final.state, final.version))
        return await self._finish(run, final)

    async def _finish(self, run: _Run, cp: CheckpointRecord) -> dict[str, Any]:
        status = st.finished(run.ctx(), cp, result_max_chars=self.settings.result_max_chars)
        await self._patch(run, status)
        phase, message = status["phase"], status.get("message", "")
        if phase == "Succeeded":
            self.events.normal(run.body, ev.COMPLETED, message)
        else:
            self.events.warning(run.body, ev.DEGRADED if phase == "Degraded" else ev.FAILED, message)
        self.forget(run.ref.uid)
        return status

    async def _invalid(
        self,
        ref: JobRef,
        body: Mapping[str, Any],
        previous: dict[str, Any],
        message: str,
        reason: str = st.REASON_INVALID_SPEC,
    ) -> dict[str, Any]:
        """Failed at once with `reason` as condition reason and Event reason: InvalidSpec, or a
        tenancy refusal (TenantMismatch, TenantUnresolved)."""
        ctx = st.Context.of(previous, ref.generation, max(1, int(previous.get("attempts") or 0)))
        status = (
            st.invalid(ctx, message)
            if reason == st.REASON_INVALID_SPEC
            else st.rejected(ctx, reason, message)
        )
        try:
            await self.kube.patch_status(ref.namespace, ref.name, status)
        except JobGone:
            return status
        except KubeError as exc:
            raise kopf.TemporaryError(
                f"status patch failed: {exc}", delay=self.settings.busy_delay_s
            ) from None
        self.events.warning(body, reason, message)
        return status

    async def _patch(self, run: _Run, status: dict[str, Any]) -> None:
        try:
            written = await self.kube.patch_status(run.ref.namespace, run.ref.name, status)
        except JobGone:
            raise _Deleted(run.ref.uid) from None
        except KubeError as exc:
            raise kopf.TemporaryError(
                f"status patch failed: {exc}", delay=self.settings.busy_delay_s
            ) from None
        run.status = status
        run.written = (written or {}).get("metadata", {}).get("resourceVersion")
