"""`generate --show-prompt`: the exact messages and sampling a real model would receive, unsent.

Runs the read-only steps (session, intent, profile, product, recall) and renders the first
attempt's request with the same writer the workflow uses; nothing is generated, checkpointed or
saved, so it is safe on a live session.
"""

from __future__ import annotations

import json

from script_agent.bootstrap import Container
from script_agent.domain.models import ScriptRequest
from script_agent.domain.session import Session
from script_agent.orchestrator.run_data import RunData, request_fingerprint
from script_agent.orchestrator.steps import Steps


async def render_prompt(container: Container, request: ScriptRequest) -> str:
    deps = container.orchestrator.deps
    session = await deps.sessions.get(request.tenant, request.session_id or "")
    session = session or Session(tenant=request.tenant, id=request.session_id or "preview")
    data = RunData(request=request, fingerprint=request_fingerprint(request), session=session)
    intent = await deps.intent.recognize(request, session)
    if intent.needs_clarification:
        return f"(no prompt: the assistant would ask first) {intent.clarification}"
    data = data.model_copy(update={"intent": intent})
    data = data.model_copy(update={"influencer": await deps.profile.fetch(request, intent, session)})
    data = data.model_copy(update={"product": await deps.product.build(request, intent, session)})
    steps = Steps(deps)
    data = data.model_copy(update={"examples": await steps.recall(data)})
    brief = steps.brief_for(data)
    llm_request = deps.writer.build_request(brief, request.llm)
    sampling = {
        "max_tokens": llm_request.max_tokens,
        "temperature": llm_request.temperature,
        "seed": llm_request.seed,
        "model": llm_request.model,
    }
    parts = [f"# sampling: {json.dumps(sampling, ensure_ascii=False)}"]
    for message in llm_request.messages:
        parts.append(f"--- {message.role} ---\n{message.content}")
    return "\n".join(parts)
