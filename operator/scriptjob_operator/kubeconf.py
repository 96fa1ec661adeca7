"""lightkube's connection config, built from the `kopf.ConnectionInfo` kopf logged in with.

Why from kopf's login and not lightkube's own discovery (in-cluster / KUBECONFIG): the operator
must talk to the API server as exactly the identity kopf watches with, and kopf re-runs its login
handlers when credentials expire — the handler hands the new info here, so both clients rotate
together.

Client certificates given as data: Python's `ssl` loads certificate chains only from files, so
lightkube (like the hand-written client before it) writes `*-data` fields to temporary files —
`tempfile.NamedTemporaryFile` (mode 0600, removed when the config object is dropped). The CA
bundle is also written to a file by lightkube. Paths (in-cluster service account, a kubeconfig
with `client-certificate:`) are used as they are.
"""

from __future__ import annotations

import base64
import os

import kopf
from lightkube.config.kubeconfig import SingleConfig
from lightkube.config.models import Cluster, Context, User

_CONTEXT = "kopf-login"


def _b64(data: str | bytes | None) -> str | None:
    """lightkube expects kubeconfig-style base64 for `*-data`; kopf passes them through as found
    (base64 from a kubeconfig), but accept raw PEM too, as kubeconfigs in the wild contain both."""
    if data is None:
        return None
    raw = data.encode() if isinstance(data, str) else data
    if raw.lstrip().startswith(b"-----"):
        return base64.b64encode(raw).decode()
    return raw.decode()


def _path(value: str | bytes | os.PathLike[str] | os.PathLike[bytes] | None) -> str | None:
    return os.fsdecode(value) if value is not None else None


def config_from(info: kopf.ConnectionInfo) -> SingleConfig:
    """A one-context lightkube config with the same server, TLS settings and credentials."""
    cluster = Cluster(
        server=info.server.rstrip("/"),
        certificate_auth=_path(info.ca_path),
        certificate_auth_data=_b64(info.ca_data),
        insecure=bool(info.insecure),
    )
    scheme = (info.scheme or "Bearer").lower()
    user = User(
        token=info.token if info.token and scheme == "bearer" else None,
        username=info.username,
        password=info.password,
        client_cert=_path(info.certificate_path),
        client_cert_data=_b64(info.certificate_data),
        client_key=_path(info.private_key_path),
        client_key_data=_b64(info.private_key_data),
    )
    if info.token and scheme != "bearer":
        raise ValueError(f"unsupported authorization scheme {info.scheme!r} (Bearer tokens only)")
    context = Context(cluster=_CONTEXT, user=_CONTEXT, namespace=info.default_namespace)
    return SingleConfig(context_name=_CONTEXT, context=context, cluster=cluster, user=user)
