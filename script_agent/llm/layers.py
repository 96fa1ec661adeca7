"""The layer plan: which (backend, model) pairs serve a request, in fallback order.

primary (the category's model, e.g. a LoRA adapter) → primary-general (the base model on the same
server) → fallback (another backend, e.g. Ollama) → template (local, deterministic, degraded). A layer
that would repeat the previous (backend, model) pair is skipped, so a request without a category model
starts at primary-general. Every remote layer carries the process-wide breaker of its (backend, model).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from script_agent.llm.backends.base import Backend
from script_agent.llm.breaker import BreakerRegistry, CircuitBreaker
from script_agent.ports.llm import LLMPort, LLMRequest

PRIMARY = "primary"
PRIMARY_GENERAL = "primary-general"
FALLBACK = "fallback"
TEMPLATE = "template"


@dataclass(frozen=True)
class Upstream:
    """A configured remote backend: its base model and, optionally, one model per category."""

    role: str  # "primary" | "fallback": names the backend in health and in breaker identity
    backend: Backend
    base_model: str
    category_models: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Layer:
    role: str
    kind: str  # backend kind, a bounded metric label
    model: str | None = None
    backend: Backend | None = None
    breaker: CircuitBreaker | None = None
    local: LLMPort | None = None  # the last resort: called in-process, no breaker, no retries
    upstream: str | None = None  # role of the Upstream this layer belongs to


class LayerPlan:
    def __init__(
        self,
        primary: Upstream | None,
        fallback: Upstream | None,
        last_resort: LLMPort | None,
        breakers: BreakerRegistry,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.last_resort = last_resort
        self.breakers = breakers
        self._cache: dict[tuple[str, str], Layer] = {}
        self._template = Layer(TEMPLATE, TEMPLATE, local=last_resort) if last_resort is not None else None

    @property
    def upstreams(self) -> list[Upstream]:
        return [u for u in (self.primary, self.fallback) if u is not None]

    def layers_for(self, request: LLMRequest) -> list[Layer]:
        layers: list[Layer] = []
        if self.primary is not None:
            model = request.model or self.primary.category_models.get(request.category or "")
            if model and model != self.primary.base_model:
                layers.append(self._remote(PRIMARY, self.primary, model))
            layers.append(self._remote(PRIMARY_GENERAL, self.primary, self.primary.base_model))
        if self.fallback is not None:
            layers.append(self._remote(FALLBACK, self.fallback, self.fallback.base_model))
        if self._template is not None:
            layers.append(self._template)
        if request.skip_layers:
            layers = [layer for layer in layers if layer.role not in request.skip_layers]
        return layers

    def _remote(self, role: str, upstream: Upstream, model: str) -> Layer:
        layer = self._cache.get((role, model))
        if layer is None:
            backend = upstream.backend
            breaker = self.breakers.get(
                f"{backend.kind}:{backend.base_url}", model, labels=(backend.kind, role)
            )
            layer = Layer(role, backend.kind, model, backend, breaker, upstream=upstream.role)
            if len(self._cache) < 256:  # request.model overrides are caller-chosen: keep the cache bounded
                self._cache[(role, model)] = layer
        return layer
