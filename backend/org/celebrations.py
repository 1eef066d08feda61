"""The daily celebrations cron: birthdays and work anniversaries become events in the outbox (the
rules engine turns them into awards). Each is emitted once per person and year, however often
the cron runs: the outbox dedupe key decides."""
from __future__ import annotations

import calendar
from datetime import date
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.core import clock, db, outbox
from backend.org.events import BirthdayToday, WorkAnniversaryToday
from backend.org.models import Employee, EmployeeStatus


def falls_on(anniversary_of: date, today: date) -> bool:
    """29 February is celebrated on 28 February in years without one."""
    if (anniversary_of.month, anniversary_of.day) == (today.month, today.day):
        return True
    leap_day = (anniversary_of.month, anniversary_of.day) == (2, 29)
    return leap_day and not calendar.isleap(today.year) and (today.month, today.day) == (2, 28)


async def emit_celebrations(actor: Actor, *, today: date | None = None) -> int:
    """Emits today's birthdays and anniversaries (today in the organisation's time zone);
    returns how many new events were recorded."""
    org = await Organization.get(id=actor.tenant_id)
    day = today or clock.now().astimezone(ZoneInfo(org.time_zone)).date()
    people = await Employee.of(actor).filter(status=EmployeeStatus.ACTIVE).only("id", "birthday", "hire_date")
    emitted = 0
    async with db.transaction():
        for person in people:
            if person.birthday and falls_on(person.birthday, day):
                event = BirthdayToday(employee_id=str(person.id), date=day.isoformat())
                emitted += await outbox.emit(actor, event, dedupe_key=f"birthday:{person.id}:{day.year}") is not None
            years = day.year - person.hire_date.year
            if years >= 1 and falls_on(person.hire_date, day):
                event2 = WorkAnniversaryToday(employee_id=str(person.id), date=day.isoformat(), years=years)
                emitted += await outbox.emit(actor, event2, dedupe_key=f"anniversary:{person.id}:{day.year}") is not None
    return emitted
