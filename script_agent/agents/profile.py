"""Profile agent: whose voice the script is written in.

Precedence mirrors how specific the caller was: an inline profile beats an id, an id beats the
session's influencer (the profile the last script used), and only when nothing names an influencer
does a generic per-category persona stand in (flagged `generic=True` so results and metrics can
tell). An id that is named but unknown is an error, not a silent fallback: writing in the wrong voice
is worse than failing clearly.
"""

from __future__ import annotations

from script_agent.domain import knowledge
from script_agent.domain.errors import NotFound
from script_agent.domain.intent import IntentResult
from script_agent.domain.models import InfluencerProfile, ScriptRequest
from script_agent.domain.session import Session
from script_agent.ports.repositories import ProfileRepository


def generic_profile(category: str | None) -> InfluencerProfile:
    """A neutral persona for the category: a believable voice without pretending to be anyone."""
    canonical = knowledge.normalize_category(category) or knowledge.GENERIC_CATEGORY
    persona = knowledge.generic_persona(canonical)
    return InfluencerProfile(
        id=f"generic:{canonical}",
        name=persona.name,
        category=canonical,
        style=persona.style.model_copy(deep=True),
        generic=True,
    )


class ProfileAgent:
    def __init__(self, profiles: ProfileRepository) -> None:
        self._profiles = profiles

    async def fetch(
        self, request: ScriptRequest, intent: IntentResult, session: Session
    ) -> InfluencerProfile:
        if request.influencer is not None:
            return request.influencer
        if request.influencer_id is None and session.influencer is not None:
            return session.influencer  # a follow-up turn keeps the voice, inline or generic
        influencer_id = request.influencer_id or session.influencer_id
        if influencer_id:
            found = await self._profiles.get(influencer_id)
            if found is None:
                raise NotFound(f"influencer '{influencer_id}' not found", influencer_id=influencer_id)
            return found
        category = intent.category
        if category is None and request.product is not None:
            category = request.product.category
        if category is None and session.product is not None:
            category = session.product.category
        return generic_profile(category)
