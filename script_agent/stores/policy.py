"""Settings -> domain policy mapping shared by the memory and Redis session stores."""

from __future__ import annotations

from script_agent.config.state import SessionSettings
from script_agent.domain.retention import RetentionPolicy


def retention_policy(settings: SessionSettings) -> RetentionPolicy:
    return RetentionPolicy(
        max_turns=settings.max_turns_persisted,
        compress=settings.compress_on_save,
        max_scripts=settings.max_scripts_persisted,
    )
