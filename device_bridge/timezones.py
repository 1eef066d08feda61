"""Turning a terminal's wall clock into an instant, with flags instead of silent fixes: DST overlap
takes the first occurrence, a DST gap is flagged, a punch from the future is flagged and never
rewritten. Also the ADMS `TimeZone` option (the zone's offset at this instant). Pure."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from device_bridge.events import Flag

LOCAL_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True, slots=True)
class Resolved:
    occurred_at: datetime  # aware
    flags: tuple[Flag, ...]


def rfc3339(moment: datetime) -> str:
    """ISO 8601 / RFC 3339 with an explicit offset and whole seconds (`Z` never used)."""
    return moment.replace(microsecond=0).isoformat()


def localize(naive: datetime, zone: ZoneInfo) -> Resolved:
    """Interpret a naive wall-clock time in `zone`."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return Resolved(first, ())
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip == naive:
        return Resolved(first, (Flag.TZ_AMBIGUOUS,))  # both occurrences exist: take the first
    # A wall time skipped by a DST jump: keep the pre-transition offset's reading and say so.
    return Resolved(first, (Flag.TZ_NONEXISTENT,))


def skew_flags(occurred_at: datetime, received_at: datetime, tolerance_seconds: float) -> tuple[Flag, ...]:
    """A punch more than `tolerance_seconds` in the future is suspect (the terminal's clock is off)."""
    if occurred_at - received_at > timedelta(seconds=tolerance_seconds):
        return (Flag.CLOCK_SKEW_SUSPECT,)
    return ()


def adms_timezone_option(zone: ZoneInfo, now: datetime) -> str:
    """The `TimeZone=` value for an ADMS terminal: the zone's UTC offset at `now` (DST-aware), whole
    hours as hours (`8`, `-5`), anything else in minutes (`330` for UTC+5:30, `-210`)."""
    offset = now.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    return str(minutes // 60) if minutes % 60 == 0 else str(minutes)


def parse_local(text: str) -> datetime:
    """A terminal's `YYYY-MM-DD HH:MM:SS` (seconds optional on some firmware). Raises ValueError."""
    text = text.strip()
    for fmt in (LOCAL_FORMAT, "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"unrecognised time {text!r}")
