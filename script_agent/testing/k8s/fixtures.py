"""pytest fixtures: `k8s_api`, `kubeconfig`, `run_kopf`. Import them in a conftest.py.

from .harness.fixtures import k8s_api, kubeconfig, run_kopf  # noqa: F401
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import kopf
import pytest
import yaml

from .client import K8sApi
from .kopf_runner import KopfProcess, KopfThread, child_env, kopf_run_argv, write_kubeconfig
from .server import EmulatorThread

REPO_ROOT = Path(__file__).resolve().parents[3]
SCRIPTJOB_CRD = REPO_ROOT / "crds" / "scriptjob.yaml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def k8s_api() -> Iterator[K8sApi]:
    """A fresh emulator (ScriptJob CRD installed, namespace `default`) on a free loopback port."""
    crd = yaml.safe_load(SCRIPTJOB_CRD.read_text(encoding="utf-8"))
    with EmulatorThread(crds=[crd], namespaces=["default"]) as server:
        api = K8sApi(server)
        try:
            yield api
        finally:
            api.close()


@pytest.fixture
def kubeconfig(k8s_api: K8sApi, tmp_path: Path) -> Path:
    """A kubeconfig file pointing at the emulator (for subprocesses: KUBECONFIG=<this path>)."""
    return write_kubeconfig(tmp_path / "kubeconfig.yaml", k8s_api.url)


RunKopf = Callable[..., "KopfThread | KopfProcess"]


@pytest.fixture
def run_kopf(
    k8s_api: K8sApi, kubeconfig: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[RunKopf]:
    """Start the real kopf runtime; everything started is stopped at teardown.

    run_kopf(target, *, subprocess=False, namespaces=("default",), clusterwide=False,
             settings=None, argv=None, env=None, ready_url=None, timeout=30.0)

    - target: a handler file path, a dotted module name, a module object, or (thread mode only)
      a ready `kopf.OperatorRegistry`;
    - subprocess=False: a `KopfThread` (ready when kopf's ready flag is set); KUBECONFIG is also
      set for the test's duration, so a module's own @kopf.on.login (kopf.login_with_kubeconfig,
      or code reading KUBECONFIG) reaches the emulator too;
    - subprocess=True: a `KopfProcess`; argv defaults to `python -m kopf run --standalone
      --liveness=<free port> --namespace=...  <target>` and readiness polls that liveness URL;
      pass argv (and ready_url) to run another command, e.g. `script-agent operator ...`.
      env is added to the parent's environment plus KUBECONFIG and PYTHONPATH.
    """
    started: list[KopfThread | KopfProcess] = []

    def _run(
        target: str | Path | ModuleType | kopf.OperatorRegistry | None = None,
        *,
        subprocess: bool = False,
        namespaces: Sequence[str] = ("default",),
        clusterwide: bool = False,
        settings: kopf.OperatorSettings | None = None,
        argv: Sequence[str] | None = None,
        env: dict[str, str] | None = None,
        ready_url: str | None = None,
        timeout: float = 30.0,
    ) -> KopfThread | KopfProcess:
        runner: KopfThread | KopfProcess
        if not subprocess:
            assert target is not None, "thread mode needs a handler target"
            monkeypatch.setenv("KUBECONFIG", str(kubeconfig))
            runner = KopfThread(
                target,
                server_url=k8s_api.url,
                namespaces=namespaces,
                clusterwide=clusterwide,
                settings=settings,
            )
        else:
            if argv is None:
                assert target is not None and not isinstance(target, kopf.OperatorRegistry | ModuleType)
                ready_url = f"http://127.0.0.1:{free_port()}/healthz"
                argv = kopf_run_argv(
                    target, namespaces=namespaces, clusterwide=clusterwide, liveness_url=ready_url
                )
            runner = KopfProcess(
                argv,
                env=child_env(kubeconfig, env),
                log_path=tmp_path / f"operator-{len(started)}.log",
                ready_url=ready_url,
            )
        started.append(runner)
        return runner.start(timeout=timeout)

    yield _run
    for runner in reversed(started):
        if isinstance(runner, KopfProcess):
            runner.terminate()
        else:
            runner.stop()
