"""Daily attendance: derive marked person-days from punches and plans, store them (one DailyAttendance row
per person and day, upserted), and close days once every device of the site has delivered everything up
to the end of the day's punch window. A constant number of queries per batch of days.

- A day whose punch window has not started yet is not written; a day in progress with no punch (and not
  remote) is not written either, so nobody shows "absent" at 08:00 before the shift.
- A closed day stays derived from whatever arrives later: a late punch (or an approved correction) marks
  it again, the recompute rewrites it and flags it "reopened"; its `closed` is then re-decided by the
  same rule (devices only ever move synced_through forward).
- After storing, streaks and the scorecard feed are brought up to date for the people touched."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.attendance import scorecard_feed, streaks
from backend.attendance.derivation import (
    IN, OUT, UNKNOWN, DayInputs, DayPlan, DayResult, Punch, derive_day, punch_window,
)
from backend.attendance.models import (
    AttendanceRecompute, ClockDevice, ClockPunch, DailyAttendance, DayStatus, DirectionPolicy,
)
from backend.attendance.schedule import as_uuid, plans_for
from backend.core import clock, db

BATCH = 500  # person-days per batch
REOPENED = "reopened"
OPEN_LOOKBACK_DAYS = 62  # close_ready_days looks at open days this far back (older ones wait for a mark)
_DIRECTIONS = {"IN": IN, "OVERTIME_IN": IN, "OUT": OUT, "OVERTIME_OUT": OUT}
_WRITTEN = ["site_id", "shift_id", "status", "first_in", "last_out", "late_minutes", "early_leave_minutes",
            "worked_minutes", "overtime_minutes", "punch_count", "flags", "closed", "computed_at"]
_COMPARED = ("status", "first_in", "last_out", "late_minutes", "early_leave_minutes", "worked_minutes",
             "overtime_minutes")


def _utc_day(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


async def _devices(actor: Actor) -> dict[UUID, tuple[DirectionPolicy, UUID, bool, datetime | None]]:
    rows = await ClockDevice.of(actor).values_list("id", "direction_policy", "site_id", "active", "synced_through")
    return {as_uuid(i): (DirectionPolicy(p), as_uuid(s), a, t) for i, p, s, a, t in rows}


def is_ready(site_id: UUID | None, window_end: datetime, now: datetime,
             devices: dict[UUID, tuple[DirectionPolicy, UUID, bool, datetime | None]]) -> bool:
    """PURE: the day's window is over and every active device of the site is synced through its end."""
    if now < window_end:
        return False
    return all(synced is not None and synced >= window_end
               for _, site, active, synced in devices.values() if active and site == site_id)


async def _punches(actor: Actor, employees: Iterable[UUID], first: date, last: date,
                   devices: dict[UUID, tuple[DirectionPolicy, UUID, bool, datetime | None]]) -> dict[UUID, list[Punch]]:
    # Two days of margin each side cover every zone and the windows' spill-over.
    rows = await ClockPunch.of(actor).filter(
        employee_id__in=list(employees), occurred_at__gte=_utc_day(first - timedelta(days=2)),
        occurred_at__lt=_utc_day(last + timedelta(days=3))).values_list("employee_id", "occurred_at", "direction",
                                                                          "device_id")
    found: dict[UUID, list[Punch]] = {}
    for employee_id, at, direction, device_id in rows:
        policy = devices.get(as_uuid(device_id), (DirectionPolicy.DEVICE,))[0]
        found.setdefault(as_uuid(employee_id), []).append(
            Punch(at=at, direction=_DIRECTIONS.get(str(direction).upper(), UNKNOWN), policy=policy))
    return found


def _worth_writing(plan: DayPlan, result: DayResult, now: datetime) -> bool:
    if now < result.window_start:
        return False
    in_progress = now < result.window_end
    return not (in_progress and result.punch_count == 0 and result.status == DayStatus.ABSENT)


def _changed(before: dict[str, Any], result: DayResult) -> bool:
    return any(before[f] != getattr(result, f) for f in _COMPARED)


async def recompute_days(actor: Actor, pairs: Iterable[tuple[UUID, date]]) -> list[DailyAttendance]:
    """Derive and store these (employee, day) pairs (foreign or unknown people are skipped). Requires
    ATTENDANCE_MANAGE (jobs act as the system). Returns the stored rows."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    wanted = sorted(set(pairs))
    stored: list[DailyAttendance] = []
    for start in range(0, len(wanted), BATCH):
        stored += await _batch(actor, wanted[start:start + BATCH])
    touched = {e for e, _ in wanted}
    if touched:
        await streaks.update(actor, touched)
        await scorecard_feed.feed(actor, touched)
    return stored


async def _batch(actor: Actor, pairs: Sequence[tuple[UUID, date]]) -> list[DailyAttendance]:
    now = clock.now()
    employees = {e for e, _ in pairs}
    first, last = min(d for _, d in pairs), max(d for _, d in pairs)
    plans = await plans_for(actor, employees, first - timedelta(days=1), last + timedelta(days=1))
    devices = await _devices(actor)
    punches = await _punches(actor, employees, first, last, devices)
    existing = {(as_uuid(r["employee_id"]), r["day"]): r for r in await DailyAttendance.of(actor).filter(
        employee_id__in=list(employees), day__gte=first, day__lte=last).values("employee_id", "day", "closed", "flags",
                                                                             *_COMPARED)}
    rows: list[DailyAttendance] = []
    for employee_id, day in pairs:
        plan = plans.get((employee_id, day))
        if plan is None:
            continue
        result = derive_day(DayInputs(plan=plan, punches=tuple(punches.get(employee_id, ())),
                                      previous=plans.get((employee_id, day - timedelta(days=1))),
                                      next=plans.get((employee_id, day + timedelta(days=1)))))
        if not _worth_writing(plan, result, now):
            continue
        before = existing.get((employee_id, day))
        flags = set(result.flags)
        if before is not None and (REOPENED in before["flags"] or (before["closed"] and _changed(before, result))):
            flags.add(REOPENED)
        rows.append(DailyAttendance.build_for(
            actor, employee_id=employee_id, day=day, site_id=plan.site_id, shift_id=plan.shift_id, status=result.status,
            first_in=result.first_in, last_out=result.last_out, late_minutes=result.late_minutes,
            early_leave_minutes=result.early_leave_minutes, worked_minutes=result.worked_minutes,
            overtime_minutes=result.overtime_minutes, punch_count=result.punch_count, flags=sorted(flags),
            closed=is_ready(plan.site_id, result.window_end, now, devices), computed_at=now))
    if not rows:
        return []
    async with db.transaction():
        await DailyAttendance.bulk_create(rows, on_conflict=("tenant_id", "employee_id", "day"), update_fields=_WRITTEN)
    written = {(r.employee_id, r.day) for r in rows}
    return [r for r in await DailyAttendance.of(actor).filter(employee_id__in=list(employees), day__gte=first,
                                                              day__lte=last).order_by("day", "employee_id")
            if (r.employee_id, r.day) in written]


async def recompute_marked(actor: Actor) -> int:
    """Derive every person-day marked before this run started (see backend.attendance.dirty), store it and
    consume the marks; marks made meanwhile survive for the next run. Returns how many days were derived."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    started = clock.now()
    marks = await AttendanceRecompute.of(actor).filter(requested_at__lte=started).values_list(
        "id", "employee_id", "day")
    if not marks:
        return 0
    await recompute_days(actor, [(as_uuid(e), d) for _, e, d in marks])
    await AttendanceRecompute.of(actor).filter(id__in=[i for i, _, _ in marks], requested_at__lte=started).delete()
    return len(marks)


async def has_pending_marks(actor: Actor) -> bool:
    return await AttendanceRecompute.of(actor).exists()


async def close_ready_days(actor: Actor) -> int:
    """Close every open day (of the last OPEN_LOOKBACK_DAYS) whose window is over and whose site's active
    devices are all synced through its end. Requires ATTENDANCE_MANAGE. Returns how many were closed."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    now = clock.now()
    since = now.date() - timedelta(days=OPEN_LOOKBACK_DAYS)
    open_days = [(as_uuid(i), as_uuid(e), d) for i, e, d in await DailyAttendance.of(actor).filter(
        closed=False, day__gte=since, day__lte=now.date() + timedelta(days=1)).values_list("id", "employee_id", "day")]
    if not open_days:
        return 0
    employees = {e for _, e, _ in open_days}
    first, last = min(d for _, _, d in open_days), max(d for _, _, d in open_days)
    plans = await plans_for(actor, employees, first - timedelta(days=1), last + timedelta(days=1))
    devices = await _devices(actor)
    ready: list[UUID] = []
    people: set[UUID] = set()
    for row_id, employee_id, day in open_days:
        plan = plans.get((employee_id, day))
        if plan is None:
            continue
        _, end = punch_window(plan, plans.get((employee_id, day - timedelta(days=1))),
                              plans.get((employee_id, day + timedelta(days=1))))
        if is_ready(plan.site_id, end, now, devices):
            ready.append(row_id)
            people.add(employee_id)
    if ready:
        await DailyAttendance.of(actor).filter(id__in=ready, closed=False).update(closed=True)
        await streaks.update(actor, people)
        await scorecard_feed.feed(actor, people)
    return len(ready)
