"""Attendance requests: an employee asks for flexible hours (one of the organisation's flexible options,
from a day on, open-ended), a shift change (a shift for a date range), a remote day (a date range,
optionally paid with reward-pool remote days) or a correction (a missed punch). The requester's manager
(else HR) decides in one step and an approval takes effect at once; the requester may cancel while it
is pending; HR may revoke an approved one, undoing its effect. Every transition is a conditional UPDATE
on the status, so a double decision or a decision racing a cancel leaves exactly one outcome; each is
audited, recorded in the outbox, marks the affected days for recompute and tells the person."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.attendance import assignments, request_effects, request_notify
from backend.attendance import request_queries as policy
from backend.attendance.models import AttendanceRequest, RequestKind, RequestStatus, Shift
from backend.attendance.request_events import AttendanceRequestDecided, AttendanceRequested
from backend.audit import service as audit
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, Forbidden, LimitExceeded, ValidationFailed
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus
from backend.performance.appeals import hr_ids

MAX_PAST_DAYS = 31  # how far back a request may reach (a correction, a forgotten remote day)
MAX_AHEAD_DAYS = 366
MAX_REMOTE_RANGE = 31
MAX_SHIFT_RANGE = 366
MAX_PENDING = 20  # per person: a flood of requests is a mistake, not a need
DIRECTIONS = ("in", "out")


@dataclass(frozen=True, slots=True)
class RequestDraft:
    kind: RequestKind
    starts_on: date
    ends_on: date | None = None
    shift_id: UUID | None = None
    punch_at: datetime | None = None
    punch_direction: str = ""
    reason: str = ""
    use_entitlement: bool = False


async def request_change(actor: Actor, draft: RequestDraft) -> AttendanceRequest:
    """The signed-in person (ATTENDANCE_REQUEST) asks; the approver is told. An identical pending request
    is returned as it is (a retried submit makes one request). Raises Forbidden, NotFound (shiftId),
    ValidationFailed, NotEligible (no remote days left), LimitExceeded (too many pending)."""
    require(actor, Permission.ATTENDANCE_REQUEST)
    me = policy.person_id(actor)
    requester = await Employee.of(actor).get(id=me)
    today = await assignments.local_today(actor)
    values = await _validated(actor, draft, today)
    same = await AttendanceRequest.of(actor).filter(employee_id=me, status=RequestStatus.PENDING, **{
        k: values[k] for k in ("kind", "starts_on", "ends_on", "shift_id", "punch_at", "punch_direction")}).first()
    if same is not None and bool(same.entitlement_id) == draft.use_entitlement:
        return same
    if await AttendanceRequest.of(actor).filter(employee_id=me, status=RequestStatus.PENDING).count() >= MAX_PENDING:
        raise LimitExceeded(f"You have {MAX_PENDING} requests waiting already.", field="kind")
    approver_id = await _approver(actor, requester)
    async with db.transaction():
        if draft.use_entitlement:
            values["entitlement_id"] = await request_effects.reserve_remote_days(actor, me, values["days"], today)
        request = await AttendanceRequest.create_for(actor, employee_id=me, approver_id=approver_id,
                                                     created_at=clock.now(), **values)
        entry = await audit.record(actor, action="attendance_request.submitted", entity_type="attendance_request",
                                   entity_id=request.id, after={**values, "approver_id": approver_id})
        await outbox.emit(actor, AttendanceRequested(request_id=str(request.id), employee_id=str(me),
                                                     kind=request.kind.value,
                                                     approver_id=str(approver_id) if approver_id else None))
        await request_notify.submitted(actor, request, requester, entry)
    return request


async def decide_request(actor: Actor, request_id: UUID, *, approve: bool, note: str = "") -> AttendanceRequest:
    """A manager above the requester (ATTENDANCE_APPROVE) or HR (ATTENDANCE_MANAGE), never for
    themselves. Approving takes effect at once; declining gives reserved remote days back. Raises
    Forbidden, NotFound, ValidationFailed (note), Conflict (not pending any more)."""
    me = policy.person_id(actor)
    request = await AttendanceRequest.get_for(actor, request_id, what="request")
    scope = await policy.scope_of(actor)
    if not policy.may_read(scope, request.employee_id):
        raise Forbidden("Only the person's manager or HR can decide this request.")
    if request.status != RequestStatus.PENDING:
        raise Conflict(f"This request is {request.status.value} already.")
    if not policy.may_decide(scope, request):
        raise Forbidden("Only the person's manager or HR can decide this request.")
    text = validation.trimmed(note, field="note", max_length=500, required=False)
    status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    async with db.transaction():
        decided = await _transition(actor, request, RequestStatus.PENDING, status=status, decided_by_id=me,
                                    decided_at=clock.now(), decision_note=text)
        if approve:
            await request_effects.apply_approval(actor, decided)
        else:
            await request_effects.release_remote_days(actor, decided)
        await _after(actor, decided, action="decided", note=text, notify=True)
    return decided


async def cancel_request(actor: Actor, request_id: UUID) -> AttendanceRequest:
    """The requester withdraws a pending request; reserved remote days come back. Raises Forbidden,
    NotFound, Conflict (decided already)."""
    me = policy.person_id(actor)
    request = await AttendanceRequest.get_for(actor, request_id, what="request")
    if request.employee_id != me:
        raise Forbidden("Only the person who asked can cancel a request.")
    async with db.transaction():
        cancelled = await _transition(actor, request, RequestStatus.PENDING, status=RequestStatus.CANCELLED)
        await request_effects.release_remote_days(actor, cancelled)
        await _after(actor, cancelled, action="cancelled", note="", notify=False)
    return cancelled


async def revoke_request(actor: Actor, request_id: UUID, *, note: str) -> AttendanceRequest:
    """HR (ATTENDANCE_MANAGE) undoes an approved request (never their own): its assignment stops
    applying, its remote days come back, its days are recomputed. Raises Forbidden, NotFound,
    ValidationFailed (note), Conflict (not approved)."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    request = await AttendanceRequest.get_for(actor, request_id, what="request")
    if request.employee_id == policy.person_id(actor):
        raise Forbidden("Someone else revokes your own request.")
    text = validation.trimmed(note, field="note", max_length=500)
    async with db.transaction():
        revoked = await _transition(actor, request, RequestStatus.APPROVED, status=RequestStatus.REVOKED,
                                    revoked_at=clock.now(), decision_note=text)
        await request_effects.undo_approval(actor, revoked)
        await _after(actor, revoked, action="revoked", note=text, notify=True)
    return revoked


async def _transition(actor: Actor, request: AttendanceRequest, expected: RequestStatus,
                      **changes: Any) -> AttendanceRequest:
    # The conditional UPDATE is the decision: of two racing transitions only one matches the row.
    if not await AttendanceRequest.of(actor).filter(id=request.id, status=expected).update(**changes):
        current = await AttendanceRequest.of(actor).get(id=request.id)
        raise Conflict(f"This request is {current.status.value} already.")
    return await AttendanceRequest.of(actor).get(id=request.id)


async def _after(actor: Actor, request: AttendanceRequest, *, action: str, note: str, notify: bool) -> None:
    await request_effects.mark(actor, request, await assignments.local_today(actor))
    entry = await audit.record(actor, action=f"attendance_request.{action}", entity_type="attendance_request",
                               entity_id=request.id, before={"status": RequestStatus.PENDING.value
                                                             if action != "revoked" else RequestStatus.APPROVED.value},
                               after={"status": request.status.value, "note": note})
    await outbox.emit(actor, AttendanceRequestDecided(
        request_id=str(request.id), employee_id=str(request.employee_id), kind=request.kind.value,
        status=request.status.value, by_id=str(actor.employee_id) if actor.employee_id else None))
    if notify:
        by = await Employee.of(actor).get_or_none(id=actor.employee_id) if actor.employee_id else None
        await request_notify.decided(actor, request, entry, by=by)


async def _approver(actor: Actor, requester: Employee) -> UUID | None:
    """The requester's active manager; else the first HR admin (then owner) who is not the requester."""
    if requester.manager_id is not None and await Employee.of(actor).filter(
            id=requester.manager_id, status=EmployeeStatus.ACTIVE).exists():
        return requester.manager_id
    return next((h for h in await hr_ids(actor) if h != requester.id), None)


async def _validated(actor: Actor, draft: RequestDraft, today: date) -> dict[str, Any]:
    """The columns of a new request, or ValidationFailed / NotFound naming the field."""
    if draft.starts_on < today - timedelta(days=MAX_PAST_DAYS):
        raise ValidationFailed(f"Reach at most {MAX_PAST_DAYS} days back.", field="startsOn")
    if draft.starts_on > today + timedelta(days=MAX_AHEAD_DAYS):
        raise ValidationFailed(f"Ask at most {MAX_AHEAD_DAYS} days ahead.", field="startsOn")
    if draft.use_entitlement and draft.kind != RequestKind.REMOTE_DAY:
        raise ValidationFailed("Only remote days can use reward-pool days.", field="useEntitlement")
    values: dict[str, Any] = {
        "kind": draft.kind, "starts_on": draft.starts_on, "ends_on": None, "shift_id": None, "punch_at": None,
        "punch_direction": "", "days": 0, "reason": validation.trimmed(draft.reason, field="reason", max_length=500,
                                                                       required=False)}
    if draft.kind in (RequestKind.FLEXIBLE_HOURS, RequestKind.SHIFT_CHANGE):
        values["shift_id"] = (await _shift(actor, draft)).id
    if draft.kind == RequestKind.FLEXIBLE_HOURS:
        if draft.ends_on is not None:
            raise ValidationFailed("Flexible hours apply from a day on, with no end.", field="endsOn")
    elif draft.kind == RequestKind.SHIFT_CHANGE:
        values["ends_on"] = _range_end(draft, MAX_SHIFT_RANGE, required=True)
    elif draft.kind == RequestKind.REMOTE_DAY:
        values["ends_on"] = _range_end(draft, MAX_REMOTE_RANGE, required=False)
        values["days"] = await request_effects.working_days(actor, policy.person_id(actor), draft.starts_on,
                                                            values["ends_on"])
        if values["days"] < 1:
            raise ValidationFailed("There is no working day in that range.", field="endsOn")
    else:
        values["punch_at"], values["punch_direction"] = await _punch(actor, draft)
    return values


async def _shift(actor: Actor, draft: RequestDraft) -> Shift:
    if draft.shift_id is None:
        raise ValidationFailed("Choose a shift.", field="shiftId")
    shift = await Shift.get_for(actor, draft.shift_id, what="shift")
    if not shift.active:
        raise ValidationFailed("This shift is no longer offered.", field="shiftId")
    if draft.kind == RequestKind.FLEXIBLE_HOURS and not shift.flexible_option:
        raise ValidationFailed("Choose one of the flexible-hours options.", field="shiftId")
    return shift


def _range_end(draft: RequestDraft, max_days: int, *, required: bool) -> date:
    if draft.ends_on is None and required:
        raise ValidationFailed("Give the last day.", field="endsOn")
    end = draft.ends_on or draft.starts_on
    if end < draft.starts_on:
        raise ValidationFailed("The end must not be before the start.", field="endsOn")
    if (end - draft.starts_on).days + 1 > max_days:
        raise ValidationFailed(f"Cover at most {max_days} days.", field="endsOn")
    return end


async def _punch(actor: Actor, draft: RequestDraft) -> tuple[datetime, str]:
    """A correction: an aware moment, not in the future, within MAX_PAST_DAYS, on the day it corrects
    (or the morning after, for an overnight shift's out)."""
    punch_at, direction = draft.punch_at, draft.punch_direction.strip().lower()
    if punch_at is None or punch_at.tzinfo is None:
        raise ValidationFailed("Give the time of the missed punch with its UTC offset.", field="punchAt")
    if direction not in DIRECTIONS:
        raise ValidationFailed("Say whether it was an in or an out punch.", field="punchDirection")
    now = clock.now()
    if punch_at > now:
        raise ValidationFailed("A missed punch cannot be in the future.", field="punchAt")
    if punch_at < now - timedelta(days=MAX_PAST_DAYS):
        raise ValidationFailed(f"Correct punches of the last {MAX_PAST_DAYS} days only.", field="punchAt")
    local_day = punch_at.astimezone(await calendar.zone(actor)).date()
    if local_day not in (draft.starts_on, draft.starts_on + timedelta(days=1)):
        raise ValidationFailed("The punch must fall on the day it corrects (or the next morning).", field="punchAt")
    return punch_at.astimezone(UTC), direction
