"""Schedules and sensors in the project's Dagster instance: their state, on and off, one tick
evaluated on demand."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path

from ..deps import SessionDep
from ..models import ScheduleState, SensorState, TickResult, TurnOnOff

router = APIRouter(prefix="/projects/{project_id}", tags=["schedules"])
Name = Path(max_length=500)


@router.get("/schedules", response_model=list[ScheduleState])
async def list_schedules(session: SessionDep) -> list[dict[str, Any]]:
    """The schedules with their state in the instance and their next ticks."""
    return await session.schedules.listing("schedule")


@router.get("/sensors", response_model=list[SensorState])
async def list_sensors(session: SessionDep) -> list[dict[str, Any]]:
    """The sensors with their state in the instance."""
    return await session.schedules.listing("sensor")


@router.post("/schedules/{name}/state", response_model=ScheduleState)
async def set_schedule_state(
    session: SessionDep, body: TurnOnOff, name: str = Name
) -> dict[str, Any]:
    """Turn a schedule on or off in the instance (`dg dev`'s daemon runs it when on)."""
    return await session.schedules.set_running("schedule", name, body.running)


@router.post("/sensors/{name}/state", response_model=SensorState)
async def set_sensor_state(
    session: SessionDep, body: TurnOnOff, name: str = Name
) -> dict[str, Any]:
    """Turn a sensor on or off in the instance."""
    return await session.schedules.set_running("sensor", name, body.running)


@router.post("/schedules/{name}/tick", response_model=TickResult)
async def tick_schedule(session: SessionDep, name: str = Name) -> dict[str, Any]:
    """Evaluate the schedule's next tick now: the runs it would request, launching nothing. A
    schedule that raises is a 400 with the error, its file and line."""
    return await session.schedules.tick("schedule", name)


@router.post("/sensors/{name}/tick", response_model=TickResult)
async def tick_sensor(session: SessionDep, name: str = Name) -> dict[str, Any]:
    """Evaluate one tick of the sensor now, from its stored cursor, which is left as it was:
    the runs it would request or why it skips, launching nothing."""
    return await session.schedules.tick("sensor", name)
