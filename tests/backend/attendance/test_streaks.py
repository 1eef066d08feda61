"""On-time streaks: runs of PRESENT closed working days (rest, remote and leave days neutral) reaching 5, 20
and 60 are marked and emitted once; a rule on "attendance_streak" fires exactly once."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend import event_handlers
from backend.attendance import streaks
from backend.attendance.events import AttendanceStreakReached
from backend.attendance.models import DailyAttendance, DayStatus, StreakMark
from backend.attendance.streaks import current_run, reached
from backend.core import clock
from backend.core.models import OutboxEvent
from backend.points import queries as points
from backend.rules import service as rules
from tests.factories.org import make_company

S = DayStatus
START = date(2026, 10, 5)  # a Monday


def _days(*statuses: DayStatus) -> list[tuple[date, DayStatus]]:
    return [(START + timedelta(days=n), s) for n, s in enumerate(statuses)]


@pytest.mark.parametrize(("statuses", "started", "length", "broken"), [
    ((S.PRESENT,) * 5, 0, 5, False),
    ((S.PRESENT, S.LATE, S.PRESENT, S.PRESENT), 2, 2, True),
    ((S.PRESENT, S.REST_DAY, S.REMOTE, S.ON_LEAVE, S.PRESENT), 0, 2, False),
    ((S.PRESENT, S.ABSENT), None, 0, True),
    ((S.PRESENT, S.MISSING_PUNCH, S.PRESENT), 2, 1, True),
    ((S.PRESENT, S.EARLY_LEAVE, S.PRESENT), 2, 1, True),
    ((S.HALF_DAY, S.PRESENT, S.PRESENT), 1, 2, True),
])
def test_current_run(statuses, started, length, broken):
    run = current_run(_days(*statuses))
    if started is None:
        assert run is None
        return
    assert run is not None
    assert (run.started_on, len(run.days), run.broken_before) == (START + timedelta(days=started), length, broken)


def test_milestones_reached_on_the_day_the_count_hits_them():
    run = current_run(_days(*([S.PRESENT] * 25)))
    assert run is not None
    assert reached(run) == [(5, START + timedelta(days=4)), (20, START + timedelta(days=19))]


async def _history(c, worker, statuses: list[DayStatus], *, closed: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Working days Monday–Friday from START with these statuses; weekends as rest days."""
    day, rows = START, []
    for status in statuses:
        while day.isoweekday() > 5:
            rows.append(DailyAttendance.build_for(c.system, employee_id=worker, day=day, status=S.REST_DAY,
                                                  closed=closed, computed_at=clock.now()))
            day += timedelta(days=1)
        rows.append(DailyAttendance.build_for(c.system, employee_id=worker, day=day, status=status, closed=closed,
                                              computed_at=clock.now()))
        day += timedelta(days=1)
    await DailyAttendance.bulk_create(rows, on_conflict=("tenant_id", "employee_id", "day"),
                                      update_fields=["status", "closed"])


async def test_milestones_are_marked_and_emitted_once(db):
    # given 21 on-time working days over four weeks, one of them remote
    c = await make_company()
    worker = c.employee.employee.id
    await _history(c, worker, [S.PRESENT] * 10 + [S.REMOTE] + [S.PRESENT] * 11)
    # when the update runs twice
    first = await streaks.update(c.system, [worker])
    again = await streaks.update(c.system, [worker])
    # then 5 and 20 once each
    assert (first, again) == (2, 0)
    marks = await StreakMark.of(c.system).order_by("length")
    assert [(m.length, m.started_on) for m in marks] == [(5, START), (20, START)]
    assert marks[1].reached_on == date(2026, 11, 2)  # the 20th on-time day (the remote Monday 19 Oct skipped)
    events = await OutboxEvent.filter(tenant_id=c.org.id, type=AttendanceStreakReached.type)
    assert sorted(e.payload["length"] for e in events) == [5, 20]


async def test_a_break_starts_a_new_run_with_its_own_milestones(db):
    c = await make_company()
    worker = c.employee.employee.id
    await _history(c, worker, [S.PRESENT] * 6 + [S.LATE] + [S.PRESENT] * 5)
    await streaks.update(c.system, [worker])
    marks = await StreakMark.of(c.system).order_by("started_on")
    assert [(m.length, m.started_on) for m in marks] == [(5, date(2026, 10, 14))]  # the old run was never recorded


async def test_open_days_do_not_count(db):
    c = await make_company()
    worker = c.employee.employee.id
    await _history(c, worker, [S.PRESENT] * 5, closed=False)
    assert await streaks.update(c.system, [worker]) == 0


async def test_a_streak_rule_fires_exactly_once(db):
    # given a rule paying 30 points for a 20-day streak, and a 20-day run
    c = await make_company()
    worker = c.employee.employee.id
    await rules.create_rule(c.hr.actor, name="On time all month", trigger="attendance_streak",
                            conditions={"field": "length", "op": "eq", "value": 20}, awards={"points": 30}, active=True)
    await _history(c, worker, [S.PRESENT] * 20)
    # when the update and the outbox drain each run twice
    await streaks.update(c.system, [worker])
    await streaks.update(c.system, [worker])
    await event_handlers.drain()
    await event_handlers.drain()
    # then the 5-day milestone paid nothing and the 20-day one paid once
    balance = await points.get_balances(c.employee.actor, worker)
    assert balance.wallet == 30
