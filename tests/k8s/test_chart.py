"""The Helm chart: lint, render (default and variants), Kubernetes schema validation, security, wiring."""

from __future__ import annotations

import json
import re
from typing import Any

import helm_python as helm
import kubernetes_validate
import pytest

from script_agent.observability.metrics import REGISTRY

from .chart_tools import (
    CHART,
    KUBE_VERSION,
    NAMESPACE,
    PROMETHEUS_OPERATOR_API,
    by_kind,
    installable,
    merged,
    named,
    render,
)
from .chart_tools import lint as lint_values
from .chart_tools import manifests as render_manifests

# Kinds defined by CRDs that kubernetes-validate has no schema for; checked by dedicated tests here.
CRD_KINDS = {"ServiceMonitor", "PrometheusRule", "KopfPeering", "ClusterKopfPeering"}
MONITORING = {"serviceMonitor": {"enabled": True}, "prometheusRule": {"enabled": True}}
PRODUCTION = {
    "image": {"digest": "sha256:" + "ab" * 32},
    "redis": {"existingSecret": "redis", "existingSecretKey": "redis-url"},
    "gateway": {
        "replicaCount": 3,
        "ingress": {"enabled": True, "className": "nginx", "tls": [{"secretName": "t", "hosts": ["a.b"]}]},
        "autoscaling": {"enabled": True, "inFlightRequests": {"enabled": True}},
        "priorityClassName": "high",
        "podAntiAffinityPreset": "hard",
        "topologySpreadConstraints": [
            {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule"}
        ],
        "extraVolumes": [{"name": "keys", "secret": {"secretName": "api-keys"}}],
        "extraVolumeMounts": [{"name": "keys", "mountPath": "/etc/script-agent", "readOnly": True}],
        "extraEnvFrom": [{"configMapRef": {"name": "extra"}}],
    },
    "operator": {"peering": {"enabled": True}, "replicaCount": 2, "priorityClassName": "high"},
    "networkPolicy": {"enabled": True, "redis": {"to": [{"podSelector": {"matchLabels": {"app": "redis"}}}]}},
    "metrics": MONITORING,
}

VARIANTS: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {
    "defaults-with-credentials": ({}, ()),
    "all-namespaces": ({"operator": {"allNamespaces": True}}, ()),
    "watch-namespaces": ({"operator": {"watchNamespaces": ["shop-a", "shop-b"]}}, ()),
    "monitoring": ({"metrics": MONITORING}, (PROMETHEUS_OPERATOR_API,)),
    "monitoring-without-api-check": (
        {
            "metrics": merged(
                MONITORING, {"serviceMonitor": {"requireApi": False}, "prometheusRule": {"requireApi": False}}
            )
        },
        (),
    ),
    "existing-secret": ({"secrets": {"existingSecret": "my-secrets"}}, ()),
    "inline-secrets": (
        {"secrets": {"existingSecret": "", "REDIS_URL": "redis://redis:6379/0", "AUTH_JWT_SECRET": "s3cr3t"}},
        (),
    ),
    "dev-mode": ({"secrets": {"existingSecret": ""}, "config": {"AUTH_MODE": "dev"}}, ()),
    "peering": ({"operator": {"peering": {"enabled": True}, "replicaCount": 2}}, ()),
    "peering-all-namespaces": ({"operator": {"allNamespaces": True, "peering": {"enabled": True}}}, ()),
    "production": (PRODUCTION, (PROMETHEUS_OPERATOR_API,)),
    "metrics-on-api-port": ({"gateway": {"metricsPort": 0}, "networkPolicy": {"enabled": True}}, ()),
}


def manifests(values: dict[str, Any] | None = None, **kwargs: Any) -> list[dict[str, Any]]:
    return render_manifests(installable(values), **kwargs)


def lint(values: dict[str, Any]) -> dict[str, Any]:
    return lint_values(installable(values))


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_lint_is_clean(variant: str):
    report = lint(VARIANTS[variant][0])
    problems = [m for m in report["messages"] if m["severity"] >= 2]  # 1 is info ("icon is recommended")
    assert report["errors"] == [] and problems == []


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_rendered_manifest_is_valid_for_kubernetes(variant: str):
    values, apis = VARIANTS[variant]
    objects = manifests(values, api_versions=apis)
    assert objects
    for obj in objects:
        if obj["kind"] in CRD_KINDS:
            assert obj["apiVersion"] in ("monitoring.coreos.com/v1", "kopf.dev/v1")
            continue
        kubernetes_validate.validate(obj, KUBE_VERSION.lstrip("v"), strict=True)
        assert obj["metadata"].get("namespace", NAMESPACE) in (NAMESPACE, "shop-a", "shop-b")
    assert len({(o["kind"], o["metadata"].get("namespace"), o["metadata"]["name"]) for o in objects}) == len(
        objects
    ), "two objects share kind, namespace and name"


def test_the_chart_installs_the_scriptjob_crd():
    with helm.Chart.load(CHART) as chart:
        assert [crd["filename"] for crd in chart.crds] == ["script-agent/crds/scriptjob.yaml"]


def test_values_schema_rejects_typos_and_bad_types():
    with helm.Chart.load(CHART) as chart:
        for bad in (
            {"operatr": {}},
            {"gateway": {"port": "eighty"}},
            {"operator": {"peering": {"x": 1}}},
            {"image": {"pullPolicy": "Sometimes"}},
            {"config": {"REDIS_MODE": "clustered"}},
        ):
            with pytest.raises(helm.HelmValuesError):
                chart.validate_schema(bad)


def test_redis_mode_reaches_both_components_as_configured():
    objects = manifests(installable({"config": {"REDIS_MODE": "cluster"}}))
    [config] = [c for c in by_kind(objects, "ConfigMap") if "REDIS_MODE" in c.get("data", {})]
    assert config["data"]["REDIS_MODE"] == "cluster"
    for suffix in ("-gateway", "-operator"):
        pod = named(objects, "Deployment", suffix)["spec"]["template"]["spec"]
        sources = pod["containers"][0]["envFrom"]
        assert {"configMapRef": {"name": config["metadata"]["name"]}} in sources


def test_standalone_operator_refuses_several_replicas():
    with pytest.raises(helm.HelmError, match="peering"):
        render(installable({"operator": {"replicaCount": 2}}))


def test_gateway_runs_serve_with_health_probes_and_no_api_token():
    objects = manifests()
    pod = named(objects, "Deployment", "-gateway")["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["args"] == ["serve", "--host", "0.0.0.0", "--port", "8080"]
    # a dependency outage (readiness) must not restart every pod (liveness)
    assert container["livenessProbe"]["httpGet"] == {"path": "/api/v1/health/live", "port": "http"}
    assert container["startupProbe"]["httpGet"] == {"path": "/api/v1/health/live", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/api/v1/health", "port": "http"}
    assert pod["automountServiceAccountToken"] is False
    service = named(objects, "Service", "-gateway")
    assert service["spec"]["ports"][0]["targetPort"] == "http"


def operator_args(values: dict[str, Any]) -> list[str]:
    pod = named(manifests(values), "Deployment", "-operator")["spec"]["template"]["spec"]
    return pod["containers"][0]["args"]


def test_operator_command_line_per_mode():
    assert operator_args({}) == ["operator", f"--namespace={NAMESPACE}", "--standalone"]
    assert operator_args({"operator": {"watchNamespaces": ["a", "b"]}}) == [
        "operator",
        "--namespace=a",
        "--namespace=b",
        "--standalone",
    ]
    assert operator_args({"operator": {"allNamespaces": True, "peering": {"enabled": True}}}) == [
        "operator",
        "--all-namespaces",
        "--peering=script-agent",
    ], "replicas must draw distinct priorities unless one is configured"
    pinned = {"operator": {"peering": {"enabled": True, "priority": 7}}}
    assert operator_args(pinned)[-1] == "--priority=7"


def test_operator_liveness_and_metrics_ports():
    objects = manifests()
    deployment = named(objects, "Deployment", "-operator")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert {p["name"]: p["containerPort"] for p in container["ports"]} == {"liveness": 8081, "metrics": 9090}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "liveness"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/healthz", "port": "liveness"}
    env = {e["name"]: e["value"] for e in container["env"]}
    assert env == {"OPERATOR_LIVENESS_PORT": "8081", "OPERATOR_METRICS_PORT": "9090"}
    assert deployment["spec"]["strategy"]["type"] == "Recreate"
    assert named(objects, "Service", "-operator-metrics")["spec"]["ports"][0]["name"] == "metrics"


@pytest.mark.parametrize("component", ["-gateway", "-operator"])
def test_pods_run_non_root_read_only_without_capabilities(component: str):
    pod = named(manifests(), "Deployment", component)["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    for container in pod["containers"]:
        ctx = container["securityContext"]
        assert ctx["readOnlyRootFilesystem"] is True and ctx["allowPrivilegeEscalation"] is False
        assert ctx["capabilities"] == {"drop": ["ALL"]}
        assert container["resources"]["requests"] and container["resources"]["limits"]["memory"]
        assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]


def test_settings_go_to_a_configmap_and_secrets_to_a_secret():
    objects = manifests(
        {
            "secrets": {"existingSecret": "", "AUTH_API_KEYS": "{}", "REDIS_URL": "redis://r:6379/0"},
            "config": {"LLM_PRIMARY_BASE_URL": "http://vllm:8000"},
        }
    )
    config = by_kind(objects, "ConfigMap")[0]["data"]
    assert config["LLM_PRIMARY_BASE_URL"] == "http://vllm:8000" and config["RATE_LIMIT_QPS"] == "20"
    assert config["LOG_JSON"] == "true"
    assert not {"REDIS_URL", "LLM_PRIMARY_API_KEY", "AUTH_JWT_SECRET", "AUTH_API_KEYS"} & set(config)
    assert set(by_kind(objects, "Secret")[0]["data"]) == {"REDIS_URL", "AUTH_API_KEYS"}


def test_empty_settings_are_left_out_so_they_read_as_unset():
    config = by_kind(manifests(), "ConfigMap")[0]["data"]
    assert "LLM_PRIMARY_BASE_URL" not in config and all(value != "" for value in config.values())


def test_existing_secret_replaces_the_chart_secret():
    objects = manifests({"secrets": {"existingSecret": "my-secrets"}})
    assert by_kind(objects, "Secret") == []
    for deployment in by_kind(objects, "Deployment"):
        env_from = deployment["spec"]["template"]["spec"]["containers"][0]["envFrom"]
        assert {"secretRef": {"name": "my-secrets"}} in env_from


def test_service_monitor_only_when_the_prometheus_operator_api_exists():
    values = {"metrics": {"serviceMonitor": {"enabled": True, "labels": {"release": "kps"}}}}
    assert by_kind(manifests(values), "ServiceMonitor") == []
    notes = render(installable(values))["script-agent/templates/NOTES.txt"]
    assert "no ServiceMonitor was created" in notes
    (monitor,) = by_kind(manifests(values, api_versions=(PROMETHEUS_OPERATOR_API,)), "ServiceMonitor")
    assert monitor["metadata"]["labels"]["release"] == "kps"
    # gateway and operator both serve /metrics on a port named metrics, off the gateway's API port
    assert [(e["port"], e["path"]) for e in monitor["spec"]["endpoints"]] == [("metrics", "/metrics")]
    forced = merged(values, {"metrics": {"serviceMonitor": {"requireApi": False}}})
    assert len(by_kind(manifests(forced), "ServiceMonitor")) == 1, "renders without the API when asked"
    on_api_port = merged(values, {"gateway": {"metricsPort": 0}})
    (monitor,) = by_kind(manifests(on_api_port, api_versions=(PROMETHEUS_OPERATOR_API,)), "ServiceMonitor")
    assert [e["port"] for e in monitor["spec"]["endpoints"]] == ["http", "metrics"]


def test_service_monitor_relabelings_reach_every_endpoint():
    relabel = [{"sourceLabels": ["__meta_kubernetes_pod_node_name"], "targetLabel": "node"}]
    drop = [{"sourceLabels": ["__name__"], "regex": "python_gc_.*", "action": "drop"}]
    values = {
        "gateway": {"metricsPort": 0},
        "metrics": {"serviceMonitor": {"enabled": True, "relabelings": relabel, "metricRelabelings": drop}},
    }
    (monitor,) = by_kind(manifests(values, api_versions=(PROMETHEUS_OPERATOR_API,)), "ServiceMonitor")
    for endpoint in monitor["spec"]["endpoints"]:
        assert endpoint["relabelings"] == relabel and endpoint["metricRelabelings"] == drop


def test_peering_objects_exist_only_with_peering():
    assert by_kind(manifests(), "KopfPeering") == []
    (peering,) = by_kind(manifests({"operator": {"peering": {"enabled": True}}}), "KopfPeering")
    assert peering["metadata"] == peering["metadata"] | {"name": "script-agent", "namespace": NAMESPACE}
    assert by_kind(manifests(VARIANTS["peering-all-namespaces"][0]), "ClusterKopfPeering")


# --- Grafana dashboard ------------------------------------------------------------------------
REQUIRED_PANEL_METRICS = {
    "script_agent_llm_circuit_state",
    "script_agent_llm_fallbacks_total",
    "script_agent_rate_limit_decisions_total",
    "script_agent_http_request_seconds_bucket",
    "script_agent_http_time_to_first_delta_seconds_bucket",
    "script_agent_operator_jobs",
    "script_agent_workflow_runs_total",
    "script_agent_store_errors_total",
    "script_agent_rate_limit_fail_open_total",
    "script_agent_lock_wait_seconds_bucket",
    "script_agent_lock_timeouts_total",
    "script_agent_llm_requests_total",
    "script_agent_llm_retries_total",
    "script_agent_llm_tokens_total",
}


def exported_sample_names() -> set[str]:
    names = set()
    for family in REGISTRY.collect():
        suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count")}.get(
            family.type, ("",)
        )
        names |= {family.name + suffix for suffix in suffixes}
    return names


def test_dashboard_ships_as_a_sidecar_configmap_with_the_required_panels():
    (config_map,) = [
        c for c in by_kind(manifests(), "ConfigMap") if c["metadata"]["name"].endswith("-dashboard")
    ]
    assert config_map["metadata"]["labels"]["grafana_dashboard"] == "1"
    dashboard = json.loads(config_map["data"]["script-agent.json"])
    assert dashboard == json.loads((CHART / "dashboards" / "script-agent.json").read_text(encoding="utf-8"))
    exprs = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    used = {name for expr in exprs for name in re.findall(r"script_agent_[a-z_]+", expr)}
    assert used >= REQUIRED_PANEL_METRICS
    assert used <= exported_sample_names(), "the dashboard queries a metric metrics.py does not define"
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"])
    for panel in dashboard["panels"]:
        assert panel["fieldConfig"]["defaults"]["unit"], f"{panel['title']}: no unit on its axis"
    (breaker,) = [
        p for p in dashboard["panels"] if "script_agent_llm_circuit_state" in p["targets"][0]["expr"]
    ]
    assert "instance" in breaker["targets"][0]["expr"], "breaker state must stay visible per replica"
