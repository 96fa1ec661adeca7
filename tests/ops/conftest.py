"""Fixtures of tests/ops: the Kubernetes API emulator and kopf runner of tests/k8s/harness."""

from __future__ import annotations

from tests.k8s.harness import fixtures as harness

k8s_api, kubeconfig, run_kopf = harness.k8s_api, harness.kubeconfig, harness.run_kopf
