"""Shared base for every settings section: flat env var names (`LLM_MAX_RETRIES`, not `LLM__...`)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


def section(prefix: str) -> SettingsConfigDict:
    return SettingsConfigDict(env_prefix=prefix, extra="ignore", case_sensitive=False, env_file=None)


class Section(BaseSettings):
    model_config = section("")
