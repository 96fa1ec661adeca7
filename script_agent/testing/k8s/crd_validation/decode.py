"""Decoding: a CRD whose fields have the wrong JSON types never reaches validation in the apiserver.

The apiserver decodes the body into its Go types first; `properties: "x"` or `versions: 5` fail
there with 400 BadRequest ("cannot be handled as a CustomResourceDefinition"). The emulator checks
the JSON types (only the types: `required` is validation's business, not decoding's) against the
published OpenAPI schema of CustomResourceDefinition, kubernetes-validate's copy for the apiserver
version the project targets, so the rule checks after it only ever see well-typed objects.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import jsonschema
from kmock import KubernetesError
from kubernetes_validate import utils as kv
from referencing import Registry, Resource

KUBE_VERSION = "1.36"
_PREFIX = 'CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition: '


def undecodable(detail: str) -> KubernetesError:
    return KubernetesError(status=400, reason="BadRequest", message=_PREFIX + detail, details={"code": 400})


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    version = [v for v in kv.all_versions() if kv.major_minor(v) <= KUBE_VERSION][-1]
    folder = f"kubernetes-json-schema/v{version}-local"
    schema = kv.schema_contents(f"{folder}/customresourcedefinition-apiextensions-v1.json", version)
    definitions = kv.schema_contents(f"{folder}/_definitions.json", version)
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def check_decodable(crd: Mapping[str, Any]) -> None:
    """Raise the apiserver's 400 when the body does not decode into a CustomResourceDefinition."""
    body = dict(crd, apiVersion="apiextensions.k8s.io/v1", kind="CustomResourceDefinition")  # the URL's
    for error in _validator().iter_errors(body):
        if error.validator == "type":
            path = ".".join(str(p) for p in error.absolute_path) or "<root>"
            raise undecodable(f"{path}: {error.message}")
