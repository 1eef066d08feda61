"""The reward catalogue: HR creates, edits and (de)activates items and adjusts stock; everyone lists what
is on offer. Voucher and CEO-meeting stock is not set here: it follows codes (vouchers.py) and slots (slots.py)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypedDict, Unpack
from uuid import UUID

from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.rewards import policy, slots
from backend.rewards.eligibility import Gates
from backend.rewards.models import LimitPeriod, RewardItem, RewardKind

MAX_COST = 1_000_000
MAX_STOCK = 1_000_000
MAX_AMOUNT_MINOR = 1_000_000_000  # ¥10,000,000 in fen
DERIVED_STOCK = {RewardKind.VOUCHER: "Voucher stock follows the uploaded codes.",
                 RewardKind.CEO_MEETING: "Meeting stock follows the published slots."}
DAY_KINDS = (RewardKind.EXTRA_LEAVE, RewardKind.REMOTE_DAYS)


class ItemChanges(TypedDict, total=False):
    """What update_item may change (the kind is fixed once people have redeemed it)."""

    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    image_url: str | None
    cost_points: int
    stock: int | None
    per_person_limit: int | None
    limit_period: LimitPeriod
    requires_approval: bool
    amount_minor: int
    days: int
    starts_at: datetime | None
    location: str | None
    eligibility: dict[str, Any] | None


FIELDS = ("name_en", "name_zh", "description_en", "description_zh", "image_url", "cost_points", "stock",
          "per_person_limit", "limit_period", "requires_approval", "amount_minor", "days", "starts_at", "location",
          "eligibility")


async def create_item(
    actor: Actor, *, kind: RewardKind, name_en: str, name_zh: str, description_en: str = "", description_zh: str = "",
    image_url: str | None = None, cost_points: int, stock: int | None = None, per_person_limit: int | None = None,
    limit_period: LimitPeriod = LimitPeriod.YEAR, requires_approval: bool = True, amount_minor: int = 0, days: int = 0,
    starts_at: datetime | None = None, location: str | None = None, eligibility: Mapping[str, Any] | None = None,
) -> RewardItem:
    """HR adds an item. Requires REWARDS_MANAGE; audited as reward_item.created. VOUCHER and CEO_MEETING
    take no stock (it follows codes and slots). Raises Forbidden, ValidationFailed."""
    require(actor, Permission.REWARDS_MANAGE)
    try:
        kind = RewardKind(kind)
    except ValueError:
        raise ValidationFailed("Unknown reward kind.", field="kind") from None
    if kind in DERIVED_STOCK and stock is not None:
        raise ValidationFailed(DERIVED_STOCK[kind], field="stock")
    values = _validated(kind, {
        "name_en": name_en, "name_zh": name_zh, "description_en": description_en, "description_zh": description_zh,
        "image_url": image_url, "cost_points": cost_points, "stock": 0 if kind in DERIVED_STOCK else stock,
        "per_person_limit": per_person_limit, "limit_period": limit_period, "requires_approval": requires_approval,
        "amount_minor": amount_minor, "days": days, "starts_at": starts_at, "location": location,
        "eligibility": eligibility}, new_start=True)
    async with db.transaction():
        item = await RewardItem.create_for(actor, kind=kind, **values)
        await audit.record(actor, action="reward_item.created", entity_type="reward_item", entity_id=item.id,
                           after={"kind": kind, **values})
        if kind == RewardKind.CEO_MEETING:
            await slots.resync_meeting_stock(actor)  # slots already published for the CEO count at once
    return await RewardItem.of(actor).get(id=item.id)


async def update_item(actor: Actor, item_id: UUID, **changes: Unpack[ItemChanges]) -> RewardItem:
    """HR edits an item; only the given fields change. Setting `stock` overwrites the count (use
    adjust_stock for a relative change). Requires REWARDS_MANAGE; audited as reward_item.updated with the
    changed fields. Raises Forbidden, NotFound, ValidationFailed."""
    require(actor, Permission.REWARDS_MANAGE)
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if "stock" in changes and item.kind in DERIVED_STOCK:
        raise ValidationFailed(DERIVED_STOCK[item.kind], field="stock")
    current = {name: getattr(item, name) for name in FIELDS}
    merged: dict[str, Any] = {**current, **changes}
    values = _validated(item.kind, merged, new_start="starts_at" in changes and changes["starts_at"] != item.starts_at)
    before, after = audit.diff(current, values)
    if not after:
        return item
    async with db.transaction():
        # Only the changed columns: rewriting `stock` from this read would undo redemptions made meanwhile.
        await RewardItem.of(actor).filter(id=item.id).update(**after, updated_at=clock.now())
        await audit.record(actor, action="reward_item.updated", entity_type="reward_item", entity_id=item.id,
                           before=before, after=after)
    return await RewardItem.of(actor).get(id=item.id)


async def set_item_active(actor: Actor, item_id: UUID, *, active: bool) -> RewardItem:
    """Takes an item off the catalogue or back on; pending requests for it carry on. Requires
    REWARDS_MANAGE; audited as reward_item.activated / reward_item.deactivated. Raises Forbidden, NotFound."""
    require(actor, Permission.REWARDS_MANAGE)
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if item.active == active:
        return item
    async with db.transaction():
        await RewardItem.of(actor).filter(id=item.id).update(active=active, updated_at=clock.now())
        await audit.record(actor, action="reward_item.activated" if active else "reward_item.deactivated",
                           entity_type="reward_item", entity_id=item.id, before={"active": item.active},
                           after={"active": active})
    return await RewardItem.of(actor).get(id=item.id)


async def adjust_stock(actor: Actor, item_id: UUID, *, delta: int) -> RewardItem:
    """Adds (or with a negative delta removes) units; never below zero, race-safe against redemptions
    taking stock at the same time. Requires REWARDS_MANAGE; audited as reward_item.stock_adjusted.
    Raises Forbidden, NotFound, ValidationFailed (zero delta, unlimited or derived stock, below zero)."""
    require(actor, Permission.REWARDS_MANAGE)
    if isinstance(delta, bool) or not isinstance(delta, int) or delta == 0 or abs(delta) > MAX_STOCK:
        raise ValidationFailed(f"Change the stock by a whole number from 1 to {MAX_STOCK} either way.", field="delta")
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if item.kind in DERIVED_STOCK:
        raise ValidationFailed(DERIVED_STOCK[item.kind], field="delta")
    if item.stock is None:
        raise ValidationFailed("This reward has unlimited stock; set a number first.", field="delta")
    async with db.transaction():
        rows = RewardItem.of(actor).filter(id=item.id, stock__not_isnull=True)
        if delta < 0:
            rows = rows.filter(stock__gte=-delta)  # conditional: a redemption may have taken one meanwhile
        if not await rows.update(stock=F("stock") + delta, updated_at=clock.now()):
            left = (await RewardItem.of(actor).get(id=item.id)).stock
            raise ValidationFailed(f"Stock cannot go below zero; {left} left.", field="delta")
        after = await RewardItem.of(actor).get(id=item.id)
        await audit.record(actor, action="reward_item.stock_adjusted", entity_type="reward_item", entity_id=item.id,
                           before={"stock": (after.stock or 0) - delta}, after={"stock": after.stock, "delta": delta})
    return after


async def list_items(actor: Actor, *, kind: RewardKind | None = None, include_inactive: bool = False) -> list[RewardItem]:
    """The catalogue, cheapest first. Requires REWARDS_REDEEM; inactive items need REWARDS_MANAGE
    (else Forbidden)."""
    require(actor, Permission.REWARDS_REDEEM)
    query = RewardItem.of(actor)
    if include_inactive:
        if not has(actor, Permission.REWARDS_MANAGE):
            raise Forbidden("Only HR sees rewards taken off the catalogue.")
    else:
        query = query.filter(active=True)
    if kind is not None:
        query = query.filter(kind=kind)
    return list(await query.order_by("cost_points", "name_en", "id"))


async def get_item(actor: Actor, item_id: UUID) -> RewardItem:
    """One item; an inactive one is NotFound except for HR. Requires REWARDS_REDEEM."""
    require(actor, Permission.REWARDS_REDEEM)
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if not item.active and not has(actor, Permission.REWARDS_MANAGE):
        raise NotFound("No such reward.")
    return item


async def items_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[RewardItem | None]:
    """In the order of `ids`, inactive ones included (a redemption still names its item). For loaders."""
    found = {item.id: item for item in await RewardItem.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]


def _validated(kind: RewardKind, v: Mapping[str, Any], *, new_start: bool) -> dict[str, Any]:
    """Every field checked for this kind; returns the values to store."""
    values: dict[str, Any] = {
        "name_en": validation.trimmed(v["name_en"], field="nameEn", max_length=120),
        "name_zh": validation.trimmed(v["name_zh"], field="nameZh", max_length=120),
        "description_en": validation.trimmed(v["description_en"], field="descriptionEn", max_length=2000, required=False),
        "description_zh": validation.trimmed(v["description_zh"], field="descriptionZh", max_length=2000, required=False),
        "image_url": _image_url(v["image_url"]),
        "cost_points": _whole(v["cost_points"], 1, MAX_COST, field="costPoints", what="The cost"),
        "stock": None if v["stock"] is None else _whole(v["stock"], 0, MAX_STOCK, field="stock", what="Stock"),
        "per_person_limit": None if v["per_person_limit"] is None else _whole(
            v["per_person_limit"], 1, 1000, field="perPersonLimit", what="The per-person limit"),
        "limit_period": _period(v["limit_period"]),
        "requires_approval": _flag(v["requires_approval"]),
        "eligibility": Gates.parse(_mapping(v["eligibility"])).to_json(),
    }
    is_cash, has_days, is_training = kind == RewardKind.CASH_BONUS, kind in DAY_KINDS, kind == RewardKind.TRAINING
    values["amount_minor"] = _whole(v["amount_minor"], 1, MAX_AMOUNT_MINOR, field="amountMinor",
                                    what="The bonus amount") if is_cash else _zero(v["amount_minor"], "amountMinor")
    values["days"] = _whole(v["days"], 1, 30, field="days", what="Days") if has_days else _zero(v["days"], "days")
    if is_training and values["stock"] is None:
        raise ValidationFailed("Give the number of seats.", field="stock")
    if not is_training:
        _none(v["starts_at"], "startsAt")
        _none(v["location"], "location")
    values["starts_at"] = _starts_at(v["starts_at"], must_be_future=new_start) if is_training else None
    where = v["location"] if is_training else None
    values["location"] = None if where is None else validation.trimmed(where, field="location", max_length=200)
    return values


def _whole(value: Any, least: int, most: int, *, field: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise ValidationFailed(f"{what} is a whole number from {least} to {most:,}.", field=field)
    return value


def _zero(value: Any, field: str) -> int:
    if value not in (0, None) or isinstance(value, bool):
        raise ValidationFailed("This kind of reward does not use this field.", field=field)
    return 0


def _none(value: Any, field: str) -> None:
    if value is not None:
        raise ValidationFailed("Only a training or conference seat has a session time and place.", field=field)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationFailed("Say yes or no.", field="requiresApproval")
    return value


def _period(value: Any) -> LimitPeriod:
    try:
        return LimitPeriod(value)
    except ValueError:
        raise ValidationFailed("The limit period is month, quarter or year.", field="limitPeriod") from None


def _mapping(value: Any) -> Mapping[str, Any] | None:
    if value is not None and not isinstance(value, Mapping):
        raise ValidationFailed("Eligibility is an object of gates.", field="eligibility")
    return value


def _starts_at(value: Any, *, must_be_future: bool) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationFailed("Give the session time with its time zone.", field="startsAt")
    if must_be_future and value <= clock.now():
        raise ValidationFailed("The session must be in the future.", field="startsAt")
    return value


def _image_url(value: Any) -> str | None:
    if value is None or value == "":
        return None
    url = str(value).strip()
    safe = len(url) <= 500 and not any(c.isspace() or not c.isprintable() for c in url)
    https = url.startswith("https://") and len(url) > len("https://")
    static = url.startswith("/static/") and ".." not in url and "//" not in url and "\\" not in url
    if not (safe and (https or static)):
        raise ValidationFailed("Use an https:// address or a /static/ path (at most 500 characters).", field="imageUrl")
    return url
