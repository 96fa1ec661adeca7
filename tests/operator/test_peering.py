"""kopf peering between two operator processes (the project CLI with --peering).

The replica with the higher priority works; the other pauses (standby). A SIGTERMed active replica
removes itself from the peering object on the way out, and the standby takes over at once.
"""

from __future__ import annotations

import socket
import sys

import httpx

from .conftest import job
from .support import wait_finished

PEERING_CRD = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "kopfpeerings.kopf.dev"},
    "spec": {
        "group": "kopf.dev",
        "scope": "Namespaced",
        "names": {"kind": "KopfPeering", "plural": "kopfpeerings", "singular": "kopfpeering"},
        "versions": [
            {
                "name": "v1",
                "served": True,
                "storage": True,
                "schema": {
                    "openAPIV3Schema": {
                        "type": "object",
                        "properties": {
                            "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
                        },
                    }
                },
            }
        ],
    },
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def steps_done(metrics_port: int) -> float:
    text = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).text
    line = next(x for x in text.splitlines() if x.startswith("script_agent_operator_step_seconds_count"))
    return float(line.split()[-1])


def test_only_the_highest_priority_replica_works_and_the_standby_takes_over(k8s_api, run_kopf, op_env):
    k8s_api.server.call(lambda emu: emu.install_crd(PEERING_CRD))
    k8s_api.create({"apiVersion": "kopf.dev/v1", "kind": "KopfPeering", "metadata": {"name": "sa"}})
    argv = [sys.executable, "-m", "script_agent.cli.main", "operator", "--namespace=default", "--peering=sa"]

    def start(priority: int) -> tuple[object, int]:
        live, metrics = free_port(), free_port()
        env = {
            **op_env,
            "OPERATOR_BIND_HOST": "127.0.0.1",
            "OPERATOR_LIVENESS_PORT": str(live),
            "OPERATOR_METRICS_PORT": str(metrics),
            "OPERATOR_PEERING_PRIORITY": str(priority),
        }
        proc = run_kopf(
            subprocess=True, argv=argv, env=env, ready_url=f"http://127.0.0.1:{live}/healthz", timeout=60
        )
        return proc, metrics

    standby, standby_metrics = start(100)
    active, active_metrics = start(200)
    k8s_api.wait_for(lambda: "Pausing operations in favour of" in standby.logs(), 20, "the standby to pause")

    k8s_api.create(job("peer-a"))
    assert wait_finished(k8s_api, "peer-a")["status"]["phase"] == "Succeeded"
    assert steps_done(active_metrics) > 0 and steps_done(standby_metrics) == 0

    active.terminate()  # graceful: kopf removes its peering record on exit
    k8s_api.wait_for(lambda: "Resuming operations" in standby.logs(), 20, "the standby to resume")
    k8s_api.create(job("peer-b"))
    assert wait_finished(k8s_api, "peer-b")["status"]["phase"] == "Succeeded"
    assert steps_done(standby_metrics) > 0
