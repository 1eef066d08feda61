"""GraphQL for shifts, flexible-hours options and shift assignments. Each resolver calls one backend
function (backend.attendance.shifts / assignments)."""
from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from backend.attendance import assignments, shifts
from schema.attendance.shift_types import Shift, ShiftAssignment
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt


@strawberry.input(description="HR: a shift to create, or to update when its code exists.")
class ShiftInput:
    code: str = strawberry.field(description="Unique code: lowercase letters, digits, '-' or '_' (e.g. 'night').")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    start_time: str = strawberry.field(description="Start, \"HH:MM\" in the site's zone.")
    end_time: str = strawberry.field(description="End, \"HH:MM\"; at or before the start: overnight.")
    break_minutes: int = strawberry.field(default=60, description="Unpaid break.")
    late_grace_minutes: int = strawberry.field(default=5, description="Grace for arriving (0–120).")
    early_grace_minutes: int = strawberry.field(default=5, description="Grace for leaving (0–120).")
    half_day_minutes: int = strawberry.field(default=240, description="Worked less than this: half a day.")
    absent_minutes: int = strawberry.field(default=60, description="Worked less than this: absent (≤ half day).")
    overtime_after_minutes: int = strawberry.field(default=30, description="Overtime counts beyond this past the end.")
    work_days: list[int] = strawberry.field(default_factory=lambda: [1, 2, 3, 4, 5],
                                            description="ISO weekdays worked (1 Monday … 7 Sunday).")
    flexible_option: bool = strawberry.field(default=False, description="Offer it as a flexible-hours choice.")
    active: bool = strawberry.field(default=True, description="False retires it (kept for history).")

    def draft(self) -> shifts.ShiftDraft:
        return shifts.ShiftDraft(
            code=self.code, name_en=self.name_en, name_zh=self.name_zh, start_time=self.start_time,
            end_time=self.end_time, break_minutes=self.break_minutes, late_grace_minutes=self.late_grace_minutes,
            early_grace_minutes=self.early_grace_minutes, half_day_minutes=self.half_day_minutes,
            absent_minutes=self.absent_minutes, overtime_after_minutes=self.overtime_after_minutes,
            work_days=tuple(self.work_days), flexible_option=self.flexible_option, active=self.active)


@strawberry.input(description="HR: a shift for people over a date range.")
class AssignShiftInput:
    employee_ids: list[strawberry.ID] = strawberry.field(description="The people (1–500).")
    shift_id: strawberry.ID = strawberry.field(description="The shift.")
    site_id: strawberry.ID | None = strawberry.field(default=None, description="Where; null: each person's own site.")
    starts_on: date = strawberry.field(description="First day (at most 62 days ago).")
    ends_on: date | None = strawberry.field(default=None, description="Last day; null: open-ended.")


@strawberry.type(description="A shift was created or updated.")
class ShiftSaved:
    shift: Shift = strawberry.field(description="The shift now.")


@strawberry.type(description="Shift assignments were made (one per person); their past days are recomputed.")
class ShiftAssigned:
    assignments: list[ShiftAssignment] = strawberry.field(description="The new assignments.")


SaveShiftResult = Annotated[ShiftSaved | UserError, strawberry.union("SaveShiftResult")]
AssignShiftResult = Annotated[ShiftAssigned | UserError, strawberry.union("AssignShiftResult")]


@strawberry.type
class ShiftsQuery:
    @strawberry.field(description="The organisation's shifts, earliest start first (HR adds inactive ones).")
    async def shifts(self, info: Info, include_inactive: bool = False) -> list[Shift]:
        return [Shift.from_model(s) for s in await shifts.list_shifts(info.context.actor,
                                                                      include_inactive=include_inactive)]

    @strawberry.field(description="Active shifts offered as flexible hours (what you may request).")
    async def flexible_options(self, info: Info) -> list[Shift]:
        return [Shift.from_model(s) for s in await shifts.flexible_options(info.context.actor)]

    @strawberry.field(description="A person's shift assignments, newest first: your own (default), people below "
                                  "you (managers), anyone (HR).")
    async def shift_assignments(self, info: Info, employee_id: strawberry.ID | None = None) -> list[ShiftAssignment]:
        found = await assignments.list_assignments(info.context.actor, to_uuid(employee_id, field="employeeId"),
                                                   visibility=info.context.visibility)
        return [ShiftAssignment.from_model(a) for a in found]


@strawberry.type
class ShiftsMutation:
    @strawberry.mutation(description="HR: create a shift, or update the one with this code.")
    async def save_shift(self, info: Info, input: ShiftInput) -> SaveShiftResult:
        async def body() -> ShiftSaved:
            return ShiftSaved(shift=Shift.from_model(await shifts.save_shift(info.context.actor, input.draft())))
        return await attempt(body)

    @strawberry.mutation(description="HR: assign a shift to people over a date range; the newest assignment "
                                     "covering a day applies.")
    async def assign_shift(self, info: Info, input: AssignShiftInput) -> AssignShiftResult:
        async def body() -> ShiftAssigned:
            made = await assignments.assign_shift(
                info.context.actor, employee_ids=[required_uuid(e, field="employeeIds") for e in input.employee_ids],
                shift_id=required_uuid(input.shift_id, field="shiftId"),
                site_id=to_uuid(input.site_id, field="siteId"), starts_on=input.starts_on, ends_on=input.ends_on)
            return ShiftAssigned(assignments=[ShiftAssignment.from_model(a) for a in made])
        return await attempt(body)
