"""Attendance streaks: consecutive on-time working days. Reaching 5, 20 or 60 in one run records a
StreakMark and emits AttendanceStreakReached once (the mark's unique constraint and the outbox dedupe key
make repeats harmless).

Rules: only closed days count (a closed day is final, so nobody is celebrated for a day still arriving).
PRESENT (on time, full day) extends the run. Rest days, remote days and leave are neutral: they neither
extend nor break it (punctuality cannot be seen remotely, and a holiday is no lapse). Every other status
(late, early leave, half day, absent, missing punch) ends the run. Days not derived are neutral too."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from backend.access.actor import Actor
from backend.attendance.events import AttendanceStreakReached
from backend.attendance.models import DailyAttendance, DayStatus, StreakMark
from backend.attendance.schedule import as_uuid
from backend.core import clock, db, outbox

MILESTONES = (5, 20, 60)
NEUTRAL = frozenset({DayStatus.REST_DAY, DayStatus.REMOTE, DayStatus.ON_LEAVE})
# Rows older than this are not read; a run with no break inside it started long ago and has passed every
# milestone already (400 calendar days hold far more than 60 working days).
LOOKBACK_DAYS = 400


@dataclass(frozen=True, slots=True)
class Run:
    started_on: date
    days: tuple[date, ...]  # the on-time days of the run, in order
    broken_before: bool  # a breaking day precedes it (so its start is known)


def current_run(days: Sequence[tuple[date, DayStatus]]) -> Run | None:
    """PURE: the latest run of on-time days in a person's closed days (any order)."""
    counted: list[date] = []
    broken = False
    for day, status in sorted(days):
        if status in NEUTRAL:
            continue
        if status == DayStatus.PRESENT:
            counted.append(day)
        else:
            counted, broken = [], True
    return Run(started_on=counted[0], days=tuple(counted), broken_before=broken) if counted else None


def reached(run: Run) -> list[tuple[int, date]]:
    """PURE: (milestone, the day it was reached) for every milestone the run has passed."""
    return [(length, run.days[length - 1]) for length in MILESTONES if len(run.days) >= length]


async def update(actor: Actor, employee_ids: Iterable[UUID]) -> int:
    """Record the milestones the people's current runs have reached. A constant number of statements for
    any number of people. Returns how many marks were written now (0 on a repeat)."""
    people = sorted(set(employee_ids))
    if not people:
        return 0
    since = clock.now().date() - timedelta(days=LOOKBACK_DAYS)
    by_person: dict[UUID, list[tuple[date, DayStatus]]] = {}
    for employee_id, day, status in await DailyAttendance.of(actor).filter(
            employee_id__in=people, closed=True, day__gte=since).values_list("employee_id", "day", "status"):
        by_person.setdefault(as_uuid(employee_id), []).append((day, DayStatus(status)))
    older = {as_uuid(e) for e in await DailyAttendance.of(actor).filter(
        employee_id__in=list(by_person), closed=True, day__lt=since).distinct().values_list("employee_id", flat=True)} \
        if by_person else set()
    wanted: list[tuple[UUID, Run, int, date]] = []
    for employee_id, days in by_person.items():
        run = current_run(days)
        if run is None or (employee_id in older and not run.broken_before):
            continue
        wanted += [(employee_id, run, length, on) for length, on in reached(run)]
    if not wanted:
        return 0
    have = {(as_uuid(e), s, n) for e, s, n in await StreakMark.of(actor).filter(
        employee_id__in=list({e for e, _, _, _ in wanted}), length__in=list(MILESTONES)).values_list(
        "employee_id", "started_on", "length")}
    fresh = [w for w in wanted if (w[0], w[1].started_on, w[2]) not in have]
    if not fresh:
        return 0
    now = clock.now()
    async with db.transaction():
        await StreakMark.bulk_create([StreakMark.build_for(actor, employee_id=e, length=n, started_on=r.started_on,
                                                           reached_on=on, created_at=now) for e, r, n, on in fresh],
                                     ignore_conflicts=True)
        await outbox.emit_many(actor, [
            (AttendanceStreakReached(employee_id=str(e), length=n, started_on=r.started_on.isoformat(),
                                     reached_on=on.isoformat()),
             f"{AttendanceStreakReached.type}:{e}:{r.started_on.isoformat()}:{n}") for e, r, n, on in fresh])
    return len(fresh)
