"""Who works which shift when. HR assigns a shift to people over a date range (open-ended when `ends_on`
is null; a null site means the person's own site); an approved flexible-hours or shift-change request
makes one too (source REQUEST). Assignments are never edited: the newest one covering a day wins, and a
revoked one is kept for the audit trail. Every change marks the affected person-days for recompute:
past days from the start (at most MAX_PAST_DAYS back) through today; future days are computed when
they come."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.attendance import dirty
from backend.attendance.models import AssignmentSource, Shift, ShiftAssignment
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.org import calendar
from backend.org.models import Employee, Site
from backend.org.views import Visibility

MAX_PEOPLE = 500
MAX_PAST_DAYS = 62  # how far back an assignment may start, and how far back days are recomputed
MAX_RANGE_DAYS = 3 * 366


async def local_today(actor: Actor) -> date:
    """Today in the organisation's zone (sites of one organisation rarely straddle a date line)."""
    return clock.now().astimezone(await calendar.zone(actor)).date()


def covers(assignment: ShiftAssignment, day: date) -> bool:
    return (assignment.revoked_at is None and assignment.starts_on <= day
            and (assignment.ends_on is None or day <= assignment.ends_on))


def newest_covering(rows: Iterable[ShiftAssignment], day: date) -> ShiftAssignment | None:
    """The rule: of the unrevoked assignments covering `day`, the most recently made wins."""
    covering = [a for a in rows if covers(a, day)]
    return max(covering, key=lambda a: (a.created_at, str(a.id))) if covering else None


def stale_days(starts_on: date, ends_on: date | None, today: date) -> list[date]:
    """The days a change from `starts_on` through `ends_on` makes stale: none in the future, none more
    than MAX_PAST_DAYS back."""
    first = max(starts_on, today - timedelta(days=MAX_PAST_DAYS))
    last = min(ends_on, today) if ends_on is not None else today
    return [first + timedelta(days=i) for i in range((last - first).days + 1)] if first <= last else []


def check_range(starts_on: date, ends_on: date | None, today: date, *, max_days: int = MAX_RANGE_DAYS) -> None:
    if starts_on < today - timedelta(days=MAX_PAST_DAYS):
        raise ValidationFailed(f"Start at most {MAX_PAST_DAYS} days ago.", field="startsOn")
    if ends_on is not None and ends_on < starts_on:
        raise ValidationFailed("The end must not be before the start.", field="endsOn")
    if ends_on is not None and (ends_on - starts_on).days + 1 > max_days:
        raise ValidationFailed(f"Cover at most {max_days} days.", field="endsOn")


async def assign_shift(actor: Actor, *, employee_ids: Sequence[UUID], shift_id: UUID, site_id: UUID | None,
                       starts_on: date, ends_on: date | None) -> list[ShiftAssignment]:
    """HR (ATTENDANCE_MANAGE): one assignment per person, audited as shift_assignment.created; marks the
    covered days up to today. Raises Forbidden, NotFound (employeeIds, shiftId, siteId), ValidationFailed."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    wanted = list(dict.fromkeys(employee_ids))
    if not 1 <= len(wanted) <= MAX_PEOPLE:
        raise ValidationFailed(f"Assign 1 to {MAX_PEOPLE} people at a time.", field="employeeIds")
    shift = await Shift.get_for(actor, shift_id, what="shift")
    if not shift.active:
        raise ValidationFailed("This shift is inactive.", field="shiftId")
    site = await Site.get_for(actor, site_id, what="site") if site_id is not None else None
    if await Employee.of(actor).filter(id__in=wanted).count() < len(wanted):
        raise NotFound("No such employee.", field="employeeIds")
    today = await local_today(actor)
    check_range(starts_on, ends_on, today)
    now = clock.now()
    rows = [ShiftAssignment.build_for(actor, id=uuid.uuid4(), employee_id=e, shift_id=shift.id,
                                      site_id=site.id if site else None,
                                      starts_on=starts_on, ends_on=ends_on, source=AssignmentSource.HR,
                                      created_at=now) for e in wanted]
    async with db.transaction():
        await ShiftAssignment.bulk_create(rows)
        for row in rows:
            await audit.record(actor, action="shift_assignment.created", entity_type="shift_assignment",
                               entity_id=row.id, after=_summary(row, shift))
        await dirty.mark(actor, [(e, d) for e in wanted for d in stale_days(starts_on, ends_on, today)])
    return rows


async def revoke_assignment(actor: Actor, assignment_id: UUID) -> ShiftAssignment:
    """HR (ATTENDANCE_MANAGE): the assignment stops applying (the next newest covering one applies
    again); audited, days marked. Raises Forbidden, NotFound, Conflict (revoked already)."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    assignment = await ShiftAssignment.get_for(actor, assignment_id, what="assignment")
    async with db.transaction():
        if not await ShiftAssignment.of(actor).filter(id=assignment.id, revoked_at=None).update(revoked_at=clock.now()):
            raise Conflict("This assignment was revoked already.")
        await audit.record(actor, action="shift_assignment.revoked", entity_type="shift_assignment",
                           entity_id=assignment.id, before={"revoked_at": None}, after={"revoked_at": clock.now()})
        today = await local_today(actor)
        await dirty.mark(actor, [(assignment.employee_id, d)
                                 for d in stale_days(assignment.starts_on, assignment.ends_on, today)])
    return await ShiftAssignment.of(actor).get(id=assignment.id)


async def create_for_request(actor: Actor, *, request_id: UUID, employee_id: UUID, shift: Shift,
                             starts_on: date, ends_on: date | None) -> ShiftAssignment:
    """A building block of an approval (inside its transaction; no permission check, no marks)."""
    row = await ShiftAssignment.create_for(actor, employee_id=employee_id, shift_id=shift.id, site_id=None,
                                           starts_on=starts_on, ends_on=ends_on, source=AssignmentSource.REQUEST,
                                           request_id=request_id, created_at=clock.now())
    await audit.record(actor, action="shift_assignment.created", entity_type="shift_assignment", entity_id=row.id,
                       after={**_summary(row, shift), "request_id": request_id})
    return row


async def revoke_for_request(actor: Actor, request_id: UUID) -> int:
    """A building block of revoking a request: its assignment stops applying. Returns how many."""
    return await ShiftAssignment.of(actor).filter(request_id=request_id, revoked_at=None).update(revoked_at=clock.now())


async def list_assignments(actor: Actor, employee_id: UUID | None = None, *,
                           visibility: Visibility | None = None) -> list[ShiftAssignment]:
    """A person's assignments, newest first (revoked ones included): one's own (the default), people
    below a manager (ATTENDANCE_APPROVE), anyone for HR (ATTENDANCE_READ_ANY). Raises Forbidden."""
    me = actor.employee_id
    person = employee_id or me
    if person is None:
        raise Forbidden("Only people have shift assignments.")
    if person != me and not has(actor, Permission.ATTENDANCE_READ_ANY):
        below = await (visibility or Visibility(actor)).subordinates()
        if not (has(actor, Permission.ATTENDANCE_APPROVE) and person in below):
            raise Forbidden("You may see only your own and your team's shifts.")
    return list(await ShiftAssignment.of(actor).filter(employee_id=person).order_by("-created_at", "-id").limit(200))


async def assignments_between(actor: Actor, employee_id: UUID, first: date, last: date) -> list[ShiftAssignment]:
    """Unrevoked assignments of a person touching [first, last] (for counting working days)."""
    rows = await ShiftAssignment.of(actor).filter(employee_id=employee_id, revoked_at=None, starts_on__lte=last)
    return [a for a in rows if a.ends_on is None or a.ends_on >= first]


def _summary(row: ShiftAssignment, shift: Shift) -> dict[str, object]:
    return {"employee_id": row.employee_id, "shift": shift.code, "site_id": row.site_id, "starts_on": row.starts_on,
            "ends_on": row.ends_on, "source": row.source}
