"""Redeeming a reward: the request (stock taken, points held, slot booked: one transaction), the
approver's decision (capture and fulfil, or release and give back) and the requester's withdrawal."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, Forbidden, LimitExceeded, NotEligible, OutOfStock, ValidationFailed
from backend.notifications import service as notifications
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus
from backend.points import ledger
from backend.rewards import eligibility, fulfilment, policy, slots
from backend.rewards.events import RedemptionCancelled, RedemptionDeclined, RedemptionFulfilled, RedemptionRequested
from backend.rewards.models import MeetingSlot, Redemption, RedemptionStatus, RewardItem, RewardKind

_LIVE = (RedemptionStatus.PENDING, RedemptionStatus.FULFILLED)  # what counts toward a per-person limit


class _Retried(Exception):
    """The same client key raced in from a second request: roll this one back, the first one stands."""


async def redeem(
    actor: Actor, *, item_id: UUID, client_key: str, note: str = "", slot_id: UUID | None = None,
) -> Redemption:
    """A person asks for a reward: one unit of stock is taken, the points are held, a CEO meeting's slot is
    booked, the approver (line manager, else HR) is told. Items that need no approval are fulfilled at
    once. A retry with the same `client_key` returns the first request and moves nothing again. Requires
    REWARDS_REDEEM. Emits rewards.redemption_requested (and _fulfilled). Raises Forbidden, NotFound,
    ValidationFailed, NotEligible, LimitExceeded, OutOfStock (item, slot or voucher codes),
    InsufficientPoints; on any of them nothing is kept."""
    require(actor, Permission.REWARDS_REDEEM)
    me, key = policy.requester_id(actor), validation.client_key(client_key)
    if key.startswith(policy.GIFT_KEY_PREFIX):  # reserved: a guessed key must not pre-empt or reveal a gift
        raise ValidationFailed("This client key is reserved.", field="clientKey")
    if (existing := await Redemption.of(actor).get_or_none(employee_id=me, client_key=key)) is not None:
        return existing
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if not item.active:
        raise ValidationFailed("This reward is no longer offered.", field="itemId")
    if item.kind == RewardKind.TRAINING and item.starts_at is not None and item.starts_at <= clock.now():
        raise ValidationFailed("This session has already started.", field="itemId")
    employee = await Employee.of(actor).get(id=me)
    if employee.status != EmployeeStatus.ACTIVE:
        raise Forbidden("Only current employees can redeem rewards.")
    reasons = eligibility.check(eligibility.Gates.parse(item.eligibility), await eligibility.facts_for(actor, employee))
    if reasons:
        raise NotEligible(" ".join(r.text_en for r in reasons), field="itemId")
    text = validation.trimmed(note, field="note", max_length=500, required=False)
    slot = await _slot(actor, item, slot_id, me)
    approver = await policy.approver_for(actor, employee) if item.requires_approval else None
    try:
        redemption = await _request(actor, item, employee, key=key, note=text, slot=slot, approver_id=approver)
    except _Retried:
        return await Redemption.of(actor).get(employee_id=me, client_key=key)
    return await Redemption.of(actor).get(id=redemption.id)


async def _request(actor: Actor, item: RewardItem, employee: Employee, *, key: str, note: str,
                   slot: MeetingSlot | None, approver_id: UUID | None) -> Redemption:
    rid, now = uuid.uuid4(), clock.now()
    async with db.transaction():
        if item.per_person_limit is not None:
            await _within_limit(actor, item, employee.id, now)
        if item.kind != RewardKind.CEO_MEETING and item.stock is not None:
            # Conditional: racing requests cannot both take the last unit (STACK.md; select_for_update is
            # ignored on SQLite). The row lock it takes also queues the other takers until this commits.
            if not await RewardItem.of(actor).filter(id=item.id, stock__gte=1).update(stock=F("stock") - 1):
                raise OutOfStock("This reward is out of stock.", field="itemId")
        try:
            async with db.transaction():  # a savepoint, so the duplicate can be told apart
                redemption = await Redemption.create_for(
                    actor, id=rid, item_id=item.id, employee_id=employee.id, approver_id=approver_id,
                    points=item.cost_points, note=note, hold_transfer_id=rid, client_key=key, requested_at=now)
        except IntegrityError:
            raise _Retried from None
        held = await ledger.hold(actor, employee_id=employee.id, points=item.cost_points,
                                 idempotency_key=f"redemption:{rid}", source_type="redemption", source_id=rid)
        await Redemption.of(actor).filter(id=rid).update(hold_transfer_id=held.id)
        redemption.hold_transfer_id = held.id
        if slot is not None:
            if not await MeetingSlot.of(actor).filter(id=slot.id, redemption_id=None).update(redemption_id=rid):
                raise OutOfStock("Someone just booked that slot; choose another.", field="slotId")
            await slots.resync_meeting_stock(actor)
        await audit.record(actor, action="redemption.requested", entity_type="redemption", entity_id=rid, after={
            "item_id": item.id, "points": item.cost_points, "approver_id": approver_id,
            "slot_id": slot.id if slot else None})
        await outbox.emit(actor, RedemptionRequested(
            redemption_id=str(rid), employee_id=str(employee.id), item_id=str(item.id), kind=item.kind.value,
            points=item.cost_points, approver_id=str(approver_id) if approver_id else None,
            requires_approval=item.requires_approval))
        if item.requires_approval:
            await _ask(actor, redemption, item, employee, approver_id)
        else:
            await _transition(actor, redemption, RedemptionStatus.FULFILLED, decided_at=now, fulfilled_at=now)
            await _fulfil(actor, redemption, item, decided_by=None)
            await audit.record(actor, action="redemption.fulfilled", entity_type="redemption", entity_id=rid,
                               before={"status": RedemptionStatus.PENDING}, after={"status": RedemptionStatus.FULFILLED})
    return redemption


async def approve(actor: Actor, *, redemption_id: UUID) -> Redemption:
    """The approver grants a pending request: the held points are spent and the reward given. Two
    approvers racing give one fulfilment; the other gets Conflict. Requires REWARDS_APPROVE (a manager for
    people below them, HR for anyone, never one's own). Emits rewards.redemption_fulfilled. Raises
    Forbidden, NotFound, Conflict (already decided), OutOfStock (no voucher code left: nothing changes)."""
    require(actor, Permission.REWARDS_APPROVE)
    redemption = await _pending(actor, redemption_id)
    item = await RewardItem.of(actor).get(id=redemption.item_id)
    now = clock.now()
    async with db.transaction():
        await _transition(actor, redemption, RedemptionStatus.FULFILLED, decided_at=now, fulfilled_at=now,
                          decided_by_id=actor.employee_id)
        await _fulfil(actor, redemption, item, decided_by=actor.employee_id)
        await audit.record(actor, action="redemption.approved", entity_type="redemption", entity_id=redemption.id,
                           before={"status": RedemptionStatus.PENDING}, after={"status": RedemptionStatus.FULFILLED})
    return await Redemption.of(actor).get(id=redemption.id)


async def decline(actor: Actor, *, redemption_id: UUID, reason: str) -> Redemption:
    """The approver turns a pending request down, saying why: points go back to the wallet, the unit back
    to stock, a meeting slot is freed. Same permission rule as approve. Emits rewards.redemption_declined.
    Raises Forbidden, NotFound, ValidationFailed (reason), Conflict (already decided)."""
    require(actor, Permission.REWARDS_APPROVE)
    text = validation.trimmed(reason, field="reason", max_length=500)
    redemption = await _pending(actor, redemption_id)
    item = await RewardItem.of(actor).get(id=redemption.item_id)
    async with db.transaction():
        await _transition(actor, redemption, RedemptionStatus.DECLINED, decided_at=clock.now(),
                          decided_by_id=actor.employee_id, decline_reason=text)
        await _refund(actor, redemption, item)
        await _tell_requester(actor, redemption, "declined", notifications.Message(
            kind="redemption_declined", title_en=f"Your request for {item.name_en} was declined",
            title_zh=f"你兑换「{item.name_zh}」的申请未通过", body_en=text, body_zh=text, link=_link(redemption)))
        await outbox.emit(actor, RedemptionDeclined(**_facts(redemption, item), decided_by_id=_str(actor.employee_id),
                                                    reason=text))
        await audit.record(actor, action="redemption.declined", entity_type="redemption", entity_id=redemption.id,
                           before={"status": RedemptionStatus.PENDING},
                           after={"status": RedemptionStatus.DECLINED, "reason": text})
    return await Redemption.of(actor).get(id=redemption.id)


async def cancel(actor: Actor, *, redemption_id: UUID) -> Redemption:
    """The requester withdraws a pending request; refunded like a decline. Requires REWARDS_REDEEM and
    being the requester. Emits rewards.redemption_cancelled. Raises Forbidden, NotFound, Conflict."""
    require(actor, Permission.REWARDS_REDEEM)
    redemption = await Redemption.get_for(actor, redemption_id, what="redemption")
    if redemption.employee_id != actor.employee_id:
        raise Forbidden("Only the person who asked can withdraw a request.")
    if redemption.status != RedemptionStatus.PENDING:
        raise Conflict("This request was already decided.")
    item = await RewardItem.of(actor).get(id=redemption.item_id)
    async with db.transaction():
        await _transition(actor, redemption, RedemptionStatus.CANCELLED, decided_at=clock.now(),
                          decided_by_id=actor.employee_id)
        await _refund(actor, redemption, item)
        await outbox.emit(actor, RedemptionCancelled(**_facts(redemption, item)))
        await audit.record(actor, action="redemption.cancelled", entity_type="redemption", entity_id=redemption.id,
                           before={"status": RedemptionStatus.PENDING}, after={"status": RedemptionStatus.CANCELLED})
    return await Redemption.of(actor).get(id=redemption.id)


async def _pending(actor: Actor, redemption_id: UUID) -> Redemption:
    redemption = await Redemption.get_for(actor, redemption_id, what="redemption")
    await policy.require_decider(actor, redemption.employee_id)
    if redemption.status != RedemptionStatus.PENDING:
        raise Conflict("This request was already decided.")
    return redemption


async def _transition(actor: Actor, redemption: Redemption, status: RedemptionStatus, **values: Any) -> None:
    # Conditional on PENDING: of two deciders racing, the second updates nothing and gets Conflict
    # (PostgreSQL re-checks the condition once the first commits).
    if not await Redemption.of(actor).filter(id=redemption.id, status=RedemptionStatus.PENDING).update(
            status=status, **values):
        raise Conflict("This request was already decided.")


async def _fulfil(actor: Actor, redemption: Redemption, item: RewardItem, *, decided_by: UUID | None) -> None:
    await ledger.capture(actor, hold_id=redemption.hold_transfer_id,
                         idempotency_key=f"redemption:{redemption.id}:capture")
    await fulfilment.fulfil(actor, redemption=redemption, item=item)
    await _tell_requester(actor, redemption, "fulfilled", notifications.Message(
        kind="redemption_fulfilled", title_en=f"Your {item.name_en} is ready", title_zh=f"你兑换的「{item.name_zh}」已发放",
        link=_link(redemption), body_en=f"{redemption.points} points spent.", body_zh=f"已使用 {redemption.points} 积分。"))
    await outbox.emit(actor, RedemptionFulfilled(**_facts(redemption, item), decided_by_id=_str(decided_by)))


async def _refund(actor: Actor, redemption: Redemption, item: RewardItem) -> None:
    # Stock first, then points: the same lock order as a request, so the two cannot deadlock.
    if item.kind != RewardKind.CEO_MEETING:
        await RewardItem.of(actor).filter(id=item.id, stock__not_isnull=True).update(stock=F("stock") + 1)
    await ledger.release(actor, hold_id=redemption.hold_transfer_id,
                         idempotency_key=f"redemption:{redemption.id}:release")
    if await MeetingSlot.of(actor).filter(redemption_id=redemption.id).update(redemption_id=None):
        await slots.resync_meeting_stock(actor)


async def _ask(actor: Actor, redemption: Redemption, item: RewardItem, employee: Employee,
               approver_id: UUID | None) -> None:
    message = notifications.Message(
        kind="redemption_requested", title_en=f"{employee.name} asks for {item.name_en}",
        title_zh=f"{employee.name} 申请兑换「{item.name_zh}」", link="/approvals",
        body_en=f"{redemption.points} points held.", body_zh=f"已冻结 {redemption.points} 积分。")
    for recipient in [approver_id] if approver_id else await policy.hr_ids(actor, besides=employee.id):
        await notifications.notify(actor, recipient_id=recipient, message=message,
                                   dedupe_key=f"redemption:{redemption.id}:requested")


async def _tell_requester(actor: Actor, redemption: Redemption, what: str, message: notifications.Message) -> None:
    await notifications.notify(actor, recipient_id=redemption.employee_id, message=message,
                               dedupe_key=f"redemption:{redemption.id}:{what}")


def _link(redemption: Redemption) -> str:
    return f"/rewards/redemptions/{redemption.id}"


async def _within_limit(actor: Actor, item: RewardItem, employee_id: UUID, now: datetime) -> None:
    # Serialises one person's requests (PostgreSQL; SQLite runs one transaction at a time) so two racing
    # requests cannot both pass the count. NO KEY: rows referencing the person can still be written.
    await Employee.of(actor).select_for_update(no_key=True).get(id=employee_id)
    start, end = policy.period_bounds(now, await calendar.zone(actor), item.limit_period)
    used = await Redemption.of(actor).filter(employee_id=employee_id, item_id=item.id, status__in=_LIVE,
                                             requested_at__gte=start, requested_at__lt=end).count()
    limit = item.per_person_limit or 0
    if used >= limit:
        raise LimitExceeded(f"You can redeem this {limit} time{'s' if limit > 1 else ''} per "
                            f"{item.limit_period.value}, and you already have.", field="itemId")


async def _slot(actor: Actor, item: RewardItem, slot_id: UUID | None, requester: UUID) -> MeetingSlot | None:
    if item.kind != RewardKind.CEO_MEETING:
        if slot_id is not None:
            raise ValidationFailed("Only a meeting reward takes a slot.", field="slotId")
        return None
    if slot_id is None:
        raise ValidationFailed("Choose one of the free slots.", field="slotId")
    slot = await MeetingSlot.get_for(actor, slot_id, what="slot")
    if slot.item_id != item.id:
        raise ValidationFailed("That slot belongs to another meeting reward.", field="slotId")
    if slot.host_id == requester:
        raise ValidationFailed("You cannot book a meeting with yourself.", field="slotId")
    if slot.starts_at <= clock.now():
        raise ValidationFailed("That slot has passed; choose another.", field="slotId")
    if slot.redemption_id is not None:
        raise OutOfStock("Someone just booked that slot; choose another.", field="slotId")
    return slot


def _facts(redemption: Redemption, item: RewardItem) -> dict[str, Any]:
    return {"redemption_id": str(redemption.id), "employee_id": str(redemption.employee_id), "item_id": str(item.id),
            "kind": item.kind.value, "points": redemption.points}


def _str(value: UUID | None) -> str | None:
    return None if value is None else str(value)
