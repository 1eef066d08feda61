"""GraphQL types for shifts and shift assignments. Build with `Shift.from_model` /
`ShiftAssignment.from_model`; a list's shifts load through `load_shift` (one query per request batch)."""
from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry
from strawberry.dataloader import DataLoader

from backend.attendance import shifts
from backend.attendance.models import Shift as ShiftModel
from backend.attendance.models import ShiftAssignment as ShiftAssignmentModel
from schema.context import Info
from schema.org.types import Employee, Site

_LOADER = "_attendance_shift_loader"


def shift_loader(info: Info) -> DataLoader[UUID, ShiftModel | None]:
    """The request's shift loader, made on first use and kept on the context object (so no shared
    file has to know about it)."""
    context = info.context
    loader: DataLoader[UUID, ShiftModel | None] | None = context.__dict__.get(_LOADER)
    if loader is None:
        actor = context.actor

        async def load(ids: list[UUID]) -> list[ShiftModel | None]:
            return await shifts.shifts_by_ids(actor, ids)

        loader = DataLoader(load_fn=load)
        context.__dict__[_LOADER] = loader
    return loader


async def load_shift(info: Info, shift_id: UUID | None) -> Shift | None:
    found = await shift_loader(info).load(shift_id) if shift_id else None
    return Shift.from_model(found) if found else None


async def load_person(info: Info, employee_id: UUID | None) -> Employee | None:
    view = await info.context.org.employee.load(employee_id) if employee_id else None
    return Employee.from_view(view) if view else None


@strawberry.type(description="A working shift: wall-clock times in the site's zone; an end at or before the start "
                             "runs past midnight (overnight).")
class Shift:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    code: str = strawberry.field(description="HR's code, e.g. 'default' or 'night'.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    start_time: str = strawberry.field(description="Start, \"HH:MM\".")
    end_time: str = strawberry.field(description="End, \"HH:MM\" (next day when overnight).")
    overnight: bool = strawberry.field(description="Ends the day after it starts.")
    break_minutes: int = strawberry.field(description="Unpaid break within the shift.")
    late_grace_minutes: int = strawberry.field(description="Arriving this late still counts as on time.")
    early_grace_minutes: int = strawberry.field(description="Leaving this early still counts as a full day.")
    half_day_minutes: int = strawberry.field(description="Worked less than this: half a day.")
    absent_minutes: int = strawberry.field(description="Worked less than this: absent.")
    overtime_after_minutes: int = strawberry.field(description="Work past the end counts as overtime beyond this.")
    work_days: list[int] = strawberry.field(description="ISO weekdays it is worked (1 Monday … 7 Sunday).")
    flexible_option: bool = strawberry.field(description="Offered to employees as a flexible-hours choice.")
    active: bool = strawberry.field(description="Inactive shifts can no longer be assigned or requested.")

    @classmethod
    def from_model(cls, s: ShiftModel) -> Shift:
        return cls(id=strawberry.ID(str(s.id)), code=s.code, name_en=s.name_en, name_zh=s.name_zh,
                   start_time=shifts.format_time(s.start_minute), end_time=shifts.format_time(s.end_minute),
                   overnight=shifts.is_overnight(s), break_minutes=s.break_minutes,
                   late_grace_minutes=s.late_grace_minutes, early_grace_minutes=s.early_grace_minutes,
                   half_day_minutes=s.half_day_minutes, absent_minutes=s.absent_minutes,
                   overtime_after_minutes=s.overtime_after_minutes, work_days=list(s.work_days),
                   flexible_option=s.flexible_option, active=s.active)


@strawberry.type(description="A shift a person works from a day (through a day, or open-ended). The newest "
                             "unrevoked assignment covering a day applies.")
class ShiftAssignment:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date | None = strawberry.field(description="Last day; null: open-ended.")
    source: str = strawberry.field(description="hr, or request (an approved flexible-hours or shift-change request).")
    revoked_at: datetime | None = strawberry.field(description="When it stopped applying, if it did.")
    model: strawberry.Private[ShiftAssignmentModel]

    @classmethod
    def from_model(cls, a: ShiftAssignmentModel) -> ShiftAssignment:
        return cls(id=strawberry.ID(str(a.id)), starts_on=a.starts_on, ends_on=a.ends_on, source=a.source.value,
                   revoked_at=a.revoked_at, model=a)

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> Employee:
        person = await load_person(info, self.model.employee_id)
        assert person is not None  # an assignment the viewer may read is of a person they may read
        return person

    @strawberry.field(description="The shift.")
    async def shift(self, info: Info) -> Shift:
        found = await load_shift(info, self.model.shift_id)
        assert found is not None  # shifts are never deleted (RESTRICT)
        return found

    @strawberry.field(description="The site; null: the person's own site.")
    async def site(self, info: Info) -> Site | None:
        found = await info.context.org.site.load(self.model.site_id) if self.model.site_id else None
        return Site.from_model(found) if found else None
