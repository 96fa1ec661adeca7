"""The emulator in a child process of its own: same API as `EmulatorThread`, its own interpreter.

Why: in a thread, the emulator shares the GIL with whatever else runs in the process. A benchmark
that puts the emulator, the operator under test and its load generator in one process measures
their contention as much as the operator (a validated write costs the emulator a few ms of CPU,
and every one of those ms is one the operator's thread cannot run). A child process gives it its
own interpreter; the store and the request log stay in the child, reached through `call()`.

`call(fn)` pickles `fn` and runs it in the child on the emulator's loop (through its
`EmulatorThread.call`), so `fn` must be picklable: a module-level function or a
`functools.partial` of one, never a lambda or a closure. Its result must be picklable too.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .emulator import KubeEmulator
from .objects import JsonDict
from .server import EmulatorThread

T = TypeVar("T")
_START_TIMEOUT_S = 20.0
_STOP = "stop"


def _serve(conn: multiprocessing.connection.Connection, crds: list[JsonDict], namespaces: list[str]) -> None:
    """The child: an EmulatorThread, then call requests from the pipe until told to stop."""
    server = EmulatorThread(crds=crds, namespaces=namespaces).start()
    try:
        conn.send(server.url)
        while True:
            fn, timeout = conn.recv()
            if fn == _STOP:
                return
            try:
                conn.send((True, server.call(fn, timeout)))
            except Exception as exc:  # handed back to the caller, raised there
                conn.send((False, exc))
    finally:
        server.stop()
        conn.close()


class EmulatorProcess:
    """`EmulatorThread`'s interface (start/stop/call/url, a context manager) over a child process."""

    def __init__(self, *, crds: Iterable[JsonDict] = (), namespaces: Iterable[str] = ("default",)) -> None:
        self._crds, self._namespaces = list(crds), list(namespaces)
        self._conn: multiprocessing.connection.Connection | None = None
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._lock = threading.Lock()  # one request/answer on the pipe at a time
        self.url = ""

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> EmulatorProcess:
        # spawn, not fork: the parent may run threads (kopf, uvicorn) that a fork would copy mid-state.
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=_serve, args=(child, self._crds, self._namespaces), name="k8s-emulator", daemon=True
        )
        self._proc.start()
        child.close()
        self._conn = parent
        try:
            if not parent.poll(_START_TIMEOUT_S):
                raise EOFError("no answer")
            self.url = parent.recv()
        except EOFError as exc:  # the child died (a spawned child re-imports an unguarded __main__)
            self.stop()
            raise RuntimeError(f"the Kubernetes API emulator process did not start: {exc}") from exc
        return self

    def stop(self) -> None:
        if self._conn is not None:
            try:
                with self._lock:
                    self._conn.send((_STOP, 0.0))
            except (BrokenPipeError, OSError):
                pass
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            self._proc.join(_START_TIMEOUT_S)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(_START_TIMEOUT_S)
            self._proc = None

    def call(self, fn: Callable[[KubeEmulator], T], timeout: float = 5.0) -> T:
        """Run `fn(emulator)` in the child, on the emulator's loop; `fn` and its result are pickled."""
        if self._conn is None:
            raise RuntimeError("the Kubernetes API emulator is not running (call start() first)")
        with self._lock:
            self._conn.send((fn, timeout))
            if not self._conn.poll(timeout + 5.0):
                raise TimeoutError("the Kubernetes API emulator process did not answer")
            ok, value = self._conn.recv()
        if not ok:
            raise value
        result: T = value
        return result

    def __enter__(self) -> EmulatorProcess:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
