"""The one checkpoint writer that the sync, stream and operator paths all write through.

One serialisation per transition: the payload's canonical bytes are built once, from one canonical
fragment per top-level field, and both the checksum and the stored body are made from those bytes.
The model-valued parts, which a run sets and then only replaces (request, session view, intent,
influencer, product, draft, quality report, result, ...), are encoded on the first write that carries
them and reused by identity on the run's later writes, instead of being encoded again into every
one of its ~7 checkpoints. Every checkpoint still carries its whole payload, so resume, paging and
keep-last-N are unchanged.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import orjson

from script_agent.domain.checkpoint import CheckpointRecord, canonical_bytes, sealed_draft
from script_agent.domain.states import WorkflowState, status_for
from script_agent.orchestrator.migrations import SCHEMA_VERSION, VERSION_KEY, upgrade
from script_agent.orchestrator.run_data import RunData, request_fingerprint
from script_agent.ports.clock import Clock, SystemClock
from script_agent.ports.stores import CheckpointStore

# The model-valued fields: steps replace them (model_copy, new objects), never change them in place,
# so an unchanged object is an unchanged part. Lists and dicts (examples, step_ms, ...) are re-encoded.
REUSED_FIELDS = (
    "request",
    "session",
    "intent",
    "influencer",
    "product",
    "draft",
    "quality",
    "result",
    "usage",
    "error",
)
_FIELDS = tuple(sorted({*RunData.model_fields, VERSION_KEY}))
_KEYS = {name: canonical_bytes(name) + b":" for name in _FIELDS}
# Fields of JSON-native values (str, int, bool, None, lists of str, a dict of floats): their JSON form
# is the value itself, so they are encoded straight from the model's attributes without a pydantic
# dump (copied, so the payload never shares a list the run data holds).
_PLAIN = ("fingerprint", "examples", "feedback", "attempt", "use_last_resort", "clarification", "step_ms")
_OTHERS = frozenset(RunData.model_fields) - set(REUSED_FIELDS) - set(_PLAIN) - {VERSION_KEY}
_VERSION = (SCHEMA_VERSION, canonical_bytes(SCHEMA_VERSION))
_CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS  # as canonical_bytes, minus a call per field
_dumps = orjson.dumps


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


class FragmentCache:
    """(field, object) -> its JSON form and canonical bytes, by identity. Each entry holds the object
    itself, so an id is never reused while cached; bounded (LRU) so abandoned runs cannot grow it."""

    def __init__(self, max_entries: int = 1024) -> None:
        self._max = max_entries
        self._items: OrderedDict[tuple[str, int], tuple[object, Any, bytes]] = OrderedDict()

    def get(self, name: str, value: object) -> tuple[Any, bytes] | None:
        key = (name, id(value))
        hit = self._items.get(key)
        if hit is None or hit[0] is not value:
            return None
        self._items.move_to_end(key)
        return hit[1], hit[2]

    def put(self, name: str, value: object, jsonable: Any, raw: bytes) -> None:
        self._items[(name, id(value))] = (value, jsonable, raw)
        self._items.move_to_end((name, id(value)))
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def encode_payload(data: RunData, cache: FragmentCache) -> tuple[dict[str, Any], bytes]:
    """The payload dict (JSON mode, as `model_dump(mode="json")` gives it, plus the schema version)
    and its canonical bytes, equal to `canonical_bytes(payload)`, with one pydantic dump call for
    whatever is not cached. The dict shares the cached parts: treat it as read-only."""
    raws: dict[str, bytes] = {VERSION_KEY: _VERSION[1]}
    payload: dict[str, Any] = {VERSION_KEY: _VERSION[0]}
    values = data.__dict__
    for name in _PLAIN:
        payload[name] = jsonable = _plain(values[name])
        raws[name] = _dumps(jsonable, default=str, option=_CANONICAL)
    todo = set(_OTHERS)
    if not values["partials"]:  # the usual case: no attempt broke mid-stream, nothing to dump
        todo.discard("partials")
        payload["partials"], raws["partials"] = [], b"[]"
    for name in REUSED_FIELDS:
        value = values[name]
        if value is None:  # a fact the run has not gathered yet
            payload[name], raws[name] = None, b"null"
            continue
        hit = cache.get(name, value)
        if hit is None:
            todo.add(name)
        else:
            payload[name], raws[name] = hit
    dumped = data.model_dump(mode="json", include=todo) if todo else {}
    for name, jsonable in dumped.items():
        raw = _dumps(jsonable, default=str, option=_CANONICAL)
        if jsonable is not None and name in REUSED_FIELDS:
            cache.put(name, values[name], jsonable, raw)
        payload[name], raws[name] = jsonable, raw
    body = b"{" + b",".join([_KEYS[name] + raws[name] for name in _FIELDS]) + b"}"
    return payload, body


class CheckpointWriter:
    def __init__(self, store: CheckpointStore, clock: Clock | None = None):
        self._store = store
        self._clock = clock or SystemClock()
        self._fragments = FragmentCache()

    async def write(
        self, data: RunData, state: WorkflowState, *, trace_id: str, fence: int | None
    ) -> CheckpointRecord:
        # Not validated: every field is built right here from validated values; validating the
        # payload dict again on each of a run's ~7 writes was pure overhead.
        payload, payload_bytes = encode_payload(data, self._fragments)
        draft = sealed_draft(
            tenant=data.request.tenant,
            session_id=data.request.session_id or "",
            trace_id=trace_id,
            state=state,
            status=status_for(state),
            created_at=self._clock.now(),
            payload=payload,
            payload_bytes=payload_bytes,
            fence=fence,
        )
        return await self._store.append(draft)  # stores count the writes


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
