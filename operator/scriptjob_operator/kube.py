"""The operator's own calls to the API server: status patches mid-handler and TTL deletion.

Why not kopf's `patch` kwarg: kopf applies it only after a handler returns, and the job must show
every workflow state while it runs. Why not kopf's internal API module: it is private. So this
small httpx client reuses the credentials kopf logged in with (the login handler stores the
`kopf.ConnectionInfo` here), and every call has a timeout.
"""

from __future__ import annotations

import base64
import logging
import os
import ssl
import tempfile
from collections.abc import Mapping
from typing import Any

import httpx
import kopf

from scriptjob_operator.resource import job_url

log = logging.getLogger(__name__)


class JobGone(Exception):
    """The ScriptJob no longer exists (deleted while we were working on it)."""


class KubeError(Exception):
    """Any other failed call; `status` is the HTTP status (0 for transport errors)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status


def _pem(data: str | bytes) -> bytes:
    """kubeconfig `*-data` fields are base64 of PEM; accept raw PEM too."""
    raw = data.encode() if isinstance(data, str) else data
    return raw if raw.lstrip().startswith(b"-----") else base64.b64decode(raw)


def _ssl_context(info: kopf.ConnectionInfo, tmpdir: str) -> ssl.SSLContext | bool:
    if info.insecure:
        return False
    ctx = ssl.create_default_context()
    if info.ca_path:
        ctx.load_verify_locations(cafile=os.fsdecode(info.ca_path))
    elif info.ca_data:
        ctx.load_verify_locations(cadata=_pem(info.ca_data).decode())
    cert, key = info.certificate_path, info.private_key_path
    if info.certificate_data:  # ssl needs files for client certificates
        cert = os.path.join(tmpdir, "client.crt")
        with open(cert, "wb") as f:
            f.write(_pem(info.certificate_data))
    if info.private_key_data:
        key = os.path.join(tmpdir, "client.key")
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(_pem(info.private_key_data))
    if cert:
        ctx.load_cert_chain(os.fsdecode(cert), os.fsdecode(key) if key else None)
    return ctx


class KubeClient:
    """Patches ScriptJob status and deletes ScriptJobs with the operator's credentials."""

    def __init__(self, timeout_s: float) -> None:
        self._timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0))
        self._client: httpx.AsyncClient | None = None
        self._info: kopf.ConnectionInfo | None = None
        self._stale = False
        self._tmpdir: tempfile.TemporaryDirectory[str] | None = None
        self.calls: dict[str, int] = {"get_status": 0, "get_namespace": 0, "patch_status": 0, "delete": 0}

    def configure(self, info: kopf.ConnectionInfo) -> None:
        """Called by the login handler; a new login (e.g. a refreshed token) replaces the client lazily."""
        self._info = info
        self._stale = True

    async def _http(self) -> httpx.AsyncClient:
        if self._info is None:
            raise KubeError(0, "not logged in to the API server yet")
        if self._client is None or self._stale:
            await self.aclose()
            self._tmpdir = tempfile.TemporaryDirectory(prefix="sj-operator-")
            info = self._info
            self._client = httpx.AsyncClient(
                base_url=info.server.rstrip("/"),
                headers=info.as_http_headers(),
                verify=_ssl_context(info, self._tmpdir.name),
                timeout=self._timeout,
                limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
                trust_env=info.trust_env,
            )
            self._stale = False
        return self._client

    async def _request(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        client = await self._http()
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise KubeError(0, f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 404:
            raise JobGone(url)
        if response.status_code >= 400:
            raise KubeError(response.status_code, response.text[:300])
        return response.json() if response.content else {}

    async def get_status(self, namespace: str, name: str) -> dict[str, Any]:
        """The job as its /status subresource returns it (RBAC: `get` on `scriptjobs/status`)."""
        self.calls["get_status"] += 1
        return await self._request("GET", job_url(namespace, name, subresource="status"))

    async def get_namespace(self, name: str) -> dict[str, Any]:
        """The job's Namespace, for its tenant label (RBAC: `get` on `namespaces`; a namespaced Role
        suffices, since a Namespace's own namespace is itself). 404 raises JobGone: no namespace, no job."""
        self.calls["get_namespace"] += 1
        return await self._request("GET", f"/api/v1/namespaces/{name}")

    async def patch_status(self, namespace: str, name: str, status: Mapping[str, Any]) -> dict[str, Any]:
        """Merge-patch through the /status subresource (RBAC: `patch` on `scriptjobs/status`)."""
        self.calls["patch_status"] += 1
        return await self._request(
            "PATCH",
            job_url(namespace, name, subresource="status"),
            json={"status": dict(status)},
            headers={"Content-Type": "application/merge-patch+json"},
        )

    async def delete(self, namespace: str, name: str, uid: str) -> None:
        """Delete exactly this job (a re-created one with the same name has another uid)."""
        self.calls["delete"] += 1
        try:
            await self._request(
                "DELETE",
                job_url(namespace, name),
                json={"kind": "DeleteOptions", "apiVersion": "v1", "preconditions": {"uid": uid}},
            )
        except JobGone:
            return

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None
