"""Every Prometheus metric the project exports, in one place.

Labels are bounded vocabularies only (backend kind, layer, reason, route template, outcome):
never a session id, a trace id, a tenant or a raw path.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)

# --- LLM client -------------------------------------------------------------------------------
LLM_CIRCUIT_STATE = Gauge(
    "script_agent_llm_circuit_state",
    "Circuit breaker state per backend and model role: 0 closed, 1 half-open, 2 open",
    ["backend", "layer"],
    registry=REGISTRY,
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

# --- State stores -----------------------------------------------------------------------------
CHECKPOINT_WRITES = Counter(
    "script_agent_checkpoint_writes_total",
    "Checkpoint versions written",
    ["store", "outcome"],
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
HTTP_INFLIGHT = Gauge("script_agent_http_requests_in_flight", "HTTP requests being served", registry=REGISTRY)

# --- Operator ---------------------------------------------------------------------------------
OPERATOR_JOBS = Gauge(
    "script_agent_operator_jobs", "ScriptJobs by phase seen by this operator", ["phase"], registry=REGISTRY
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
