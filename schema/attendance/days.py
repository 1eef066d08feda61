"""GraphQL for derived daily attendance. Each resolver calls one backend function
(backend.attendance.day_queries) and maps the result."""
from __future__ import annotations

from datetime import date

import strawberry

from backend.attendance import day_queries
from schema.attendance.day_types import AttendanceMonth, SiteDaySummary
from schema.attendance.types import ClockPunch
from schema.context import Info
from schema.core.ids import required_uuid, to_uuid


@strawberry.type
class DaysQuery:
    @strawberry.field(description="My attendance over a month (\"2026-12\"; default: this month in my site's zone).")
    async def my_attendance(self, info: Info, month: str | None = None) -> AttendanceMonth:
        return AttendanceMonth.from_view(await day_queries.my_month(info.context.actor, month))

    @strawberry.field(description="My punches today (in my site's zone), oldest first.")
    async def today_punches(self, info: Info) -> list[ClockPunch]:
        return [ClockPunch.from_model(p) for p in await day_queries.today_punches(info.context.actor)]

    @strawberry.field(description="Someone's attendance over a month: managers for people below them, HR for anyone.")
    async def attendance_of(self, info: Info, employee_id: strawberry.ID, month: str | None = None) -> AttendanceMonth:
        person = required_uuid(employee_id, field="employeeId")
        return AttendanceMonth.from_view(await day_queries.month_of(info.context.actor, person, month,
                                                                    info.context.visibility))

    @strawberry.field(description="HR: each site's attendance on a day (default: today in the organisation's zone).")
    async def attendance_overview(self, info: Info, day: date | None = None,
                                  site_id: strawberry.ID | None = None) -> list[SiteDaySummary]:
        found = await day_queries.overview(info.context.actor, day=day, site_id=to_uuid(site_id, field="siteId"))
        return [SiteDaySummary.from_view(s) for s in found]
