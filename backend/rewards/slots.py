"""CEO meeting slots: the host (by default the organisation's owner) or HR publishes times; a CEO_MEETING
redemption books one. Slots are not tied to one item, so every CEO_MEETING item offers the free future
slots, and the stock of those items is kept equal to how many there are."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from uuid import UUID

from tortoise.queryset import QuerySet

from backend.access.actor import Actor
from backend.access.models import AccountState, UserAccount
from backend.access.permissions import Permission, Role, has, require
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.org.models import Employee, EmployeeStatus
from backend.rewards.models import MeetingSlot, RewardItem, RewardKind

MAX_LENGTH = timedelta(hours=4)
MAX_PER_PUBLISH = 50
SlotTimes = tuple[datetime, datetime, str]  # starts_at, ends_at, location


async def publish_slots(
    actor: Actor, *, item_id: UUID, slots: Sequence[SlotTimes], host_id: UUID | None = None,
) -> list[MeetingSlot]:
    """Publishes 1:1 times for a CEO_MEETING item. `host_id` defaults to the organisation's owner (the
    CEO). Requires REWARDS_MANAGE, or being the host with the owner role. Each slot is in the future, ends
    after it starts, lasts at most 4 hours, and overlaps none of the host's other slots (or this batch's).
    Raises Forbidden, NotFound, ValidationFailed (field "slots", naming the slot by its 1-based number)."""
    if not has(actor, Permission.REWARDS_MANAGE) and actor.role != Role.OWNER:
        raise Forbidden("Only HR or the host can publish meeting slots.")
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if item.kind != RewardKind.CEO_MEETING:
        raise ValidationFailed("Slots belong to a meeting reward.", field="itemId")
    host = await _host(actor, host_id)
    if not has(actor, Permission.REWARDS_MANAGE) and not (actor.employee_id == host.id and actor.role == Role.OWNER):
        raise Forbidden("Only HR or the host can publish meeting slots.")
    times = _checked(slots)
    async with db.transaction():
        # Serialises two publishes for one host (PostgreSQL; SQLite runs one transaction at a time), so
        # the overlap check below cannot be passed by both. NO KEY: bookings referencing the host still go on.
        await Employee.of(actor).select_for_update(no_key=True).get(id=host.id)
        earliest, latest = min(t[0] for t in times), max(t[1] for t in times)
        taken = await MeetingSlot.of(actor).filter(host_id=host.id, starts_at__lt=latest, ends_at__gt=earliest)
        for n, (start, end, _) in enumerate(times, start=1):
            if any(s.starts_at < end and start < s.ends_at for s in taken):
                raise ValidationFailed(f"Slot {n} overlaps one {host.name} already has.", field="slots")
        made = [MeetingSlot.build_for(actor, item_id=item.id, host_id=host.id, starts_at=start, ends_at=end, location=where)
                for start, end, where in times]
        await MeetingSlot.bulk_create(made)
        await resync_meeting_stock(actor)
        await audit.record(actor, action="meeting_slots.published", entity_type="reward_item", entity_id=item.id,
                           after={"host_id": host.id, "slots": [[s.isoformat(), e.isoformat()] for s, e, _ in times]})
    return made


async def list_free_slots(actor: Actor, *, item_id: UUID) -> list[MeetingSlot]:
    """Future, unbooked slots a CEO_MEETING item offers, soonest first. Requires REWARDS_REDEEM.
    Raises NotFound (unknown, inactive for non-HR, or not a meeting reward)."""
    require(actor, Permission.REWARDS_REDEEM)
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if item.kind != RewardKind.CEO_MEETING or (not item.active and not has(actor, Permission.REWARDS_MANAGE)):
        raise NotFound("No such reward.")
    return list(await _free(actor).filter(item_id=item.id).order_by("starts_at", "id"))


async def resync_meeting_stock(actor: Actor) -> None:
    """Sets every CEO_MEETING item's stock to the number of its free future slots. Call inside the
    transaction *after* booking or freeing a slot: the item rows are locked first, so a concurrent
    booker's count waits for this one's commit and sees it (PostgreSQL read committed; SQLite runs one
    transaction at a time). A slot that passed unbooked drops out at the next call."""
    async with db.transaction():
        meetings = RewardItem.of(actor).filter(kind=RewardKind.CEO_MEETING).order_by("id")
        items = await meetings.select_for_update(no_key=True)
        free: dict[UUID, int] = {}
        for slot_item in await _free(actor).values_list("item_id", flat=True):
            free[UUID(str(slot_item))] = free.get(UUID(str(slot_item)), 0) + 1
        for item in items:
            if item.stock != free.get(item.id, 0):
                await RewardItem.of(actor).filter(id=item.id).update(stock=free.get(item.id, 0))


def _free(actor: Actor) -> QuerySet[MeetingSlot]:
    return MeetingSlot.of(actor).filter(redemption_id=None, starts_at__gt=clock.now().astimezone(UTC))


async def ceo_id(actor: Actor) -> UUID | None:
    """The default host: the organisation's first active owner."""
    found = await UserAccount.of(actor).filter(role=Role.OWNER, state=AccountState.ACTIVE).order_by("created_at", "id") \
        .limit(1).values_list("employee_id", flat=True)
    return UUID(str(found[0])) if found else None


async def _host(actor: Actor, host_id: UUID | None) -> Employee:
    if host_id is None:
        host_id = await ceo_id(actor)
        if host_id is None:
            raise ValidationFailed("Choose who hosts the meetings.", field="hostId")
    host = await Employee.get_for(actor, host_id, what="host")
    if host.status != EmployeeStatus.ACTIVE:
        raise ValidationFailed("The host has left the company.", field="hostId")
    return host


def _checked(slots: Sequence[SlotTimes]) -> list[SlotTimes]:
    if not 1 <= len(slots) <= MAX_PER_PUBLISH:
        raise ValidationFailed(f"Publish between 1 and {MAX_PER_PUBLISH} slots at a time.", field="slots")
    now, checked = clock.now(), list[SlotTimes]()
    for n, (start, end, location) in enumerate(slots, start=1):
        if start.tzinfo is None or end.tzinfo is None:
            raise ValidationFailed(f"Slot {n}: give times with their time zone.", field="slots")
        if start <= now:
            raise ValidationFailed(f"Slot {n} is not in the future.", field="slots")
        if not start < end <= start + MAX_LENGTH:
            raise ValidationFailed(f"Slot {n} must end after it starts, within 4 hours.", field="slots")
        where = location.strip()
        if len(where) > 200:
            raise ValidationFailed(f"Slot {n}: use at most 200 characters for the place.", field="slots")
        if any(s < end and start < e for s, e, _ in checked):
            raise ValidationFailed(f"Slot {n} overlaps another slot in this list.", field="slots")
        checked.append((start.astimezone(UTC), end.astimezone(UTC), where))
    return checked
