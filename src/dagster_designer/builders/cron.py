"""Cron expressions as Dagster takes them: valid or why not, in words, and the next fire times
in a timezone. Dagster accepts five fields (no seconds) and the `@daily` style aliases, and
refuses a day that never comes (the 30th of February)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from cron_descriptor import FormatError, get_description
from cron_descriptor import Options as DescriptionOptions
from croniter import CroniterError, croniter

ALIASES = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
FEBRUARY = 2


class InvalidCron(ValueError):
    """The expression or timezone cannot be used; the message says why."""


@cache
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def timezone(name: str) -> ZoneInfo:
    if name not in _timezones():
        raise InvalidCron(
            f"`{name}` is not a timezone: use an IANA name such as `UTC`, `Europe/Paris` or "
            "`America/New_York`."
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidCron(f"`{name}` is not a timezone.") from exc


def check(expression: str) -> str:
    """The five fields of a valid expression (aliases spelled out); raises `InvalidCron`."""
    text = " ".join(expression.split())
    fields = ALIASES.get(text.lower(), text)
    parts = fields.split(" ")
    if len(parts) != 5:
        raise InvalidCron(
            f"`{expression}` has {len(parts)} field{'s' if len(parts) != 1 else ''}; Dagster "
            "takes five: minute, hour, day of month, month, day of week (e.g. `0 9 * * 1-5`)."
        )
    try:
        expanded, *_ = croniter.expand(fields)
    except (CroniterError, ValueError) as exc:
        raise InvalidCron(f"`{expression}` is not a cron expression: {exc}") from exc
    if expanded[3] == [FEBRUARY] and len(expanded[2]) == 1 and expanded[2][0] in (30, 31):
        raise InvalidCron(f"`{expression}` never fires: February has no day {expanded[2][0]}.")
    return fields


def describe(expression: str) -> str:
    fields = check(expression)
    try:  # the words Dagster's UI shows (cronstrue's, 12-hour)
        return get_description(fields, DescriptionOptions())
    except FormatError as exc:  # valid for Dagster, beyond the describer: say it as it is
        return f"On the cron `{fields}` ({exc})"


def next_times(
    expression: str, zone: str, count: int = 5, after: datetime | None = None
) -> list[datetime]:
    """The next `count` fire times, in `zone`."""
    fields = check(expression)
    tz = timezone(zone)
    start = (after or datetime.now(tz)).astimezone(tz)
    iterator = croniter(fields, start)
    return [iterator.get_next(datetime) for _ in range(count)]
