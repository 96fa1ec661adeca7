"""Run the REAL kopf runtime against the emulator: in a thread of the test process, or as a subprocess.

- `KopfThread`: `kopf.operator(...)` on its own loop in a thread, with a fresh `OperatorRegistry`
  (handlers of the target are loaded into it, so tests never share handlers) and a login handler
  pointing at the emulator. Start waits for kopf's ready flag; stop sets its stop flag.
- `KopfProcess`: any command line (default `python -m kopf run --standalone ...`), with KUBECONFIG
  pointing at the emulator; `kill()` sends SIGKILL (no cleanup at all, like a node loss or OOM kill),
  `restart()` starts the same command again. Output goes to a log file, never to a pipe that could
  fill up and stall the child.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import itertools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import kopf

_counter = itertools.count()
_STOP_TIMEOUT_S = 15.0


def write_kubeconfig(path: Path, server_url: str, namespace: str = "default") -> Path:
    """A kubeconfig for the emulator (plain HTTP, no credentials), as kopf's built-in login reads it."""
    path.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: emulator\n"
        f"clusters:\n- name: emulator\n  cluster:\n    server: {server_url}\n"
        f"contexts:\n- name: emulator\n  context:\n    cluster: emulator\n    user: tester\n"
        f"    namespace: {namespace}\n"
        "users:\n- name: tester\n  user: {}\n",
        encoding="utf-8",
    )
    return path


def load_handlers(target: str | Path | ModuleType) -> kopf.OperatorRegistry:
    """Load a handler file (`*.py`) or module into a fresh registry and return that registry.

    The default registry is swapped while the module body runs, so its `@kopf.on...` decorators
    register there. An already imported module is reloaded (its decorators must run again).
    """
    registry = kopf.OperatorRegistry()
    previous = kopf.get_default_registry()
    kopf.set_default_registry(registry)
    try:
        if isinstance(target, ModuleType):
            importlib.reload(target)
        elif str(target).endswith(".py"):
            path = Path(target).resolve()
            name = f"_kopf_harness_{next(_counter)}_{path.stem}"
            spec = importlib.util.spec_from_file_location(name, path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        elif str(target) in sys.modules:
            importlib.reload(sys.modules[str(target)])
        else:
            importlib.import_module(str(target))
    finally:
        kopf.set_default_registry(previous)
    return registry


class KopfThread:
    """The kopf runtime in a background thread of this process (fast; shares the test's interpreter)."""

    def __init__(
        self,
        target: str | Path | ModuleType | kopf.OperatorRegistry,
        *,
        server_url: str,  # NB: a login handler is added to the registry: pass a fresh one each time
        namespaces: Sequence[str] = ("default",),
        clusterwide: bool = False,
        settings: kopf.OperatorSettings | None = None,
    ) -> None:
        self.registry = target if isinstance(target, kopf.OperatorRegistry) else load_handlers(target)
        self.settings = settings or kopf.OperatorSettings()
        self._namespaces = [] if clusterwide else list(namespaces)
        self._clusterwide = clusterwide
        self._stop, self._ready = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.failure: BaseException | None = None
        default_ns = self._namespaces[0] if self._namespaces else "default"

        @kopf.on.login(registry=self.registry)
        def _login_to_emulator(**_: Any) -> kopf.ConnectionInfo:
            return kopf.ConnectionInfo(server=server_url, default_namespace=default_ns)

    def start(self, timeout: float = 20.0) -> KopfThread:
        self._thread = threading.Thread(target=self._run, name="kopf-operator", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._ready.wait(0.05):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"kopf did not become ready in {timeout}s: {self.failure!r}")
        return self

    def stop(self, timeout: float = _STOP_TIMEOUT_S) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise RuntimeError("kopf did not stop in time")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        try:
            asyncio.run(
                kopf.operator(
                    registry=self.registry,
                    settings=self.settings,
                    standalone=True,
                    clusterwide=self._clusterwide,
                    namespaces=self._namespaces,
                    stop_flag=self._stop,
                    ready_flag=self._ready,
                )
            )
        except BaseException as exc:  # reported through start()/failure; the thread cannot raise
            self.failure = exc


class KopfProcess:
    """An operator in a child process that a test can SIGKILL and restart."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: dict[str, str],
        log_path: Path,
        ready_url: str | None = None,
        ready_probe: Callable[[], bool] | None = None,
    ) -> None:
        self.argv, self.env, self.log_path = list(argv), env, log_path
        self._ready_url, self._ready_probe = ready_url, ready_probe
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self, timeout: float = 30.0) -> KopfProcess:
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"\n===== start #{self.starts}: {' '.join(self.argv)}\n".encode())
            log.flush()
            self.proc = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready(timeout)
        return self

    def kill(self) -> int:
        """SIGKILL: no shutdown handlers, no finalizer removal, no status flush — a hard crash."""
        assert self.proc is not None
        self.proc.kill()
        return self.proc.wait(_STOP_TIMEOUT_S)

    def terminate(self, timeout: float = _STOP_TIMEOUT_S) -> int | None:
        """SIGTERM and wait (kopf's graceful stop); SIGKILL if it does not exit in time."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.terminate()
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return self.kill()

    def restart(self, timeout: float = 30.0) -> KopfProcess:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()
        return self.start(timeout)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"operator exited with {self.proc.returncode}:\n{self.logs()[-4000:]}")
            if self._is_ready():
                return
            time.sleep(0.1)
        raise TimeoutError(f"operator not ready in {timeout}s:\n{self.logs()[-4000:]}")

    def _is_ready(self) -> bool:
        if self._ready_probe is not None:
            return self._ready_probe()
        if self._ready_url is None:
            return True
        try:
            return httpx.get(self._ready_url, timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False


def kopf_run_argv(
    target: str | Path,
    *,
    namespaces: Sequence[str] = ("default",),
    clusterwide: bool = False,
    liveness_url: str | None = None,
    extra: Sequence[str] = (),
) -> list[str]:
    """`python -m kopf run --standalone ...` for a handler file or (dotted) module."""
    argv = [sys.executable, "-m", "kopf", "run", "--standalone", "--verbose"]
    argv += ["--all-namespaces"] if clusterwide else [f"--namespace={ns}" for ns in namespaces]
    if liveness_url:
        argv.append(f"--liveness={liveness_url}")
    argv += list(extra)
    argv += [str(target)] if str(target).endswith(".py") else ["-m", str(target)]
    return argv


def child_env(kubeconfig: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The parent's environment plus KUBECONFIG (and PYTHONPATH with the repository root)."""
    root = str(Path(__file__).resolve().parents[3])
    env = dict(os.environ, KUBECONFIG=str(kubeconfig), PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env.update(extra or {})
    return env
