"""The one checkpoint writer that the sync, stream and operator paths all write through."""

from __future__ import annotations

from script_agent.domain.checkpoint import CheckpointDraft, CheckpointRecord
from script_agent.domain.states import WorkflowState, status_for
from script_agent.orchestrator.migrations import SCHEMA_VERSION, VERSION_KEY, upgrade
from script_agent.orchestrator.run_data import RunData, request_fingerprint
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
            payload={**data.model_dump(mode="json"), VERSION_KEY: SCHEMA_VERSION},
            fence=fence,
            checksum="",
        ).sealed()
        return await self._store.append(draft)  # stores count script_agent_checkpoint_writes_total


def load_run(record: CheckpointRecord) -> RunData:
    """The run data of a (store-verified) record, upgraded from the schema it was written at.

    A migrated payload's fingerprint is re-derived from its request: the stored one hashes the request
    as the writing release serialised it, and a field added since (even left unset) changes that
    serialisation, so the same client request would no longer match and its run would not resume."""
    payload, migrated = upgrade(record.payload)
    data = RunData.model_validate(payload)
    if migrated:
        data = data.model_copy(update={"fingerprint": request_fingerprint(data.request)})
    return data
