"""A fault-injecting LLM upstream: a real uvicorn server on a loopback port, speaking the OpenAI chat
completions protocol (JSON and SSE) and Ollama's /api/chat (JSON and NDJSON).

Each chat request consumes the next scripted Fault (FIFO), else the fault pinned to its model, else it
is served normally. Every request is logged with its headers and body, so tests can assert what the
upstream really saw (retries, Idempotency-Key values, models per layer).

    upstream = FakeLLMUpstream(models={"base", "beauty-lora"})
    upstream.start()                          # background thread, own event loop; safe across tests
    upstream.script(Fault.status(503), Fault.ok())
    ... client pointed at upstream.url ...
    upstream.chat_requests()                  # what arrived
    upstream.stop()

`closed_port_url()`: a URL where nothing listens. As a process: `python -m script_agent.testing.llm_upstream`.
"""

from __future__ import annotations

import asyncio
import collections
import json
import socket
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from script_agent.testing.llm_faults import Fault, ReceivedRequest
from script_agent.testing.raw_responses import TruncatedBody, error_response

__all__ = ["DEFAULT_REPLY", "FakeLLMUpstream", "Fault", "ReceivedRequest", "closed_port_url"]

DEFAULT_REPLY = "家人们看过来！这款好物今天直播间专属价，库存有限，喜欢的宝宝赶紧下单吧！"
_LOG_MAX = 10_000


def closed_port_url() -> str:
    """A loopback URL on a port that was free a moment ago and has no listener: connection refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class FakeLLMUpstream:
    def __init__(
        self,
        *,
        models: set[str] | None = None,
        reply: str = DEFAULT_REPLY,
        chunk_chars: int = 6,
        port: int = 0,
    ) -> None:
        self.models = models  # None: any model is served; else unknown names get 404
        self.reply = reply
        self.model_replies: dict[str, str] = {}  # per-model replies (tell layers' text apart); else `reply`
        self.chunk_chars = chunk_chars
        self.health_status = 200
        self._port = port
        self._lock = threading.Lock()
        self._queue: collections.deque[Fault] = collections.deque()
        self._by_model: dict[str, Fault] = {}
        self._log: collections.deque[ReceivedRequest] = collections.deque(maxlen=_LOG_MAX)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.app = self._build_app()

    # --- lifecycle ------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self, timeout_s: float = 10.0) -> FakeLLMUpstream:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self._port))
        self._port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_level="critical",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=1,
            loop="asyncio",
            http="h11",
        )
        self._server = uvicorn.Server(config)
        self._stopping = False
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("fake LLM upstream did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._stopping = True
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> FakeLLMUpstream:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- scripting and inspection -----------------------------------------------------------------
    def script(self, *faults: Fault) -> None:
        """Queue faults for the next chat requests, in order (any model, any protocol)."""
        with self._lock:
            self._queue.extend(faults)

    def fault_for_model(self, model: str, fault: Fault | None) -> None:
        """Pin a fault to every request for `model` (after the queue is empty); None removes it."""
        with self._lock:
            if fault is None:
                self._by_model.pop(model, None)
            else:
                self._by_model[model] = fault

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self._by_model.clear()
            self._log.clear()
        self.health_status = 200

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def requests(self) -> list[ReceivedRequest]:
        with self._lock:
            return list(self._log)

    def chat_requests(self) -> list[ReceivedRequest]:
        return [r for r in self.requests() if r.path in ("/v1/chat/completions", "/api/chat")]

    # --- app --------------------------------------------------------------------------------------
    def _build_app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._openai_chat, methods=["POST"]),
                Route("/api/chat", self._ollama_chat, methods=["POST"]),
                Route("/health", self._health, methods=["GET"]),
                Route("/v1/models", self._openai_models, methods=["GET"]),
                Route("/api/tags", self._ollama_tags, methods=["GET"]),
            ]
        )

    def _take(self, model: str | None) -> Fault:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            return self._by_model.get(model or "", Fault.ok())

    def _record(self, request: Request, body: Any, fault: str) -> None:
        entry = ReceivedRequest(request.method, request.url.path, dict(request.headers), body, fault)
        with self._lock:
            self._log.append(entry)

    async def _accept(self, request: Request) -> tuple[dict[str, Any], Fault]:
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = {}
        model = body.get("model")
        fault = self._take(model)
        if self.models is not None and model not in self.models and fault.kind == "ok":
            fault = Fault.unknown_model()
        self._record(request, body, fault.kind)
        return body, fault

    async def _nap(self, seconds: float) -> None:
        """Sleep in short steps so stop() never waits for a long scripted stall."""
        steps = max(1, int(seconds / 0.02))
        for _ in range(steps):
            if self._stopping:
                return
            await asyncio.sleep(seconds / steps)

    def reply_for(self, model: str) -> str:
        return self.model_replies.get(model, self.reply)

    def _pieces(self, model: str) -> list[str]:
        text = self.reply_for(model)
        return [text[i : i + self.chunk_chars] for i in range(0, len(text), self.chunk_chars)]

    async def _health(self, request: Request) -> Response:
        self._record(request, None, "ok")
        return JSONResponse({"status": "ok"}, status_code=self.health_status)

    async def _openai_models(self, request: Request) -> Response:
        self._record(request, None, "ok")
        data = [{"id": m, "object": "model", "owned_by": "fake"} for m in sorted(self.models or [])]
        return JSONResponse({"object": "list", "data": data}, status_code=self.health_status)

    async def _ollama_tags(self, request: Request) -> Response:
        self._record(request, None, "ok")
        return JSONResponse(
            {"models": [{"name": m} for m in sorted(self.models or [])]}, status_code=self.health_status
        )

    # --- OpenAI -----------------------------------------------------------------------------------
    async def _openai_chat(self, request: Request) -> Response:
        body, fault = await self._accept(request)
        model = str(body.get("model", ""))
        early = await self._early(fault, model, openai=True)
        if early is not None:
            return early
        if body.get("stream"):
            return StreamingResponse(self._sse(fault, model), media_type="text/event-stream")
        return await self._sync(fault, model, openai=True)

    async def _sse(self, fault: Fault, model: str) -> AsyncIterator[str]:
        def event(payload: Any) -> str:
            return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

        def chunk(delta: dict[str, str], finish: str | None = None) -> str:
            choice = {"index": 0, "delta": delta, "finish_reason": finish}
            return event(
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "model": model,
                    "choices": [choice],
                }
            )

        yield chunk({"role": "assistant"})
        pieces = self._pieces(model)
        for index, piece in enumerate(pieces):
            if index == fault.after_chunks:
                if fault.kind == "in_band":
                    yield event(
                        {
                            "error": {
                                "message": "fake in-band failure",
                                "type": "InternalServerError",
                                "code": 500,
                            }
                        }
                    )
                    yield "data: [DONE]\n\n"
                    return
                if fault.kind == "malformed":
                    yield "data: {not json\n\n"
                    continue
            if await self._pace(fault, index):
                return
            yield chunk({"content": piece})
        yield chunk({}, finish="stop")
        usage = {"prompt_tokens": 11, "completion_tokens": len(pieces), "total_tokens": 11 + len(pieces)}
        yield event(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "model": model,
                "choices": [],
                "usage": usage,
            }
        )
        yield "data: [DONE]\n\n"

    async def _pace(self, fault: Fault, index: int) -> bool:
        """The faults both wire formats share before chunk `index`; True: the stream ends here."""
        if index == fault.after_chunks:
            if fault.kind in ("cut", "abort"):
                await asyncio.sleep(0)  # let the previous chunks leave first
                if fault.kind == "abort":
                    raise ConnectionAbortedError("fake upstream dropped the connection")
                return True
            if fault.kind == "stall":
                await self._nap(fault.delay_s)
        if fault.kind == "trickle" and index:
            await self._nap(fault.delay_s)
        return False

    # --- Ollama -----------------------------------------------------------------------------------
    async def _ollama_chat(self, request: Request) -> Response:
        body, fault = await self._accept(request)
        model = str(body.get("model", ""))
        early = await self._early(fault, model, openai=False)
        if early is not None:
            return early
        if body.get("stream", True):
            return StreamingResponse(self._ndjson(fault, model), media_type="application/x-ndjson")
        return await self._sync(fault, model, openai=False)

    async def _ndjson(self, fault: Fault, model: str) -> AsyncIterator[str]:
        def line(payload: Any) -> str:
            return json.dumps(payload, ensure_ascii=False) + "\n"

        pieces = self._pieces(model)
        for index, piece in enumerate(pieces):
            if index == fault.after_chunks:
                if fault.kind == "in_band":
                    yield line({"error": "fake in-band failure"})
                    return
                if fault.kind == "malformed":
                    yield "{not json\n"
                    continue
            if await self._pace(fault, index):
                return
            yield line({"model": model, "message": {"role": "assistant", "content": piece}, "done": False})
        yield line(
            {
                "model": model,
                "message": {"role": "assistant", "content": ""},
                "done": True,
                "done_reason": "stop",
                "prompt_eval_count": 11,
                "eval_count": len(pieces),
                "total_duration": 1_000_000,
                "eval_duration": 500_000,
            }
        )

    # --- shared -----------------------------------------------------------------------------------
    async def _early(self, fault: Fault, model: str, *, openai: bool) -> Response | None:
        """Faults decided before any body byte: error statuses and a slow first byte."""
        if fault.kind == "slow":
            await self._nap(fault.delay_s)
        if fault.kind == "unknown_model":
            message = f"The model `{model}` does not exist." if openai else f"model '{model}' not found"
            return error_response(404, message, openai)
        if fault.kind == "status":
            headers = {"retry-after": fault.retry_after} if fault.retry_after is not None else None
            return error_response(fault.status, fault.message, openai, headers)
        return None

    async def _sync(self, fault: Fault, model: str, *, openai: bool) -> Response:
        text = self.reply_for(model)
        pieces = len(self._pieces(model))
        payload: dict[str, Any]
        if fault.kind in ("stall", "trickle"):
            await self._nap(fault.delay_s * (pieces - 1 if fault.kind == "trickle" else 1))
        if fault.kind == "in_band":
            payload = (
                {"error": {"message": "fake in-band failure", "code": 500}}
                if openai
                else {"error": "fake in-band failure"}
            )
            return JSONResponse(payload)
        if fault.kind == "malformed":
            return Response("{not json", media_type="application/json")
        if openai:
            payload = {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "model": model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 11, "completion_tokens": pieces, "total_tokens": 11 + pieces},
            }
        else:
            payload = {
                "model": model,
                "message": {"role": "assistant", "content": text},
                "done": True,
                "done_reason": "stop",
                "prompt_eval_count": 11,
                "eval_count": pieces,
            }
        if fault.kind in ("cut", "abort"):
            return TruncatedBody(json.dumps(payload, ensure_ascii=False).encode())
        return JSONResponse(payload)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="fault-injecting fake LLM upstream")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--chunk-chars", type=int, default=6)
    args = parser.parse_args()
    upstream = FakeLLMUpstream(port=args.port, chunk_chars=args.chunk_chars)
    config = uvicorn.Config(
        upstream.app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False, lifespan="off"
    )
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
