"""Status conditions per Kubernetes API conventions, and the phase derived from them.

A condition's `lastTransitionTime` records when its *status* last flipped, so re-writing the same
status keeps the old time; only reason/message/observedGeneration are refreshed. The list is a
list-map keyed by `type` (one entry per type), and it is always written whole (a JSON merge patch
replaces lists), so the builder starts from the previous list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scriptjob_operator.resource import DEGRADED, FAILED, PENDING, RUNNING, SUCCEEDED

TRUE, FALSE, UNKNOWN = "True", "False", "Unknown"
READY, COMPLETE, FAILED_TYPE, DEGRADED_TYPE = "Ready", "Complete", "Failed", "Degraded"
MESSAGE_MAX = 1024
MAX_CONDITIONS = 16


@dataclass(frozen=True)
class Condition:
    """What a caller wants a condition to say; the time and generation are filled on merge."""

    type: str
    status: str
    reason: str
    message: str = ""


def merge_conditions(
    previous: Iterable[Mapping[str, Any]] | None,
    wanted: Iterable[Condition],
    *,
    now: str,
    generation: int | None,
) -> list[dict[str, Any]]:
    """Previous conditions updated by `wanted`, keeping lastTransitionTime when the status is unchanged.

    Conditions not mentioned in `wanted` are kept as they were (another writer may own them).
    """
    by_type: dict[str, dict[str, Any]] = {}
    for item in previous or ():
        if isinstance(item, Mapping) and isinstance(item.get("type"), str):
            by_type[item["type"]] = dict(item)
    for cond in wanted:
        old = by_type.get(cond.type)
        flipped = old is None or old.get("status") != cond.status or not old.get("lastTransitionTime")
        entry: dict[str, Any] = {
            "type": cond.type,
            "status": cond.status,
            "reason": cond.reason,
            "message": cond.message[:MESSAGE_MAX],
            "lastTransitionTime": now if flipped else old["lastTransitionTime"],  # type: ignore[index]
        }
        if generation is not None:
            entry["observedGeneration"] = generation
        by_type[cond.type] = entry
    return list(by_type.values())[:MAX_CONDITIONS]


def condition(conditions: Iterable[Mapping[str, Any]] | None, type_: str) -> Mapping[str, Any] | None:
    for item in conditions or ():
        if isinstance(item, Mapping) and item.get("type") == type_:
            return item
    return None


def is_true(conditions: Iterable[Mapping[str, Any]] | None, type_: str) -> bool:
    found = condition(conditions, type_)
    return found is not None and found.get("status") == TRUE


def derive_phase(conditions: Iterable[Mapping[str, Any]] | None, *, started: bool) -> str:
    """phase is only a summary of the conditions (never the source of truth)."""
    items = list(conditions or ())
    if is_true(items, FAILED_TYPE):
        return FAILED
    if is_true(items, COMPLETE):
        return DEGRADED if is_true(items, DEGRADED_TYPE) else SUCCEEDED
    return RUNNING if started else PENDING


def rebase_conditions(
    current: Iterable[Mapping[str, Any]] | None, ours: Iterable[Mapping[str, Any]] | None
) -> list[dict[str, Any]]:
    """Our conditions merged by type onto the server's current list (after a 409): ours win, the
    server's other types stay, and an unflipped condition keeps the server's lastTransitionTime."""
    by_type: dict[str, dict[str, Any]] = {}
    for item in current or ():
        if isinstance(item, Mapping) and isinstance(item.get("type"), str):
            by_type[item["type"]] = dict(item)
    for item in ours or ():
        if not (isinstance(item, Mapping) and isinstance(item.get("type"), str)):
            continue
        entry = dict(item)
        old = by_type.get(entry["type"])
        if old is not None and old.get("status") == entry.get("status") and old.get("lastTransitionTime"):
            entry["lastTransitionTime"] = old["lastTransitionTime"]
        by_type[entry["type"]] = entry
    return list(by_type.values())[:MAX_CONDITIONS]
