"""A fix for kmock 0.8's URL parser, applied once at import (the version is pinned; checked below).

kmock 0.8 reads `/api/v1/namespaces` and `/api/v1/namespaces/<name>` as "a namespace scope with no
resource", so listing, watching, creating or fetching Namespace objects fails (a 500 from an
unpack error, or the wrong resource). kopf lists and watches namespaces when its scanning is on,
and tests create namespaces, so the emulator needs them. The fix only changes those two shapes
(plus their subresources, e.g. `/api/v1/namespaces/<name>/status`) and defers to kmock otherwise.
"""

from __future__ import annotations

import kmock
from kmock._internal import parsing

_NAMESPACE_SUBRESOURCES = {"status", "finalize"}
_original_parse_path = parsing.parse_path


def _parse_path(path: str) -> parsing.ParsedPath:
    parts = path.strip("/").split("/")
    if parts[:2] == ["api", "v1"] and len(parts) >= 3 and parts[2] == "namespaces":
        rest = parts[3:]
        if len(rest) == 0 or len(rest) == 1 or (len(rest) == 2 and rest[1] in _NAMESPACE_SUBRESOURCES):
            name = rest[0] if rest else None
            sub = rest[1] if len(rest) == 2 else None
            return parsing.ParsedPath("", "v1", "namespaces", None, name, sub)
    return _original_parse_path(path)


def apply() -> None:
    version = getattr(kmock, "__version__", None)  # not in kmock's typed exports
    if version != "0.8":
        raise RuntimeError(f"the harness fixes kmock 0.8 internals; found kmock {version}")
    parsing.parse_path = _parse_path
