"""Write-behind memory under a real uvicorn server: N write-backs accepted, a clean stop, all N stored.

The queue lingers 30 s for a full batch, so when the server is told to stop every write-back is
still queued: only the shutdown drain can have stored them.
"""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import uvicorn

from script_agent.bootstrap import build_container
from script_agent.config.memory import MemorySettings
from script_agent.gateway.app import create_app
from script_agent.memory.write_behind import WriteBehindMemory
from script_agent.ports.memory import MemoryQuery
from script_agent.testing.gateway import GOOD_REPLY, KEYS, PRODUCT, free_port, gateway_settings
from script_agent.testing.llm_upstream import FakeLLMUpstream

N = 5


def _serve(app: object, port: int) -> tuple[uvicorn.Server, threading.Thread]:
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, loop="asyncio", log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "gateway did not start"
        time.sleep(0.01)
    return server, thread


def test_queued_write_backs_are_stored_on_a_clean_stop(upstream: FakeLLMUpstream) -> None:
    memory_cfg = MemorySettings(enabled=True, write_linger_s=30, write_batch_size=64)
    settings = gateway_settings(upstream.url, memory=memory_cfg)
    container = build_container(settings)
    memory = container.memory
    assert isinstance(memory, WriteBehindMemory)
    port = free_port()
    server, thread = _serve(create_app(settings, container=container), port)
    replies = [f"{GOOD_REPLY}今天第{i}位下单的姐妹有惊喜。" for i in range(N)]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=15) as client:
            for i, reply in enumerate(replies):
                upstream.reply = reply
                body = {"query": "帮我写一段开场话术", "scene": "opening", "product": PRODUCT}
                res = client.post(
                    "/api/v1/generate", json={**body, "session_id": f"wb-{i}"}, headers=KEYS["a"].headers
                )
                assert res.status_code == 200, res.text
                assert res.json()["result"]["text"] == reply
        assert memory.depth == N  # accepted, none stored yet (the batch is still lingering)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
    assert not thread.is_alive()
    assert memory.depth == 0

    async def recalled() -> list[str]:
        found = []
        for reply in replies:
            hits = await memory.recall(MemoryQuery(tenant=KEYS["a"].tenant, text=reply, top_k=1))
            found += [h.text for h in hits]
        await container.aclose()
        return found

    assert asyncio.run(recalled()) == replies
