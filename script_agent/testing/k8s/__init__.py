"""Kubernetes API emulator + real-kopf harness for operator tests (see README.md in this folder)."""

from .client import EVENTS, SCRIPTJOBS, ApiError, K8sApi
from .emulator import KubeEmulator
from .kopf_runner import KopfProcess, KopfThread, child_env, kopf_run_argv, load_handlers, write_kubeconfig
from .process import EmulatorProcess
from .server import EmulatorThread
from .store import ObjectStore, ResourceMeta

__all__ = [
    "EVENTS",
    "SCRIPTJOBS",
    "ApiError",
    "EmulatorProcess",
    "EmulatorThread",
    "K8sApi",
    "KopfProcess",
    "KopfThread",
    "KubeEmulator",
    "ObjectStore",
    "ResourceMeta",
    "child_env",
    "kopf_run_argv",
    "load_handlers",
    "write_kubeconfig",
]
