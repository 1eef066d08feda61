"""What an attendance request does to other rows: reserving and releasing reward-pool remote days,
the shift assignment an approved flexible-hours or shift-change request makes, and the person-days it
makes stale. Building blocks of requests.py, called inside its transactions; no permission checks.

Remote days are counted against rewards' Entitlement (kind REMOTE_DAYS) with conditional UPDATEs, so
`used_days` can never pass `days` nor go below zero, however many requests race."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet

from backend.access.actor import Actor
from backend.attendance import assignments, dirty
from backend.attendance.models import AttendanceRequest, RequestKind, Shift
from backend.core.errors import Conflict, NotEligible
from backend.rewards.models import Entitlement, EntitlementKind

DEFAULT_WORK_DAYS = (1, 2, 3, 4, 5)
DEFAULT_SHIFT_CODE = "default"  # what applies to people without an assignment (schedule.py)


def _usable(actor: Actor, employee_id: UUID, today: date) -> QuerySet[Entitlement]:
    return Entitlement.of(actor).filter(employee_id=employee_id, kind=EntitlementKind.REMOTE_DAYS).filter(
        Q(valid_until=None) | Q(valid_until__gte=today))


async def remote_days_left(actor: Actor, employee_id: UUID, today: date) -> int:
    """Unexpired remote days the person holds and has not spent or reserved."""
    rows = await _usable(actor, employee_id, today).values_list("days", "used_days")
    return sum(max(0, total - used) for total, used in rows)


async def reserve_remote_days(actor: Actor, employee_id: UUID, days: int, today: date) -> UUID:
    """Spend `days` from one entitlement holding that many, soonest to expire first. Raises NotEligible."""
    candidates = await _usable(actor, employee_id, today).order_by("valid_until", "created_at", "id").values_list(
        "id", "days", "used_days")
    for entitlement_id, total, used in candidates:
        if total - used < days:
            continue
        # The condition is the guard: a concurrent reservation that got there first makes this match nothing.
        won = await Entitlement.of(actor).filter(id=entitlement_id, used_days__lte=F("days") - days).update(
            used_days=F("used_days") + days)
        if won:
            return UUID(str(entitlement_id))
    raise NotEligible(f"You have no reward-pool remote days left for {days} day(s).", field="useEntitlement")


async def release_remote_days(actor: Actor, request: AttendanceRequest) -> None:
    """Give a declined, cancelled or revoked request's days back (never below zero)."""
    if request.entitlement_id is None or request.days <= 0:
        return
    await Entitlement.of(actor).filter(id=request.entitlement_id, used_days__gte=request.days).update(
        used_days=F("used_days") - request.days)


async def working_days(actor: Actor, employee_id: UUID, first: date, last: date) -> int:
    """Days in [first, last] the person is scheduled to work: their covering shift's work days; with no
    assignment, those of the organisation's "default" shift (as schedule.py reads it), else Monday to Friday."""
    rows = await assignments.assignments_between(actor, employee_id, first, last)
    shifts = {s.id: s for s in await Shift.of(actor).filter(id__in=list({a.shift_id for a in rows}))} if rows else {}
    fallback = await Shift.of(actor).filter(code=DEFAULT_SHIFT_CODE, active=True).first()
    unassigned = fallback.work_days if fallback else DEFAULT_WORK_DAYS
    count = 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        current = assignments.newest_covering(rows, day)
        shift = shifts.get(current.shift_id) if current else None
        if day.isoweekday() in (shift.work_days if shift else unassigned):
            count += 1
    return count


def affected_days(request: AttendanceRequest, today: date) -> list[date]:
    """The person-days whose attendance the request's effect changes (none in the future)."""
    if request.kind == RequestKind.CORRECTION:
        return [request.starts_on] if request.starts_on <= today else []
    return assignments.stale_days(request.starts_on, request.ends_on, today)


async def mark(actor: Actor, request: AttendanceRequest, today: date) -> None:
    await dirty.mark(actor, [(request.employee_id, d) for d in affected_days(request, today)])


async def apply_approval(actor: Actor, request: AttendanceRequest) -> None:
    """Flexible hours and shift changes become an assignment; an approved remote day or correction is
    read by derivation as it is."""
    if request.kind in (RequestKind.FLEXIBLE_HOURS, RequestKind.SHIFT_CHANGE) and request.shift_id is not None:
        shift = await Shift.of(actor).get(id=request.shift_id)
        if not shift.active or (request.kind == RequestKind.FLEXIBLE_HOURS and not shift.flexible_option):
            # Raised inside the decision's transaction: the request stays pending.
            raise Conflict("HR no longer offers this shift; decline the request instead.", field="id")
        await assignments.create_for_request(actor, request_id=request.id, employee_id=request.employee_id,
                                             shift=shift, starts_on=request.starts_on, ends_on=request.ends_on)


async def undo_approval(actor: Actor, request: AttendanceRequest) -> None:
    await assignments.revoke_for_request(actor, request.id)
    await release_remote_days(actor, request)
