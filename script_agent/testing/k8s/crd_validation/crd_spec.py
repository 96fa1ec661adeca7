"""The CRD object around its schemas: name, group, scope, names, versions (validation.go's spec checks).

These are the mistakes a hand-written CRD makes before its schema is even read: a name that is not
`<plural>.<group>`, a group without a dot, two storage versions, a version without a schema.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .field import FieldError, GoValue, child, forbidden, index, invalid, not_supported, required

_DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_DNS1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
_LABEL_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
    "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
)
SCOPES = ("Cluster", "Namespaced")


def dns1035(value: str) -> list[str]:
    errs = ["must be no more than 63 characters"] if len(value) > 63 else []
    return errs + ([] if _DNS1035_LABEL.match(value) else [_LABEL_MSG])


def dns1123_subdomain(value: str) -> list[str]:
    errs = ["must be no more than 253 characters"] if len(value) > 253 else []
    return errs + ([] if _DNS1123_SUBDOMAIN.match(value) else [_SUBDOMAIN_MSG])


def validate_metadata(crd: Mapping[str, Any]) -> list[FieldError]:
    spec = crd.get("spec") or {}
    name = (crd.get("metadata") or {}).get("name") or ""
    if not name:
        return [required("metadata.name", "name or generateName is required")]
    problems = dns1123_subdomain(name)
    if name != f"{(spec.get('names') or {}).get('plural', '')}.{spec.get('group', '')}":
        problems.append('must be spec.names.plural+"."+spec.group')
    return [invalid("metadata.name", name, p) for p in problems]


def _validate_group(group: str) -> list[FieldError]:
    if not group:
        return [required("spec.group")]
    if errs := dns1123_subdomain(group):
        return [invalid("spec.group", group, ",".join(errs))]
    if len(group.split(".")) < 2:
        return [invalid("spec.group", group, "should be a domain with at least one dot")]
    return []


def _validate_names(names: Mapping[str, Any]) -> list[FieldError]:
    path = "spec.names"
    errors = [
        required(child(path, f)) for f in ("plural", "singular", "kind", "listKind") if not names.get(f)
    ]
    for f in ("plural", "singular"):
        if names.get(f) and (errs := dns1035(names[f])):
            errors.append(invalid(child(path, f), names[f], ",".join(errs)))
    for f in ("kind", "listKind"):
        if names.get(f) and (errs := dns1035(str(names[f]).lower())):
            detail = "may have mixed case, but should otherwise match: " + ",".join(errs)
            errors.append(invalid(child(path, f), names[f], detail))
    for f in ("shortNames", "categories"):
        for i, item in enumerate(names.get(f) or []):
            if errs := dns1035(str(item)):
                errors.append(invalid(index(child(path, f), i), item, ",".join(errs)))
    if names.get("kind") and names.get("kind") == names.get("listKind"):
        errors.append(
            invalid(child(path, "listKind"), names["listKind"], "kind and listKind may not be the same")
        )
    return errors


def _validate_versions(versions: list[Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, version in enumerate(versions):
        name = str((version or {}).get("name") or "")
        if errs := dns1035(name):
            errors.append(invalid(child(index("spec.versions", i), "name"), name, ",".join(errs)))
        schema = ((version or {}).get("schema") or {}).get("openAPIV3Schema")
        if schema is None:
            path = child(index("spec.versions", i), "schema", "openAPIV3Schema")
            errors.append(required(path, "schemas are required"))
        if name in seen:
            errors.append(invalid("spec.versions", "", "must contain unique version names"))
        seen.add(name)
    if sum(bool((v or {}).get("storage")) for v in versions) != 1:
        errors.append(invalid("spec.versions", "", "must have exactly one version marked as storage version"))
    return errors


def validate_spec(crd: Mapping[str, Any]) -> list[FieldError]:
    spec = crd.get("spec") or {}
    errors = _validate_group(str(spec.get("group") or ""))
    scope = spec.get("scope") or ""
    if not scope:
        errors.append(required("spec.scope"))
    elif scope not in SCOPES:
        errors.append(not_supported("spec.scope", scope, SCOPES))
    listed = spec.get("versions")
    versions: list[Any] = listed if isinstance(listed, list) else []
    if not versions:
        errors.append(required("spec.versions", "must have exactly one version marked as storage version"))
    errors += _validate_versions(versions)
    errors += _validate_names(spec.get("names") or {})
    if spec.get("preserveUnknownFields"):
        errors.append(invalid("spec.preserveUnknownFields", True, "must be false"))
    return errors


def validate_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> list[FieldError]:
    """Fields that name the resource's storage and URLs cannot change (`field is immutable`)."""
    errors = []
    new_spec, old_spec = new.get("spec") or {}, old.get("spec") or {}
    pairs = [
        ("spec.scope", new_spec.get("scope"), old_spec.get("scope")),
        (
            "spec.names.kind",
            (new_spec.get("names") or {}).get("kind"),
            (old_spec.get("names") or {}).get("kind"),
        ),
        ("spec.group", new_spec.get("group"), old_spec.get("group")),
        (
            "spec.names.plural",
            (new_spec.get("names") or {}).get("plural"),
            (old_spec.get("names") or {}).get("plural"),
        ),
    ]
    for path, value, was in pairs:
        if value != was:
            errors.append(invalid(path, value, "field is immutable"))
    return errors


# allowedFieldsAtRootSchema, as Go field names (the message prints them) and as JSON keywords.
_ROOT_FIELDS = {
    "Description": "description", "Type": "type", "Format": "format", "Title": "title",
    "Maximum": "maximum", "ExclusiveMaximum": "exclusiveMaximum", "Minimum": "minimum",
    "ExclusiveMinimum": "exclusiveMinimum", "MaxLength": "maxLength", "MinLength": "minLength",
    "Pattern": "pattern", "MaxItems": "maxItems", "MinItems": "minItems", "UniqueItems": "uniqueItems",
    "MultipleOf": "multipleOf", "Required": "required", "Items": "items", "Properties": "properties",
    "ExternalDocs": "externalDocs", "Example": "example",
    "XPreserveUnknownFields": "x-kubernetes-preserve-unknown-fields",
    "XValidations": "x-kubernetes-validations",
}  # fmt: skip


def validate_root(path: str, schema: Mapping[str, Any], status_enabled: bool) -> list[FieldError]:
    """Root-schema rules: with /status on, only keywords that survive extracting properties[status]."""
    errors = []
    if status_enabled and schema.get("type") not in (None, "object"):
        detail = (
            'only "object" is allowed as the type at the root of the schema '
            "if the status subresource is enabled"
        )
        errors.append(invalid(child(path, "type"), schema.get("type"), detail))
    elif status_enabled and set(schema) - set(_ROOT_FIELDS.values()):
        names = "[" + " ".join(_ROOT_FIELDS) + "]"
        detail = (
            f"only {names} fields are allowed at the root of the schema if the status subresource is enabled"
        )
        errors.append(invalid(path, GoValue("apiextensions.JSONSchemaProps{...}"), detail))
    if schema.get("nullable"):
        errors.append(forbidden(child(path, "nullable"), "nullable cannot be true at the root"))
    return errors
