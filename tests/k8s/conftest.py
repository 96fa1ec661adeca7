"""Fixtures for the Kubernetes tests: the API emulator and the real kopf runtime (see harness/README.md)."""

from script_agent.testing.k8s.fixtures import k8s_api, kubeconfig, run_kopf  # noqa: F401
