"""The event bus: a subscriber that falls behind keeps the newest events."""

from __future__ import annotations

import asyncio

from dagster_designer.services.events import EventBus
from tests.support import run_async


def test_a_stalled_subscriber_loses_the_oldest_events_not_the_newest() -> None:
    async def scenario() -> list[int]:
        bus = EventBus(queue_size=3)
        async with bus.subscribe() as queue:
            for n in range(10):
                bus.publish({"n": n})
            return [(await asyncio.wait_for(queue.get(), 5))["n"] for _ in range(queue.qsize())]

    assert run_async(scenario()) == [7, 8, 9]
