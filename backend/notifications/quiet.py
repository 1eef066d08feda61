"""Quiet hours, pure: is a local time inside a person's window, and when does the window end.
No I/O and no clock reads; callers pass the moment and the organisation's time zone."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def in_quiet_hours(local_time: time, start: time | None, end: time | None) -> bool:
    """[start, end) in local wall-clock time; a window whose start is after its end crosses
    midnight (22:00-07:30). No window, or start == end, means never quiet."""
    if start is None or end is None or start == end:
        return False
    at, start, end = _naive(local_time), _naive(start), _naive(end)
    if start < end:
        return start <= at < end
    return at >= start or at < end


def quiet_until(now_utc: datetime, zone: str, start: time | None, end: time | None) -> datetime | None:
    """When the window that `now_utc` falls in ends (aware UTC), or None when it is not quiet now."""
    local = now_utc.astimezone(ZoneInfo(zone))
    if end is None or not in_quiet_hours(local.time(), start, end):
        return None
    end = _naive(end)
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    ends = datetime.combine(day, end, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    # A daylight-saving jump can put the local end before now: then it is over already.
    return max(ends, now_utc.astimezone(UTC))


def _naive(value: time) -> time:
    # Stored times come back labelled UTC by the ORM; they are local wall-clock times all the same.
    return value.replace(tzinfo=None, second=0, microsecond=0)
