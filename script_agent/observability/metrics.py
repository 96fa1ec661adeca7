"""Every Prometheus metric the project exports, in one place.

Labels are bounded vocabularies only (backend kind, layer, reason, route template, outcome):
never a session id, a trace id, a tenant or a raw path.

Why the vocabularies live here and every label set is primed at start (`prime_*` below): a labelled
series does not exist until its first event, so Prometheus's first sample of a rejection or fallback
counter would already be the burst's total and `rate()`/`increase()` would never show that burst.
A series that exists at 0 from the first scrape makes the first incident visible.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
)

# `*_created` timestamps would double every counter's and histogram's series; rate() never needs them.
disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated
REGISTRY = CollectorRegistry(auto_describe=True)
# process_* (CPU, RSS, open fds), python_info and python_gc_*: the same collectors as the default
# registry, registered here because the project serves its own registry.
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)

# --- LLM client -------------------------------------------------------------------------------
LLM_CIRCUIT_STATE = Gauge(
    "script_agent_llm_circuit_state",
    "Circuit breaker state per backend and model role: 0 closed, 1 half-open, 2 open",
    ["backend", "layer"],
    registry=REGISTRY,
    multiprocess_mode="livemax",  # each worker has its own breaker: the worst live one
)
LLM_CIRCUIT_TRANSITIONS = Counter(
    "script_agent_llm_circuit_transitions_total",
    "Circuit breaker transitions",
    ["backend", "layer", "from_state", "to_state"],
    registry=REGISTRY,
)
LLM_FALLBACKS = Counter(
    "script_agent_llm_fallbacks_total",
    "Fallbacks taken from one layer to the next",
    ["from_layer", "to_layer", "reason"],
    registry=REGISTRY,
)
LLM_REQUESTS = Counter(
    "script_agent_llm_requests_total",
    "Upstream LLM attempts by outcome",
    ["backend", "layer", "mode", "outcome"],
    registry=REGISTRY,
)
LLM_RETRIES = Counter(
    "script_agent_llm_retries_total",
    "Retries within a layer",
    ["backend", "layer", "reason"],
    registry=REGISTRY,
)
LLM_LATENCY = Histogram(
    "script_agent_llm_request_seconds",
    "Total latency of one logical LLM call (all retries and layers)",
    ["mode", "layer"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
LLM_TTFT = Histogram(
    "script_agent_llm_time_to_first_chunk_seconds",
    "Time from the call to the first content chunk handed to the caller",
    ["layer"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
LLM_TOKENS = Counter(
    "script_agent_llm_tokens_total",
    "Tokens reported by upstreams",
    ["backend", "kind"],
    registry=REGISTRY,
)
LLM_INFLIGHT_SHARED = Counter(
    "script_agent_llm_inflight_shared_total",
    "Calls that joined an identical in-flight upstream call instead of making their own",
    registry=REGISTRY,
)

# --- Orchestrator -----------------------------------------------------------------------------
WORKFLOW_RUNS = Counter(
    "script_agent_workflow_runs_total",
    "Workflow runs by final state",
    ["state", "path"],
    registry=REGISTRY,
)
WORKFLOW_STEP_SECONDS = Histogram(
    "script_agent_workflow_step_seconds",
    "Latency of one workflow state",
    ["state"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
WORKFLOW_RESUMES = Counter(
    "script_agent_workflow_resumes_total", "Runs resumed from a checkpoint", registry=REGISTRY
)
WORKFLOW_DEDUP = Counter(
    "script_agent_workflow_dedup_total",
    "Requests answered from a stored result by idempotency key",
    registry=REGISTRY,
)
QUALITY_REGENERATIONS = Counter(
    "script_agent_quality_regenerations_total",
    "Regenerations asked for by the quality check",
    ["reason"],
    registry=REGISTRY,
)
GENERATION_RESETS = Counter(
    "script_agent_generation_resets_total",
    "Streams that broke after text reached the client and were regenerated on the next layer",
    ["reason"],  # the LLM error reason: a bounded vocabulary (idle_timeout, in_band, truncated ...)
    registry=REGISTRY,
)

# --- State stores -----------------------------------------------------------------------------
CHECKPOINT_WRITES = Counter(
    "script_agent_checkpoint_writes_total",
    "Checkpoint versions written",
    ["store", "outcome"],
    registry=REGISTRY,
)
# The in-memory stores' LRU caps: `store` and `reason` are fixed vocabularies (never a session id).
EVICTION_STORES = ("sessions", "checkpoints", "idempotency", "fences")
EVICTION_REASONS = ("count", "bytes", "session")  # session: went with its evicted session
EMBEDDED_EVICTIONS = Counter(
    "script_agent_embedded_evictions_total",
    "Entries the embedded in-memory stores evicted to stay within their caps",
    ["store", "reason"],
    registry=REGISTRY,
)
LOCK_WAIT_SECONDS = Histogram(
    "script_agent_lock_wait_seconds",
    "Time spent waiting for a session lock",
    ["backend"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
LOCK_TIMEOUTS = Counter(
    "script_agent_lock_timeouts_total", "Session lock waits that timed out", ["backend"], registry=REGISTRY
)
LOCK_LOST = Counter(
    "script_agent_lock_lost_total",
    "Leases lost before release (renewal failed)",
    ["backend"],
    registry=REGISTRY,
)
RATE_LIMIT_DECISIONS = Counter(
    "script_agent_rate_limit_decisions_total",
    "Rate-limit decisions",
    ["dimension", "decision"],
    registry=REGISTRY,
)
RATE_LIMIT_FAIL_OPEN = Counter(
    "script_agent_rate_limit_fail_open_total",
    "Requests admitted without a decision because the limiter backend was unreachable",
    registry=REGISTRY,
)
STORE_ERRORS = Counter(
    "script_agent_store_errors_total",
    "Backing-store errors by component",
    ["component", "kind"],
    registry=REGISTRY,
)

# --- Long-term memory -------------------------------------------------------------------------
MEMORY_RECALL_SECONDS = Histogram(
    "script_agent_memory_recall_seconds",
    "Long-term memory recall latency",
    ["store"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
MEMORY_WRITES = Counter(
    "script_agent_memory_writes_total",
    "Long-term memory write-backs by outcome: stored | duplicate | rejected | full | error",
    ["outcome"],
    registry=REGISTRY,
)
MEMORY_WRITE_QUEUE_DEPTH = Gauge(
    "script_agent_memory_write_queue_depth",
    "Long-term memory write-backs accepted and not yet stored (write-behind queue)",
    registry=REGISTRY,
    multiprocess_mode="livesum",  # one queue per worker: the pod's backlog
)
MEMORY_WRITE_DROPS = Counter(
    "script_agent_memory_write_drops_total",
    "Write-backs dropped by the write-behind queue: full (at its cap) | closed (after shutdown began)"
    " | shutdown (still queued when the drain timed out)",
    ["reason"],
    registry=REGISTRY,
)
MEMORY_WRITE_BATCHES = Histogram(
    "script_agent_memory_write_batch_size",
    "Items per write-behind batch (one embedding call and one store write each)",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128),
    registry=REGISTRY,
)

# --- Gateway ----------------------------------------------------------------------------------
HTTP_REQUESTS = Counter(
    "script_agent_http_requests_total",
    "HTTP requests by route template, method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
HTTP_LATENCY = Histogram(
    "script_agent_http_request_seconds",
    "HTTP request latency by route template",
    ["route", "method"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
HTTP_TTFD = Histogram(
    "script_agent_http_time_to_first_delta_seconds",
    "Time from request arrival to the first SSE delta event",
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
HTTP_INFLIGHT = Gauge(
    "script_agent_http_requests_in_flight",
    "HTTP requests being served",
    registry=REGISTRY,
    multiprocess_mode="livesum",  # the pod's load (the HPA's Pods metric), dead workers serve nothing
)

# --- Operator ---------------------------------------------------------------------------------
OPERATOR_JOBS = Gauge(
    "script_agent_operator_jobs",
    "ScriptJobs by phase seen by this operator",
    ["phase"],
    registry=REGISTRY,
    multiprocess_mode="livemax",  # a snapshot of the cluster each process would see whole
)
OPERATOR_STEP_SECONDS = Histogram(
    "script_agent_operator_step_seconds",
    "Latency of one reconcile step (one workflow state plus status patch)",
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
OPERATOR_RESUMES = Counter(
    "script_agent_operator_resumes_total", "Jobs resumed from a Redis checkpoint", registry=REGISTRY
)
OPERATOR_RETRIES = Counter(
    "script_agent_operator_retries_total", "Job step retries", ["reason"], registry=REGISTRY
)


# --- Vocabularies and priming -----------------------------------------------------------------
# The label values each call site can emit (tests/ops/test_metrics.py checks them against the code).
BREAKER_TRANSITIONS = (
    ("closed", "open"),
    ("open", "half-open"),
    ("half-open", "closed"),
    ("half-open", "open"),
)
LLM_MODES = ("sync", "stream")
LLM_OUTCOMES = ("ok", "retryable", "fallback", "fatal", "short_circuit", "cancelled")
LLM_RETRY_REASONS = (
    "connect", "connect_refused", "connect_timeout", "dns", "pool_timeout", "timeout",
    "first_chunk_timeout", "idle_timeout", "rate_limited", "overloaded", "server_error",
    "in_band_error", "truncated", "bad_json", "transport",
)  # fmt: skip
LLM_FALLBACK_REASONS = (
    *LLM_RETRY_REASONS, "deadline", "bad_payload", "model_not_found", "path_not_found", "context_length",
    "circuit_open",
)  # fmt: skip
TOKEN_KINDS = ("prompt", "completion")
TEMPLATE_LAYER = "template"
WORKFLOW_TERMINAL_STATES = ("COMPLETED", "DEGRADED", "FAILED", "INTENT_CLARIFYING")
WORKFLOW_PATHS = ("sync", "stream")
RATE_LIMIT_DIMENSIONS = ("qps", "tokens")
RATE_LIMIT_OUTCOMES = ("allowed", "rejected")
REDIS_COMPONENTS = ("sessions", "checkpoints", "lock", "idempotency", "rate_limit")
STORE_ERROR_KINDS = ("timeout", "connection")
CHECKPOINT_OUTCOMES = ("ok", "stale_fence", "error")
MEMORY_WRITE_OUTCOMES = ("stored", "duplicate", "rejected", "full", "error")
MEMORY_DROP_REASONS = ("full", "closed", "shutdown")
QUALITY_REASONS = ("blocking", "score", "last_resort")
# Statuses the gateway answers with, primed for every route (any other code still counts when it occurs).
HTTP_STATUSES = ("200", "400", "401", "403", "404", "409", "413", "422", "429", "500", "503")
OPERATOR_RETRY_REASONS = (
    "llm_timeout", "llm_unavailable", "store_unavailable", "lock_lost", "stale_fence", "step_timeout",
    "internal", "llm_error", "other",
)  # fmt: skip


def prime_llm(chain: Sequence[tuple[str, str]]) -> None:
    """Create every LLM series of one layer chain at zero.

    `chain` is (backend kind, layer role) in fallback order, the template last resort included as
    ("template", "template"). Creating a child never changes an existing value, so priming again
    (a second container in one process) cannot reset an open breaker's gauge."""
    remote = [(kind, role) for kind, role in chain if role != TEMPLATE_LAYER]
    for kind, role in remote:
        LLM_CIRCUIT_STATE.labels(kind, role)
        for before, after in BREAKER_TRANSITIONS:
            LLM_CIRCUIT_TRANSITIONS.labels(kind, role, before, after)
        for mode in LLM_MODES:
            for outcome in LLM_OUTCOMES:
                LLM_REQUESTS.labels(kind, role, mode, outcome)
        for reason in LLM_RETRY_REASONS:
            LLM_RETRIES.labels(kind, role, reason)
    for kind in {kind for kind, _ in remote}:
        for token_kind in TOKEN_KINDS:
            LLM_TOKENS.labels(kind, token_kind)
    roles = [role for _, role in chain]
    for i, source in enumerate(roles):
        for target in roles[i + 1 :]:
            for reason in LLM_FALLBACK_REASONS:
                LLM_FALLBACKS.labels(source, target, reason)


def prime_state(*, lock_backend: str | None, checkpoint_store: str, redis: bool) -> None:
    """Workflow, rate-limit, lock, checkpoint and store-error series of the configured backends."""
    for state in WORKFLOW_TERMINAL_STATES:
        for path in WORKFLOW_PATHS:
            WORKFLOW_RUNS.labels(state, path)
    for dimension in RATE_LIMIT_DIMENSIONS:
        for decision in RATE_LIMIT_OUTCOMES:
            RATE_LIMIT_DECISIONS.labels(dimension, decision)
    for reason in QUALITY_REASONS:
        QUALITY_REGENERATIONS.labels(reason)
    for reason in LLM_FALLBACK_REASONS:  # the reasons a stream can break for, mid-way as before it
        GENERATION_RESETS.labels(reason)
    for outcome in MEMORY_WRITE_OUTCOMES:
        MEMORY_WRITES.labels(outcome)
    for reason in MEMORY_DROP_REASONS:
        MEMORY_WRITE_DROPS.labels(reason)
    for outcome in CHECKPOINT_OUTCOMES:
        CHECKPOINT_WRITES.labels(checkpoint_store, outcome)
    if lock_backend is not None:
        LOCK_WAIT_SECONDS.labels(lock_backend)
        LOCK_TIMEOUTS.labels(lock_backend)
        LOCK_LOST.labels(lock_backend)
    for store in EVICTION_STORES:  # the in-memory stores are always built (the embedded base)
        for reason in EVICTION_REASONS:
            EMBEDDED_EVICTIONS.labels(store, reason)
    components = (*REDIS_COMPONENTS, "memory") if redis else ("memory",)
    kinds = {"memory": ("recall", "write")}
    for component in components:
        for kind in kinds.get(component, STORE_ERROR_KINDS):
            STORE_ERRORS.labels(component, kind)


def prime_http(routes: Iterable[tuple[str, str]]) -> None:
    """(route template, method) pairs of the app: requests per status at zero. Latency histograms
    are not primed: a quantile needs observations anyway, and each child costs 19 series."""
    for route, method in routes:
        for status in HTTP_STATUSES:
            HTTP_REQUESTS.labels(route, method, status)


def prime_operator() -> None:
    for reason in OPERATOR_RETRY_REASONS:
        OPERATOR_RETRIES.labels(reason)
