"""`K8sApi`: what a test does with the emulator — create, get, list, patch, delete, wait, count calls.

Object calls go over real HTTP (httpx) so tests see exactly what an operator sees; the request log
and direct store access go through `EmulatorThread.call`, which runs on the emulator's loop.
"""

from __future__ import annotations

import asyncio
import builtins
import functools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .objects import JsonDict
from .server import EmulatorThread

if TYPE_CHECKING:
    from .process import EmulatorProcess

T = TypeVar("T")
SCRIPTJOBS = "scriptagent.dev/v1alpha1/scriptjobs"
EVENTS = "v1/events"
_HTTP_TIMEOUT = httpx.Timeout(5.0, connect=2.0)


class ApiError(Exception):
    """A non-2xx answer; `status` and the Kubernetes `Status` body (`reason`, `message`) are kept."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"{status}: {body.get('reason') if isinstance(body, dict) else body}")
        self.status, self.body = status, body


class K8sApi:
    """Resources are named `group/version/plural` (core: `v1/plural`); see SCRIPTJOBS and EVENTS."""

    def __init__(self, server: EmulatorThread | EmulatorProcess) -> None:
        self.server = server
        self.url = server.url
        self._http = httpx.Client(base_url=server.url, timeout=_HTTP_TIMEOUT)
        self._kinds: dict[tuple[str, str], str] = {}  # (apiVersion, kind) -> resource, from discovery

    def close(self) -> None:
        self._http.close()

    # --- objects -----------------------------------------------------------------------------
    def create(self, body: JsonDict, namespace: str | None = None) -> JsonDict:
        """Create from a manifest; the resource is found from apiVersion+kind through discovery."""
        resource = self.resource_of(body["apiVersion"], body["kind"])
        namespace = namespace or (body.get("metadata") or {}).get("namespace")
        if namespace is None and self._namespaced(resource):
            namespace = "default"
        return self._call("POST", self._path(resource, namespace), json=body)

    def create_namespace(self, name: str) -> JsonDict:
        """Namespaces must exist before objects are created in them (as in Kubernetes)."""
        return self.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})

    def get(self, resource: str, name: str, namespace: str | None = "default") -> JsonDict:
        return self._call("GET", self._path(resource, namespace, name))

    def find(self, resource: str, name: str, namespace: str | None = "default") -> JsonDict | None:
        """Like get() but None when absent."""
        try:
            return self.get(resource, name, namespace)
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise

    def list(self, resource: str, namespace: str | None = None) -> builtins.list[JsonDict]:
        items: builtins.list[JsonDict] = self._call("GET", self._path(resource, namespace))["items"]
        return items

    def patch(
        self,
        resource: str,
        name: str,
        patch: Any,
        namespace: str | None = "default",
        *,
        subresource: str | None = None,
        content_type: str = "application/merge-patch+json",
    ) -> JsonDict:
        path = self._path(resource, namespace, name) + (f"/{subresource}" if subresource else "")
        return self._call("PATCH", path, json=patch, headers={"Content-Type": content_type})

    def delete(self, resource: str, name: str, namespace: str | None = "default") -> JsonDict:
        return self._call("DELETE", self._path(resource, namespace, name))

    def events(self, namespace: str = "default", *, involved: str | None = None) -> builtins.list[JsonDict]:
        """Core v1 Events (what kopf posts), oldest first; `involved` filters by involvedObject.name."""
        items = self.list(EVENTS, namespace)
        items = [e for e in items if involved is None or e.get("involvedObject", {}).get("name") == involved]
        return sorted(items, key=lambda e: int(e["metadata"]["resourceVersion"]))

    # --- waiting -----------------------------------------------------------------------------
    def wait_for(self, probe: Callable[[], T | None], timeout: float = 30.0, what: str = "condition") -> T:
        """Poll `probe` until it returns something truthy; fail with `what` after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
            time.sleep(0.05)

    def wait_for_object(
        self,
        resource: str,
        name: str,
        predicate: Callable[[JsonDict], bool],
        namespace: str = "default",
        timeout: float = 30.0,
    ) -> JsonDict:
        """Wait until the object exists and `predicate(obj)` holds; returns the object."""

        def probe() -> JsonDict | None:
            obj = self.find(resource, name, namespace)
            return obj if obj is not None and predicate(obj) else None

        return self.wait_for(probe, timeout, what=f"{resource} {namespace}/{name} to match")

    def wait_gone(self, resource: str, name: str, namespace: str = "default", timeout: float = 30.0) -> None:
        self.wait_for(lambda: self.find(resource, name, namespace) is None, timeout, f"{name} to be deleted")

    async def await_object(self, *args: Any, **kwargs: Any) -> JsonDict:
        """wait_for_object for async tests (polls in a worker thread; the test's loop stays free)."""
        return await asyncio.to_thread(self.wait_for_object, *args, **kwargs)

    # --- introspection -----------------------------------------------------------------------
    def requests(
        self,
        method: str | None = None,
        resource: str | None = None,
        *,
        name: str | None = None,
        subresource: str | None = None,
    ) -> builtins.list[tuple[str, str]]:
        """(method, path) of every request the emulator served, filtered; e.g. count status patches."""
        split = self._split(resource) if resource else None
        return self.server.call(functools.partial(_collect, method, split, name, subresource))

    def resource_of(self, api_version: str, kind: str) -> str:
        if (api_version, kind) in self._kinds:
            return self._kinds[(api_version, kind)]
        group, _, version = api_version.rpartition("/")

        found = self.server.call(functools.partial(_lookup, group, version, kind))
        if found is None:
            raise ApiError(404, {"reason": "NotFound", "message": f"no resource for {api_version} {kind}"})
        self._kinds[(api_version, kind)] = found
        return found

    # --- internals ---------------------------------------------------------------------------
    @staticmethod
    def _split(resource: str) -> tuple[str, str, str]:
        parts = resource.split("/")
        return ("", parts[0], parts[1]) if len(parts) == 2 else (parts[0], parts[1], parts[2])

    def _namespaced(self, resource: str) -> bool:
        group, version, plural = self._split(resource)
        return self.server.call(functools.partial(_namespaced, group, version, plural))

    def _path(self, resource: str, namespace: str | None, name: str | None = None) -> str:
        group, version, plural = self._split(resource)
        path = f"/apis/{group}/{version}" if group else f"/api/{version}"
        if namespace:
            path += f"/namespaces/{namespace}"
        path += f"/{plural}"
        return path + (f"/{name}" if name else "")

    def _call(self, method: str, path: str, **kwargs: Any) -> JsonDict:
        response = self._http.request(method, path, **kwargs)
        body = response.json() if response.content else {}
        if response.status_code >= 400:
            raise ApiError(response.status_code, body)
        return body


# The emulator-side halves of K8sApi's introspection: module-level (bound with functools.partial)
# so they pickle, and the same calls work against an EmulatorProcess.
def _collect(
    method: str | None,
    split: tuple[str, str, str] | None,
    name: str | None,
    subresource: str | None,
    emulator: Any,
) -> list[tuple[str, str]]:
    found = []
    for req in list(emulator):
        res = req.resource
        if method and req.method.value != method.upper():
            continue
        if split and (res is None or (res.group, res.version, res.plural) != split):
            continue
        if (name and req.name != name) or (subresource and req.subresource != subresource):
            continue
        found.append((req.method.value, req.url.path))
    return found


def _lookup(group: str, version: str, kind: str, emulator: Any) -> str | None:
    for res in emulator.resources:
        info = emulator.resources[res]
        if (res.group, res.version, info.kind) == (group, version, kind):
            return f"{group}/{version}/{res.plural}" if group else f"{version}/{res.plural}"
    return None


def _namespaced(group: str, version: str, plural: str, emulator: Any) -> bool:
    namespaced: bool = emulator.meta(group, version, plural).namespaced
    return namespaced
