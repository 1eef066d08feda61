"""HR gives a catalogue item to a person without them spending points (a gift): one unit of stock is
taken and the item fulfilled at once exactly like a redemption needing no approval (a VOUCHER draws one
of HR's uploaded codes), recorded as a FULFILLED redemption costing 0 points whose note is the reason.
Idempotent on the caller's key: the redemption's unique (employee, client_key) decides, the key being
GIFT_KEY_PREFIX + the caller's key (people's own redemptions may not use that prefix)."""
from __future__ import annotations

import uuid
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, Forbidden, OutOfStock, ValidationFailed
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus
from backend.rewards import fulfilment
from backend.rewards.events import RedemptionFulfilled
from backend.rewards.models import Redemption, RedemptionStatus, RewardItem, RewardKind
from backend.rewards.policy import GIFT_KEY_PREFIX

# Who may give: HR (REWARDS_MANAGE) anything giftable; a use case acting for HR under its own
# permission (pin-and-reward: COMMUNITY_MODERATE) vouchers only. Checked here, not by the callers.
_GIFTABLE = {
    Permission.REWARDS_MANAGE: frozenset({RewardKind.VOUCHER, RewardKind.EXTRA_LEAVE, RewardKind.REMOTE_DAYS}),
    Permission.COMMUNITY_MODERATE: frozenset({RewardKind.VOUCHER}),
}


class _Retried(Exception):
    """The same key raced in from a second call: roll this one back, the first one stands."""


async def gift_item(
    actor: Actor, *, item_id: UUID, employee_id: UUID, reason: str, idempotency_key: str,
    permission: Permission = Permission.REWARDS_MANAGE,
) -> Redemption:
    """Gives `item_id` to `employee_id` at no cost: stock taken, the item fulfilled (a voucher code drawn),
    the person told; no approval. A retry with the same key returns the first gift and moves nothing.
    Requires REWARDS_MANAGE, or COMMUNITY_MODERATE passed as `permission` for a voucher given with a pin.
    Emits rewards.redemption_fulfilled (points 0). Raises Forbidden, NotFound, ValidationFailed (item not
    giftable or inactive, person not active, reason), Conflict (key used for another item), OutOfStock
    (no stock or no voucher code left); on any of them nothing is kept."""
    if permission not in _GIFTABLE:
        raise Forbidden("This permission cannot give rewards.")
    require(actor, permission)
    key = GIFT_KEY_PREFIX + idempotency_key.strip()
    if len(idempotency_key.strip()) < 8 or len(key) > 64:
        raise ValidationFailed("The idempotency key is 8–59 characters.", field="idempotencyKey")
    if (existing := await Redemption.of(actor).get_or_none(employee_id=employee_id, client_key=key)) is not None:
        return _same(existing, item_id)
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if item.kind not in _GIFTABLE[permission]:
        raise ValidationFailed("This reward cannot be given as a gift (cash goes through bonus pools).",
                               field="itemId")
    if not item.active:
        raise ValidationFailed("This reward is no longer offered.", field="itemId")
    employee = await Employee.get_for(actor, employee_id, what="employee")
    if employee.status != EmployeeStatus.ACTIVE:
        raise ValidationFailed("Only current employees can be given rewards.", field="employeeId")
    if employee.id == actor.employee_id:
        raise Forbidden("You cannot give yourself a reward.")
    text = validation.trimmed(reason, field="reason", max_length=500)
    try:
        rid = await _give(actor, item, employee, key=key, reason=text)
    except _Retried:
        return _same(await Redemption.of(actor).get(employee_id=employee.id, client_key=key), item_id)
    return await Redemption.of(actor).get(id=rid)


async def _give(actor: Actor, item: RewardItem, employee: Employee, *, key: str, reason: str) -> UUID:
    rid, now = uuid.uuid4(), clock.now()
    async with db.transaction():  # a savepoint when the caller has a transaction (pin-and-reward)
        # Conditional, as in redemption.py: racing gifts cannot both take the last unit, and the row lock
        # queues a retry behind the first until it commits (then its insert hits the unique key).
        if item.stock is not None and not await RewardItem.of(actor).filter(id=item.id, stock__gte=1).update(
                stock=F("stock") - 1):
            raise OutOfStock("This reward is out of stock.", field="itemId")
        try:
            async with db.transaction():  # a savepoint, so the duplicate can be told apart
                # No points move, so no hold: hold_transfer_id (required) is the redemption's own id.
                redemption = await Redemption.create_for(
                    actor, id=rid, item_id=item.id, employee_id=employee.id, approver_id=None, points=0,
                    status=RedemptionStatus.FULFILLED, note=reason, hold_transfer_id=rid, client_key=key,
                    requested_at=now, decided_at=now, decided_by_id=actor.employee_id, fulfilled_at=now)
        except IntegrityError:
            raise _Retried from None
        await fulfilment.fulfil(actor, redemption=redemption, item=item)  # OutOfStock: no code left
        await notifications.notify(actor, recipient_id=employee.id, dedupe_key=f"redemption:{rid}:fulfilled",
                                   message=notifications.Message(
                                       kind="redemption_fulfilled", link=f"/rewards/redemptions/{rid}",
                                       title_en=f"You were given {item.name_en}", title_zh=f"你获得了「{item.name_zh}」",
                                       body_en=f"A gift, no points spent: {reason}",
                                       body_zh=f"赠送，无需积分：{reason}"))
        await outbox.emit(actor, RedemptionFulfilled(
            redemption_id=str(rid), employee_id=str(employee.id), item_id=str(item.id), kind=item.kind.value,
            points=0, decided_by_id=str(actor.employee_id) if actor.employee_id else None))
        await audit.record(actor, action="redemption.gifted", entity_type="redemption", entity_id=rid, after={
            "item_id": item.id, "employee_id": employee.id, "points": 0, "gift": True, "reason": reason})
    return rid


def _same(existing: Redemption, item_id: UUID) -> Redemption:
    if existing.item_id != item_id:
        raise Conflict("This gift was already given with another reward.", field="itemId")
    return existing
