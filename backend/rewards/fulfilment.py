"""What fulfilling a redemption does, per kind (a bonus line, an entitlement, a voucher code; a seat or a
meeting slot was already reserved at request time), and what the requester is shown afterwards."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.models import Locale, Organization
from backend.achievements import record
from backend.core import clock, db
from backend.core.errors import Conflict, Forbidden, OutOfStock, ValidationFailed
from backend.org import calendar
from backend.org.models import Employee
from backend.rewards import ics, policy
from backend.rewards.models import (
    Entitlement,
    EntitlementKind,
    MeetingSlot,
    Redemption,
    RedemptionStatus,
    RewardItem,
    RewardKind,
    VoucherCode,
)

_ENTITLEMENT = {RewardKind.EXTRA_LEAVE: EntitlementKind.EXTRA_LEAVE, RewardKind.REMOTE_DAYS: EntitlementKind.REMOTE_DAYS}
_LIVE = (RedemptionStatus.PENDING, RedemptionStatus.FULFILLED)


@dataclass(frozen=True, slots=True)
class Confirmation:
    """What a redemption gives, for the requester's confirmation screen. Fields not used by the kind are
    empty; the voucher code is shown to the requester and HR only, once fulfilled."""

    redemption_id: UUID
    kind: RewardKind
    status: RedemptionStatus
    amount_minor: int = 0
    currency: str = ""
    days: int = 0
    valid_until: date | None = None
    voucher_code: str | None = None
    starts_at: datetime | None = None  # the training session or the meeting
    ends_at: datetime | None = None  # the meeting's end
    location: str | None = None


async def fulfil(actor: Actor, *, redemption: Redemption, item: RewardItem) -> None:
    """Gives the reward. A building block for redemption.py, inside its transaction, after the status
    changed to FULFILLED (so it runs once); no permission check. Raises OutOfStock (no voucher code left)."""
    now = clock.now()
    if item.kind == RewardKind.CASH_BONUS:
        await record.add_bonus_line(actor, employee_id=redemption.employee_id, amount_minor=item.amount_minor,
                                    reason=f"Reward: {item.name_en}", source_type="redemption", source_id=redemption.id)
    elif item.kind in _ENTITLEMENT:
        until = policy.valid_until(now, await calendar.zone(actor))
        try:
            async with db.transaction():  # a savepoint: the one-to-one on the redemption keeps it single
                await Entitlement.create_for(actor, employee_id=redemption.employee_id, kind=_ENTITLEMENT[item.kind],
                                             days=item.days, valid_until=until, redemption_id=redemption.id,
                                             created_at=now)
        except IntegrityError:
            pass
    elif item.kind == RewardKind.VOUCHER:
        await _draw_code(actor, redemption_id=redemption.id, item_id=item.id)
    # TRAINING: the redemption is the seat (stock counts seats). CEO_MEETING: the slot was booked on request.


async def _draw_code(actor: Actor, *, redemption_id: UUID, item_id: UUID) -> None:
    unused = VoucherCode.of(actor).filter(item_id=item_id, redemption_id=None).order_by("uploaded_at", "id")
    # First one row no other fulfilment holds (PostgreSQL; whole rows, as values_list() would drop the
    # FOR UPDATE); then any, waiting if need be. The conditional update decides: a lost candidate means
    # trying the next.
    for query in (unused.select_for_update(skip_locked=True).limit(1), unused.limit(10)):
        for candidate in await query:
            won = VoucherCode.of(actor).filter(id=candidate.id, redemption_id=None)
            if await won.update(redemption_id=redemption_id):
                return
    raise OutOfStock("No voucher codes are left for this reward.", field="itemId")


async def get_confirmation(actor: Actor, redemption_id: UUID) -> Confirmation:
    """Seen by the requester, their managers and HR (else Forbidden); NotFound for unknown ids."""
    redemption = await Redemption.get_for(actor, redemption_id, what="redemption")
    if not await policy.may_see(actor, redemption.employee_id):
        raise Forbidden("This is someone else's request.")
    item = await RewardItem.of(actor).get(id=redemption.item_id)
    result = Confirmation(redemption_id=redemption.id, kind=item.kind, status=redemption.status)
    done = redemption.status == RedemptionStatus.FULFILLED
    if item.kind == RewardKind.CASH_BONUS:
        org = await Organization.get(id=actor.tenant_id)
        return replace(result, amount_minor=item.amount_minor, currency=org.currency)
    if item.kind in _ENTITLEMENT:
        granted = await Entitlement.of(actor).get_or_none(redemption_id=redemption.id)
        return replace(result, days=item.days, valid_until=granted.valid_until if granted else None)
    if item.kind == RewardKind.TRAINING:
        return replace(result, starts_at=item.starts_at, location=item.location)
    if item.kind == RewardKind.VOUCHER:
        mine = actor.employee_id == redemption.employee_id or policy.is_hr(actor)
        code = await VoucherCode.of(actor).get_or_none(redemption_id=redemption.id) if done and mine else None
        return replace(result, voucher_code=code.code if code else None)
    slot = await MeetingSlot.of(actor).get_or_none(redemption_id=redemption.id)
    return replace(result, starts_at=slot.starts_at if slot else None, ends_at=slot.ends_at if slot else None,
                 location=slot.location if slot else None)


async def meeting_invite(actor: Actor, redemption_id: UUID) -> str:
    """The booked CEO 1:1 as an iCalendar file (TENTATIVE while pending, CONFIRMED once approved), for the
    requester, the host or HR (else Forbidden). Raises NotFound, ValidationFailed (not a meeting reward),
    Conflict (declined, cancelled, or no slot booked)."""
    redemption = await Redemption.get_for(actor, redemption_id, what="redemption")
    item = await RewardItem.of(actor).get(id=redemption.item_id)
    if item.kind != RewardKind.CEO_MEETING:
        raise ValidationFailed("Only a meeting reward has a calendar invite.", field="redemptionId")
    slot = await MeetingSlot.of(actor).get_or_none(redemption_id=redemption.id)
    if actor.employee_id not in (redemption.employee_id, slot.host_id if slot else None) and not policy.is_hr(actor):
        raise Forbidden("Only the requester, the host or HR can see this meeting.")
    if slot is None or redemption.status not in _LIVE:
        raise Conflict("No meeting is booked for this request.")
    people = {e.id: e for e in await Employee.of(actor).filter(id__in=[redemption.employee_id, slot.host_id])}
    requester, host = people[redemption.employee_id], people[slot.host_id]
    name = item.name_zh if requester.locale == Locale.ZH_CN else item.name_en
    return ics.render(ics.Event(
        uid=f"meeting-{slot.id}@seen", stamp=clock.now().astimezone(UTC), starts_at=slot.starts_at, ends_at=slot.ends_at,
        summary=f"{name} · {requester.name}", location=slot.location, description=redemption.note,
        organizer=ics.Person(email=host.email or "", name=host.name),
        attendees=[ics.Person(email=requester.email or "", name=requester.name)],
        status="CONFIRMED" if redemption.status == RedemptionStatus.FULFILLED else "TENTATIVE"))
