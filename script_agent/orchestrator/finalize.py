"""The last step of a good run: record the script in the session and in long-term memory.

Both writes are idempotent by trace id, so a run resumed after a crash between them and the
COMPLETED checkpoint does not record the script twice.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from script_agent.domain.errors import SessionConflict
from script_agent.domain.models import ScriptResult
from script_agent.domain.session import Session, StoredScript, Turn
from script_agent.orchestrator.run_data import RunData
from script_agent.ports.memory import LongTermMemory, MemoryItem
from script_agent.ports.stores import SessionStore

log = logging.getLogger(__name__)
SAVE_ATTEMPTS = 3


def _with_turn(session: Session, data: RunData, trace_id: str, reply: str) -> Session:
    if any(s.trace_id == trace_id for s in session.scripts) or any(
        t.role == "assistant" and t.intent == f"trace:{trace_id}" for t in session.turns
    ):
        return session
    req = data.request
    turns = [
        *session.turns,
        Turn(
            role="user",
            text=req.query or f"[{req.scene or 'script'}]",
            intent=str(data.intent.kind) if data.intent is not None else None,
        ),
        Turn(role="assistant", text=reply, intent=f"trace:{trace_id}"),
    ]
    update: dict[str, Any] = {"turns": turns}
    if data.result is not None:
        index = session.script_count + 1
        script = StoredScript(
            index=index,
            text=data.result.text,
            scene=data.result.scene,
            product_name=data.result.product_name,
            trace_id=trace_id,
        )
        update |= {
            "scripts": [*session.scripts, script],
            "script_count": index,
            "product": data.product.product if data.product else session.product,
            "scene": data.result.scene,
            "influencer_id": data.influencer.id if data.influencer else session.influencer_id,
            "influencer": data.influencer or session.influencer,
        }
    return session.model_copy(update=update)


async def record_in_session(sessions: SessionStore, data: RunData, trace_id: str, reply: str) -> Session:
    """Append this run's turns; on a lost optimistic race, reload and apply again (bounded: the
    last attempt's SessionConflict is raised)."""
    tenant, session_id = data.request.tenant, data.request.session_id or ""
    for _ in range(SAVE_ATTEMPTS - 1):
        try:
            return await _save_turn(sessions, tenant, session_id, data, trace_id, reply)
        except SessionConflict:
            continue
    return await _save_turn(sessions, tenant, session_id, data, trace_id, reply)


async def _save_turn(
    sessions: SessionStore, tenant: str, session_id: str, data: RunData, trace_id: str, reply: str
) -> Session:
    current = await sessions.get(tenant, session_id) or Session(tenant=tenant, id=session_id)
    return await sessions.save(_with_turn(current, data, trace_id, reply))


async def remember(memory: LongTermMemory | None, data: RunData, result: ScriptResult) -> None:
    """Write back only scripts a real model wrote and that passed quality without degradation."""
    if memory is None or result.degraded or result.backend == "template":
        return
    product = data.product.product if data.product else None
    item_id = hashlib.sha256(f"{data.request.tenant}\x00{result.text}".encode()).hexdigest()[:32]
    try:
        await memory.remember(
            MemoryItem(
                id=item_id,
                tenant=data.request.tenant,
                text=result.text,
                influencer_id=result.influencer_id,
                category=data.product.category if data.product else None,
                product_id=product.id if product else None,
                scene=str(result.scene),
            )
        )
    except Exception:  # memory is an enhancement: a failed write-back never fails a good run
        log.warning("long-term memory write-back failed", exc_info=True)
