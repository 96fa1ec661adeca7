"""Writes charts/script-agent/values.schema.json: the values' JSON Schema, written as Python because
a 700-line hand-kept JSON drifts; run `python charts/tools/values_schema.py` after changing it.

Every leaf carries a description: charts/tools/chart_readme.py builds the chart README's values
table from them, and tests/k8s/test_chart_docs.py fails when a value lacks one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "script-agent" / "values.schema.json"
DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
SECRET_HINT = (
    "a secret: set it in secrets.<KEY> or in the Secret named by secrets.existingSecret, not in config"
)
REQUIRE_API = "Render only when the cluster serves monitoring.coreos.com/v1; false: render regardless."
REDIS_HINT = "a REDIS_URL with a password: put it in secrets.REDIS_URL or redis.existingSecret, not in config"


def obj(desc: str, props: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "description": desc, **kw}
    if props is not None:
        schema |= {"properties": props, "additionalProperties": kw.get("additionalProperties", False)}
    return schema


def s(desc: str, **kw: Any) -> dict[str, Any]:
    return {"type": "string", "description": desc, **kw}


def b(desc: str) -> dict[str, Any]:
    return {"type": "boolean", "description": desc}


def i(desc: str, minimum: int = 0, maximum: int | None = None, nullable: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["integer", "null"] if nullable else "integer", "description": desc}
    schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def port(desc: str, zero: bool = False) -> dict[str, Any]:
    return i(desc, 0 if zero else 1, 65535)


def arr(desc: str, items: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    return {"type": "array", "description": desc, "items": items or {"type": "object"}, **kw}


def strmap(desc: str) -> dict[str, Any]:
    return {"type": "object", "description": desc, "additionalProperties": {"type": "string"}}


def component_extras(name: str) -> dict[str, Any]:
    """Pod-level knobs both Deployments share."""
    return {
        "podAnnotations": strmap(f"Extra annotations of the {name} pods."),
        "podLabels": strmap(f"Extra labels of the {name} pods (never used in selectors)."),
        "priorityClassName": s(f"PriorityClass of the {name} pods; empty: the cluster default."),
        "podAntiAffinityPreset": s(
            f"Spread {name} replicas over nodes: soft (preferred), hard (required) or empty; "
            "ignored when `affinity` is set.",
            enum=["", "soft", "hard"],
        ),
        "topologySpreadConstraints": arr(
            f"topologySpreadConstraints of the {name} pods; a missing labelSelector becomes the {name}'s."
        ),
        "resources": obj(f"Container resources (requests/limits) of the {name}."),
        "extraEnv": arr(f"Extra environment variables (EnvVar objects) of the {name} container."),
        "extraEnvFrom": arr(f"Extra envFrom sources (ConfigMap/Secret refs) of the {name} container."),
        "extraVolumes": arr(f"Extra volumes of the {name} pods (e.g. a Secret with the API key table)."),
        "extraVolumeMounts": arr(f"Extra volumeMounts of the {name} container."),
    }


def config_schema() -> dict[str, Any]:
    refused = {
        key: {"description": SECRET_HINT, "enum": [SECRET_HINT]}
        for key in (
            "AUTH_JWT_SECRET",
            "AUTH_API_KEYS",
            "LLM_PRIMARY_API_KEY",
            "LLM_FALLBACK_API_KEY",
        )
    }
    password = "^[a-z]+://[^/@]*:[^/@]*@"  # scheme://user:password@ or scheme://:password@
    refused["REDIS_URL"] = {
        "description": "Redis URL without a password (one with a password belongs in a Secret).",
        "anyOf": [{"type": "string", "not": {"pattern": password}}, {"enum": [REDIS_HINT]}],
    }
    # A typo here would make the pods fall back to nothing useful: refuse it at `helm install`.
    refused["REDIS_MODE"] = {
        "description": "Redis topology: standalone, cluster (REDIS_URL lists seed nodes) or sentinel.",
        "enum": ["standalone", "cluster", "sentinel"],
    }
    return obj(
        "Non-secret settings as environment variables (ConfigMap); empty values are left out. "
        "Names as in the project's settings tree.",
        refused,
        additionalProperties={"type": ["string", "number", "boolean"]},
        propertyNames={"pattern": "^[A-Z][A-Z0-9_]*$"},
    )


def secrets_schema() -> dict[str, Any]:
    return obj(
        "Secret settings: the chart creates a Secret from the non-empty ones, unless existingSecret is set.",
        {
            "existingSecret": s(
                "Use this Secret (same keys) instead of creating one; counts as the credential source."
            ),
            "AUTH_API_KEYS": s('JSON {"<sha256 hex of key>": {"tenant": "t1", "role": "writer"}}.'),
            "AUTH_JWT_SECRET": s("HMAC key for HS* JWTs."),
            "AUTH_JWT_PUBLIC_KEY": s("PEM public key for RS*/ES*/EdDSA JWTs."),
            "REDIS_URL": s(
                "redis:// or rediss:// URL (may carry a password); empty: per-pod in-memory state."
            ),
            "LLM_PRIMARY_API_KEY": s("Bearer token for the primary LLM upstream."),
            "LLM_FALLBACK_API_KEY": s("Bearer token for the fallback LLM upstream."),
        },
    )


def gateway_schema() -> dict[str, Any]:
    return obj(
        "The HTTP gateway (FastAPI on uvicorn).",
        {
            "enabled": b("Deploy the gateway."),
            "replicaCount": i("Gateway replicas (ignored with autoscaling); more than 1 requires Redis."),
            "port": port("Container port of `script-agent serve` (API, probes)."),
            "metricsPort": port(
                "Container port of /metrics (GATEWAY_METRICS_PORT); 0 serves it on `port`.", zero=True
            ),
            "serviceAccount": obj(
                "The gateway's ServiceAccount.",
                {
                    "create": b("Create the gateway's ServiceAccount (no API token is mounted)."),
                    "name": s("Name of the gateway's ServiceAccount; default <fullname>-gateway."),
                },
            ),
            "service": obj(
                "The gateway Service.",
                {
                    "type": s("Service type.", enum=["ClusterIP", "NodePort", "LoadBalancer"]),
                    "port": port("Service port of the API."),
                    "annotations": strmap("Service annotations."),
                },
            ),
            "ingress": obj(
                "Ingress to the gateway's API port.",
                {
                    "enabled": b("Create an Ingress."),
                    "className": s("ingressClassName; empty: the cluster's default class."),
                    "annotations": strmap("Ingress annotations (e.g. for the controller or cert-manager)."),
                    "hosts": arr(
                        "Hosts and their paths.",
                        obj(
                            "One host.",
                            {
                                "host": s("Host name."),
                                "paths": arr(
                                    "Paths of the host.",
                                    obj(
                                        "One path.",
                                        {
                                            "path": s("URL path."),
                                            "pathType": s(
                                                "Path matching.",
                                                enum=["Prefix", "Exact", "ImplementationSpecific"],
                                            ),
                                        },
                                        required=["path", "pathType"],
                                    ),
                                ),
                            },
                            required=["host", "paths"],
                        ),
                    ),
                    "tls": arr("Ingress TLS entries (secretName, hosts)."),
                },
            ),
            **component_extras("gateway"),
            "pdb": obj(
                "PodDisruptionBudget of the gateway.",
                {
                    "create": b("Create the PodDisruptionBudget."),
                    "minAvailable": {
                        "type": ["integer", "string", "null"],
                        "description": "Pods that must stay up (number or %); null: use maxUnavailable.",
                    },
                    "maxUnavailable": {
                        "type": ["integer", "string", "null"],
                        "description": "Pods that may be down at once (number or percentage).",
                    },
                },
            ),
            "autoscaling": obj(
                "HorizontalPodAutoscaler of the gateway (requires Redis).",
                {
                    "enabled": b("Create the HPA (replicaCount is then ignored)."),
                    "minReplicas": i("Lowest replica count.", 1),
                    "maxReplicas": i("Highest replica count.", 1),
                    "targetCPUUtilizationPercentage": i(
                        "Average CPU utilisation to keep (percent of requests).", 1, 100
                    ),
                    "inFlightRequests": obj(
                        "Scale on in-flight requests per pod (needs a custom-metrics adapter).",
                        {
                            "enabled": b("Add the script_agent_http_requests_in_flight Pods metric."),
                            "averageValue": s("Target in-flight requests per pod (a Kubernetes quantity)."),
                        },
                    ),
                },
            ),
        },
    )


def operator_schema() -> dict[str, Any]:
    return obj(
        "The kopf operator reconciling ScriptJobs.",
        {
            "enabled": b("Deploy the operator."),
            "allNamespaces": b("Watch every namespace (ClusterRole) instead of watchNamespaces."),
            "watchNamespaces": arr(
                "Namespaces to watch; empty: the release namespace.",
                {"type": "string", "pattern": DNS_LABEL, "maxLength": 63},
                uniqueItems=True,
            ),
            "peering": obj(
                "kopf peering (several replicas, one active).",
                {
                    "enabled": b("Use kopf peering; needs kopf's peering CRDs."),
                    "name": s("Peering object name.", pattern=DNS_LABEL),
                    "priority": i(
                        "Priority of every replica; null: each draws a random one (active/standby).",
                        nullable=True,
                    ),
                },
            ),
            "replicaCount": i("Operator replicas; more than 1 needs peering."),
            "livenessPort": port("Port of kopf's liveness endpoint (/healthz), also the readiness probe."),
            "metricsPort": port("Port of the operator's /metrics."),
            **component_extras("operator"),
        },
    )


def monitoring_schema() -> dict[str, Any]:
    return obj(
        "Prometheus integration.",
        {
            "enabled": b("Expose the metrics ports and Services."),
            "serviceMonitor": obj(
                "Prometheus Operator ServiceMonitor for both components.",
                {
                    "enabled": b("Create the ServiceMonitor."),
                    "requireApi": b(REQUIRE_API),
                    "interval": s("Scrape interval.", pattern="^[0-9]+(ms|s|m|h)$"),
                    "scrapeTimeout": s("Scrape timeout.", pattern="^[0-9]+(ms|s|m|h)$"),
                    "labels": strmap("Extra labels (e.g. the release label your Prometheus selects)."),
                    "honorLabels": b("Keep the targets' labels on conflicts."),
                    "relabelings": arr("RelabelConfigs applied to the targets before scraping."),
                    "metricRelabelings": arr("RelabelConfigs applied to the scraped samples."),
                },
            ),
            "prometheusRule": obj(
                "Prometheus Operator PrometheusRule with the chart's alerts.",
                {
                    "enabled": b("Create the PrometheusRule (off by default)."),
                    "requireApi": b(REQUIRE_API),
                    "labels": strmap(
                        "Extra labels of the PrometheusRule (e.g. the one your Prometheus selects rules by)."
                    ),
                    "alertLabels": strmap(
                        "Labels added to every alert (e.g. team); the alerts' own severity wins."
                    ),
                },
            ),
        },
    )


def network_schema() -> dict[str, Any]:
    peers = "NetworkPolicyPeers; empty: any destination on the port(s)."
    ports = arr("TCP ports.", {"type": "integer", "minimum": 1, "maximum": 65535})
    return obj(
        "NetworkPolicies: default deny for both components, then only the traffic they need.",
        {
            "enabled": b("Create the NetworkPolicies."),
            "gatewayFrom": arr("Peers allowed to the gateway's API port (the ingress controller)."),
            "metricsFrom": arr("Peers allowed to scrape /metrics (Prometheus)."),
            "redis": obj("Egress to Redis.", {"to": arr(f"Redis {peers}"), "port": port("Redis port.")}),
            "modelServers": obj(
                "Egress to the LLM model servers.", {"to": arr(f"Model server {peers}"), "ports": ports}
            ),
            "apiServer": obj(
                "The operator's egress to the Kubernetes API.",
                {"to": arr(f"API server {peers}"), "ports": ports},
            ),
        },
    )


def schema() -> dict[str, Any]:
    props = {
        "global": obj("Helm global values (unused; accepted for parent charts)."),
        "image": obj(
            "The one image of gateway and operator.",
            {
                "repository": s("Image repository.", minLength=1),
                "tag": s("Image tag; empty: the chart's appVersion."),
                "digest": s(
                    "Image digest (sha256:...); wins over the tag.", pattern="^(sha256:[a-f0-9]{64})?$"
                ),
                "pullPolicy": s("Image pull policy.", enum=["Always", "IfNotPresent", "Never"]),
            },
            required=["repository"],
        ),
        "imagePullSecrets": arr(
            "Pull secrets (LocalObjectReference).",
            obj("A pull secret.", {"name": s("Secret name.")}, required=["name"]),
        ),
        "nameOverride": s("Overrides the chart name in resource names."),
        "fullnameOverride": s("Overrides the full resource name prefix."),
        "serviceAccount": obj(
            "The operator's ServiceAccount (bound to the RBAC rules).",
            {
                "create": b("Create the operator's ServiceAccount."),
                "name": s("Name of the operator's ServiceAccount; default <fullname>-operator."),
                "annotations": strmap("ServiceAccount annotations."),
            },
        ),
        "rbac": obj(
            "RBAC.",
            {
                "create": b(
                    "Create the operator's Role/RoleBinding (ClusterRole with operator.allNamespaces)."
                ),
                "aggregatedRoles": b(
                    "Create <fullname>-edit / <fullname>-view ClusterRoles aggregated into admin/edit/view."
                ),
            },
        ),
        "podSecurityContext": obj("Pod securityContext of both components."),
        "securityContext": obj("Container securityContext of both components."),
        "nodeSelector": strmap("Node selector of both components."),
        "tolerations": arr("Tolerations of both components."),
        "affinity": obj("Raw affinity of both components; replaces the podAntiAffinityPresets."),
        "config": config_schema(),
        "secrets": secrets_schema(),
        "redis": obj(
            "Redis from a Secret of your own (e.g. a Redis chart's).",
            {
                "existingSecret": s("Secret holding the Redis URL; empty: secrets.REDIS_URL (or none)."),
                "existingSecretKey": s("Key of the Redis URL in redis.existingSecret.", minLength=1),
            },
        ),
        "gateway": gateway_schema(),
        "operator": operator_schema(),
        "metrics": monitoring_schema(),
        "dashboards": obj(
            "Grafana dashboard ConfigMap for the Grafana sidecar.",
            {
                "enabled": b("Ship the dashboard ConfigMap."),
                "namespace": s("Namespace the Grafana sidecar watches; empty: the release namespace."),
                "labels": strmap("Labels the sidecar selects on."),
                "annotations": strmap("ConfigMap annotations (e.g. the sidecar's target folder)."),
            },
        ),
        "networkPolicy": network_schema(),
    }
    return {
        "$schema": "https://json-schema.org/draft-07/schema#",
        "title": "script-agent chart values",
        **obj("script-agent chart values.", props),
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
