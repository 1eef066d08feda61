"""GraphQL types for derived daily attendance: a day, a month of days, and HR's per-site day summary."""
from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry

from backend.attendance.day_queries import MonthView, SiteDay
from backend.attendance.models import DailyAttendance, DayStatus
from schema.attendance.shift_types import Shift, load_person, load_shift
from schema.attendance.types import ClockDevice, ClockPunch
from schema.context import Info
from schema.org.types import Employee, Site

strawberry.enum(DayStatus, name="DayStatus",
                description="Present (on time, full day), late, early leave, both, half day, absent, missing punch "
                            "(only an in or only an out), remote, on leave, rest day (no shift; work is overtime).")


@strawberry.type(description="One person's attendance on one day (an overnight shift belongs to the day it starts), "
                             "derived from punches, the shift and approved requests.")
class AttendanceDay:
    day: date = strawberry.field(description="The day, in the site's zone.")
    status: DayStatus = strawberry.field(description="What the day came to.")
    first_in: datetime | None = strawberry.field(description="First arrival.")
    last_out: datetime | None = strawberry.field(description="Last departure.")
    late_minutes: int = strawberry.field(description="Minutes after the shift start (0 within the grace).")
    early_leave_minutes: int = strawberry.field(description="Minutes before the shift end (0 within the grace).")
    worked_minutes: int = strawberry.field(description="Between first in and last out, less the unpaid break.")
    overtime_minutes: int = strawberry.field(description="Past the shift end (all work on a rest day).")
    flags: list[str] = strawberry.field(description="direction_inferred, corrected, duplicate_punches_ignored, "
                                                     "incomplete_punches, reopened.")
    closed: bool = strawberry.field(description="Final: every clock of the site has delivered the whole day.")
    punches: list[ClockPunch] = strawberry.field(description="The raw punches that belong to the day, oldest first.")
    shift_id: strawberry.Private[UUID | None]
    site_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The shift worked; null on a rest day.")
    async def shift(self, info: Info) -> Shift | None:
        return await load_shift(info, self.shift_id)

    @strawberry.field(description="Where.")
    async def site(self, info: Info) -> Site | None:
        found = await info.context.org.site.load(self.site_id) if self.site_id else None
        return Site.from_model(found) if found else None

    @classmethod
    def from_row(cls, r: DailyAttendance, punches: list[ClockPunch]) -> AttendanceDay:
        return cls(day=r.day, status=r.status, first_in=r.first_in, last_out=r.last_out, late_minutes=r.late_minutes,
                   early_leave_minutes=r.early_leave_minutes, worked_minutes=r.worked_minutes,
                   overtime_minutes=r.overtime_minutes, flags=list(r.flags), closed=r.closed, punches=punches,
                   shift_id=r.shift_id, site_id=r.site_id)


@strawberry.type(description="A person's attendance over a calendar month.")
class AttendanceMonth:
    month: str = strawberry.field(description="\"2026-12\".")
    days: list[AttendanceDay] = strawberry.field(description="The derived days, in order (days not derived yet are "
                                                             "missing).")
    present: int = strawberry.field(description="Days on site (on time or not, half days included).")
    late: int = strawberry.field(description="Days arrived late.")
    absent: int = strawberry.field(description="Days absent.")
    remote: int = strawberry.field(description="Remote days.")
    attendance_rate: float | None = strawberry.field(
        description="Percent of planned working days attended (half days and missing punches count half); null "
                    "without a planned day.")
    punctuality_rate: float | None = strawberry.field(description="Percent of arrivals on time; null without one.")

    @classmethod
    def from_view(cls, m: MonthView) -> AttendanceMonth:
        return cls(month=m.month, days=[AttendanceDay.from_row(d.row, [ClockPunch.from_model(p) for p in d.punches])
                                        for d in m.days],
                   present=m.present, late=m.late, absent=m.absent, remote=m.remote,
                   attendance_rate=m.attendance_rate, punctuality_rate=m.punctuality_rate)


@strawberry.type(description="One person's day on HR's overview.")
class AttendanceDayOfPerson:
    status: DayStatus = strawberry.field(description="What the day came to.")
    first_in: datetime | None = strawberry.field(description="First arrival.")
    last_out: datetime | None = strawberry.field(description="Last departure.")
    late_minutes: int = strawberry.field(description="Minutes late.")
    employee_id: strawberry.Private[UUID]

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> Employee:
        person = await load_person(info, self.employee_id)
        assert person is not None  # HR reads everyone of the organisation
        return person


@strawberry.type(description="A site's attendance on a day.")
class SiteDaySummary:
    site: Site = strawberry.field(description="The site.")
    day: date = strawberry.field(description="The day.")
    present: int = strawberry.field(description="On site (on time or not, half days included).")
    late: int = strawberry.field(description="Late (including late and early).")
    absent: int = strawberry.field(description="Absent.")
    remote: int = strawberry.field(description="Remote.")
    missing_punch: int = strawberry.field(description="Only an in or only an out.")
    total: int = strawberry.field(description="People with a derived day at the site.")
    closed: bool = strawberry.field(description="Every derived day of the site is final.")
    devices: list[ClockDevice] = strawberry.field(description="The site's clocks with their sync state.")
    people: list[AttendanceDayOfPerson] = strawberry.field(description="Everyone's day, by status then arrival.")

    @classmethod
    def from_view(cls, s: SiteDay) -> SiteDaySummary:
        return cls(day=s.day, present=s.count(DayStatus.PRESENT, DayStatus.LATE, DayStatus.EARLY_LEAVE,
                                              DayStatus.LATE_AND_EARLY, DayStatus.HALF_DAY),
                   late=s.count(DayStatus.LATE, DayStatus.LATE_AND_EARLY), absent=s.count(DayStatus.ABSENT),
                   remote=s.count(DayStatus.REMOTE), missing_punch=s.count(DayStatus.MISSING_PUNCH),
                   total=len(s.rows), closed=s.closed, devices=[ClockDevice.from_model(d) for d in s.devices],
                   people=[AttendanceDayOfPerson(status=r.status, first_in=r.first_in, last_out=r.last_out,
                                                 late_minutes=r.late_minutes, employee_id=r.employee_id)
                           for r in s.rows],
                   site=Site.from_model(s.site))
