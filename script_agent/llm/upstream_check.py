"""Is a configured upstream usable? One verdict from its models probe, shared by startup and health.

A wrong base URL, a server that is not up, or a model name the server does not serve all end the
same way at call time: every request falls through to the template writer and comes back DEGRADED
with HTTP 200. That is the right behaviour for a sick upstream and the wrong one for a misconfigured
one, so the probe's verdict is logged once at startup with the exact URL tried, reported by health,
and printed by the CLI as one warning line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from script_agent.llm.backends.base import Probe
from script_agent.llm.layers import Upstream

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UpstreamCheck:
    role: str  # "primary" | "fallback"
    backend: str  # "openai" | "ollama"
    url: str  # the exact URL probed
    usable: bool  # False: no request can succeed there (down, wrong URL, base model not served)
    status: int | None = None
    cause: str | None = None  # one line a human can act on; set whenever something is wrong
    models_missing: list[str] = field(default_factory=list)

    def warning(self) -> str:
        """The CLI's one stderr line for an unusable upstream."""
        return (
            f"script-agent: warning: LLM {self.role} upstream ({self.backend}) is unusable: {self.cause}; "
            "calls fall through to the next layer (a template-written script is marked DEGRADED)"
        )


def assess(upstream: Upstream, probe: Probe) -> UpstreamCheck:
    backend = upstream.backend.kind
    if not probe.ok:
        return UpstreamCheck(
            upstream.role, backend, probe.url, False, probe.status, f"GET {probe.url} -> {probe.message}"
        )
    missing = _missing(upstream, probe.models)
    if upstream.base_model in missing:
        served = ", ".join(sorted(probe.models)[:8]) or "none"
        cause = f"model {upstream.base_model!r} is not served at {probe.url} (served: {served})"
        return UpstreamCheck(upstream.role, backend, probe.url, False, probe.status, cause, missing)
    note = f"category models not served: {', '.join(missing)}" if missing else None
    return UpstreamCheck(upstream.role, backend, probe.url, True, probe.status, note, missing)


def log_check(check: UpstreamCheck) -> None:
    """Startup log: INFO when usable (with the URL, so a reader sees what was reached), else WARNING."""
    if not check.usable:
        log.warning("LLM %s upstream unusable: %s", check.role, check.cause)
    elif check.cause:
        log.warning("LLM %s upstream at %s: %s", check.role, check.url, check.cause)
    else:
        log.info("LLM %s upstream ok: GET %s -> %s", check.role, check.url, check.status)


def _missing(upstream: Upstream, served: list[str]) -> list[str]:
    """Wanted models the server does not list; an empty listing proves nothing (some proxies)."""
    if not served:
        return []
    names = set(served) | {name.removesuffix(":latest") for name in served}  # Ollama's implicit tag
    wanted = {upstream.base_model, *upstream.category_models.values()}
    return sorted(wanted - names)
