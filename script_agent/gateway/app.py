"""`create_app`: the FastAPI application, its lifespan, error handlers, middleware and routes.

The lifespan builds the container (stores, LLM client, memory, orchestrator) from settings and
closes it on shutdown. A container passed in (tests, benchmarks) is used as is and left open:
whoever built it owns it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from script_agent.bootstrap import Container, build_container
from script_agent.config import Settings
from script_agent.gateway.auth import Authenticator
from script_agent.gateway.cors import install_cors
from script_agent.gateway.errors import install_error_handlers
from script_agent.gateway.middleware import GatewayMiddleware
from script_agent.gateway.openapi import install_openapi
from script_agent.gateway.routes import catalogue, checkpoints, generate, health, metrics, sessions, studio
from script_agent.gateway.routes import check as compliance_check

API_VERSION = "0.1.0"
log = logging.getLogger(__name__)


async def warm_up(container: Container) -> None:
    """Load what would otherwise load on the first request (the memory embedder's dictionary takes
    ~0.8 s), so no client pays for it; a failure here only costs that first request the time."""
    try:
        await container.warmup()
    except Exception:
        log.warning("warm-up failed; the first request will load what is missing", exc_info=True)


async def flush_memory(container: Container) -> None:
    """Store the write-backs still queued (memory/write_behind.py) before the server stops."""
    flush = getattr(container.memory, "flush", None)
    if flush is not None and not await flush(container.settings.memory.write_drain_timeout_s):
        log.error("long-term memory write-backs still queued at shutdown after the drain timeout")


def create_app(settings: Settings | None = None, container: Container | None = None) -> FastAPI:
    settings = settings or (container.settings if container is not None else Settings())
    authenticator = Authenticator(settings.auth)  # refuses to start without a credential source

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if container is not None:
            app.state.container = container
            await warm_up(container)
            yield
            await flush_memory(container)  # left open for its owner, but nothing queued is lost
            return
        built = build_container(settings)
        app.state.container = built
        try:
            await warm_up(built)
            yield
        finally:
            await built.aclose()

    docs = settings.gateway.docs_enabled
    app = FastAPI(
        title="script-agent gateway",
        version=API_VERSION,
        description="Live-commerce script generation: sync and SSE generation, sessions, checkpoints.",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.settings = settings
    app.state.authenticator = authenticator
    install_error_handlers(app)
    for module in (generate, sessions, checkpoints, health, metrics):
        app.include_router(module.router)
    app.include_router(catalogue.router)
    app.include_router(compliance_check.router)
    if settings.gateway.studio_enabled:
        studio.install(app)
    metrics.prime_routes(app)
    install_openapi(app)
    app.add_middleware(GatewayMiddleware, max_body_bytes=settings.gateway.max_body_bytes)
    install_cors(app, settings.gateway)  # outermost
    return app
