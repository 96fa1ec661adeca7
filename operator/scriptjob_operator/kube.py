"""The operator's own calls to the API server (status, its Namespace, TTL deletion), through lightkube.

Why not kopf's `patch` kwarg: kopf applies it only after a handler returns, and the job must show
every workflow state while it runs; kopf's internal API module is private. Why lightkube (over
kubernetes_asyncio or kr8s): it is small, async, typed (`ApiError` carries the `Status`), serves
CRDs through generic resources without code generation, has server-side apply and a field
manager, and every request has a timeout. kubernetes_asyncio is the generated OpenAPI client
(large, aiohttp, CRDs only as untyped dicts through `CustomObjectsApi`); kr8s is friendlier for
scripts but its object model hides the request/response we need to control here (resourceVersion
preconditions, Retry-After). Note lightkube 1.x runs on `httpx2`, not the `httpx` the rest of the
stack uses; its requests are sent through aiohttp (transport.py), which kopf already brings.

Error policy, by status (typed errors below):
  404 → `JobGone` (deleted while we worked on it); 401 → log in again (kopf's login sequence, so a
  rotated token or certificate is re-read) and retry once, then `Unauthorized`; 429 → wait
  Retry-After (capped) and retry, boundedly, then `TooManyRequests`; 409 on a status patch → read
  the status again, refuse to go backwards (`StatusSuperseded`), otherwise re-merge and retry,
  boundedly; anything else → `KubeError` with the status (0 for transport errors).

Status writes can never overwrite a newer status: every merge patch carries the
`metadata.resourceVersion` it was computed from, so the API server answers 409 if anyone wrote
the object since. Why merge patch with resourceVersion rather than server-side apply: with SSA
every replica applies as the same field manager, and the same manager may always overwrite its
own fields — a replica that lost its lease would still overwrite a newer status. Optimistic
concurrency is the guarantee we need, and SSA only gives it when it too carries resourceVersion.
Progress statuses are written behind the driver and coalesced (coalesce.py); the resourceVersion
each write needs is the one of the last read or write of that job (else a read first).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import email.utils
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import httpx2
import kopf
from lightkube import ApiError, AsyncClient, ConfigError
from lightkube.config.client_adapter import verify_cluster
from lightkube.config.kubeconfig import SingleConfig
from lightkube.generic_resource import create_namespaced_resource
from lightkube.resources.core_v1 import Namespace
from lightkube.types import PatchType

from scriptjob_operator import status as st
from scriptjob_operator.coalesce import PROGRESS_INTERVAL_S, Coalescer
from scriptjob_operator.kubeconf import config_from
from scriptjob_operator.resource import GROUP, KIND, PLURAL, VERSION
from scriptjob_operator.transport import AiohttpTransport

log = logging.getLogger(__name__)
T = TypeVar("T")
ScriptJob = create_namespaced_resource(GROUP, VERSION, KIND, PLURAL)
FIELD_MANAGER = "script-agent-operator"
MAX_CONFLICT_RETRIES = 3
MAX_THROTTLE_RETRIES = 3
RETRY_AFTER_CAP_S = 10.0
MAX_CONNECTIONS = 16
_VERSIONS_KEPT = 10_000  # last resourceVersion seen per job (a hint; the server decides)


class KubeError(Exception):
    """A failed call; `status` is the HTTP status (0 for transport and configuration errors)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class JobGone(KubeError):
    """404: the object no longer exists (the job was deleted while we were working on it)."""


class Unauthorized(KubeError):
    """401 even after logging in again."""


class Conflict(KubeError):
    """409: the object changed since it was read, and retries with fresh reads did not settle it."""


class StatusSuperseded(Conflict):
    """409, and the fresh status is newer than ours (later checkpoint, more attempts, or finished):
    writing ours would move the job backwards, so it is not written."""


class TooManyRequests(KubeError):
    """429 after the bounded retries; `retry_after` is the server's last advice in seconds."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(429, message)
        self.retry_after = retry_after


Relogin = Callable[[], Awaitable[kopf.ConnectionInfo | None]]


def retry_after_s(headers: Mapping[str, str], cap: float = RETRY_AFTER_CAP_S) -> float:
    """Retry-After as seconds (delta-seconds or an HTTP date), within [0, cap]; 1 s if absent."""
    raw = (headers.get("retry-after") or "").strip()
    if not raw:
        return min(1.0, cap)
    try:
        seconds = float(raw)
    except ValueError:
        try:
            seconds = email.utils.parsedate_to_datetime(raw).timestamp() - time.time()
        except (TypeError, ValueError):
            seconds = 1.0
    return max(0.0, min(seconds, cap))


def _typed(exc: Exception, retry_after_cap_s: float = RETRY_AFTER_CAP_S) -> KubeError:
    """Map lightkube/httpx2 failures to the typed errors above (401 and 429 are handled by the caller)."""
    if isinstance(exc, httpx2.HTTPStatusError):  # ApiError included (a JSON `Status` body)
        code = exc.response.status_code
        message = exc.status.message if isinstance(exc, ApiError) else exc.response.text[:300]
        message = message or exc.response.reason_phrase
        if code == 404:
            return JobGone(code, message)
        if code == 409:
            return Conflict(code, message)
        if code == 401:
            return Unauthorized(code, message)
        if code == 429:
            return TooManyRequests(message, retry_after_s(exc.response.headers, retry_after_cap_s))
        return KubeError(code, message)
    return KubeError(0, f"{type(exc).__name__}: {exc}")


class KubeClient:
    """Reads and patches ScriptJob status, reads Namespaces, deletes ScriptJobs."""

    def __init__(
        self,
        timeout_s: float,
        *,
        retry_after_cap_s: float = RETRY_AFTER_CAP_S,
        progress_interval_s: float = PROGRESS_INTERVAL_S,
    ) -> None:
        self._timeout = httpx2.Timeout(timeout_s, connect=min(timeout_s, 5.0))
        # One call's whole budget, retries and Retry-After waits included.
        self._budget_s = timeout_s * (1 + MAX_THROTTLE_RETRIES) + retry_after_cap_s * MAX_THROTTLE_RETRIES
        self._retry_after_cap_s = retry_after_cap_s
        self._api: AsyncClient | None = None
        self._info: kopf.ConnectionInfo | None = None
        self._relogin: Relogin | None = None
        self._stale = False
        self._versions: collections.OrderedDict[tuple[str, str], str] = collections.OrderedDict()
        self._writes = Coalescer(self._write_status, interval_s=progress_interval_s)
        self.calls: dict[str, int] = {
            "get_status": 0,
            "get_namespace": 0,
            "patch_status": 0,
            "delete": 0,
            "conflicts": 0,
            "throttled": 0,
            "relogins": 0,
        }

    def configure(self, info: kopf.ConnectionInfo, relogin: Relogin | None = None) -> None:
        """Called by the login handler; a new login (e.g. a refreshed token) replaces the client lazily.
        `relogin` runs the login sequence again, for a 401 on one of our own calls."""
        self._info = info
        self._relogin = relogin or self._relogin
        self._stale = True

    def seen_version(self, namespace: str, name: str, version: object) -> None:
        """A resourceVersion learnt elsewhere (kopf's view of the job), for the job's next status
        write when nothing is known yet: it saves the read a first write would make. A stale one
        costs what the read would have (a 409, then the read and the re-merge)."""
        if version and (namespace, name) not in self._versions:
            self._seen(namespace, name, str(version))

    def settled(self, namespace: str, name: str, version: object) -> bool:
        """Whether `version` (kopf's view of the job) is the resourceVersion this client last read
        or wrote for it, with no status write of the job in flight, queued or unreported."""
        known = self._versions.get((namespace, name))
        return bool(version) and known == str(version) and self._writes.is_idle(namespace, name)

    def forget(self, namespace: str, name: str) -> None:
        """The job is gone: drop what is kept about it."""
        self._versions.pop((namespace, name), None)
        self._writes.forget(namespace, name)

    @property
    def coalesced(self) -> int:
        """Progress statuses never written because a newer one replaced them."""
        return self._writes.coalesced

    # --- calls -----------------------------------------------------------------------------
    async def get_status(self, namespace: str, name: str) -> dict[str, Any]:
        """The job as its /status subresource returns it (RBAC: `get` on `scriptjobs/status`)."""
        self.calls["get_status"] += 1
        obj = await self._call(lambda api: api.get(ScriptJob.Status, name, namespace=namespace))
        return self._record(namespace, name, obj)

    async def get_namespace(self, name: str) -> dict[str, Any]:
        """The job's Namespace, for its tenant label (RBAC: `get` on `namespaces`; a namespaced Role
        suffices, since a Namespace's own namespace is itself). 404 raises JobGone: no namespace, no job."""
        self.calls["get_namespace"] += 1
        obj = await self._call(lambda api: api.get(Namespace, name))
        return obj.to_dict()

    async def patch_status(
        self, namespace: str, name: str, status: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        """Write a job's status (coalesce.py): progress behind the caller, coalesced (None); any
        other status in line (the object written). Raises what this write, or an earlier progress
        write of the same job, met."""
        return await self._writes.submit(namespace, name, dict(status), behind=st.is_progress(status))

    async def _write_status(self, namespace: str, name: str, status: dict[str, Any]) -> dict[str, Any]:
        """Merge-patch /status (RBAC: `patch` on `scriptjobs/status`), conditional on the
        resourceVersion last seen; on 409 re-read, and re-merge unless the fresh status is newer."""
        ours = dict(status)
        version = self._versions.get((namespace, name))
        if version is None:
            version = (await self.get_status(namespace, name))["metadata"]["resourceVersion"]
        for attempt in range(MAX_CONFLICT_RETRIES + 1):
            self.calls["patch_status"] += 1
            patch = {"metadata": {"resourceVersion": version}, "status": ours}

            async def _patch(api: AsyncClient, body: dict[str, Any] = patch) -> Any:
                return await api.patch(
                    ScriptJob.Status, name, body, namespace=namespace, patch_type=PatchType.MERGE
                )

            try:
                obj = await self._call(_patch)
            except Conflict:
                self.calls["conflicts"] += 1
                fresh = await self.get_status(namespace, name)
                current = fresh.get("status") or {}
                if st.supersedes(current, ours):
                    raise StatusSuperseded(409, f"{namespace}/{name}: a newer status was written") from None
                ours = st.rebase(current, ours)
                version = fresh["metadata"]["resourceVersion"]
                log.debug("status of %s/%s changed under us; retry %d", namespace, name, attempt + 1)
                continue
            return self._record(namespace, name, obj)
        raise Conflict(409, f"{namespace}/{name}: status kept changing ({MAX_CONFLICT_RETRIES} retries)")

    async def delete(self, namespace: str, name: str, uid: str) -> None:
        """Delete exactly this job (a re-created one with the same name has another uid).

        lightkube's `delete` sends no DeleteOptions, so this one call goes through its request
        builder to carry `preconditions.uid` (RBAC: `delete` on `scriptjobs`)."""
        self.calls["delete"] += 1
        options = {"kind": "DeleteOptions", "apiVersion": "v1", "preconditions": {"uid": uid}}

        async def _delete(api: AsyncClient) -> None:
            client = api._client  # lightkube's generic request path (see above)
            request = client.prepare_request("delete", ScriptJob, name=name, namespace=namespace)
            request.data = options
            response = await client.send(client.build_adapter_request(request))  # type: ignore[no-untyped-call]
            client.handle_response("delete", response, request)

        with contextlib.suppress(JobGone):
            await self._call(_delete)
        self.forget(namespace, name)

    async def aclose(self) -> None:
        await self._writes.aclose()
        await self._close_api()

    async def _close_api(self) -> None:
        if self._api is not None:
            api, self._api = self._api, None
            await api.aclose()

    # --- plumbing ----------------------------------------------------------------------------
    def _seen(self, namespace: str, name: str, version: str) -> None:
        self._versions[(namespace, name)] = version
        self._versions.move_to_end((namespace, name))
        while len(self._versions) > _VERSIONS_KEPT:
            self._versions.popitem(last=False)

    def _record(self, namespace: str, name: str, obj: Any) -> dict[str, Any]:
        body = dict(obj)
        version = (body.get("metadata") or {}).get("resourceVersion")
        if version:
            self._seen(namespace, name, str(version))
        return body

    async def _client(self) -> AsyncClient:
        if self._info is None:
            raise KubeError(0, "not logged in to the API server yet")
        if self._api is None or self._stale:
            await self._close_api()  # not aclose(): that waits for the writes, maybe this one
            try:
                config = config_from(self._info)
                self._api = AsyncClient(
                    config=config,
                    timeout=self._timeout,
                    field_manager=FIELD_MANAGER,
                    trust_env=self._info.trust_env,
                    transport=self._transport(config),
                )
            except (ConfigError, ValueError, OSError) as exc:
                raise KubeError(0, f"cannot build the API client: {exc}") from exc
            self._stale = False
        return self._api

    def _transport(self, config: SingleConfig) -> httpx2.AsyncBaseTransport:
        """lightkube's TLS setup, sent through aiohttp (transport.py: a third of httpcore2's CPU per
        call), on a pool of MAX_CONNECTIONS: more connections than jobs stepped at once buy nothing."""
        assert config.user is not None
        verify = verify_cluster(
            config.cluster, config.user, config.abs_file, trust_env=bool(self._info and self._info.trust_env)
        )
        return AiohttpTransport(ssl_context=verify, limit=MAX_CONNECTIONS)

    async def _call(self, op: Callable[[AsyncClient], Awaitable[T]]) -> T:
        """One logical call, bounded as a whole: 401 → log in again once; 429 → wait and retry."""
        try:
            async with asyncio.timeout(self._budget_s):
                return await self._attempts(op)
        except TimeoutError:
            raise KubeError(0, f"no answer within {self._budget_s:.0f}s (retries included)") from None

    async def _attempts(self, op: Callable[[AsyncClient], Awaitable[T]]) -> T:
        relogged = False
        throttled = 0
        while True:
            try:
                return await op(await self._client())
            except (httpx2.HTTPError, ConfigError, OSError) as exc:
                error = _typed(exc, self._retry_after_cap_s)
            except KeyError as exc:  # lightkube reads Content-Type of an error response unguarded
                if not isinstance(exc.__context__, httpx2.HTTPStatusError):
                    raise
                error = _typed(exc.__context__, self._retry_after_cap_s)
            if isinstance(error, Unauthorized) and not relogged and self._relogin is not None:
                relogged = True
                self.calls["relogins"] += 1
                info = await self._relogin()
                if info is not None:
                    self.configure(info)
                    continue
            if isinstance(error, TooManyRequests) and throttled < MAX_THROTTLE_RETRIES:
                throttled += 1
                self.calls["throttled"] += 1
                await asyncio.sleep(error.retry_after or 0.0)
                continue
            raise error
