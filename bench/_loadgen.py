"""A minimal keep-alive HTTP/1.1 load generator on raw asyncio streams: it costs the measuring
process far less CPU than an HTTP client library would, so the gateway's figures stay its own."""

from __future__ import annotations

import asyncio
import time


class Conn:
    """One keep-alive HTTP/1.1 connection; reads Content-Length and chunked bodies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, path: str, body: bytes, marker: bytes | None = None, method: str = "POST"
    ) -> tuple[int, float, float]:
        """Returns (status, seconds to `marker` in the body or to the end, seconds to the end)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        started = time.perf_counter()
        self.writer.write(head + body)
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        seen_at = None
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        else:
            buf = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                chunk = (await self.reader.readexactly(size + 2))[:-2]
                if marker is not None and seen_at is None:
                    buf = buf[-len(marker) :] + chunk
                    if marker in buf:
                        seen_at = time.perf_counter() - started
        ended = time.perf_counter() - started
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.writer = None
        return status, seen_at if seen_at is not None else ended, ended


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def sequential(port: int, path: str, body: bytes, n: int, marker: bytes | None = None) -> list[float]:
    conn = Conn(port)
    times = []
    for _ in range(n):
        status, first, _end = await conn.request(path, body, marker)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        times.append(first)
    return times


async def interleaved(pairs: list[tuple[int, str, bytes, bytes | None]], n: int) -> list[list[float]]:
    """Alternate small batches of each side so drift (CPU frequency, GC) hits both equally."""
    results: list[list[float]] = [[] for _ in pairs]
    for _ in range(0, n, 100):
        for i, (port, path, body, marker) in enumerate(pairs):
            results[i] += await sequential(port, path, body, 100, marker)
    return results


async def get(port: int, path: str) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n".encode())
    data = await reader.read()
    writer.close()
    return data.split(b"\r\n\r\n", 1)[1]
