"""Conversion rules (HR's exchange rates, e.g. ¥1,000 of bonus ↔ 1 remote day) and a person converting
pending bonus money into days off or remote days. Only bonus → remote/leave days is supported so far."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from tortoise.functions import Sum

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.access.permissions import Permission, has, require
from backend.achievements import record
from backend.achievements.models import BonusLine, BonusLineStatus
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import Forbidden, LimitExceeded, ValidationFailed
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus
from backend.rewards import policy
from backend.rewards.models import ConversionRule, ConversionUnit, Entitlement, EntitlementKind

MAX_AMOUNT = 10**12
MAX_DAYS = 60  # per conversion
SOURCE = "conversion"
_DAYS = {ConversionUnit.REMOTE_DAYS: (EntitlementKind.REMOTE_DAYS, "remote"),
         ConversionUnit.LEAVE_DAYS: (EntitlementKind.EXTRA_LEAVE, "leave")}
_NAMESPACE = uuid.UUID("6f1c1c52-2b1e-4c0e-9a57-5e3c0f6a1d21")


@dataclass(frozen=True, slots=True)
class Conversion:
    id: UUID  # derived from the person and the client key; the bonus line's source_id and the entitlement's id
    bonus_line_id: UUID
    entitlement_id: UUID
    amount_minor: int  # bonus given up, positive
    days: int
    kind: EntitlementKind
    valid_until: date | None


async def set_conversion_rule(
    actor: Actor, *, from_unit: ConversionUnit, from_amount: int, to_unit: ConversionUnit, to_amount: int,
) -> ConversionRule:
    """HR sets the rate for a pair of units; an active rule for the same pair is retired (kept for the
    record). Requires REWARDS_MANAGE; audited as conversion_rule.set. Raises Forbidden, ValidationFailed."""
    require(actor, Permission.REWARDS_MANAGE)
    try:
        source, target = ConversionUnit(from_unit), ConversionUnit(to_unit)
    except ValueError:
        raise ValidationFailed("Units are bonus_minor, remote_days, leave_days or points.", field="fromUnit") from None
    if source == target:
        raise ValidationFailed("Convert between two different units.", field="toUnit")
    give, get = _amount(from_amount, "fromAmount"), _amount(to_amount, "toAmount")
    async with db.transaction():
        retired = [r.id for r in await ConversionRule.of(actor).filter(from_unit=source, to_unit=target, active=True)]
        await ConversionRule.of(actor).filter(id__in=retired).update(active=False)
        rule = await ConversionRule.create_for(actor, from_unit=source, from_amount=give, to_unit=target, to_amount=get)
        await audit.record(actor, action="conversion_rule.set", entity_type="conversion_rule", entity_id=rule.id,
                           before={"retired": [str(i) for i in retired]} if retired else None,
                           after={"from_unit": source, "from_amount": give, "to_unit": target, "to_amount": get})
    return rule


async def list_conversion_rules(actor: Actor, *, include_inactive: bool = False) -> list[ConversionRule]:
    """Active rules (all with include_inactive, which needs REWARDS_MANAGE). Requires REWARDS_REDEEM."""
    require(actor, Permission.REWARDS_REDEEM)
    if include_inactive and not has(actor, Permission.REWARDS_MANAGE):
        raise Forbidden("Only HR sees retired conversion rules.")
    query = ConversionRule.of(actor) if include_inactive else ConversionRule.of(actor).filter(active=True)
    return list(await query.order_by("from_unit", "to_unit", "-created_at"))


async def convert(actor: Actor, *, rule_id: UUID, from_amount: int, client_key: str) -> Conversion:
    """The person trades pending bonus for days. Pending bonus is the sum of their BonusLines not yet
    exported (rules, HR and cash-bonus rewards add them; the next bonus export pays them). Converting
    records a negative pending BonusLine of `from_amount` (source "conversion"), so the next export pays
    that much less, and an Entitlement of the days, valid until the end of next calendar year (org time
    zone). `from_amount` is a whole multiple of the rule's; nothing is rounded. A retry with the same
    `client_key` returns the first conversion. Requires REWARDS_REDEEM; audited as bonus.converted.
    Raises Forbidden, NotFound (rule), ValidationFailed, LimitExceeded (pending bonus too small)."""
    require(actor, Permission.REWARDS_REDEEM)
    me, key = policy.requester_id(actor), validation.client_key(client_key)
    rule = await ConversionRule.get_for(actor, rule_id, what="conversion rule")
    cid = uuid.uuid5(_NAMESPACE, f"{me}:{key}")
    if (done := await _existing(actor, me, cid)) is not None:
        return done
    if not rule.active:
        raise ValidationFailed("This rate was replaced; use the current one.", field="ruleId")
    if rule.from_unit != ConversionUnit.BONUS_MINOR or rule.to_unit not in _DAYS:
        raise ValidationFailed("Only bonus to remote or leave days can be converted so far.", field="ruleId")
    amount = _amount(from_amount, "fromAmount")
    if amount % rule.from_amount:
        raise ValidationFailed(f"Convert a whole multiple of {rule.from_amount} (minor units).", field="fromAmount")
    days = amount // rule.from_amount * rule.to_amount
    if days > MAX_DAYS:
        raise ValidationFailed(f"Convert at most {MAX_DAYS} days at a time.", field="fromAmount")
    if (await Employee.of(actor).get(id=me)).status != EmployeeStatus.ACTIVE:
        raise Forbidden("Only current employees can convert a bonus.")
    kind, unit = _DAYS[ConversionUnit(rule.to_unit)]
    now = clock.now()
    async with db.transaction():
        # One person's conversions run one at a time (PostgreSQL row lock; SQLite runs one transaction at
        # a time), so two cannot both spend the same pending bonus. NO KEY: other writes go on.
        await Employee.of(actor).select_for_update(no_key=True).get(id=me)
        if (done := await _existing(actor, me, cid)) is not None:
            return done  # a racing retry committed first
        pending = await pending_bonus(actor, me)
        if pending < amount:
            currency = (await Organization.get(id=actor.tenant_id)).currency
            raise LimitExceeded(f"Your pending bonus is {_money(pending, currency)}; that is less than "
                                f"{_money(amount, currency)}.", field="fromAmount")
        reason = f"Converted to {days} {unit} day{'s' if days > 1 else ''}"
        line = await record.add_bonus_line(actor, employee_id=me, amount_minor=-amount, reason=reason,
                                           source_type=SOURCE, source_id=cid)
        until = policy.valid_until(now, await calendar.zone(actor))
        granted = await Entitlement.create_for(actor, id=cid, employee_id=me, kind=kind, days=days, redemption_id=None,
                                               valid_until=until, created_at=now)
        await audit.record(actor, action="bonus.converted", entity_type="conversion", entity_id=cid, after={
            "rule_id": rule.id, "amount_minor": amount, "days": days, "kind": kind})
    return Conversion(id=cid, bonus_line_id=line.id, entitlement_id=granted.id, amount_minor=amount, days=days,
                      kind=kind, valid_until=granted.valid_until)


async def my_pending_bonus(actor: Actor) -> int:
    """The signed-in person's pending bonus (what convert draws on), in minor units. Raises Forbidden."""
    return await pending_bonus(actor, policy.requester_id(actor))


async def pending_bonus(actor: Actor, employee_id: UUID) -> int:
    """A person's bonus money not yet exported, in minor units (conversions already taken off). No
    permission check: callers decide."""
    rows = await BonusLine.of(actor).filter(employee_id=employee_id, status=BonusLineStatus.PENDING) \
        .annotate(total=Sum("amount_minor")).values("total")
    return int(rows[0]["total"] or 0) if rows else 0


async def _existing(actor: Actor, employee_id: UUID, cid: UUID) -> Conversion | None:
    line = await BonusLine.of(actor).get_or_none(employee_id=employee_id, source_type=SOURCE, source_id=cid)
    granted = await Entitlement.of(actor).get_or_none(id=cid) if line is not None else None
    if line is None or granted is None:
        return None
    return Conversion(id=cid, bonus_line_id=line.id, entitlement_id=granted.id, amount_minor=-int(line.amount_minor),
                      days=granted.days, kind=granted.kind, valid_until=granted.valid_until)


def _amount(value: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_AMOUNT:
        raise ValidationFailed(f"Use a whole number from 1 to {MAX_AMOUNT:,}.", field=field)
    return value


def _money(minor: int, currency: str) -> str:
    sign, minor = ("-" if minor < 0 else ""), abs(minor)
    return f"{sign}{currency} {minor // 100:,}.{minor % 100:02d}"
