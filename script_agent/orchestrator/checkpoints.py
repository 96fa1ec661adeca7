"""The one checkpoint writer that the sync, stream and operator paths all write through."""

from __future__ import annotations

from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.domain.states import WorkflowState, status_for
from script_agent.orchestrator.run_data import RunData
from script_agent.ports.clock import Clock, SystemClock
from script_agent.ports.stores import CheckpointStore


class CheckpointWriter:
    def __init__(self, store: CheckpointStore, clock: Clock | None = None):
        self._store = store
        self._clock = clock or SystemClock()

    async def write(
        self, data: RunData, state: WorkflowState, *, trace_id: str, fence: int | None
    ) -> CheckpointRecord:
        # model_construct: every field is built right here from validated values; validating the
        # payload dict again on each of a run's ~7 writes was pure overhead.
        draft = CheckpointDraft.model_construct(
            tenant=data.request.tenant,
            session_id=data.request.session_id or "",
            trace_id=trace_id,
            state=state,
            status=status_for(state),
            created_at=self._clock.now(),
            payload=data.model_dump(mode="json"),
            fence=fence,
            checksum="",
        ).sealed()
        return await self._store.append(draft)  # stores count script_agent_checkpoint_writes_total


def load_run(record: CheckpointRecord) -> RunData:
    return RunData.model_validate(record.payload)
