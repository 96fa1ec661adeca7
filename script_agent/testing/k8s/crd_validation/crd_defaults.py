"""The defaults the apiserver fills into a CRD before validating it (SetDefaults_CustomResourceDefinition).

`names.singular` (the lower-cased kind), `names.listKind` (`<Kind>List`) and the conversion strategy
may be omitted; kopf's own KopfPeering CRD omits listKind, and a real apiserver accepts it.
"""

from __future__ import annotations

from typing import Any


def apply_crd_defaults(crd: dict[str, Any]) -> None:
    """Fill the defaults in place, copying the dicts it changes (they may be shared with the old object)."""
    spec = crd.get("spec")
    if not isinstance(spec, dict):
        return
    spec = crd["spec"] = dict(spec)
    names = spec.get("names")
    if isinstance(names, dict) and isinstance(names.get("kind"), str) and names["kind"]:
        names = spec["names"] = dict(names)
        names.setdefault("singular", names["kind"].lower())
        names.setdefault("listKind", names["kind"] + "List")
    spec.setdefault("conversion", {"strategy": "None"})
