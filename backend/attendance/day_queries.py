"""Reading daily attendance: a person's month (with each day's punches), today's punches, and HR's overview
of a day per site. A constant number of queries whatever the month or headcount.

Who may read a person's days: the person, their managers (anyone above them in the reporting line) and
holders of ATTENDANCE_READ_ANY (HR). Another organisation's person is simply not found."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.access.permissions import Permission, has, require
from backend.attendance.derivation import punch_window
from backend.attendance.models import ClockDevice, ClockPunch, DailyAttendance, DayStatus
from backend.attendance.schedule import as_uuid, plans_for
from backend.attendance.scorecard_feed import rates
from backend.core import clock
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.org.models import Employee, Site
from backend.org.views import Visibility

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
ON_SITE = frozenset({DayStatus.PRESENT, DayStatus.LATE, DayStatus.EARLY_LEAVE, DayStatus.LATE_AND_EARLY,
                     DayStatus.HALF_DAY})
LATE = frozenset({DayStatus.LATE, DayStatus.LATE_AND_EARLY})


@dataclass(frozen=True, slots=True)
class DayView:
    row: DailyAttendance
    punches: tuple[ClockPunch, ...]


@dataclass(frozen=True, slots=True)
class MonthView:
    month: str
    employee_id: UUID
    days: tuple[DayView, ...]
    present: int  # on site (on time or not, half days included)
    late: int
    absent: int
    remote: int
    attendance_rate: float | None  # percent, see backend.attendance.scorecard_feed
    punctuality_rate: float | None


@dataclass(frozen=True, slots=True)
class SiteDay:
    site: Site
    day: date
    rows: tuple[DailyAttendance, ...]
    devices: tuple[ClockDevice, ...]

    def count(self, *statuses: DayStatus) -> int:
        return sum(r.status in statuses for r in self.rows)

    @property
    def closed(self) -> bool:
        return bool(self.rows) and all(r.closed for r in self.rows)


def parse_month(value: str) -> tuple[date, date]:
    """'2026-12' → (first day, last day). Raises ValidationFailed(field="month")."""
    found = _MONTH.match(value.strip())
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
        raise ValidationFailed("A month looks like 2026-12.", field="month")
    first = date(int(found.group(1)), int(found.group(2)), 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def me(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people have attendance.")
    return actor.employee_id


async def _zone_of(actor: Actor, employee: Employee) -> str:
    site = await Site.of(actor).get_or_none(id=employee.site_id) if employee.site_id else None
    return site.time_zone if site else (await Organization.get(id=actor.tenant_id)).time_zone


async def require_may_read(actor: Actor, employee_id: UUID, visibility: Visibility | None = None) -> Employee:
    """The person, if the actor may read their attendance. Raises NotFound, Forbidden."""
    person = await Employee.get_for(actor, employee_id, what="employee")
    if person.id == actor.employee_id or has(actor, Permission.ATTENDANCE_READ_ANY):
        return person
    if person.id in await (visibility or Visibility(actor)).subordinates():
        return person
    raise Forbidden("Only their managers and HR may see someone's attendance.")


async def month_of(actor: Actor, employee_id: UUID, month: str | None = None,
                   visibility: Visibility | None = None) -> MonthView:
    """A person's derived days of a month (default: this month in their site's zone) with their punches.
    Raises NotFound, Forbidden, ValidationFailed(month)."""
    person = await require_may_read(actor, employee_id, visibility)
    label = month.strip() if month else clock.today_in(await _zone_of(actor, person)).strftime("%Y-%m")
    first, last = parse_month(label)
    rows = list(await DailyAttendance.of(actor).filter(employee_id=person.id, day__gte=first, day__lte=last)
                .order_by("day"))
    punches = await _punches_by_day(actor, person.id, rows, first, last)
    statuses = [r.status for r in rows]
    found = rates(statuses)
    return MonthView(month=label, employee_id=person.id,
                     days=tuple(DayView(row=r, punches=punches.get(r.day, ())) for r in rows),
                     present=sum(s in ON_SITE for s in statuses), late=sum(s in LATE for s in statuses),
                     absent=statuses.count(DayStatus.ABSENT), remote=statuses.count(DayStatus.REMOTE),
                     attendance_rate=found.attendance_rate, punctuality_rate=found.punctuality)


async def my_month(actor: Actor, month: str | None = None) -> MonthView:
    return await month_of(actor, me(actor), month)


async def _punches_by_day(actor: Actor, employee_id: UUID, rows: list[DailyAttendance], first: date,
                          last: date) -> dict[date, tuple[ClockPunch, ...]]:
    if not rows:
        return {}
    plans = await plans_for(actor, [employee_id], first - timedelta(days=1), last + timedelta(days=1))
    found = list(await ClockPunch.of(actor).filter(
        employee_id=employee_id, occurred_at__gte=datetime.combine(first - timedelta(days=2), time(0), UTC),
        occurred_at__lt=datetime.combine(last + timedelta(days=3), time(0), UTC)).order_by("occurred_at"))
    by_day: dict[date, tuple[ClockPunch, ...]] = {}
    for row in rows:
        plan = plans.get((employee_id, row.day))
        if plan is None:
            continue
        start, end = punch_window(plan, plans.get((employee_id, row.day - timedelta(days=1))),
                                  plans.get((employee_id, row.day + timedelta(days=1))))
        by_day[row.day] = tuple(p for p in found if start <= p.occurred_at < end)
    return by_day


async def today_punches(actor: Actor) -> list[ClockPunch]:
    """My punches of today (the calendar day in my site's zone), oldest first. Raises Forbidden."""
    person = await Employee.get_for(actor, me(actor), what="employee")
    zone = ZoneInfo(await _zone_of(actor, person))
    today = clock.now().astimezone(zone).date()
    start = datetime.combine(today, time(0), zone).astimezone(UTC)
    end = datetime.combine(today + timedelta(days=1), time(0), zone).astimezone(UTC)
    return list(await ClockPunch.of(actor).filter(employee_id=person.id, occurred_at__gte=start, occurred_at__lt=end)
                .order_by("occurred_at"))


async def overview(actor: Actor, *, day: date | None = None, site_id: UUID | None = None) -> list[SiteDay]:
    """Every site's (or one site's) derived day: counts, closed, devices and people. Default day: today in
    the organisation's zone. Requires ATTENDANCE_READ_ANY. Raises Forbidden, NotFound(siteId)."""
    require(actor, Permission.ATTENDANCE_READ_ANY)
    if site_id is not None:
        try:
            sites = [await Site.get_for(actor, site_id, what="site")]
        except NotFound as err:
            raise NotFound(err.message, field="siteId") from None
    else:
        sites = list(await Site.of(actor).order_by("name", "id"))
    wanted = day or clock.today_in((await Organization.get(id=actor.tenant_id)).time_zone)
    ids = [s.id for s in sites]
    rows: dict[UUID, list[DailyAttendance]] = {}
    for r in await DailyAttendance.of(actor).filter(day=wanted, site_id__in=ids).order_by("status", "first_in", "id"):
        rows.setdefault(as_uuid(r.site_id), []).append(r)
    devices: dict[UUID, list[ClockDevice]] = {}
    for d in await ClockDevice.of(actor).filter(site_id__in=ids).order_by("serial"):
        devices.setdefault(as_uuid(d.site_id), []).append(d)
    return [SiteDay(site=s, day=wanted, rows=tuple(rows.get(s.id, ())), devices=tuple(devices.get(s.id, ())))
            for s in sites]
