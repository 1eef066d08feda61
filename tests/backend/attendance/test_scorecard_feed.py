"""Attendance into the scorecard: attendance rate and punctuality are written as metric values of open
cycles for people whose scorecard has them, through the performance writer (history, recompute marks),
once per change."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backend.attendance import daily, scorecard_feed
from backend.attendance.models import DailyAttendance, DayStatus
from backend.attendance.scorecard_feed import rates
from backend.core import clock
from backend.performance.models import (
    CycleStatus, DimensionSource, MetricValue, MetricValueChange, ScoreRecompute, ValueSource,
)
from tests.factories.attendance_days import make_clock, make_shift, punch
from tests.factories.org import make_company
from tests.factories.performance import DimensionSpec, make_cycle, make_template

S = DayStatus
SPECS = [DimensionSpec("results", 60, target=100), DimensionSpec("attendance", 30, source=DimensionSource.ATTENDANCE,
                                                                  metric_code="attendance_rate", target=98),
         DimensionSpec("punctuality", 10, metric_code="punctuality", target=95)]
DEC_6 = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)


@pytest.mark.parametrize(("statuses", "attendance", "punctuality"), [
    ([S.PRESENT] * 4, 100.0, 100.0),
    ([S.PRESENT] * 8 + [S.LATE, S.ABSENT, S.HALF_DAY, S.REST_DAY, S.REST_DAY], 86.4, 88.9),
    ([S.REMOTE, S.REMOTE, S.ON_LEAVE], 100.0, None),
    ([S.MISSING_PUNCH, S.LATE_AND_EARLY], 75.0, 0.0),
    ([S.REST_DAY], None, None),
])
def test_rates(statuses, attendance, punctuality):
    assert rates(statuses) == scorecard_feed.Rates(attendance_rate=attendance, punctuality=punctuality)


async def _november(c, worker, statuses: list[DayStatus]) -> None:  # type: ignore[no-untyped-def]
    await DailyAttendance.bulk_create([DailyAttendance.build_for(
        c.system, employee_id=worker, day=date(2026, 11, 2) + timedelta(days=n), status=s, closed=True,
        computed_at=clock.now()) for n, s in enumerate(statuses)])


async def test_open_cycles_get_both_metrics_once_and_scores_are_marked(db):
    # given November open, a template with both metrics for the department, and the worker's month
    c = await make_company()
    cycle = await make_cycle(c.system)
    await make_cycle(c.system, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31), name="October",
                     status=CycleStatus.CLOSED)
    await make_template(c.system, SPECS, department_id=c.department.id)
    worker = c.employee.employee.id
    await _november(c, worker, [S.PRESENT] * 8 + [S.LATE, S.ABSENT, S.HALF_DAY, S.REST_DAY, S.REST_DAY])
    await _november(c, c.owner.employee.id, [S.PRESENT])  # the owner has no such scorecard
    # when the feed runs twice
    with clock.frozen_at(DEC_6):
        first = await scorecard_feed.feed(c.system, [worker, c.owner.employee.id])
        again = await scorecard_feed.feed(c.system, [worker, c.owner.employee.id])
    # then
    assert (first, again) == (2, 0)
    values = {v.metric_code: (v.value, v.source, v.cycle_id) for v in await MetricValue.of(c.system)}
    assert values == {"attendance_rate": (86.4, ValueSource.SYSTEM, cycle.id),
                      "punctuality": (88.9, ValueSource.SYSTEM, cycle.id)}
    assert await MetricValueChange.of(c.system).count() == 2
    assert await ScoreRecompute.of(c.system).filter(cycle_id=cycle.id, employee_id=worker).exists()


async def test_a_recompute_feeds_the_scorecard(db):
    # given the worker on the default shift with one late Monday in an open December cycle
    c = await make_company()
    cycle = await make_cycle(c.system, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31), name="December")
    await make_template(c.system, SPECS, department_id=c.department.id)
    await make_shift(c.system, "default")
    gate = await make_clock(c.system, c.site)
    worker = c.employee.employee.id
    await punch(c.system, gate, worker, "2026-12-01 09:30")
    await punch(c.system, gate, worker, "2026-12-01 18:00", "OUT")
    await punch(c.system, gate, worker, "2026-12-02 08:50")
    await punch(c.system, gate, worker, "2026-12-02 18:00", "OUT")
    # when
    with clock.frozen_at(DEC_6):
        await daily.recompute_days(c.system, [(worker, date(2026, 12, 1)), (worker, date(2026, 12, 2))])
    # then
    values = {v.metric_code: v.value for v in await MetricValue.of(c.system).filter(cycle_id=cycle.id)}
    assert values == {"attendance_rate": 100.0, "punctuality": 50.0}
