"""Run the emulator on its own thread and event loop, and talk to it over real HTTP.

Its own thread means the API keeps answering while a test blocks (waiting on a subprocess,
sleeping, or running kopf in another thread), and the same server serves in-process and
subprocess operators alike.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import aiohttp.test_utils

from .emulator import KubeEmulator
from .objects import JsonDict
from .store import ObjectStore

T = TypeVar("T")
_START_TIMEOUT_S = 10.0


class EmulatorThread:
    """Owns the thread, loop, emulator and HTTP server; `url` is valid between start() and stop()."""

    def __init__(
        self,
        *,
        crds: Iterable[JsonDict] = (),
        namespaces: Iterable[str] = ("default",),
        history_limit: int = 20_000,
    ) -> None:
        """`history_limit`: watch events kept for `?resourceVersion=` resumption (older ones get 410)."""
        self._crds, self._namespaces, self._history_limit = list(crds), list(namespaces), history_limit
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self.emulator: KubeEmulator | None = None
        self.url = ""

    def start(self) -> EmulatorThread:
        self._thread = threading.Thread(target=self._run, name="k8s-emulator", daemon=True)
        self._thread.start()
        if not self._ready.wait(_START_TIMEOUT_S) or self._failure is not None:
            raise RuntimeError(f"the Kubernetes API emulator did not start: {self._failure!r}")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(_START_TIMEOUT_S)

    def call(self, fn: Callable[[KubeEmulator], T], timeout: float = 5.0) -> T:
        """Run `fn(emulator)` on the emulator's loop (thread-safe store access); return its result."""
        loop, emulator = self._loop, self.emulator
        if loop is None or emulator is None:
            raise RuntimeError("the Kubernetes API emulator is not running (call start() first)")

        async def _call() -> T:
            return fn(emulator)

        return asyncio.run_coroutine_threadsafe(_call(), loop).result(timeout)

    # --- the thread --------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # surfaced by start(); a thread has no other way to report
            self._failure = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        # NB: aiohttp's RawTestServer instead of kmock.Server: kmock.Server also installs a
        # process-wide aiohttp DNS interceptor, which clients connecting by IP do not need and
        # which would leak into in-process kopf threads.
        store = ObjectStore(history_limit=self._history_limit)
        async with (
            KubeEmulator(store=store) as emulator,
            aiohttp.test_utils.RawTestServer(emulator, host="127.0.0.1", port=0) as server,
        ):
            for namespace in self._namespaces:
                emulator.ensure_namespace(namespace)
            for crd in self._crds:
                emulator.install_crd(crd)
            self.emulator = emulator
            self.url = str(server.make_url("")).rstrip("/")
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> EmulatorThread:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
