"""A loopback HTTP server speaking the subset of the OpenSearch REST API the memory store uses.

NOT OpenSearch: it stores documents in a dict and answers k-NN queries by brute force, honouring the
`filter` inside the `knn` clause. It exists to run the real opensearch-py async client and the real
OpenSearchVectorStore over a real socket (request shapes, NDJSON bulk, 409 on duplicate create, error
handling) and to record what was sent. The real-server suite (OPENSEARCH_URL) is still the only proof
that OpenSearch itself accepts the mapping and the query.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any

import numpy as np
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


class OpenSearchEmulator:
    def __init__(self) -> None:
        self.indices: dict[str, dict[str, Any]] = {}  # name -> {"body": create body, "docs": {id: src}}
        self.requests: list[tuple[str, str, str, Any]] = []  # method, path, query string, parsed body
        self.head_says_missing = False  # simulate the exists/create race window between replicas
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._port = 0
        self.app = Starlette(
            routes=[
                Route("/_bulk", self._bulk, methods=["POST", "PUT"]),
                Route("/{index}/_search", self._search, methods=["GET", "POST"]),
                Route("/{index}/_count", self._count, methods=["GET", "POST"]),
                Route("/{index}/_mapping", self._mapping, methods=["GET"]),
                Route("/{index}", self._index, methods=["HEAD", "PUT", "DELETE"]),
            ]
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> OpenSearchEmulator:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="critical", access_log=False, lifespan="off", http="h11")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("emulator did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    async def _record(self, request: Request) -> Any:
        raw = (await request.body()).decode()
        if request.url.path.endswith("_bulk"):
            body: Any = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            body = json.loads(raw) if raw else None
        with self._lock:
            self.requests.append((request.method, request.url.path, request.url.query, body))
        return body

    async def _index(self, request: Request) -> Response:
        body = await self._record(request)
        name = request.path_params["index"]
        if request.method == "HEAD":
            found = name in self.indices and not self.head_says_missing
            return Response(status_code=200 if found else 404)
        if request.method == "DELETE":
            self.indices.pop(name, None)
            return JSONResponse({"acknowledged": True})
        if name in self.indices:
            err = {"type": "resource_already_exists_exception", "reason": f"index [{name}] already exists"}
            return JSONResponse({"error": err, "status": 400}, status_code=400)
        self.indices[name] = {"body": body, "docs": {}}
        return JSONResponse({"acknowledged": True, "index": name})

    async def _bulk(self, request: Request) -> Response:
        lines = await self._record(request)
        items = []
        for i in range(0, len(lines)):
            action = lines[i]
            if not isinstance(action, dict) or not ({"create", "delete"} & set(action)):
                continue
            op, meta = next(iter(action.items()))
            docs = self.indices[meta["_index"]]["docs"]
            if op == "create":
                status = 409 if meta["_id"] in docs else 201
                if status == 201:
                    docs[meta["_id"]] = lines[i + 1]
            else:
                status = 200 if docs.pop(meta["_id"], None) is not None else 404
            items.append({op: {"_index": meta["_index"], "_id": meta["_id"], "status": status}})
        errors = any(next(iter(it.values()))["status"] >= 300 for it in items)
        return JSONResponse({"took": 1, "errors": errors, "items": items})

    async def _search(self, request: Request) -> Response:
        body = await self._record(request)
        docs = self.indices[request.path_params["index"]]["docs"]
        field, knn = next(iter(body["query"]["knn"].items()))
        terms = [t["term"] for t in knn.get("filter", {}).get("bool", {}).get("filter", [])]
        query = np.asarray(knn["vector"], dtype=np.float32)
        scored = []
        for doc_id, src in docs.items():
            if all(src.get(f) == v for term in terms for f, v in term.items()):
                vec = np.asarray(src[field], dtype=np.float32)
                cos = float(vec @ query / (np.linalg.norm(vec) * np.linalg.norm(query)))
                scored.append((1.0 + cos, doc_id, src))  # a plausible score; the store ignores it
        scored.sort(key=lambda s: -s[0])
        includes = body.get("_source", {}).get("includes")
        hits = [
            {
                "_id": d,
                "_score": s,
                "_source": {k: v for k, v in src.items() if not includes or k in includes},
            }
            for s, d, src in scored[: min(knn["k"], body.get("size", 10))]
        ]
        return JSONResponse({"hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits}})

    async def _count(self, request: Request) -> Response:
        await self._record(request)
        return JSONResponse({"count": len(self.indices[request.path_params["index"]]["docs"])})

    async def _mapping(self, request: Request) -> Response:
        name = request.path_params["index"]
        return JSONResponse({name: {"mappings": self.indices[name]["body"]["mappings"]}})
