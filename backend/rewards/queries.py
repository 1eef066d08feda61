"""Reading the reward pool: one's own requests and entitlements, an approver's queue, the home card's next
reward within reach, and the share of redemptions per kind for HR insights. Read-only."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.functions import Count

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock
from backend.core.errors import Forbidden, ValidationFailed
from backend.core.pagination import Page, paginate
from backend.org import calendar
from backend.org.models import Employee
from backend.org.views import Visibility
from backend.points.queries import balances_by_employee_ids
from backend.rewards import eligibility, policy
from backend.rewards.models import (
    Entitlement,
    MeetingSlot,
    Redemption,
    RedemptionStatus,
    RewardItem,
    RewardKind,
    VoucherCode,
)

_COUNTED = (RedemptionStatus.PENDING, RedemptionStatus.FULFILLED)  # asked for and not taken back


@dataclass(frozen=True, slots=True)
class ItemProgress:
    """The home card: a reward and how far the wallet is from it."""

    item: RewardItem
    wallet: int
    missing: int  # points still needed; 0 when affordable

    @property
    def affordable(self) -> bool:
        return self.missing == 0


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: RewardKind
    count: int
    share: float  # of all redemptions counted in the window, 0..1


async def list_my_redemptions(actor: Actor, *, first: int = 20, after: str | None = None) -> Page[Redemption]:
    """The signed-in person's requests, newest first. Raises Forbidden (no person), ValidationFailed (paging)."""
    me = policy.requester_id(actor)
    return await paginate(Redemption.of(actor).filter(employee_id=me), first=first, after=after, key="requested_at",
                          descending=True)


async def list_approvals(
    actor: Actor, *, first: int = 20, after: str | None = None, status: RedemptionStatus = RedemptionStatus.PENDING,
) -> Page[Redemption]:
    """What this approver may decide (or has): requests of people below them, or everyone's for HR; never
    their own. Pending ones oldest first (a queue), others newest first. Requires REWARDS_APPROVE."""
    require(actor, Permission.REWARDS_APPROVE)
    query = Redemption.of(actor).filter(status=status)
    if not policy.is_hr(actor):
        query = query.filter(employee_id__in=list(await Visibility(actor).subordinates()))
    if actor.employee_id is not None:
        query = query.exclude(employee_id=actor.employee_id)
    return await paginate(query, first=first, after=after, key="requested_at",
                          descending=status != RedemptionStatus.PENDING)


async def get_redemption(actor: Actor, redemption_id: UUID) -> Redemption:
    """For the requester, anyone above them, and HR (else Forbidden). Raises NotFound."""
    redemption = await Redemption.get_for(actor, redemption_id, what="redemption")
    if not await policy.may_see(actor, redemption.employee_id):
        raise Forbidden("This is someone else's request.")
    return redemption


async def redemptions_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Redemption | None]:
    """In the order of `ids`; None for unknown ids and for those the actor may not see. For loaders."""
    found = {r.id: r for r in await Redemption.of(actor).filter(id__in=list(ids))} if ids else {}
    visibility = Visibility(actor)
    return [r if r is not None and await policy.may_see(actor, r.employee_id, visibility) else None
            for r in (found.get(i) for i in ids)]


async def list_my_entitlements(actor: Actor, *, include_expired: bool = False) -> list[Entitlement]:
    """The person's leave and remote days, soonest to expire first (the attendance module spends them)."""
    me = policy.requester_id(actor)
    query = Entitlement.of(actor).filter(employee_id=me)
    if not include_expired:
        today = clock.now().astimezone(await calendar.zone(actor)).date()
        query = query.filter(valid_until__gte=today)
    return list(await query.order_by("valid_until", "created_at", "id"))


async def get_entitlement(actor: Actor, entitlement_id: UUID) -> Entitlement:
    """One entitlement, for its holder, anyone above them and HR (else Forbidden). Raises NotFound."""
    entitlement = await Entitlement.get_for(actor, entitlement_id, what="entitlement")
    if not await policy.may_see(actor, entitlement.employee_id):
        raise Forbidden("These are someone else's days.")
    return entitlement


async def get_eligibility(actor: Actor, *, item_id: UUID) -> list[eligibility.Reason]:
    """Why the signed-in person cannot redeem an item yet (empty: they can), in both languages."""
    require(actor, Permission.REWARDS_REDEEM)
    item = await RewardItem.get_for(actor, item_id, what="reward")
    employee = await Employee.of(actor).get(id=policy.requester_id(actor))
    return eligibility.check(eligibility.Gates.parse(item.eligibility), await eligibility.facts_for(actor, employee))


async def next_within_reach(actor: Actor) -> ItemProgress | None:
    """The cheapest active, in-stock item the person is eligible for but cannot afford yet; when they can
    afford all of those, the most expensive one. None when nothing qualifies. Per-person limits are not
    considered here (redeem enforces them)."""
    me = policy.requester_id(actor)
    employee = await Employee.of(actor).get(id=me)
    facts = await eligibility.facts_for(actor, employee)
    items = [i for i in await RewardItem.of(actor).filter(active=True).order_by("cost_points", "id")
             if (i.stock is None or i.stock > 0) and not eligibility.check(eligibility.Gates.parse(i.eligibility), facts)]
    if not items:
        return None
    wallet = (await balances_by_employee_ids(actor, [me]))[0].wallet
    out_of_reach = [i for i in items if i.cost_points > wallet]
    if out_of_reach:
        return ItemProgress(item=out_of_reach[0], wallet=wallet, missing=out_of_reach[0].cost_points - wallet)
    return ItemProgress(item=items[-1], wallet=wallet, missing=0)


async def redemption_counts_by_kind(actor: Actor, *, since: datetime, until: datetime) -> list[KindCount]:
    """Redemptions asked for in [since, until), not declined or cancelled, per kind (every kind listed,
    most chosen first): the "~30 % training, ~25 % extra leave" insight. Requires REWARDS_MANAGE."""
    require(actor, Permission.REWARDS_MANAGE)
    if since.tzinfo is None or until.tzinfo is None or since >= until:
        raise ValidationFailed("Give an aware time window whose start is before its end.", field="since")
    # UTC bounds: SQLite compares stored instants as text.
    rows = await Redemption.of(actor).filter(status__in=_COUNTED, requested_at__gte=since.astimezone(UTC),
                                             requested_at__lt=until.astimezone(UTC)) \
        .annotate(n=Count("id")).group_by("item_id").values_list("item_id", "n")
    found = await RewardItem.of(actor).filter(id__in=[r[0] for r in rows]).values_list("id", "kind") if rows else []
    kinds = {str(i): RewardKind(k) for i, k in found}
    counts = dict.fromkeys(RewardKind, 0)
    for item_id, n in rows:
        counts[kinds[str(item_id)]] += int(n)
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], list(RewardKind).index(pair[0])))
    return [KindCount(kind=k, count=n, share=n / total if total else 0.0) for k, n in ranked]


async def slots_by_redemption_ids(actor: Actor, ids: Sequence[UUID]) -> list[MeetingSlot | None]:
    """The slot each redemption booked, in the order of `ids`; None when there is none or the actor may not
    see the redemption. For loaders (two queries, plus one for a manager's team)."""
    seen = await _visible(actor, ids)
    booked = await MeetingSlot.of(actor).filter(redemption_id__in=list(seen)) if seen else []
    slots = {s.redemption_id: s for s in booked}
    return [slots.get(i) for i in ids]


async def voucher_codes_by_redemption_ids(actor: Actor, ids: Sequence[UUID]) -> list[str | None]:
    """The code each fulfilled voucher redemption drew, for its requester and HR only (None otherwise).
    For loaders."""
    mine = {r.id for r in await Redemption.of(actor).filter(id__in=list(ids), status=RedemptionStatus.FULFILLED)
            if policy.is_hr(actor) or r.employee_id == actor.employee_id} if ids else set()
    drawn = await VoucherCode.of(actor).filter(redemption_id__in=list(mine)) if mine else []
    codes = {c.redemption_id: c.code for c in drawn}
    return [codes.get(i) for i in ids]


async def _visible(actor: Actor, ids: Sequence[UUID]) -> set[UUID]:
    return {r.id for r in await redemptions_by_ids(actor, ids) if r is not None}
