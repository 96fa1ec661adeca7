"""Fixtures of tests/ops: the Kubernetes API emulator and kopf runner of script_agent/testing/k8s."""

from __future__ import annotations

from script_agent.testing.k8s import fixtures as harness

k8s_api, kubeconfig, run_kopf = harness.k8s_api, harness.kubeconfig, harness.run_kopf
