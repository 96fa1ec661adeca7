"""LLMServiceClient: the one LLM entry point of a process, composing the reliability pieces.

It owns nothing clever itself: the layer plan says who may serve, the runner retries within a layer,
breakers refuse sick upstreams, timeouts bound every wait, in-flight sharing coalesces duplicates. What
the client decides is the move between layers, spelled out in `_leave_layer`:

- FATAL (our credentials, an invalid request): surface at once; another layer would fail the same way
  or hide a configuration error.
- RETRYABLE after the layer's retries, FALLBACK (model not served, prompt too long, circuit open):
  move to the next layer.
- The overall deadline passed: skip the remaining remote layers and go straight to the local last
  resort, which answers instantly and is marked degraded.
- A stream that already handed content to the caller never moves: it fails with LLMStreamBroken,
  naming the layer, and the orchestrator regenerates with that layer in `skip_layers`.
- A caller's `deadline_s` (what is left of its request deadline) clips the overall deadline.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from contextlib import aclosing
from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from prometheus_client import Histogram

from script_agent.llm import errors
from script_agent.llm.backends.base import without_userinfo
from script_agent.llm.inflight import InflightCalls, InflightStreams, dedup_key
from script_agent.llm.layers import Layer, LayerPlan, Upstream
from script_agent.llm.runner import IDEMPOTENCY_HEADER, Call, LayerRunner, idempotency_key
from script_agent.llm.timeouts import Deadline
from script_agent.llm.upstream_check import UpstreamCheck, assess, log_check
from script_agent.observability.metrics import LLM_FALLBACKS, LLM_LATENCY, LLM_TTFT
from script_agent.ports.health import ComponentHealth, HealthStatus
from script_agent.ports.llm import (
    ErrorClass,
    LLMDone,
    LLMError,
    LLMExhausted,
    LLMRequest,
    LLMResult,
    LLMStreamBroken,
    LLMStreamItem,
)

log = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def _latency(mode: str, layer: str) -> Histogram:
    return LLM_LATENCY.labels(mode, layer)


@lru_cache(maxsize=64)
def _ttft(layer: str) -> Histogram:
    return LLM_TTFT.labels(layer)


class LLMServiceClient:
    def __init__(
        self,
        plan: LayerPlan,
        runner: LayerRunner,
        *,
        deadline_s: float,
        send_idempotency_key: bool = True,
        share_inflight: bool = True,
        health_timeout_s: float = 2.0,
    ) -> None:
        self.plan = plan
        self.runner = runner
        self.deadline_s = deadline_s
        self.send_idempotency_key = send_idempotency_key
        self.health_timeout_s = health_timeout_s
        self._calls = InflightCalls() if share_inflight else None
        self._streams = InflightStreams() if share_inflight else None
        self._last_fatal: dict[str, dict[str, Any]] = {}

    # --- LLMPort --------------------------------------------------------------------------------
    async def generate(self, request: LLMRequest) -> LLMResult:
        if self._calls is None:
            return await self._generate(request)
        return await self._calls.run(dedup_key(request, "sync"), lambda: self._generate(request))

    def stream(self, request: LLMRequest) -> AsyncIterator[LLMStreamItem]:
        """The source generator itself, not a wrapper re-yielding it: one async generator less per
        delta. Closing it (the caller stops early) closes the shared stream's reader as before."""
        if self._streams is None:
            return self._stream(request)
        return self._streams.run(dedup_key(request, "stream"), lambda: self._stream(request))

    async def health(self) -> list[ComponentHealth]:
        checks = [self._upstream_health(upstream) for upstream in self.plan.upstreams]
        reports: list[ComponentHealth] = list(await asyncio.gather(*checks))
        if self.plan.last_resort is not None:
            reports.extend(await self.plan.last_resort.health())
        return reports

    async def aclose(self) -> None:
        for upstream in self.plan.upstreams:
            await upstream.backend.aclose()
        if self.plan.last_resort is not None:
            await self.plan.last_resort.aclose()

    # --- one logical call -----------------------------------------------------------------------
    def _new_call(self, request: LLMRequest, mode: str) -> Call:
        headers = {IDEMPOTENCY_HEADER: idempotency_key(request)} if self.send_idempotency_key else {}
        loop = asyncio.get_running_loop()
        budget = self.deadline_s if request.deadline_s is None else min(self.deadline_s, request.deadline_s)
        return Call(mode=mode, deadline=Deadline(max(0.0, budget)), headers=headers, started=loop.time())

    async def _generate(self, request: LLMRequest) -> LLMResult:
        call = self._new_call(request, "sync")
        served = "none"
        try:
            last: LLMError | None = None
            for layer in self._layers(request, call):
                self._count_fallback(call, layer, last)
                try:
                    result = await self.runner.generate(layer, request, call)
                except LLMError as err:
                    last = self._leave_layer(layer, err, call)
                    continue
                served = layer.role
                return self._finish(layer, result)
            raise self._exhausted(call, last)
        finally:
            _latency("sync", served).observe(asyncio.get_running_loop().time() - call.started)

    async def _stream(self, request: LLMRequest) -> AsyncGenerator[LLMStreamItem, None]:
        call = self._new_call(request, "stream")
        loop = asyncio.get_running_loop()
        served = "none"
        try:
            last: LLMError | None = None
            for layer in self._layers(request, call):
                self._count_fallback(call, layer, last)
                items = self.runner.stream(layer, request, call)
                try:
                    async with aclosing(items):
                        async for item in items:
                            if isinstance(item, LLMDone):
                                served = layer.role
                                item = LLMDone(self._finish(layer, item.result))
                            elif served == "none":
                                served = layer.role
                                _ttft(layer.role).observe(loop.time() - call.started)
                            yield item
                    return
                except LLMStreamBroken:
                    raise
                except LLMError as err:
                    if call.delivered_chars:  # the local last resort broke mid-stream
                        raise LLMStreamBroken(
                            str(err), call.delivered_chars, layer=layer.role, cause=err.reason
                        ) from err
                    last = self._leave_layer(layer, err, call)
            raise self._exhausted(call, last)
        finally:
            _latency("stream", served).observe(loop.time() - call.started)

    # --- decisions --------------------------------------------------------------------------------
    def _layers(self, request: LLMRequest, call: Call) -> Iterator[Layer]:
        """Layers to try, skipping remote ones once the deadline is gone (checked lazily per layer)."""
        for layer in self.plan.layers_for(request):
            if layer.local is None and call.deadline.expired:
                continue
            yield layer

    def _leave_layer(self, layer: Layer, err: LLMError, call: Call) -> LLMError:
        """Decide whether the error ends the call (raise) or lets the next layer try (return it)."""
        if layer.local is not None:  # the last resort failed too (e.g. a request without a brief)
            raise self._exhausted(call, err) from err
        if err.error_class is ErrorClass.FATAL:
            self._note_fatal(layer, err)
            log.error("LLM layer %s refused the call, not falling back: %s", layer.role, err)
            raise err
        log.warning(
            "LLM layer %s (%s) failed: %s; trying the next layer", layer.role, layer.model, err.reason
        )
        return err

    def _count_fallback(self, call: Call, layer: Layer, last: LLMError | None) -> None:
        if call.tried:
            reason = last.reason if last is not None else errors.DEADLINE
            LLM_FALLBACKS.labels(call.tried[-1], layer.role, reason).inc()
        call.tried.append(layer.role)

    def _finish(self, layer: Layer, result: LLMResult) -> LLMResult:
        if layer.local is not None:
            return replace(result, layer=layer.role, degraded=True)
        if layer.upstream is not None:
            self._last_fatal.pop(layer.upstream, None)  # credentials evidently work again
        return result

    def _exhausted(self, call: Call, last: LLMError | None) -> LLMExhausted:
        timed_out = call.deadline.expired or (last is not None and last.reason == errors.DEADLINE)
        detail = f": {last}" if last is not None else ""
        exhausted = LLMExhausted(
            f"no LLM layer could serve ({', '.join(call.tried)}){detail}",
            list(call.tried),
            timed_out=timed_out,
        )
        exhausted.__cause__ = last
        return exhausted

    def _note_fatal(self, layer: Layer, err: LLMError) -> None:
        if layer.upstream is not None:
            self._last_fatal[layer.upstream] = {
                "reason": err.reason,
                "status": err.status,
                "message": str(err)[:200],
                "at": datetime.now(UTC).isoformat(),
            }

    # --- health -------------------------------------------------------------------------------------
    async def check_upstreams(self, *, log_results: bool = True) -> list[UpstreamCheck]:
        """Probe every configured upstream once (startup, the CLI); logs each verdict with its URL
        unless the caller reports it itself (the CLI prints one line instead)."""
        checks = await asyncio.gather(*(self._check(u) for u in self.plan.upstreams))
        if log_results:
            for check in checks:
                log_check(check)
        return list(checks)

    async def _check(self, upstream: Upstream) -> UpstreamCheck:
        return assess(upstream, await upstream.backend.probe(self.health_timeout_s))

    async def _upstream_health(self, upstream: Upstream) -> ComponentHealth:
        started = time.perf_counter()
        probe = await upstream.backend.probe(self.health_timeout_s)
        latency_ms = (time.perf_counter() - started) * 1000
        check = assess(upstream, probe)
        identity = f"{upstream.backend.kind}:{upstream.backend.base_url}"
        breakers = {
            f"{b.labels[1]}:{b.model}": b.snapshot()
            for b in self.plan.breakers.all()
            if b.identity == identity
        }
        fatal = self._last_fatal.get(upstream.role)
        if not check.usable:
            status = HealthStatus.DOWN
        elif fatal or check.cause or any(s["state"] != "closed" for s in breakers.values()):
            status = HealthStatus.DEGRADED
        else:
            status = HealthStatus.OK
        return ComponentHealth(
            name=f"llm:{upstream.role}",
            status=status,
            latency_ms=round(latency_ms, 2),
            required=self.plan.last_resort is None and upstream.role == "primary",
            detail={
                "backend": upstream.backend.kind,
                "base_url": without_userinfo(upstream.backend.base_url),
                "probe_url": probe.url,
                "http_status": probe.status,
                "probe_error": probe.error,
                "cause": check.cause,
                "models_missing": check.models_missing if probe.ok else None,
                "breakers": breakers,
                "last_fatal": fatal,
            },
        )
