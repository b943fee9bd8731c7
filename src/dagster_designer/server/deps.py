"""Dependencies every route declares in its signature."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..services.manager import ProjectManager
from ..services.session import ProjectSession
from ..settings import Settings


def get_manager(request: Request) -> ProjectManager:
    return request.app.state.manager


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


ManagerDep = Annotated[ProjectManager, Depends(get_manager)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_session(project_id: str, manager: ManagerDep) -> ProjectSession:
    """The project's session, its worker started again if it was stopped for being idle."""
    session = manager.session(project_id)
    await session.wake()
    return session


SessionDep = Annotated[ProjectSession, Depends(get_session)]
