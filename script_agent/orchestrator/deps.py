"""What the workflow needs, gathered in one value so every driver builds it the same way."""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.agents.intent import IntentAgent
from script_agent.agents.product import ProductAgent
from script_agent.agents.profile import ProfileAgent
from script_agent.agents.quality import QualityAgent
from script_agent.agents.writer import WriterAgent
from script_agent.ports.clock import Clock, SystemClock
from script_agent.ports.memory import LongTermMemory
from script_agent.ports.stores import CheckpointStore, IdempotencyStore, SessionLock, SessionStore


@dataclass
class WorkflowDeps:
    intent: IntentAgent
    profile: ProfileAgent
    product: ProductAgent
    writer: WriterAgent
    quality: QualityAgent
    sessions: SessionStore
    checkpoints: CheckpointStore
    last_resort: WriterAgent | None = None  # the template writer, used when quality retries run out
    memory: LongTermMemory | None = None
    lock: SessionLock | None = None
    idempotency: IdempotencyStore | None = None
    clock: Clock = SystemClock()  # noqa: RUF009 - stateless
    quality_max_retries: int = 2
    lock_wait_s: float = 5.0
    # Caps all LLM work of one request (retries, layers, regenerations); None: per call only.
    request_deadline_s: float | None = None
