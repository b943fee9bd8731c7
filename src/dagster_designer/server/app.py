"""The FastAPI application: API routers under /api/v1, the security gate, and the UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from .. import __version__
from ..processes.terminals import TerminalManager
from ..services.events import EventBus
from ..services.manager import ProjectManager
from ..settings import Settings
from . import errors, openapi, static
from .compression import CompressedAnswers
from .dagster_proxy import Credentials, DagsterProxy
from .limits import RequestLimits
from .models import ErrorDetail
from .routes import (
    archive,
    builders,
    code,
    component_types,
    dagster_ui,
    definitions,
    definitions_diff,
    defs,
    deploy,
    events,
    field_fills,
    files,
    folders,
    git,
    health,
    integrations,
    layout,
    lineage,
    live,
    projects,
    review,
    review_tests,
    run_target,
    runs,
    schedules,
    starters,
    terminals,
    validate,
    workspaces,
)
from .security import SecurityMiddleware, cookie_name


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (`{tag}-{name}`) for generated clients."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings, static_dir: Path | None = None) -> FastAPI:
    bus = EventBus()
    manager = ProjectManager(settings, bus)
    terminal_manager = TerminalManager(
        settings.state_dir,
        idle_timeout=settings.terminal_idle_minutes * 60,
        max_per_project=settings.max_terminals_per_project,
        max_total=settings.max_terminals,
        extra_path=[settings.linked_bin],
    )
    manager.removal_hooks.append(terminal_manager.end_project)
    proxy = DagsterProxy(Credentials(settings.token, cookie_name(settings.port)))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await manager.startup()
        try:
            yield
        finally:
            try:  # terminals end even when a project fails to close, and the other way round
                await terminal_manager.shutdown()
            finally:
                await manager.shutdown()
                await proxy.close()

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
    app.state.terminals = terminal_manager
    app.state.dagster_proxy = proxy

    # every refusal is `{"detail": "..."}` (errors.py)
    api = APIRouter(prefix="/api/v1", responses={"4XX": {"model": ErrorDetail}})
    for module in (
        health,
        archive,
        projects,
        component_types,
        field_fills,
        defs,
        definitions,
        definitions_diff,
        files,
        validate,
        layout,
        events,
        live,
        lineage,
        terminals,
        code,
        git,
        runs,
        run_target,
        schedules,
        dagster_ui,
        builders,
        starters,
        folders,
        workspaces,
        integrations,
        deploy,
        review,
        review_tests,
    ):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(static.router(static_dir or static.STATIC_DIR))
    errors.install(app)
    openapi.install(app)
    # the last added runs first: the gate answers before a body is read
    app.add_middleware(CompressedAnswers)
    app.add_middleware(RequestLimits)
    app.add_middleware(SecurityMiddleware, settings=settings)
    return app
