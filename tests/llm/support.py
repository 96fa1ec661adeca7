"""Helpers for the LLM client tests: a last-resort stand-in, request builders, metric deltas, a
listener whose connects time out."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator, Iterator

from script_agent.observability.metrics import REGISTRY
from script_agent.ports.health import ComponentHealth, HealthStatus
from script_agent.ports.llm import ChatMessage, LLMDelta, LLMDone, LLMRequest, LLMResult, LLMStreamItem

LAST_RESORT_TEXT = "兜底话术：欢迎来到直播间，今天的好物不容错过！"


class StubLastResort:
    """A tiny LLMPort standing in for the template writer: deterministic, local, always answers."""

    def __init__(self) -> None:
        self.calls = 0

    async def generate(self, request: LLMRequest) -> LLMResult:
        self.calls += 1
        return LLMResult(text=LAST_RESORT_TEXT, backend="template", layer="template")

    async def stream(self, request: LLMRequest) -> AsyncIterator[LLMStreamItem]:
        self.calls += 1
        for start in range(0, len(LAST_RESORT_TEXT), 8):
            yield LLMDelta(LAST_RESORT_TEXT[start : start + 8])
        yield LLMDone(LLMResult(text=LAST_RESORT_TEXT, backend="template", layer="template"))

    async def health(self) -> list[ComponentHealth]:
        return [ComponentHealth(name="llm:template", status=HealthStatus.OK, required=False)]

    async def aclose(self) -> None:
        return None


def request(
    text: str = "帮我写一段口红的开场话术", *, category: str | None = "美妆", **kw: object
) -> LLMRequest:
    return LLMRequest(messages=[ChatMessage("user", text)], category=category, **kw)  # type: ignore[arg-type]


async def collect(stream: AsyncIterator[LLMStreamItem]) -> tuple[list[str], LLMResult]:
    """Deltas and the final result of a stream (asserts exactly one LLMDone, last)."""
    deltas: list[str] = []
    done: LLMResult | None = None
    async for item in stream:
        assert done is None, "nothing may follow LLMDone"
        if isinstance(item, LLMDelta):
            deltas.append(item.text)
        else:
            done = item.result
    assert done is not None, "a stream must end with LLMDone"
    return deltas, done


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


class MetricDelta:
    """Reads metric samples relative to the moment it was created (REGISTRY is process-global)."""

    def __init__(self) -> None:
        self._base = {
            (s.name, tuple(sorted(s.labels.items()))): s.value for m in REGISTRY.collect() for s in m.samples
        }

    def __call__(self, name: str, **labels: str) -> float:
        return sample(name, **labels) - self._base.get((name, tuple(sorted(labels.items()))), 0.0)


@contextlib.contextmanager
def unaccepting_listener() -> Iterator[str]:
    """A loopback URL whose connect hangs: a listener with a full accept queue that never accepts,
    so the kernel drops further SYNs and the client's connect timeout (not a refusal) ends the wait."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for sock in [*fillers, server]:
            sock.close()
