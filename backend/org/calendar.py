"""The organisation's calendar: its time zone, and month boundaries as UTC instants (SQLite compares
stored instants as text, so a bound in another offset would cut at the wrong moment)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.core import clock


async def zone(actor: Actor) -> ZoneInfo:
    return ZoneInfo((await Organization.get(id=actor.tenant_id)).time_zone)


def _month_start(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


async def month_start(actor: Actor, at: datetime | None = None) -> datetime:
    """The start of the organisation's month holding `at` (default now), in UTC."""
    return _month_start(at or clock.now(), await zone(actor)).astimezone(UTC)


async def previous_month(actor: Actor) -> tuple[datetime, datetime]:
    """[start of last month, start of this month) in the organisation's time zone, in UTC."""
    tz = await zone(actor)
    this_month = _month_start(clock.now(), tz)
    last_month = _month_start(this_month - timedelta(days=1), tz)
    return last_month.astimezone(UTC), this_month.astimezone(UTC)


async def current_period(actor: Actor) -> str:
    """This month in the organisation's time zone, e.g. "2026-11"."""
    return clock.now().astimezone(await zone(actor)).strftime("%Y-%m")
