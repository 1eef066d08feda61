"""Decisions on evidence records: confirm or reject a claim (by id, or by the code its QR shows), HR's
revocation of a confirmed record, the owner's dispute of a rejection or revocation, and HR's
resolution of the dispute. Who may decide is record_policy's; every transition is a conditional
update on the status, so of two people deciding at once one wins and the other gets Conflict, and
nothing changes on an invalid transition.

A dispute remembers what it contests without a column: a revoked record had been confirmed
(confirmed_at is set), a rejected claim never was. An upheld dispute returns it there and cannot be
disputed again."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit.models import AuditEntry
from backend.core import clock, db, validation
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.growth import codes, notify, record_changes, record_policy
from backend.growth.models import GrowthRecord, RecordStatus
from backend.org.models import Employee

MAX_REASON = 2000
Notice = Callable[[GrowthRecord, AuditEntry], Awaitable[None]]
DECIDED = "This record was already decided; reload to see its state."


async def confirm_record(actor: Actor, record_id: UUID) -> GrowthRecord:
    """A confirmer (a manager above the person, the named session's trainer, HR; never the person)
    confirms a CLAIMED record: it counts from now on and its code is cleared. The owner is notified.
    Audited; emits growth.record_verified; marks the person. Raises NotFound, Forbidden, Conflict."""
    record = await _claim_to_decide(actor, record_id)
    return await _decide(actor, record, RecordStatus.CONFIRMED, reason="")


async def confirm_record_by_code(actor: Actor, code: str) -> GrowthRecord:
    """confirm_record for the record whose QR code was scanned (or typed). A code that matches no
    claim the actor may decide is NotFound, whatever the reason (codes are not probed)."""
    record_policy.person_id(actor)
    record = await claim_by_code(actor, code)
    if record is None:
        raise NotFound("No claim awaiting your confirmation has this code.", field="code")
    return await _decide(actor, record, RecordStatus.CONFIRMED, reason="")


async def reject_record(actor: Actor, record_id: UUID, *, reason: str) -> GrowthRecord:
    """A confirmer turns a CLAIMED record down, saying why. Notified, audited, emitted and marked like
    a confirmation. Raises NotFound, Forbidden, ValidationFailed (reason), Conflict."""
    text = validation.trimmed(reason, field="reason", max_length=MAX_REASON)
    record = await _claim_to_decide(actor, record_id)
    return await _decide(actor, record, RecordStatus.REJECTED, reason=text)


async def claim_by_code(actor: Actor, code: str) -> GrowthRecord | None:
    """The CLAIMED record with this code, if the actor may decide it; None otherwise."""
    normalised = codes.normalise(code)
    if normalised is None or actor.employee_id is None:
        return None
    record = await GrowthRecord.of(actor).get_or_none(confirmation_code=normalised, status=RecordStatus.CLAIMED)
    if record is None or not record_policy.may_confirm(await record_policy.scope_of(actor), record):
        return None
    return record


async def revoke_record(actor: Actor, record_id: UUID, *, reason: str) -> GrowthRecord:
    """HR withdraws a CONFIRMED record after an audit, saying why (not on their own record): it stops
    counting, progress recomputes, the owner is notified. Requires GROWTH_MANAGE. Raises Forbidden,
    NotFound, ValidationFailed (reason), Conflict (not confirmed)."""
    require(actor, Permission.GROWTH_MANAGE)
    text = validation.trimmed(reason, field="reason", max_length=MAX_REASON)
    record = await GrowthRecord.get_for(actor, record_id, what="record")
    _not_own(actor, record, "Another HR admin decides on your own records.")
    return await _move(actor, record, {RecordStatus.CONFIRMED}, RecordStatus.REVOKED, action="revoked",
                       values={"status_reason": text})


async def dispute_record(actor: Actor, record_id: UUID, *, reason: str) -> GrowthRecord:
    """The owner contests a rejection or a revocation, saying why; HR is notified and decides. Once
    per record: after HR upheld a decision, it stands. Requires GROWTH_CLAIM. Raises Forbidden,
    NotFound (a record you may not see), ValidationFailed (reason), Conflict."""
    require(actor, Permission.GROWTH_CLAIM)
    me = record_policy.person_id(actor)
    text = validation.trimmed(reason, field="reason", max_length=MAX_REASON)
    record = await GrowthRecord.get_for(actor, record_id, what="record")
    if record.employee_id != me:
        if record_policy.may_read(await record_policy.scope_of(actor), record.employee_id):
            raise Forbidden("Only the record's owner can dispute it.")
        raise NotFound("No such record.")
    if await _dispute_was_upheld(actor, record.id):
        raise Conflict("HR already decided a dispute on this record; the decision stands.")
    owner = await Employee.of(actor).get(id=me)

    async def tell_hr(moved: GrowthRecord, entry: AuditEntry) -> None:
        await notify.disputed(actor, moved, owner, entry)

    return await _move(actor, record, {RecordStatus.REJECTED, RecordStatus.REVOKED}, RecordStatus.DISPUTED,
                       action="disputed", values={"status_reason": text}, then=tell_hr)


async def resolve_dispute(actor: Actor, record_id: UUID, *, reinstate: bool, reason: str) -> GrowthRecord:
    """HR decides a DISPUTED record (not their own): reinstate → CONFIRMED (counts, HR as confirmer),
    uphold → back to REJECTED or REVOKED, with the reason. The owner is notified. Requires
    GROWTH_MANAGE. Raises Forbidden, NotFound, ValidationFailed (reason), Conflict."""
    require(actor, Permission.GROWTH_MANAGE)
    me = record_policy.person_id(actor)
    text = validation.trimmed(reason, field="reason", max_length=MAX_REASON)
    record = await GrowthRecord.get_for(actor, record_id, what="record")
    _not_own(actor, record, "Another HR admin decides on your own records.")
    if reinstate:
        values: dict[str, Any] = {"status_reason": text, "confirmed_by_id": me, "confirmed_at": clock.now()}
        return await _move(actor, record, {RecordStatus.DISPUTED}, RecordStatus.CONFIRMED, action="reinstated",
                           values=values)
    back = RecordStatus.REVOKED if record.confirmed_at is not None else RecordStatus.REJECTED
    return await _move(actor, record, {RecordStatus.DISPUTED}, back, action="dispute_upheld",
                       values={"status_reason": text})


async def _claim_to_decide(actor: Actor, record_id: UUID) -> GrowthRecord:
    record_policy.person_id(actor)
    record = await GrowthRecord.get_for(actor, record_id, what="record")
    scope = await record_policy.scope_of(actor)
    if not record_policy.may_decide_claim(scope, record.employee_id, record.attributes):
        if record_policy.may_read(scope, record.employee_id):
            raise Forbidden("Only a manager above this person, the session's trainer or HR can decide this "
                            "record, never its owner.")
        raise NotFound("No such record.")
    return record


async def _decide(actor: Actor, record: GrowthRecord, status: RecordStatus, *, reason: str) -> GrowthRecord:
    values: dict[str, Any] = {"status_reason": reason, "confirmation_code": None}
    if status == RecordStatus.CONFIRMED:
        values |= {"confirmed_by_id": actor.employee_id, "confirmed_at": clock.now()}
    return await _move(actor, record, {RecordStatus.CLAIMED}, status,
                       action="confirmed" if status == RecordStatus.CONFIRMED else "rejected",
                       values=values)


async def _move(actor: Actor, record: GrowthRecord, allowed: set[RecordStatus], to: RecordStatus, *, action: str,
                values: dict[str, Any], then: Notice | None = None) -> GrowthRecord:
    """The conditional transition: only from `allowed`; otherwise Conflict and nothing changes. The
    owner is told (or `then` tells whom it should), in the same transaction."""
    async with db.transaction():
        # updated_at by hand: a queryset update does not touch auto_now fields (the quality view sorts by it).
        changed = await GrowthRecord.of(actor).filter(id=record.id, status__in=list(allowed)).update(
            status=to, updated_at=clock.now(), **values)
        if not changed:
            raise Conflict(DECIDED)
        moved = await GrowthRecord.of(actor).get(id=record.id)
        entry = await record_changes.changed(actor, moved, action=action, before={"status": record.status},
                                             after={k: v for k, v in values.items() if k != "confirmation_code"})
        if then is not None:
            await then(moved, entry)
        else:
            by = await Employee.of(actor).get_or_none(id=actor.employee_id) if actor.employee_id else None
            await notify.decided(actor, moved, entry, by=by)
    return moved


def _not_own(actor: Actor, record: GrowthRecord, message: str) -> None:
    if actor.employee_id is not None and record.employee_id == actor.employee_id:
        raise Forbidden(message)


async def _dispute_was_upheld(actor: Actor, record_id: UUID) -> bool:
    return await AuditEntry.of(actor).filter(entity_type=record_changes.ENTITY, entity_id=str(record_id),
                                             action=f"{record_changes.ENTITY}.dispute_upheld").exists()
