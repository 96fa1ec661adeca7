"""One handler per workflow state. The order of states lives here and nowhere else.

Each handler takes the run data and returns the next state with updated data; the generating
handler also yields content deltas as the LLM emits them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import Scene, ScriptResult
from script_agent.domain.session import Session
from script_agent.domain.states import WorkflowState as S
from script_agent.observability.metrics import GENERATION_RESETS, QUALITY_REGENERATIONS
from script_agent.orchestrator.deps import WorkflowDeps
from script_agent.orchestrator.events import DeltaEvent
from script_agent.orchestrator.finalize import record_in_session, remember
from script_agent.orchestrator.run_data import Draft, PartialAttempt, RunData, RunError
from script_agent.ports.llm import (
    CallBounds,
    ErrorClass,
    LLMDelta,
    LLMDone,
    LLMError,
    LLMResult,
    LLMStreamBroken,
)
from script_agent.ports.memory import MemoryQuery

log = logging.getLogger(__name__)
MAX_RESETS = 3  # more than the remote layers a plan has (primary, primary-general, fallback)


@dataclass(frozen=True)
class Transition:
    state: S
    data: RunData


class Steps:
    def __init__(self, deps: WorkflowDeps) -> None:
        self.d = deps

    def run(
        self, state: S, data: RunData, *, trace_id: str, streaming: bool, deadline_at: float | None = None
    ) -> AsyncIterator[DeltaEvent | Transition]:
        """`deadline_at` (time.monotonic()): the request deadline every LLM call of the run is clipped to.
        The generation's own generator is returned, not re-yielded: one layer less per delta."""
        if state is S.SCRIPT_GENERATING:
            return self._generate(data, trace_id=trace_id, streaming=streaming, deadline_at=deadline_at)
        return self._one(state, data, trace_id)

    async def _one(self, state: S, data: RunData, trace_id: str) -> AsyncIterator[Transition]:
        handler = {
            S.CONTEXT_LOADING: self._load_context,
            S.INTENT_RECOGNIZING: self._recognize,
            S.PROFILE_FETCHING: self._fetch_profile,
            S.PRODUCT_FETCHING: self._fetch_product,
            S.QUALITY_CHECKING: self._check_quality,
        }[state]
        yield await handler(data, trace_id)

    async def _load_context(self, data: RunData, trace_id: str) -> Transition:
        req = data.request
        session = await self.d.sessions.get(req.tenant, req.session_id or "")
        session = session or Session(tenant=req.tenant, id=req.session_id or "")
        # The turn history was most of every later checkpoint's bytes (the finaliser re-reads the
        # stored session): keep the scripts, the digest and only the last turn pair, which the
        # intent agent reads to complete a request it asked a question about (卖大米的 after 写促销).
        view = session.model_copy(update={"turns": session.turns[-2:]})
        return Transition(S.INTENT_RECOGNIZING, data.model_copy(update={"session": view}))

    async def _recognize(self, data: RunData, trace_id: str) -> Transition:
        intent = await self.d.intent.recognize(data.request, data.loaded())
        data = data.model_copy(update={"intent": intent})
        if intent.needs_clarification:
            question = intent.clarification or "请告诉我要讲解的商品或品类。"
            data = data.model_copy(update={"clarification": question})
            await record_in_session(self.d.sessions, data, trace_id, question)
            return Transition(S.INTENT_CLARIFYING, data)
        return Transition(S.PROFILE_FETCHING, data)

    async def _fetch_profile(self, data: RunData, trace_id: str) -> Transition:
        known = data.understood()
        profile = await self.d.profile.fetch(data.request, known.intent, known.session)
        return Transition(S.PRODUCT_FETCHING, data.model_copy(update={"influencer": profile}))

    async def _fetch_product(self, data: RunData, trace_id: str) -> Transition:
        known = data.understood()
        product = await self.d.product.build(data.request, known.intent, known.session)
        data = data.model_copy(update={"product": product})
        examples = await self._recall(data)
        return Transition(S.SCRIPT_GENERATING, data.model_copy(update={"examples": examples}))

    async def _recall(self, data: RunData) -> list[str]:
        if self.d.memory is None or data.product is None:
            return []
        query = MemoryQuery(
            tenant=data.request.tenant,
            text=" ".join(
                filter(None, [data.request.query, data.product.product.name, data.product.category])
            ),
            influencer_id=data.influencer.id if data.influencer and not data.influencer.generic else None,
            category=data.product.category,
        )
        try:
            return [item.text for item in await self.d.memory.recall(query)]
        except Exception:  # recall only improves prompts: an unreachable memory never fails a run
            log.warning("long-term memory recall failed", exc_info=True)
            return []

    def brief_for(self, data: RunData) -> ScriptBrief:
        """The first attempt's brief, for `generate --show-prompt` (no state is written)."""
        return self._brief(data, attempt=1, feedback=[])

    async def recall(self, data: RunData) -> list[str]:
        return await self._recall(data)

    def _brief(self, data: RunData, *, attempt: int, feedback: list[str]) -> ScriptBrief:
        """Derived from the run data, never stored: a checkpoint holds the facts once, not again
        inside a brief (the payload is serialised and checksummed on every transition)."""
        facts = data.gathered()
        req, intent, session = data.request, facts.intent, facts.session
        previous = None
        if intent.kind in (IntentKind.MODIFY, IntentKind.CONTINUE):
            ref = session.script_by_index(intent.reference_index) if intent.reference_index else None
            ref = ref or session.last_script()
            previous = ref.text if ref else None
        return ScriptBrief(
            scene=intent.scene or req.scene or session.scene or Scene.OPENING,
            product=facts.product,
            influencer=facts.influencer,
            intent=intent.kind,
            query=req.query,
            event=intent.event or req.event,
            length=req.length or "medium",
            style_hint=intent.style_hint,
            session_digest=session.summary,
            previous_script=previous,
            modification=intent.modification,
            examples=data.examples,
            feedback=feedback[-3:],
            attempt=attempt,
            variant=session.script_count if intent.kind is IntentKind.CONTINUE else 0,
            duration_s=intent.duration_s or req.duration_s,
            directives=intent.directives,
        )

    async def _generate(
        self, data: RunData, *, trace_id: str, streaming: bool, deadline_at: float | None
    ) -> AsyncIterator[DeltaEvent | Transition]:
        feedback = list(data.feedback)
        if data.quality is not None and not data.quality.passed and data.quality.feedback:
            feedback = [*feedback, data.quality.feedback][-3:]
        brief = self._brief(data, attempt=data.attempt + 1, feedback=feedback)
        fallback = self.d.last_resort if data.use_last_resort else None
        writer = fallback if fallback is not None else self.d.writer
        last_resort = fallback is not None
        # Same key on every retry of this attempt (and after a resume); scoped by tenant because
        # client-chosen keys may collide across tenants.
        key = f"{data.request.tenant}:{data.request.idempotency_key or trace_id}:{brief.attempt}"
        options = data.request.llm
        bounds = CallBounds(
            skip_layers=tuple(p.layer for p in data.partials),
            deadline_s=None if deadline_at is None else max(0.0, deadline_at - time.monotonic()),
        )
        result: LLMResult | None = None
        if streaming:
            items = writer.stream(brief, options, idempotency_key=key, trace_id=trace_id, bounds=bounds)
            try:
                try:
                    async for item in items:
                        if isinstance(item, LLMDelta):
                            if item.text:
                                yield DeltaEvent(item.text)
                        elif isinstance(item, LLMDone):
                            result = item.result
                finally:  # close the backend stream at once when the caller stops early
                    aclose = getattr(items, "aclose", None)
                    if aclose is not None:
                        await aclose()
            except LLMStreamBroken as broken:
                yield self._broken(data, broken, attempt=brief.attempt, feedback=feedback)
                return
        else:
            result = await writer.write(brief, options, idempotency_key=key, trace_id=trace_id, bounds=bounds)
        if result is None:  # a port that breaks its contract; trying again may well work
            raise LLMError(
                "the LLM stream ended without a final result", ErrorClass.RETRYABLE, reason="no_result"
            )
        draft = Draft(
            text=result.text.strip(),
            backend=result.backend,
            layer=result.layer,
            model=result.model,
            usage=result.usage,
            degraded=result.degraded or last_resort,
            last_resort=last_resort,
        )
        usage = data.usage.model_copy(
            update={
                "prompt_tokens": data.usage.prompt_tokens + result.usage.prompt_tokens,
                "completion_tokens": data.usage.completion_tokens + result.usage.completion_tokens,
            }
        )
        update = {
            "feedback": feedback,
            "draft": draft,
            "attempt": brief.attempt,
            "usage": usage,
            "quality": None,
        }
        yield Transition(S.QUALITY_CHECKING, data.model_copy(update=update))

    def _broken(
        self, data: RunData, broken: LLMStreamBroken, *, attempt: int, feedback: list[str]
    ) -> Transition:
        """The stream broke after text reached the client: record the partial attempt (not its text)
        and come back to SCRIPT_GENERATING, which regenerates past the layer that broke. Bounded: a
        port that breaks again on a layer it was told to skip, or too many resets, fail the run."""
        layer = broken.layer or "unknown"
        if len(data.partials) >= MAX_RESETS or layer in {p.layer for p in data.partials}:
            raise broken
        partial = PartialAttempt(
            attempt=attempt,
            layer=layer,
            reason=broken.cause,
            discarded_chars=broken.delivered_chars,
        )
        log.warning(
            "generation attempt %d broke mid-stream on layer %s (%s); regenerating on the next layer",
            attempt,
            partial.layer,
            partial.reason,
        )
        GENERATION_RESETS.labels(partial.reason).inc()
        update = {
            "feedback": feedback,
            "attempt": attempt,
            "partials": [*data.partials, partial],
            "draft": None,
            "quality": None,
        }
        return Transition(S.SCRIPT_GENERATING, data.model_copy(update=update))

    async def _check_quality(self, data: RunData, trace_id: str) -> Transition:
        draft = data.drafted().draft
        brief = self._brief(data, attempt=data.attempt, feedback=data.feedback)
        report = await self.d.quality.check(draft.text, brief)
        data = data.model_copy(update={"quality": report})
        if report.passed:
            reason = "fallback backend served the script" if draft.degraded else None
            return await self._finish(data, brief, trace_id, degraded_reason=reason)
        regenerations = data.attempt - 1 - len(data.partials)  # broken streams are not quality retries
        if regenerations < self.d.quality_max_retries and not draft.last_resort:
            QUALITY_REGENERATIONS.labels("blocking" if report.blocking else "score").inc()
            return Transition(S.SCRIPT_GENERATING, data)
        if not report.blocking:
            return await self._finish(
                data, brief, trace_id, degraded_reason="script failed non-blocking checks"
            )
        if self.d.last_resort is not None and not draft.last_resort:
            QUALITY_REGENERATIONS.labels("last_resort").inc()
            return Transition(S.SCRIPT_GENERATING, data.model_copy(update={"use_last_resort": True}))
        issues = "; ".join(i.message for i in report.issues if i.blocking)
        error = RunError(code="quality_failed", message=f"no compliant script after retries: {issues}")
        return Transition(S.FAILED, data.model_copy(update={"error": error}))

    async def _finish(
        self, data: RunData, brief: ScriptBrief, trace_id: str, *, degraded_reason: str | None
    ) -> Transition:
        drafted = data.drafted()
        draft = drafted.draft
        result = ScriptResult(
            text=draft.text,
            scene=brief.scene,
            product_name=drafted.facts.product.product.name,
            influencer_id=drafted.facts.influencer.id,
            quality=data.quality,
            backend=draft.backend,
            layer=draft.layer,
            model=draft.model,
            usage=data.usage,
            degraded=degraded_reason is not None,
            degraded_reason=degraded_reason,
            attempts=data.attempt,
        )
        data = data.model_copy(update={"result": result})
        await record_in_session(self.d.sessions, data, trace_id, result.text)
        await remember(self.d.memory, data, result)
        return Transition(S.DEGRADED if result.degraded else S.COMPLETED, data)
