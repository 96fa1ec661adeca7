"""The emulator's state: objects with server-managed metadata, one resourceVersion clock, an event log.

Everything here runs on the emulator's event loop and mutates synchronously (no `await` inside a
mutation), so each create/patch/delete plus its watch event is atomic — the property that lets a
watch started at `?resourceVersion=N` replay exactly the events after N without gaps or duplicates.
"""

from __future__ import annotations

import asyncio
import builtins
import collections
import copy
import dataclasses
import functools
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import orjson
from kmock import KubernetesError

from .objects import (
    SERVER_OWNED_METADATA,
    JsonDict,
    PatchInvalid,
    PatchTestFailed,
    apply_defaults,
    generated_name,
    json_patch,
    merge_patch,
    now_rfc3339,
    prune_object,
    schema_errors,
    without,
)

ResourceKey = tuple[str, str, str]  # group, version, plural
ObjectKey = tuple[ResourceKey, str | None, str]  # resource, namespace, name
NAMESPACES: ResourceKey = ("", "v1", "namespaces")


@dataclasses.dataclass(frozen=True)
class ResourceMeta:
    """What the store must know about a resource to manage its objects like the API server does."""

    group: str
    version: str
    plural: str
    kind: str
    namespaced: bool
    status_subresource: bool = False
    schema: JsonDict = dataclasses.field(default_factory=dict, compare=False, hash=False)
    # Extra admission (new object, old object or None on create): raises a KubernetesError to refuse,
    # may fill server-side defaults into the new object in place. CRDs get the apiextensions
    # defaulting and validation, custom resources their CEL rules.
    validate: Callable[[JsonDict, JsonDict | None], None] | None = dataclasses.field(
        default=None, compare=False, hash=False
    )

    @property
    def key(self) -> ResourceKey:
        return (self.group, self.version, self.plural)

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version


def api_error(status: int, reason: str, message: str) -> KubernetesError:
    """A `Status` failure as the API server sends it (kmock renders KubernetesError as such)."""
    return KubernetesError(status=status, reason=reason, message=message, details={"code": status})


def conflict(meta: ResourceMeta, name: str) -> KubernetesError:
    """The apiserver's optimistic-concurrency failure (a write carrying a stale resourceVersion)."""
    resource = f"{meta.plural}.{meta.group}" if meta.group else meta.plural
    return api_error(
        409,
        "Conflict",
        f'Operation cannot be fulfilled on {resource} "{name}": the object has been modified; '
        "please apply your changes to the latest version and try again",
    )


class WatchEvent:
    """One watch event, encoded once on first use and shared by every watcher it is offered to (a
    kopf operator and a `kubectl -w` watching the same objects get the same bytes).

    The object is the store's own: never mutated once stored (every change commits a new dict)."""

    def __init__(self, kind: str, obj: JsonDict) -> None:
        self.type = kind
        self.object = obj

    @functools.cached_property
    def encoded(self) -> bytes:
        return orjson.dumps({"type": self.type, "object": self.object}) + b"\n"


class Watcher:
    """One open watch: a queue fed by the store; closed with 410 Gone when the consumer lags too far."""

    def __init__(self, resource: ResourceKey, namespace: str | None, limit: int) -> None:
        self.resource, self.namespace, self._limit = resource, namespace, limit
        self.queue: asyncio.Queue[WatchEvent | None] = asyncio.Queue()
        self.gone = False

    def matches(self, resource: ResourceKey, namespace: str | None) -> bool:
        return resource == self.resource and (self.namespace is None or namespace == self.namespace)

    def offer(self, event: WatchEvent) -> None:
        if self.gone:
            return
        if self.queue.qsize() >= self._limit:
            self.gone = True
            self.queue.put_nowait(None)  # the stream ends with 410; the client relists
        else:
            self.queue.put_nowait(event)


class ObjectStore:
    """Objects keyed by (resource, namespace, name); every change gets the next resourceVersion."""

    def __init__(self, *, history_limit: int = 20_000, watch_queue_limit: int = 20_000) -> None:
        self._objects: dict[ObjectKey, JsonDict] = {}
        self._rv = 0
        self._log: collections.deque[tuple[int, ResourceKey, str | None, WatchEvent]] = collections.deque(
            maxlen=history_limit
        )
        self._watchers: set[Watcher] = set()
        self._watch_queue_limit = watch_queue_limit

    # --- reading -----------------------------------------------------------------------------
    @property
    def resource_version(self) -> int:
        return self._rv

    def get(self, meta: ResourceMeta, namespace: str | None, name: str) -> JsonDict:
        obj = self._objects.get((meta.key, self._ns(meta, namespace), name))
        if obj is None:
            raise api_error(404, "NotFound", f'{meta.plural}.{meta.group} "{name}" not found')
        return obj

    def list(self, meta: ResourceMeta, namespace: str | None) -> list[JsonDict]:
        """Objects of a resource, in one namespace or (namespace=None) in all, sorted by namespace/name."""
        keys = [k for k in self._objects if k[0] == meta.key and (namespace is None or k[1] == namespace)]
        return [self._objects[k] for k in sorted(keys, key=lambda k: (k[1] or "", k[2]))]

    def iter_all(self) -> Iterator[tuple[ObjectKey, JsonDict]]:
        yield from list(self._objects.items())

    # --- writing -----------------------------------------------------------------------------
    def create(self, meta: ResourceMeta, namespace: str | None, body: JsonDict) -> JsonDict:
        obj = copy.deepcopy(body)
        metadata = dict(obj.get("metadata") or {})
        namespace = self._ns(meta, namespace or metadata.get("namespace"))
        if meta.namespaced and not namespace:
            raise api_error(400, "BadRequest", "a namespaced object needs a namespace")
        if metadata.get("namespace") not in (None, namespace):
            raise api_error(400, "BadRequest", "the namespace of the object does not match the URL")
        if namespace and meta.key != NAMESPACES and (NAMESPACES, None, namespace) not in self._objects:
            raise api_error(404, "NotFound", f'namespaces "{namespace}" not found')
        name = metadata.get("name") or (
            generated_name(metadata["generateName"]) if metadata.get("generateName") else None
        )
        if not name:
            raise api_error(422, "Invalid", "metadata.name or metadata.generateName is required")
        key = (meta.key, namespace, name)
        if key in self._objects:
            raise api_error(409, "AlreadyExists", f'{meta.plural}.{meta.group} "{name}" already exists')
        for field in SERVER_OWNED_METADATA:
            metadata.pop(field, None)
        metadata.update(name=name, uid=str(uuid.uuid4()), creationTimestamp=now_rfc3339(), generation=1)
        if namespace:
            metadata["namespace"] = namespace
        obj.update(apiVersion=meta.api_version, kind=meta.kind, metadata=metadata)
        if meta.status_subresource:
            obj.pop("status", None)  # status is written only through /status
        apply_defaults(obj, meta.schema)
        return self._commit(meta, key, self._admit(meta, obj), "ADDED")

    def patch(
        self,
        meta: ResourceMeta,
        namespace: str | None,
        name: str,
        *,
        content_type: str,
        payload: Any,
        subresource: str | None = None,
    ) -> JsonDict:
        old = self.get(meta, namespace, name)
        patched = self._apply_patch(old, content_type, payload)
        new = self._admit(meta, self._keep_server_fields(meta, old, patched, subresource), old)
        if new == old:
            return old  # a no-op patch neither bumps resourceVersion nor emits an event
        key = (meta.key, self._ns(meta, namespace), name)
        if new["metadata"].get("deletionTimestamp") and not new["metadata"].get("finalizers"):
            return self._remove(meta, key, new)
        return self._commit(meta, key, new, "MODIFIED")

    def replace(
        self, meta: ResourceMeta, namespace: str | None, name: str, body: Any, subresource: str | None = None
    ) -> JsonDict:
        """PUT (update): the whole object, conditional on `metadata.resourceVersion` — which custom
        resources require (422 without it, as the apiserver does), and 409 when it is stale."""
        old = self.get(meta, namespace, name)
        if not isinstance(body, dict):
            raise api_error(400, "BadRequest", "the body must be a JSON object")
        metadata = body.get("metadata") or {}
        if metadata.get("name") not in (None, name):
            raise api_error(400, "BadRequest", "the name of the object does not match the name on the URL")
        if not metadata.get("resourceVersion") and meta.group:
            raise api_error(
                422,
                "Invalid",
                f'{meta.kind}.{meta.group} "{name}" is invalid: metadata.resourceVersion: '
                "Invalid value: 0x0: must be specified for an update",
            )
        body = apply_defaults(copy.deepcopy(body), meta.schema)  # a request body is defaulted when decoded
        new = self._admit(meta, self._keep_server_fields(meta, old, body, subresource), old)
        if new == old:
            return old
        return self._commit(meta, (meta.key, self._ns(meta, namespace), name), new, "MODIFIED")

    def delete(
        self, meta: ResourceMeta, namespace: str | None, name: str, preconditions: JsonDict | None = None
    ) -> JsonDict:
        """DELETE; `preconditions` ({uid, resourceVersion} from DeleteOptions) must match or 409."""
        old = self.get(meta, namespace, name)
        for field, expected in (preconditions or {}).items():
            if expected is not None and old["metadata"].get(field) != expected:
                raise api_error(409, "Conflict", f"precondition failed: {field} is not {expected!r}")
        key = (meta.key, self._ns(meta, namespace), name)
        if not old["metadata"].get("finalizers"):
            return self._remove(meta, key, old)
        if old["metadata"].get("deletionTimestamp"):
            return old  # already marked; waiting for the finalizers to go
        metadata = dict(old["metadata"], deletionTimestamp=now_rfc3339(), deletionGracePeriodSeconds=0)
        return self._commit(meta, key, dict(old, metadata=metadata), "MODIFIED")

    # --- watching ----------------------------------------------------------------------------
    def watch(
        self, meta: ResourceMeta, namespace: str | None, since: int | None
    ) -> tuple[builtins.list[WatchEvent], Watcher, int]:
        """Register a watcher; return the backlog after `since` (None: synthetic ADDED for all) and the
        resourceVersion the backlog is complete up to (for the initial-events-end bookmark).

        Registration and backlog are taken in one synchronous step, so no event falls between them.
        Raises 410 Gone when `since` is older than the retained history.
        """
        watcher = Watcher(meta.key, namespace, self._watch_queue_limit)
        if since is None:
            backlog = [WatchEvent("ADDED", obj) for obj in self.list(meta, namespace)]
        else:
            oldest = self._log[0][0] if self._log else self._rv + 1
            if since < oldest - 1 and since < self._rv:
                raise api_error(410, "Expired", f"too old resource version: {since} ({oldest - 1})")
            backlog = [e for rv, res, ns, e in self._log if rv > since and watcher.matches(res, ns)]
        self._watchers.add(watcher)
        return backlog, watcher, self._rv

    def unwatch(self, watcher: Watcher) -> None:
        self._watchers.discard(watcher)

    # --- internals ---------------------------------------------------------------------------
    @staticmethod
    def _ns(meta: ResourceMeta, namespace: str | None) -> str | None:
        return namespace if meta.namespaced else None

    @staticmethod
    def _admit(meta: ResourceMeta, obj: JsonDict, old: JsonDict | None = None) -> JsonDict:
        """What the API server does to an object before storing it: prune unknown fields, validate
        against the schema, then the resource's own rules (CRD validation, CEL)."""
        obj = prune_object(obj, meta.schema)
        errors = schema_errors(obj, meta.schema)
        if errors:
            raise api_error(422, "Invalid", f"{meta.kind} is invalid: " + "; ".join(errors))
        if meta.validate is not None:
            meta.validate(obj, old)
        return obj

    @staticmethod
    def _apply_patch(old: JsonDict, content_type: str, payload: Any) -> JsonDict:
        kind = content_type.split(";")[0].strip().lower()
        try:
            if kind == "application/json-patch+json":
                if not isinstance(payload, list):
                    raise PatchInvalid("a JSON patch must be a list of operations")
                return json_patch(old, payload)
            if kind in ("application/merge-patch+json", "application/strategic-merge-patch+json"):
                if not isinstance(payload, dict):
                    raise PatchInvalid("a merge patch must be a JSON object")
                merged: JsonDict = merge_patch(old, payload)
                return merged
        except PatchTestFailed as exc:
            raise api_error(422, "Invalid", f"the patch test operation failed: {exc}") from exc
        except PatchInvalid as exc:
            raise api_error(422, "Invalid", f"the patch cannot be applied: {exc}") from exc
        raise api_error(415, "UnsupportedMediaType", f"the content type {content_type!r} is not supported")

    @staticmethod
    def _keep_server_fields(meta: ResourceMeta, old: JsonDict, new: JsonDict, sub: str | None) -> JsonDict:
        """Apply the API server's rules on what a client may change through which endpoint."""
        requested_rv = (new.get("metadata") or {}).get("resourceVersion")
        if requested_rv not in (None, old["metadata"]["resourceVersion"]):
            raise conflict(meta, old["metadata"]["name"])
        if sub == "status":
            result = dict(old)  # /status changes nothing but status
            if "status" in new:
                result["status"] = new["status"]
            else:
                result.pop("status", None)
            return result
        if sub is not None:
            raise api_error(404, "NotFound", f"subresource {sub!r} is not served by the emulator")
        result = dict(new)
        if meta.status_subresource:  # the main resource ignores status changes
            result.pop("status", None)
            if "status" in old:
                result["status"] = old["status"]
        metadata = dict(new.get("metadata") or {})
        for field in (*SERVER_OWNED_METADATA, "name", "namespace"):
            metadata.pop(field, None)
            if field in old["metadata"]:
                metadata[field] = old["metadata"][field]
        ignored = ("metadata", "status") if meta.status_subresource else ("metadata",)
        if without(result, *ignored) != without(old, *ignored):
            metadata["generation"] = old["metadata"].get("generation", 1) + 1
        result["metadata"] = metadata
        result["apiVersion"], result["kind"] = old["apiVersion"], old["kind"]
        return result

    def _commit(self, meta: ResourceMeta, key: ObjectKey, obj: JsonDict, kind: str) -> JsonDict:
        self._rv += 1
        obj = dict(obj, metadata=dict(obj["metadata"], resourceVersion=str(self._rv)))
        self._objects[key] = obj
        self._emit(meta, key[1], WatchEvent(kind, obj))
        return obj

    def _remove(self, meta: ResourceMeta, key: ObjectKey, obj: JsonDict) -> JsonDict:
        self._rv += 1
        obj = dict(obj, metadata=dict(obj["metadata"], resourceVersion=str(self._rv)))
        self._objects.pop(key, None)
        self._emit(meta, key[1], WatchEvent("DELETED", obj))
        return obj

    def _emit(self, meta: ResourceMeta, namespace: str | None, event: WatchEvent) -> None:
        self._log.append((self._rv, meta.key, namespace, event))
        for watcher in list(self._watchers):
            if watcher.matches(meta.key, namespace):
                watcher.offer(event)
