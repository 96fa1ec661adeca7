"""The emulator in a process of its own (bench/operator.py runs both sides against one): the same
HTTP API and the same introspection through K8sApi as the in-thread emulator."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from script_agent.testing.k8s import SCRIPTJOBS, EmulatorProcess, K8sApi
from script_agent.testing.k8s.samples import EXAMPLE

CRD = yaml.safe_load((Path(__file__).resolve().parents[2] / "crds" / "scriptjob.yaml").read_text("utf-8"))


def _boom(emulator: object) -> None:
    raise ValueError("raised in the emulator's process")


def test_emulator_process_serves_the_api_and_its_request_log() -> None:
    with EmulatorProcess(crds=[CRD]) as server:
        assert server.pid is not None
        api = K8sApi(server)
        try:
            body = copy.deepcopy(EXAMPLE)
            body["metadata"] = {"name": "elsewhere", "namespace": "default"}
            created = api.create(body)
            assert created["metadata"]["uid"]
            api.patch(SCRIPTJOBS, "elsewhere", {"status": {"phase": "Running"}}, subresource="status")
            assert api.get(SCRIPTJOBS, "elsewhere")["status"]["phase"] == "Running"
            assert api.requests("POST", SCRIPTJOBS) == [
                ("POST", "/apis/scriptagent.dev/v1alpha1/namespaces/default/scriptjobs")
            ]
            assert len(api.requests("PATCH", SCRIPTJOBS, subresource="status")) == 1
            with pytest.raises(ValueError, match="emulator's process"):
                server.call(_boom)
        finally:
            api.close()
    with pytest.raises(RuntimeError, match="not running"):
        server.call(_boom)
