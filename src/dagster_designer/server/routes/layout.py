from __future__ import annotations

from fastapi import APIRouter

from ...project_files.layout import read_positions, update_positions
from ..deps import SessionDep
from ..models import Layout, LayoutUpdate

router = APIRouter(prefix="/projects/{project_id}/layout", tags=["layout"])


@router.get("", response_model=Layout)
def get_layout(session: SessionDep) -> dict:
    return {"positions": read_positions(session.config.root)}


@router.put("", response_model=Layout)
async def put_layout(body: LayoutUpdate, session: SessionDep) -> dict:
    changes = {
        node: (p.model_dump() if p is not None else None) for node, p in body.positions.items()
    }
    async with session.write_lock:
        positions = update_positions(session.config.root, changes)
    return {"positions": positions}
