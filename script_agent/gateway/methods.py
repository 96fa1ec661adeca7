"""The methods a path supports, for the `Allow` header of a 405 (RFC 9110 §15.5.6).

Starlette answers 405 from the first route whose path matched, so with GET and POST on one path as
two routes its `Allow` names only one of them. This looks at every route instead, through FastAPI's
route iterator (included routers are nested, not flattened, in `app.routes`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from fastapi.routing import iter_route_contexts
from starlette.requests import Request
from starlette.routing import BaseRoute, compile_path

_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


@functools.lru_cache(maxsize=512)  # route templates only: bounded by the app's routes
def _regex(template: str) -> re.Pattern[str]:
    return compile_path(template)[0]


def allowed_methods(routes: Iterable[BaseRoute], path: str) -> list[str]:
    methods: set[str] = set()
    for route in iter_route_contexts(list(routes)):
        template, route_methods = route.path, route.methods
        if template and route_methods and _regex(template).match(path):
            methods |= route_methods
    return sorted(methods, key=lambda m: (_ORDER.index(m) if m in _ORDER else len(_ORDER), m))


def allow_header(request: Request) -> str:
    """Routes match the path below the mount point, as the router does."""
    path, root = request.scope["path"], request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return ", ".join(allowed_methods(request.app.routes, path))
