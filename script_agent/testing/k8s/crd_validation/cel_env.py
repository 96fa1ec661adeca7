"""The names a CRD validation rule may use: Kubernetes' CEL environment (standard library plus the
Kubernetes extension libraries), as documented for x-kubernetes-validations.

cel-rust (the `cel` package) parses CEL but declares no Kubernetes library, so compiling a rule there
cannot tell `self.name.lowerAscii()` (fine) from `self.name.lowercase()` (rejected by the
apiserver as an undeclared reference). These tables are that declaration.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


VARIABLES = frozenset({"self", "oldSelf"})
# Namespaces whose functions are called as `ns.fn(...)`; cel-rust reports the namespace as a variable.
NAMESPACES = frozenset({"sets", "math", "cel", "base64", "strings", "optional", "lists"})
TYPES = frozenset({"int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type"})

STANDARD = _words(
    "size has all exists exists_one map filter matches startsWith endsWith contains int uint double "
    "string bytes bool duration timestamp type dyn getDate getDayOfMonth getDayOfWeek getDayOfYear "
    "getFullYear getHours getMilliseconds getMinutes getMonth getSeconds"
)
KUBERNETES = _words(
    # strings extension
    "charAt indexOf lastIndexOf lowerAscii upperAscii replace split substring trim join format quote "
    "reverse "
    # lists extension and Kubernetes list library
    "isSorted sum min max slice flatten sort sortBy distinct range first last "
    # regex, URLs, IPs/CIDRs, quantities, semver
    "find findAll url isURL getScheme getHost getHostname getPort getEscapedPath getQuery "
    "ip isIP cidr isCIDR family isUnspecified isLoopback isLinkLocalMulticast isLinkLocalUnicast "
    "isGlobalUnicast containsIP containsCIDR masked prefixLength "
    "quantity isQuantity sign isGreaterThan isLessThan compareTo asApproximateFloat asInteger isInteger "
    "add sub semver isSemver major minor patch "
    # sets / math / base64 / cel.bind / optionals / two-variable comprehensions
    "equivalent intersects greatest least ceil floor round trunc abs isInf isNaN isFinite bitAnd bitOr "
    "bitXor bitNot bitShiftLeft bitShiftRight encode decode bind of none ofNonZeroValue hasValue value "
    "orValue or transformList transformMap transformMapEntry"
)
FUNCTIONS = STANDARD | KUBERNETES | TYPES

# Macros that bind iteration variables: `<target>.all(x, ...)`, two-variable forms, `cel.bind(v, ...)`.
_MACRO_VARS = re.compile(
    r"\.(?:all|exists|exists_one|map|filter|transformList|transformMap|transformMapEntry)"
    r"\(\s*([A-Za-z_]\w*)\s*,(?:\s*([A-Za-z_]\w*)\s*,)?"
)
_BIND_VAR = re.compile(r"\bcel\.bind\(\s*([A-Za-z_]\w*)\s*,")


def is_operator(name: str) -> bool:
    """cel-rust names operators like `_&&_`, `@in`, `!_`, `-_`."""
    return not name[:1].isalpha()


def bound_variables(rule: str) -> set[str]:
    names: set[str] = set()
    for match in _MACRO_VARS.finditer(rule):
        names.update(n for n in match.groups() if n)
    names.update(_BIND_VAR.findall(rule))
    return names
