"""The daily celebrations cron: birthdays and anniversaries become events exactly once a year."""
from __future__ import annotations

from datetime import UTC, date, datetime

from backend.core import clock
from backend.core.models import OutboxEvent
from backend.org import celebrations
from backend.org.models import Employee, EmployeeStatus
from tests.factories.org import make_company


def test_leap_day_birthdays_fall_on_28_february_in_common_years():
    # given / when / then
    assert celebrations.falls_on(date(2000, 2, 29), date(2027, 2, 28))
    assert not celebrations.falls_on(date(2000, 2, 29), date(2028, 2, 28))
    assert celebrations.falls_on(date(2000, 2, 29), date(2028, 2, 29))
    assert not celebrations.falls_on(date(2000, 3, 1), date(2027, 2, 28))


async def test_birthdays_and_anniversaries_are_emitted_once_per_day_in_the_org_time_zone(db):
    # given a person born on 24 November and hired on 24 November 2022; it is 24 Nov 00:30 in Shanghai
    company = await make_company()
    await Employee.of(company.system).filter(id=company.employee.employee.id).update(
        birthday=date(1990, 11, 24), hire_date=date(2022, 11, 24))
    await Employee.of(company.system).filter(id=company.peer.employee.id).update(
        birthday=date(1991, 11, 24), status=EmployeeStatus.LEFT)
    # when the hourly cron runs twice that day (16:30 UTC on the 23rd is already the 24th in Shanghai)
    with clock.frozen_at(datetime(2026, 11, 23, 16, 30, tzinfo=UTC)):
        first = await celebrations.emit_celebrations(company.system)
        second = await celebrations.emit_celebrations(company.system)
    # then the active person's birthday and 4th anniversary were emitted once; people who left are skipped
    assert (first, second) == (2, 0)
    anniversary = await OutboxEvent.get(type="org.work_anniversary")
    assert anniversary.payload == {"employee_id": str(company.employee.employee.id), "date": "2026-11-24", "years": 4}
    assert await OutboxEvent.filter(type="org.birthday").count() == 1
