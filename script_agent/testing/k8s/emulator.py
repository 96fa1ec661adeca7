"""A Kubernetes API emulator kopf can run against: kmock's scaffold plus the state rules of `store`.

Built on `kmock` 0.8 (pinned in pyproject). What is reused from kmock: request parsing into
Kubernetes actions, discovery endpoints (/api, /apis, /apis/<group>/<version>), the bundled builtin
resources (kopf waits for v1/namespaces), `Status` error rendering, streaming, and its DSL — so a
test can still inject faults with a reaction, e.g. ``emulator[kmock.action.UPDATE] << 500``, which
takes priority over the fallbacks below and then changes nothing in the store.

What is replaced: kmock's `KubernetesEmulator` state handling (merge-only patches, no
resourceVersion/uid/generation, watches that replay everything and ignore `?resourceVersion=`,
no `generateName`, no /status rules). Subclassing its scaffold instead keeps those out entirely.

Admission on top of the store: CustomResourceDefinitions are defaulted and validated like the
apiextensions apiserver does (`crd_validation`), custom resources get their CRD's CEL rules
(`cel_admission`).
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections.abc import AsyncIterator, Mapping
from typing import Any, cast

import aiohttp.web
import attrs
import kmock
from kmock._internal import rendering  # Response(status=201); pinned kmock==0.8

from . import kmock_fixes, wire
from .cel_admission import cel_admission
from .crd_validation import invalid_error, validate_crd
from .crd_validation.crd_defaults import apply_crd_defaults
from .crd_validation.decode import check_decodable, undecodable
from .faults import Fault
from .objects import JsonDict, crd_discovery, crd_schema
from .store import NAMESPACES, ObjectStore, ResourceMeta, WatchEvent, api_error

kmock_fixes.apply()

CRDS = ("apiextensions.k8s.io", "v1", "customresourcedefinitions")


def _validate_crd(crd: JsonDict, old: JsonDict | None) -> None:
    """Admission for CustomResourceDefinitions: decoding (400), then the apiextensions validation (422)."""
    check_decodable(crd)
    apply_crd_defaults(crd)
    try:
        errors = validate_crd(crd, old)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:  # a shape the Go types cannot hold
        raise undecodable(f"{type(exc).__name__}: {exc}") from None
    if errors:
        raise invalid_error(crd, errors)


_PARSE_SELECTOR_ERROR = "only equality selectors (k=v,k2=v2) are supported by the emulator"


def _selector(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    pairs = {}
    for term in text.split(","):
        key, sep, value = term.partition("=")
        if not sep or key.endswith("!"):
            raise api_error(400, "BadRequest", _PARSE_SELECTOR_ERROR)
        pairs[key.strip()] = value.lstrip("=").strip()
    return pairs


_FIELDS = ("metadata.name", "metadata.namespace")


def _field_selector(text: str | None) -> dict[str, str]:
    """Parse and check a fieldSelector up front (a 400 before a watch stream opens, not inside it)."""
    fields = _selector(text)
    unknown = sorted(set(fields) - set(_FIELDS))
    if unknown:
        raise api_error(400, "BadRequest", f"field selectors {unknown} are not supported by the emulator")
    return fields


def _selected(obj: JsonDict, labels: Mapping[str, str], fields: Mapping[str, str]) -> bool:
    metadata = obj.get("metadata") or {}
    if any((metadata.get("labels") or {}).get(k) != v for k, v in labels.items()):
        return False
    return all(metadata.get(key.split(".", 1)[1]) == value for key, value in fields.items())


def _status_event(code: int, reason: str, message: str) -> bytes:
    """A watch ERROR event carrying a `Status` (how the API server reports 410 Gone mid-stream)."""
    status = {"kind": "Status", "apiVersion": "v1", "code": code, "reason": reason, "message": message}
    return WatchEvent("ERROR", status).encoded


def _initial_events_end(meta: ResourceMeta, resource_version: int) -> bytes:
    """The BOOKMARK that ends `sendInitialEvents=true` streaming (what kopf's initial_streaming waits for)."""
    metadata = {
        "resourceVersion": str(resource_version),
        "annotations": {"k8s.io/initial-events-end": "true"},
    }
    bookmark = {"kind": meta.kind, "apiVersion": meta.api_version, "metadata": metadata}
    return WatchEvent("BOOKMARK", bookmark).encoded


@attrs.define(kw_only=True)
class KubeEmulator(kmock.KubernetesScaffold):
    """The HTTP face of `ObjectStore`; install CRDs with `install_crd` before kopf starts."""

    store: ObjectStore = attrs.field(factory=ObjectStore)
    _schemas: dict[tuple[str, str, str], JsonDict] = attrs.field(factory=dict, init=False)
    _serve: dict[kmock.action, Any] = attrs.field(factory=dict, init=False)
    _metas: dict[tuple[str, str, str], ResourceMeta] = attrs.field(factory=dict, init=False)
    _builtin_count: int = attrs.field(default=0, init=False)
    faults: list[Fault] = attrs.field(factory=list, init=False)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        with warnings.catch_warnings():  # kmock 0.8 uses importlib.resources.read_binary (deprecated)
            warnings.simplefilter("ignore", DeprecationWarning)
            self.resources.load_bundled()
        self._serve = {
            kmock.action.LIST: self._serve_list,
            kmock.action.WATCH: self._serve_watch,
            kmock.action.FETCH: self._serve_fetch,
            kmock.action.CREATE: self._serve_create,
            kmock.action.UPDATE: self._serve_update,
            kmock.action.DELETE: self._serve_delete,
        }
        self._builtin_count = len(self._payloads)

    async def __call__(self, raw_request: aiohttp.web.BaseRequest) -> aiohttp.web.StreamResponse:
        """kmock 0.8's entry point (RawHandler.__call__) with the emulator's cheaper request parsing
        (wire.py); every request still lands in kmock's request log first."""
        await raw_request.read()
        raw_response: aiohttp.web.StreamResponse | None = None
        try:
            request = await wire.parse_request(raw_request, id=len(self._requests))
            self._requests.append(request)
            try:
                response: aiohttp.web.StreamResponse = await self._handle(request)
                return response
            except rendering.StreamingError as exc:  # unwrap: the stream is open, the error goes in it
                raw_response = exc.args[0]
                raise (exc.__cause__ or exc) from None
        except Exception as exc:
            if not self._errors:
                raise
            self._errors[-1].append(exc)
            if raw_response is None or not raw_response.prepared:
                return await self._render_error(exc)
            await self._stream_error(exc, raw_response)
            await raw_response.write_eof()
            return raw_response

    async def _handle(self, request: kmock.Request) -> Any:
        """Dispatch: test-injected reactions first, then object endpoints directly, then kmock's DSL.

        kmock's DSL matches a request by scanning the whole request history for every reaction
        (`request in view`), which makes each request O(history) and a 200-job run quadratic.
        Object endpoints (all but discovery) therefore skip it, and answer without kmock's
        rendering (wire.py); injected reactions keep their full DSL semantics (slices like `[:2]`
        count over the history).
        """
        for fault in self.faults:
            if fault.matches(request):
                return await fault.response()(request)
        if request.method == kmock.method.PUT and request.name and request.resource:
            return await self._serve_replace(request)
        injected = self._payloads[self._builtin_count :]
        if injected:
            response = await self._try_reactions(request, injected)
            if response is not None:
                return response
        routed = request.action is not None and request.resource and request.resource.plural
        serve = self._serve.get(request.action) if routed and request.action is not None else None
        if serve is not None:
            return await serve(request)
        return await super()._handle(request)  # discovery and 404s: a handful per kopf start

    @staticmethod
    async def _try_reactions(request: kmock.Request, payloads: list[Any]) -> Any:
        """kmock 0.8's own matching loop (RawHandler._handle), over the given reactions only."""
        depth = max(len(p.priorities) for p in payloads)
        keys = [tuple(-x for x in p.priorities) + (0,) * (depth - len(p.priorities)) for p in payloads]
        for _, payload in sorted(zip(keys, payloads, strict=True), key=lambda pair: pair[0]):
            if request in payload._source and not payload._disabled.is_set():
                try:
                    return await payload(request)
                except rendering.ReactionMismatchError:
                    payload._disabled.set()
                except NotImplementedError:
                    pass
        return None

    # --- setup -------------------------------------------------------------------------------
    def inject(self, status: int, *, times: int = 1, **match: Any) -> Fault:
        """Fail the next `times` requests matching `match` (method, plural, subresource, name) with
        `status`; `retry_after=` adds the header. Returns the fault (`.served` counts its uses)."""
        fault = Fault(status=status, times=times, **match)
        self.faults.append(fault)
        return fault

    def install_crd(self, crd: JsonDict) -> None:
        """Create a CRD as `kubectl apply` would: validated like the apiserver does (422 KubernetesError
        when invalid), stored, and its resources served in discovery."""
        self._serve_crd(self.store.create(self.meta(*CRDS), None, crd))

    def _serve_crd(self, crd: JsonDict) -> None:
        self._metas.clear()
        for key, info in crd_discovery(crd):
            self.resources[key] = cast(kmock.ResourceDict, info)  # crd_discovery builds its fields
            group, version, plural = key.split("/")
            self._schemas[(group, version, plural)] = crd_schema(crd, version)

    def ensure_namespace(self, name: str) -> None:
        with contextlib.suppress(kmock.KubernetesError):
            self.store.create(self.meta(*NAMESPACES), None, {"metadata": {"name": name}})

    def meta(self, group: str, version: str, plural: str) -> ResourceMeta:
        """Resource facts from discovery data (raises 404 for a resource the server does not serve).

        Kept per resource until a CRD is written (the only way discovery changes here): looking a
        resource up in kmock's discovery data parses it anew, a noticeable cost on every request."""
        cached = self._metas.get((group, version, plural))
        if cached is None:
            cached = self._metas[(group, version, plural)] = self._discover(group, version, plural)
        return cached

    def _discover(self, group: str, version: str, plural: str) -> ResourceMeta:
        key = f"{group}/{version}/{plural}" if group else f"{version}/{plural}"
        if key not in self.resources:
            raise api_error(404, "NotFound", f"the server could not find the requested resource ({key})")
        info = self.resources[key]
        schema = self._schemas.get((group, version, plural), {})
        return ResourceMeta(
            group=group,
            version=version,
            plural=plural,
            kind=info.kind or plural.capitalize(),
            namespaced=bool(info.namespaced),
            status_subresource="status" in info.subresources,
            schema=schema,
            validate=_validate_crd if (group, version, plural) == CRDS else cel_admission(schema),
        )

    def _meta_of(self, request: kmock.Request) -> ResourceMeta:
        res = request.resource
        if res is None or res.plural is None:
            raise NotImplementedError  # not an object endpoint: let other reactions answer
        return self.meta(res.group or "", res.version or "", res.plural)

    # --- endpoints ---------------------------------------------------------------------------
    async def _serve_list(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        meta = self._meta_of(request)
        labels = _selector(request.params.get("labelSelector"))
        fields = _field_selector(request.params.get("fieldSelector"))
        items = [o for o in self.store.list(meta, request.namespace) if _selected(o, labels, fields)]
        return wire.json_response(
            {
                "apiVersion": meta.api_version,
                "kind": f"{meta.kind}List",
                "metadata": {"resourceVersion": str(self.store.resource_version), "continue": ""},
                "items": items,
            }
        )

    async def _serve_watch(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        meta = self._meta_of(request)
        labels = _selector(request.params.get("labelSelector"))
        fields = _field_selector(request.params.get("fieldSelector"))
        since_text = request.params.get("resourceVersion") or ""
        initial = request.params.get("sendInitialEvents") == "true"
        since = None if initial or since_text in ("", "0") else int(since_text)
        server_timeout_s = float(request.params.get("timeoutSeconds") or 0) or None
        stream = self._stream(meta, request.namespace, since, initial, server_timeout_s, labels, fields)
        return await wire.stream_response(request, stream)

    async def _stream(
        self,
        meta: ResourceMeta,
        namespace: str | None,
        since: int | None,
        initial: bool,
        server_timeout_s: float | None,
        labels: dict[str, str],
        fields: dict[str, str],
    ) -> AsyncIterator[bytes]:
        """One watch stream: backlog, optional initial-events bookmark, then live events until timeout."""
        yield b""  # send the headers now: a watch is "open" before any event exists
        try:
            backlog, watcher, snapshot_rv = self.store.watch(meta, namespace, since)
        except kmock.KubernetesError as exc:  # 410 Gone arrives as an ERROR event, as in Kubernetes
            yield _status_event(exc.status, exc.reason or "Expired", exc.message or "")
            return
        try:
            for event in backlog:
                if _selected(event.object, labels, fields):
                    yield event.encoded
            if initial:
                yield _initial_events_end(meta, snapshot_rv)
            async with asyncio.timeout(server_timeout_s):
                while (live := await watcher.queue.get()) is not None:
                    if _selected(live.object, labels, fields):
                        yield live.encoded
            if watcher.gone:
                yield _status_event(410, "Expired", "the watcher lagged too far behind; relist")
        except TimeoutError:
            return  # ?timeoutSeconds= elapsed: the server closes the stream, the client re-watches
        finally:
            self.store.unwatch(watcher)

    async def _serve_fetch(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        meta = self._meta_of(request)
        return wire.json_response(self.store.get(meta, request.namespace, request.name or ""))

    async def _serve_create(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        meta = self._meta_of(request)
        if not isinstance(request.data, dict):
            raise api_error(400, "BadRequest", "the body must be a JSON object")
        obj = self.store.create(meta, request.namespace, request.data)
        if meta.key == CRDS:
            self._serve_crd(obj)
        return wire.json_response(obj, status=201)

    async def _serve_update(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        meta = self._meta_of(request)
        obj = self.store.patch(
            meta,
            request.namespace,
            request.name or "",
            content_type=next((v for k, v in request.headers.items() if k.lower() == "content-type"), ""),
            payload=request.data,
            subresource=request.subresource,
        )
        if meta.key == CRDS:
            self._serve_crd(obj)
        return wire.json_response(obj)

    async def _serve_replace(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        """PUT on a named object (kmock 0.8 guesses no action for it): update or /status update."""
        meta = self._meta_of(request)
        obj = self.store.replace(
            meta, request.namespace, request.name or "", request.data, request.subresource
        )
        if meta.key == CRDS:
            self._serve_crd(obj)
        return wire.json_response(obj)

    async def _serve_delete(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        meta = self._meta_of(request)
        options = request.data if isinstance(request.data, dict) else {}
        deleted = self.store.delete(meta, request.namespace, request.name or "", options.get("preconditions"))
        return wire.json_response(deleted)
