"""Render and lint the Helm chart in-process with helm-python-sdk (libhelm via ctypes, no helm binary)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import helm_python as helm
import yaml
from helm_python import _native  # the public Chart.render() does not expose api_versions/kube_version

REPO_ROOT = Path(__file__).resolve().parents[2]
CHART = REPO_ROOT / "charts" / "script-agent"
KUBE_VERSION = "v1.30.0"
RELEASE, NAMESPACE = "demo", "script-agent"
PROMETHEUS_OPERATOR_API = "monitoring.coreos.com/v1"
# The chart refuses to render without a credential source; tests of other features start from this.
CREDENTIALS: dict[str, Any] = {"secrets": {"existingSecret": "script-agent-credentials"}}


def merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep merge of two values trees (extra wins), like several -f files for helm."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = (
            merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        )
    return out


def installable(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return merged(CREDENTIALS, values or {})


def render(values: dict[str, Any] | None = None, *, api_versions: tuple[str, ...] = ()) -> dict[str, str]:
    """`helm template` for one values set: template path -> rendered text (NOTES.txt included)."""
    opts = {
        "name": RELEASE,
        "namespace": NAMESPACE,
        "is_install": True,
        "kube_version": KUBE_VERSION,
        "api_versions": list(api_versions),
    }
    with helm.Chart.load(CHART) as chart:
        chart.validate_schema(values or {})
        rendered = _native.call_string(
            "helm_render", chart._raw(), json.dumps(values or {}), json.dumps(opts)
        )
    return json.loads(rendered)


def manifests(values: dict[str, Any] | None = None, **kwargs: Any) -> list[dict[str, Any]]:
    """Every Kubernetes object the chart renders (templates only; crds/ are checked separately)."""
    objects = []
    for path, text in render(values, **kwargs).items():
        if path.endswith(".txt"):
            continue
        objects += [doc for doc in yaml.safe_load_all(text) if doc]
    return objects


def by_kind(objects: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [obj for obj in objects if obj["kind"] == kind]


def named(objects: list[dict[str, Any]], kind: str, suffix: str) -> dict[str, Any]:
    found = [obj for obj in by_kind(objects, kind) if obj["metadata"]["name"].endswith(suffix)]
    assert len(found) == 1, f"expected one {kind} *{suffix}, got {[o['metadata']['name'] for o in found]}"
    return found[0]


def lint(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return helm.lint(CHART, values, strict=True, namespace=NAMESPACE, kube_version=KUBE_VERSION)
