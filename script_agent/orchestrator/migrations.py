"""Checkpoint payload schema versions, and the migrations that bring an older payload up to date.

A rolling deploy runs two releases side by side: a run checkpointed by the old one must resume on the
new one. Every payload therefore names its `schema_version`; one reader upgrades it step by step
(0 → 1 → … → current) before `RunData` sees it, and refuses a version newer than it knows rather than
guessing at fields it has never seen. Payloads written before versioning (release 0.1.0 and the
unreleased code up to this change) carry no version and count as version 0.

Migrations work on plain dicts and never on the stored record: the stored checksum covers the payload
as it was written, so it is verified (by the store, on read) before anything here touches it. A few
readers look at raw payload keys without upgrading (`attempt` and `error` in the gateway's checkpoint
summary and in replay, `partials` in the operator's status): a migration renaming one updates them too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from script_agent.domain.errors import ScriptAgentError

SCHEMA_VERSION = 1
VERSION_KEY = "schema_version"

Payload = dict[str, Any]


class CheckpointSchemaUnsupported(ScriptAgentError):
    """A payload from a newer release (or a damaged version field): this release cannot read it, and
    guessing would resume a run with fields silently dropped. During a rolling deploy a replica on the
    newer release can; after a rollback, nothing of this release can."""

    code = "checkpoint_schema_unsupported"


def _v0_to_v1(payload: Payload) -> Payload:
    """Version 0 had no version field; 0.1.0 payloads also lack the reset record (`partials`), which
    means no stream broke. Every other field 0.1.0 wrote is read unchanged by version 1."""
    return {**payload, "partials": list(payload.get("partials") or []), VERSION_KEY: 1}


# MIGRATIONS[n] turns a version-n payload into a version-(n+1) one. Append, never edit: a payload
# written by any earlier release must keep taking the same path.
MIGRATIONS: tuple[Callable[[Payload], Payload], ...] = (_v0_to_v1,)
if len(MIGRATIONS) != SCHEMA_VERSION:  # a version bump without its migration must not import
    raise RuntimeError("checkpoint migrations: need exactly one per earlier schema version")


def schema_version_of(payload: Mapping[str, Any]) -> int:
    """The version a payload was written at; a missing field is version 0 (before versioning)."""
    raw = payload.get(VERSION_KEY, 0)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise CheckpointSchemaUnsupported(
            f"checkpoint payload has an invalid {VERSION_KEY}: {raw!r}", schema_version=str(raw)
        )
    return raw


def upgrade(payload: Mapping[str, Any]) -> tuple[Payload, bool]:
    """The payload at SCHEMA_VERSION, and whether any migration ran (the input is not modified)."""
    version = schema_version_of(payload)
    if version > SCHEMA_VERSION:
        raise CheckpointSchemaUnsupported(
            f"checkpoint payload has schema_version {version}, newer than this release reads "
            f"(up to {SCHEMA_VERSION}); it was written by a newer release",
            schema_version=version,
            supported=SCHEMA_VERSION,
        )
    current = dict(payload)
    for migrate in MIGRATIONS[version:]:
        current = migrate(current)
    return current, version < SCHEMA_VERSION
