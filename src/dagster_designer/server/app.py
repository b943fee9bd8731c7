"""The FastAPI application: API routers under /api/v1, the security gate, and the UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from .. import __version__
from ..runtime.events import EventBus
from ..runtime.manager import ProjectManager
from ..settings import Settings
from . import errors, static
from .routes import (
    component_types,
    definitions,
    defs,
    events,
    files,
    health,
    layout,
    live,
    projects,
    validate,
)
from .security import SecurityMiddleware


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (`{tag}-{name}`) for generated clients."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings, static_dir: Path | None = None) -> FastAPI:
    bus = EventBus()
    manager = ProjectManager(settings, bus)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await manager.startup()
        try:
            yield
        finally:
            await manager.shutdown()

    app = FastAPI(
        title="Dagster Designer",
        version=__version__,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.manager = manager
    app.state.events = bus

    api = APIRouter(prefix="/api/v1")
    for module in (
        health,
        projects,
        component_types,
        defs,
        definitions,
        files,
        validate,
        layout,
        events,
        live,
    ):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(static.router(static_dir or static.STATIC_DIR))
    errors.install(app)
    app.add_middleware(SecurityMiddleware, settings=settings)
    return app
