"""Helpers for gateway tests: real uvicorn servers on loopback ports, settings, credentials, SSE parsing."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
import uvicorn
from pydantic import SecretStr

from script_agent.config import Settings
from script_agent.config.app import AuthSettings, GatewaySettings
from script_agent.config.llm import LLMSettings
from script_agent.config.memory import MemorySettings
from script_agent.config.state import LockSettings, RateLimitSettings, RedisSettings
from script_agent.gateway.app import create_app
from script_agent.gateway.keys import hash_key
from script_agent.testing.support import stop_process

ROOT = Path(__file__).resolve().parents[2]
JWT_SECRET = "test-secret-at-least-32-bytes-long-0123456789"
ISSUER, AUDIENCE = "https://issuer.test", "script-agent"
# A reply the quality check accepts (long enough, no banned claims): one upstream call per run.
GOOD_REPLY = (
    "哈喽姐妹们！欢迎刚进直播间的朋友！今天给大家带来一款我自己很喜欢的好物，就是这款保湿面霜，"
    "质地轻薄好上手，日常通勤妆容都适用，待会儿一个一个讲给大家听。刚来的姐妹们点个关注，想要的扣个1。"
)
INFLUENCER = json.loads((ROOT / "examples" / "influencers" / "xiaomei.json").read_text(encoding="utf-8"))
PRODUCT = {"name": "保湿面霜", "category": "美妆", "features": ["质地轻薄", "通勤适用"]}


@dataclass(frozen=True)
class Key:
    value: str
    tenant: str
    role: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-API-Key": self.value}


KEYS = {
    "a": Key("sk-test-tenant-a-writer", "tenant-a", "writer"),
    "b": Key("sk-test-tenant-b-writer", "tenant-b", "writer"),
    "reader": Key("sk-test-tenant-a-reader", "tenant-a", "reader"),
    "c": Key("sk-test-tenant-c-writer", "tenant-c", "writer"),
    "d": Key("sk-test-tenant-d-writer", "tenant-d", "writer"),
}


def key_table() -> str:
    return json.dumps({hash_key(k.value): {"tenant": k.tenant, "role": k.role} for k in KEYS.values()})


def make_jwt(
    tenant: str, *, role: str | None = "writer", exp_in: float = 300, secret: str = JWT_SECRET, **claims: Any
) -> str:
    body: dict[str, Any] = {
        "tenant": tenant,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "exp": int(time.time() + exp_in),
    }
    if role is not None:
        body["role"] = role
    body.update(claims)
    return jwt.encode(body, secret, algorithm="HS256")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def gateway_settings(upstream_url: str | None = None, **sections: Any) -> Settings:
    """Explicit sections, so the tests do not depend on the caller's environment."""
    llm = LLMSettings(
        primary_base_url=upstream_url,
        primary_backend="openai",
        primary_model="base",
        fallback_enabled=False,
        template_last_resort=False,
        max_retries=0,
        backoff_base_s=0.01,
        backoff_max_s=0.05,
        deadline_s=3.0,
        breaker_min_calls=10_000,  # tests must not trip each other's breakers
        idempotency_enabled=True,
    )
    values: dict[str, Any] = {
        "llm": llm,
        "redis": RedisSettings(url=None),
        "lock": LockSettings(wait_timeout_s=0.3),
        "rate_limit": RateLimitSettings(qps=1000, burst=1000),
        "memory": MemorySettings(enabled=False),
        "gateway": GatewaySettings(max_body_bytes=8 * 1024, sse_ping_s=0),
        "auth": AuthSettings(
            mode="api_key+jwt",
            api_keys=SecretStr(key_table()),
            jwt_secret=SecretStr(JWT_SECRET),
            jwt_algorithms=["HS256"],
            jwt_issuer=ISSUER,
            jwt_audience=AUDIENCE,
        ),
    }
    values.update(sections)
    return Settings(**values)


class ServerThread:
    """The real app under a real uvicorn server, in a thread with its own event loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = create_app(settings)  # the lifespan builds (and closes) the container
        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                host="127.0.0.1",
                port=self.port,
                loop="asyncio",
                http="httptools",
                log_level="warning",
                access_log=False,
                lifespan="on",
                timeout_graceful_shutdown=2,
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("gateway did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_command(port: int, *extra: str) -> list[str]:
    """`script-agent serve` on loopback through this interpreter (no console script needed)."""
    return [
        sys.executable,
        "-m",
        "script_agent.cli.main",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *extra,
    ]


class GatewayProcess:
    """`script-agent serve` as a separate OS process (for the multi-process tests)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch(self) -> GatewayProcess:
        cmd = serve_command(self.port)
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return self

    def wait_live(self, timeout_s: float = 30) -> GatewayProcess:
        assert self.proc is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gateway exited: {self.proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{self.url}/api/v1/health/live", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("gateway process did not become live")

    def stop(self) -> None:
        stop_process(self.proc)


@dataclass
class SSEEvent:
    event: str
    data: Any
    at: float
    id: str | None = None


async def read_sse(response: httpx.Response, *, stop_after: int | None = None) -> list[SSEEvent]:
    """Parse `id:`/`event:`/`data:` frames as they arrive, stamping each with its arrival time."""
    events: list[SSEEvent] = []
    name, data_lines, event_id = "message", [], None
    async for line in response.aiter_lines():
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("id:"):
            event_id = line[3:].strip()
        elif line.startswith("data:"):
            data_lines.append(line[5:].strip())
        elif line == "" and data_lines:
            events.append(SSEEvent(name, json.loads("\n".join(data_lines)), time.perf_counter(), event_id))
            name, data_lines, event_id = "message", [], None
            if stop_after is not None and len(events) >= stop_after:
                break
    return events


def generate_body(**extra: Any) -> dict[str, Any]:
    return {"query": "帮我写一段开场话术", "scene": "opening", "product": PRODUCT, **extra}
