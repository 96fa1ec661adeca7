"""Chart features platform teams expect: render-time refusals, PDB, HPA, Ingress, NetworkPolicy,
scheduling presets, extra env/volumes, image digest, metrics port, aggregated roles and NOTES.txt.
Everything is rendered with the helm library and read as objects, never grepped as template text."""

from __future__ import annotations

import re
from typing import Any

import helm_python as helm
import jsonschema
import pytest
import yaml

from script_agent.config import Settings
from script_agent.config.envtable import env_rows

from .chart_tools import CHART, NAMESPACE, REPO_ROOT, by_kind, installable, manifests, named, render

GATEWAY, OPERATOR = "-gateway", "-operator"
REDIS = {"secrets": {"REDIS_URL": "redis://:pw@redis:6379/0"}}


def objects(values: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return manifests(installable(values))


def pod_spec(objs: list[dict[str, Any]], component: str) -> dict[str, Any]:
    return named(objs, "Deployment", component)["spec"]["template"]["spec"]


def container(objs: list[dict[str, Any]], component: str) -> dict[str, Any]:
    return pod_spec(objs, component)["containers"][0]


def pod_labels(objs: list[dict[str, Any]], component: str) -> dict[str, str]:
    return named(objs, "Deployment", component)["spec"]["template"]["metadata"]["labels"]


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    return selector["matchLabels"].items() <= labels.items()


# --- refusals ----------------------------------------------------------------------------------
def test_a_default_install_refuses_to_render_without_a_credential_source():
    with pytest.raises(helm.HelmError, match=r"no credential source.*secrets\.existingSecret"):
        render({})


@pytest.mark.parametrize(
    "values",
    [
        {"secrets": {"existingSecret": "creds"}},
        {"secrets": {"AUTH_API_KEYS": '{"ab": {"tenant": "t"}}'}},
        {"secrets": {"AUTH_JWT_SECRET": "k" * 32}},
        {"secrets": {"AUTH_JWT_PUBLIC_KEY": "-----BEGIN PUBLIC KEY-----"}},
        {"config": {"AUTH_API_KEYS_FILE": "/etc/script-agent/keys.json"}},
        {"config": {"AUTH_MODE": "dev"}},
    ],
    ids=["existing-secret", "api-keys", "jwt-secret", "jwt-public-key", "keys-file", "dev-mode"],
)
def test_each_credential_source_is_enough(values: dict[str, Any]):
    assert named(manifests(values), "Deployment", GATEWAY)


@pytest.mark.parametrize(
    "gateway", [{"replicaCount": 2}, {"autoscaling": {"enabled": True}}], ids=["replicas", "hpa"]
)
def test_several_gateway_replicas_refuse_to_render_without_redis(gateway: dict[str, Any]):
    with pytest.raises(helm.HelmError, match="needs Redis"):
        render(installable({"gateway": gateway}))
    for redis in (REDIS, {"redis": {"existingSecret": "r"}}, {"config": {"REDIS_URL": "redis://r:6379"}}):
        assert named(objects({"gateway": gateway} | redis), "Deployment", GATEWAY)


@pytest.mark.parametrize("key", ["AUTH_JWT_SECRET", "AUTH_API_KEYS", "LLM_PRIMARY_API_KEY"])
def test_schema_refuses_secrets_in_plain_config_and_points_to_existing_secret(key: str):
    with helm.Chart.load(CHART) as chart, pytest.raises(helm.HelmValuesError, match="existingSecret"):
        chart.validate_schema({"config": {key: "s3cr3t"}})


def test_schema_refuses_a_redis_url_with_a_password_in_config_only():
    with helm.Chart.load(CHART) as chart:
        for url in ("redis://:pw@redis:6379/0", "rediss://user:pw@redis:6380"):
            with pytest.raises(helm.HelmValuesError, match=r"redis\.existingSecret"):
                chart.validate_schema({"config": {"REDIS_URL": url}})
        chart.validate_schema({"config": {"REDIS_URL": "redis://redis:6379/0"}})
        chart.validate_schema({"secrets": {"REDIS_URL": "redis://:pw@redis:6379/0"}})


def test_schema_refuses_a_malformed_digest():
    with helm.Chart.load(CHART) as chart, pytest.raises(helm.HelmValuesError):
        chart.validate_schema({"image": {"digest": "latest"}})


# --- workloads ---------------------------------------------------------------------------------
def test_every_environment_variable_the_chart_sets_is_a_setting(monkeypatch: pytest.MonkeyPatch):
    """A typo in a variable name would be silently ignored by the app: every name must exist, and the
    settings tree must read the values the chart sets."""
    known = {env for env, _, _ in env_rows()}
    objs = objects({"redis": {"existingSecret": "r"}})
    (config,) = [c["data"] for c in by_kind(objs, "ConfigMap") if "LOG_LEVEL" in c.get("data", {})]
    assert set(config) <= known
    for component in (GATEWAY, OPERATOR):
        env = container(objs, component)["env"]
        assert {e["name"] for e in env} <= known, component
        for name, value in config.items() | {(e["name"], e["value"]) for e in env if "value" in e}:
            monkeypatch.setenv(name, value)
    settings = Settings()
    assert settings.gateway.metrics_port == 9090 and settings.operator.metrics_port == 9090
    assert settings.operator.liveness_port == 8081 and settings.log.json_format is True


def test_gateway_metrics_port_is_a_container_and_service_port_or_off():
    objs = objects()
    ports = {p["name"]: p["containerPort"] for p in container(objs, GATEWAY)["ports"]}
    assert ports == {"http": 8080, "metrics": 9090}
    service = {p["name"]: p for p in named(objs, "Service", GATEWAY)["spec"]["ports"]}
    assert service["metrics"]["targetPort"] == "metrics" and service["http"]["targetPort"] == "http"
    off = objects({"gateway": {"metricsPort": 0}})
    assert [p["name"] for p in container(off, GATEWAY)["ports"]] == ["http"]
    assert "env" not in container(off, GATEWAY)


def test_redis_from_an_existing_secret_reaches_both_components():
    objs = objects({"redis": {"existingSecret": "redis", "existingSecretKey": "redis-url"}})
    for component in (GATEWAY, OPERATOR):
        (redis,) = [e for e in container(objs, component)["env"] if e["name"] == "REDIS_URL"]
        assert redis["valueFrom"] == {"secretKeyRef": {"name": "redis", "key": "redis-url"}}


def test_image_digest_pins_both_components():
    digest = "sha256:" + "0f" * 32
    objs = objects({"image": {"digest": digest, "tag": "ignored"}})
    for component in (GATEWAY, OPERATOR):
        assert container(objs, component)["image"] == f"ghcr.io/script-agent/script-agent@{digest}"


@pytest.mark.parametrize("component", [GATEWAY, OPERATOR])
def test_extra_env_volumes_and_pod_metadata(component: str):
    key = component.strip("-")
    values = {
        key: {
            "extraEnv": [{"name": "AUTH_API_KEYS_FILE", "value": "/etc/keys/keys.json"}],
            "extraEnvFrom": [{"secretRef": {"name": "more"}}],
            "extraVolumes": [{"name": "keys", "secret": {"secretName": "api-keys"}}],
            "extraVolumeMounts": [{"name": "keys", "mountPath": "/etc/keys", "readOnly": True}],
            "podAnnotations": {"a": "b"},
            "podLabels": {"team": "live"},
            "priorityClassName": "high",
            "resources": {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"memory": "1Gi"}},
        }
    }
    objs = objects(values)
    spec, box = pod_spec(objs, component), container(objs, component)
    meta = named(objs, "Deployment", component)["spec"]["template"]["metadata"]
    assert {"name": "AUTH_API_KEYS_FILE", "value": "/etc/keys/keys.json"} in box["env"]
    assert box["envFrom"][-1] == {"secretRef": {"name": "more"}}
    assert {"name": "keys", "secret": {"secretName": "api-keys"}} in spec["volumes"]
    assert {"name": "keys", "mountPath": "/etc/keys", "readOnly": True} in box["volumeMounts"]
    assert {"name": "tmp", "mountPath": "/tmp"} in box["volumeMounts"], "extras add to, never replace"
    assert meta["annotations"]["a"] == "b" and meta["labels"]["team"] == "live"
    assert spec["priorityClassName"] == "high"
    assert box["resources"]["requests"] == {"cpu": "1", "memory": "1Gi"}
    selector = named(objs, "Deployment", component)["spec"]["selector"]
    assert "team" not in selector["matchLabels"], "pod labels never enter the immutable selector"


@pytest.mark.parametrize("component", [GATEWAY, OPERATOR])
def test_anti_affinity_presets_and_topology_spread(component: str):
    key = component.strip("-")
    soft = pod_spec(objects(), component)["affinity"]["podAntiAffinity"]
    (term,) = soft["preferredDuringSchedulingIgnoredDuringExecution"]
    labels = pod_labels(objects(), component)
    assert selects(term["podAffinityTerm"]["labelSelector"], labels)
    hard = pod_spec(objects({key: {"podAntiAffinityPreset": "hard"}}), component)["affinity"]
    (required,) = hard["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert required["topologyKey"] == "kubernetes.io/hostname" and selects(required["labelSelector"], labels)
    assert "affinity" not in pod_spec(objects({key: {"podAntiAffinityPreset": ""}}), component)
    raw = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": []}}}
    assert pod_spec(objects({"affinity": raw}), component)["affinity"] == raw
    spread = {
        "maxSkew": 1,
        "topologyKey": "topology.kubernetes.io/zone",
        "whenUnsatisfiable": "DoNotSchedule",
    }
    (constraint,) = pod_spec(objects({key: {"topologySpreadConstraints": [spread]}}), component)[
        "topologySpreadConstraints"
    ]
    assert constraint.items() >= spread.items() and selects(constraint["labelSelector"], labels)


# --- availability and scaling ------------------------------------------------------------------
def test_pod_disruption_budget_covers_the_gateway_pods():
    objs = objects()
    pdb = named(objs, "PodDisruptionBudget", GATEWAY)
    assert pdb["spec"]["maxUnavailable"] == 1 and "minAvailable" not in pdb["spec"]
    assert selects(pdb["spec"]["selector"], pod_labels(objs, GATEWAY))
    pinned = objects({"gateway": {"pdb": {"minAvailable": "50%", "maxUnavailable": None}}})
    assert named(pinned, "PodDisruptionBudget", GATEWAY)["spec"] == named(
        pinned, "PodDisruptionBudget", GATEWAY
    )["spec"] | {"minAvailable": "50%"}
    with pytest.raises(helm.HelmError, match="either minAvailable or maxUnavailable"):
        render(installable({"gateway": {"pdb": {"minAvailable": 1, "maxUnavailable": 1}}}))
    assert by_kind(objects({"gateway": {"pdb": {"create": False}}}), "PodDisruptionBudget") == []


def test_autoscaler_owns_the_replica_count_and_can_use_in_flight_requests():
    values = REDIS | {"gateway": {"autoscaling": {"enabled": True, "minReplicas": 3, "maxReplicas": 9}}}
    objs = objects(values)
    hpa = named(objs, "HorizontalPodAutoscaler", GATEWAY)
    deployment = named(objs, "Deployment", GATEWAY)
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": deployment["metadata"]["name"],
    }
    assert "replicas" not in deployment["spec"], "the HPA, not each helm upgrade, sets replicas"
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 9)
    assert [m["type"] for m in hpa["spec"]["metrics"]] == ["Resource"]
    values["gateway"]["autoscaling"]["inFlightRequests"] = {"enabled": True, "averageValue": "15"}
    (_, pods) = named(objects(values), "HorizontalPodAutoscaler", GATEWAY)["spec"]["metrics"]
    assert pods["pods"]["metric"]["name"] == "script_agent_http_requests_in_flight"
    assert pods["pods"]["target"] == {"type": "AverageValue", "averageValue": "15"}


def test_ingress_routes_to_the_gateway_api_port():
    values = {
        "gateway": {
            "ingress": {
                "enabled": True,
                "className": "nginx",
                "hosts": [{"host": "scripts.example.com", "paths": [{"path": "/api", "pathType": "Prefix"}]}],
                "tls": [{"secretName": "scripts-tls", "hosts": ["scripts.example.com"]}],
            }
        }
    }
    objs = objects(values)
    ingress = named(objs, "Ingress", GATEWAY)
    assert ingress["spec"]["ingressClassName"] == "nginx"
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    service = named(objs, "Service", GATEWAY)
    assert path["backend"]["service"] == {"name": service["metadata"]["name"], "port": {"name": "http"}}
    assert "http" in {p["name"] for p in service["spec"]["ports"]}
    assert by_kind(objects(), "Ingress") == []


# --- network policy ----------------------------------------------------------------------------
def egress_ports(policy: dict[str, Any]) -> dict[int, list[Any]]:
    return {p["port"]: rule.get("to", []) for rule in policy["spec"]["egress"] for p in rule["ports"]}


def test_network_policies_allow_exactly_the_needed_traffic():
    redis_peer = [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "redis"}}}]
    api = [{"ipBlock": {"cidr": "10.0.0.1/32"}}]
    values = {"networkPolicy": {"enabled": True, "redis": {"to": redis_peer}, "apiServer": {"to": api}}}
    objs = objects(values)
    gateway, operator = named(objs, "NetworkPolicy", GATEWAY), named(objs, "NetworkPolicy", OPERATOR)
    for policy, component in ((gateway, GATEWAY), (operator, OPERATOR)):
        assert policy["spec"]["policyTypes"] == ["Ingress", "Egress"]
        assert selects(policy["spec"]["podSelector"], pod_labels(objs, component))
        ports = egress_ports(policy)
        assert ports[6379] == redis_peer and ports[53] == [] and {8000, 11434} <= set(ports)
    ingress = {p["port"]: rule["from"] for rule in gateway["spec"]["ingress"] for p in rule["ports"]}
    assert ingress["http"][0]["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "ingress-nginx"
    }
    assert ingress["metrics"][0]["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "monitoring"
    }
    assert egress_ports(operator)[443] == api and 443 not in egress_ports(gateway), (
        "only the operator calls the API"
    )
    (operator_ingress,) = operator["spec"]["ingress"]
    assert [p["port"] for p in operator_ingress["ports"]] == ["metrics"]
    assert by_kind(objects(), "NetworkPolicy") == []


# --- RBAC for users ----------------------------------------------------------------------------
def test_aggregated_cluster_roles_let_namespace_editors_and_viewers_use_scriptjobs():
    roles = {r["metadata"]["name"]: r for r in by_kind(objects(), "ClusterRole")}
    edit, view = roles["demo-script-agent-edit"], roles["demo-script-agent-view"]
    assert edit["metadata"]["labels"]["rbac.authorization.k8s.io/aggregate-to-edit"] == "true"
    assert edit["metadata"]["labels"]["rbac.authorization.k8s.io/aggregate-to-admin"] == "true"
    assert view["metadata"]["labels"]["rbac.authorization.k8s.io/aggregate-to-view"] == "true"
    edit_verbs = {v for r in edit["rules"] if "scriptjobs" in r["resources"] for v in r["verbs"]}
    assert {"create", "delete", "patch", "get", "list", "watch"} <= edit_verbs
    view_verbs = {v for r in view["rules"] for v in r["verbs"]}
    assert view_verbs == {"get", "list", "watch"}
    assert by_kind(objects({"rbac": {"aggregatedRoles": False}}), "ClusterRole") == []


# --- NOTES.txt ---------------------------------------------------------------------------------
def crd_schema() -> dict[str, Any]:
    crd = yaml.safe_load((REPO_ROOT / "crds" / "scriptjob.yaml").read_text(encoding="utf-8"))
    return crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]


def scriptjob_in_notes(notes: str) -> dict[str, Any]:
    (block,) = re.findall(r"<<'YAML'\n(.*?)\n\s*YAML\n", notes, flags=re.S)
    return yaml.safe_load(block)


@pytest.mark.parametrize("watch", [[], ["shop-a", "shop-b"]])
def test_notes_print_a_valid_scriptjob_for_a_watched_namespace(watch: list[str]):
    notes = render(installable({"operator": {"watchNamespaces": watch}}))["script-agent/templates/NOTES.txt"]
    job = scriptjob_in_notes(notes)
    jsonschema.validate(job, crd_schema())
    namespace = watch[0] if watch else NAMESPACE
    assert f"kubectl -n {namespace} apply -f -" in notes and f"kubectl -n {namespace} get sj -w" in notes


def test_notes_tell_how_to_create_the_credentials_secret_the_pods_read():
    notes = render(installable())["script-agent/templates/NOTES.txt"]
    assert "create secret generic script-agent-credentials" in notes
    assert "--from-literal=AUTH_API_KEYS=" in notes and "X-API-Key" in notes
