"""GraphQL types for the reward pool: items, redemptions, entitlements, slots and conversion rules."""
from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.rewards import fulfilment
from backend.rewards.models import ConversionRule as ConversionRuleModel
from backend.rewards.models import Entitlement as EntitlementModel
from backend.rewards.models import MeetingSlot as MeetingSlotModel
from backend.rewards.models import Redemption as RedemptionModel
from backend.rewards.models import RedemptionStatus as RedemptionStatusEnum
from backend.rewards.models import RewardItem as RewardItemModel
from backend.rewards.models import RewardKind as RewardKindEnum
from schema.context import Info
from schema.core.enums import ConversionUnit, EntitlementKind, LimitPeriod, RedemptionStatus, RewardKind
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.type(description="Something in the reward pool (奖励池) that points can buy.")
class RewardItem:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: RewardKind = strawberry.field(description="What it is.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    description_en: str = strawberry.field(description="Details in English.")
    description_zh: str = strawberry.field(description="Details in Chinese.")
    image_url: str | None = strawberry.field(description="A picture.")
    cost_points: int = strawberry.field(description="Price in points.")
    stock: int | None = strawberry.field(description="Units left; null for unlimited.")
    per_person_limit: int | None = strawberry.field(description="Redemptions per person per period; null for no limit.")
    limit_period: LimitPeriod = strawberry.field(description="The period of the per-person limit.")
    requires_approval: bool = strawberry.field(description="A manager or HR approves each request.")
    amount_minor: int = strawberry.field(description="Cash bonus amount, in the currency's minor unit.")
    days: int = strawberry.field(description="Days of leave or remote work it gives.")
    starts_at: datetime | None = strawberry.field(description="When a training session starts.")
    location: str | None = strawberry.field(description="Where a training session takes place.")
    eligibility: JSON = strawberry.field(description="Gates: min_tenure_months, min_tier, min_score, min_attendance_rate.")
    active: bool = strawberry.field(description="Offered now.")
    model: strawberry.Private[RewardItemModel]

    @classmethod
    def from_model(cls, i: RewardItemModel) -> RewardItem:
        return cls(id=strawberry.ID(str(i.id)), kind=i.kind, name_en=i.name_en, name_zh=i.name_zh,
                   description_en=i.description_en, description_zh=i.description_zh, image_url=i.image_url,
                   cost_points=i.cost_points, stock=i.stock, per_person_limit=i.per_person_limit,
                   limit_period=i.limit_period, requires_approval=i.requires_approval, amount_minor=i.amount_minor,
                   days=i.days, starts_at=i.starts_at, location=i.location, eligibility=JSON(i.eligibility),
                   active=i.active, model=i)


@strawberry.type(description="A time published for a 1:1; booked by a redemption.")
class MeetingSlot:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    starts_at: datetime = strawberry.field(description="Start.")
    ends_at: datetime = strawberry.field(description="End.")
    location: str = strawberry.field(description="Where.")
    booked: bool = strawberry.field(description="Taken by a redemption.")
    host_id: strawberry.Private[UUID]

    @strawberry.field(description="Who you meet.")
    async def host(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.host_id)

    @classmethod
    def from_model(cls, s: MeetingSlotModel) -> MeetingSlot:
        return cls(id=strawberry.ID(str(s.id)), starts_at=s.starts_at, ends_at=s.ends_at, location=s.location,
                   booked=s.redemption_id is not None, host_id=s.host_id)


@strawberry.type(description="What a fulfilled (or pending) redemption gives.")
class RedemptionConfirmation:
    amount_minor: int = strawberry.field(description="Cash bonus, in the currency's minor unit (0 if none).")
    currency: str = strawberry.field(description="ISO 4217 code of the amount.")
    days: int = strawberry.field(description="Days of leave or remote work (0 if none).")
    valid_until: date | None = strawberry.field(description="Last day the days can be used.")
    voucher_code: str | None = strawberry.field(description="The voucher code, once fulfilled (requester and HR).")
    starts_at: datetime | None = strawberry.field(description="When the training session or meeting starts.")
    ends_at: datetime | None = strawberry.field(description="When the meeting ends.")
    location: str | None = strawberry.field(description="Where.")


@strawberry.type(description="A request for a reward, from request to fulfilment (or refund).")
class Redemption:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    status: RedemptionStatus = strawberry.field(description="Where it stands.")
    points: int = strawberry.field(description="Points it costs (held while pending).")
    note: str = strawberry.field(description="The requester's note.")
    requested_at: datetime = strawberry.field(description="When it was asked for.")
    decided_at: datetime | None = strawberry.field(description="When it was approved or declined.")
    decline_reason: str | None = strawberry.field(description="Why it was declined.")
    fulfilled_at: datetime | None = strawberry.field(description="When the reward was given.")
    model: strawberry.Private[RedemptionModel]

    @strawberry.field(description="What was asked for.")
    async def item(self, info: Info) -> RewardItem | None:
        found = await info.context.rewards.item.load(self.model.item_id)
        return RewardItem.from_model(found) if found else None

    @strawberry.field(description="Who asked.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.employee_id)

    @strawberry.field(description="Who is asked to approve (null: HR decides).")
    async def approver(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.approver_id)

    @strawberry.field(description="Who decided.")
    async def decided_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.decided_by_id)

    @strawberry.field(description="What it gives: money, days, a voucher code (requester and HR, once fulfilled), "
                                  "a session or meeting time. Ask for it on one redemption, not in lists.")
    async def confirmation(self, info: Info) -> RedemptionConfirmation:
        c = await fulfilment.get_confirmation(info.context.actor, self.model.id)
        return RedemptionConfirmation(amount_minor=c.amount_minor, currency=c.currency, days=c.days,
                                      valid_until=c.valid_until, voucher_code=c.voucher_code, starts_at=c.starts_at,
                                      ends_at=c.ends_at, location=c.location)

    @strawberry.field(description="An iCalendar invite for a CEO meeting (requester, host or HR); null for other rewards.")
    async def meeting_invite_url(self, info: Info) -> str | None:
        item = await info.context.rewards.item.load(self.model.item_id)
        if item is None or item.kind != RewardKindEnum.CEO_MEETING or self.model.status not in (
                RedemptionStatusEnum.PENDING, RedemptionStatusEnum.FULFILLED):
            return None
        return f"/exports/meetings/{self.model.id}.ics"

    @classmethod
    def from_model(cls, r: RedemptionModel) -> Redemption:
        return cls(id=strawberry.ID(str(r.id)), status=r.status, points=r.points, note=r.note,
                   requested_at=r.requested_at, decided_at=r.decided_at, decline_reason=r.decline_reason,
                   fulfilled_at=r.fulfilled_at, model=r)


@strawberry.type(description="Days of extra leave or remote work a person may take.")
class Entitlement:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: EntitlementKind = strawberry.field(description="Leave or remote days.")
    days: int = strawberry.field(description="Days granted.")
    used_days: int = strawberry.field(description="Days already taken.")
    valid_until: date | None = strawberry.field(description="Last day it can be used.")
    created_at: datetime = strawberry.field(description="When it was granted.")

    @classmethod
    def from_model(cls, e: EntitlementModel) -> Entitlement:
        return cls(id=strawberry.ID(str(e.id)), kind=e.kind, days=e.days, used_days=e.used_days,
                   valid_until=e.valid_until, created_at=e.created_at)


@strawberry.type(description="HR's exchange rate, e.g. ¥1,000 of bonus for 1 remote day.")
class ConversionRule:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    from_unit: ConversionUnit = strawberry.field(description="What is given up.")
    from_amount: int = strawberry.field(description="How much of it (money in minor units).")
    to_unit: ConversionUnit = strawberry.field(description="What is received.")
    to_amount: int = strawberry.field(description="How much of it.")
    active: bool = strawberry.field(description="Offered now.")

    @classmethod
    def from_model(cls, c: ConversionRuleModel) -> ConversionRule:
        return cls(id=strawberry.ID(str(c.id)), from_unit=c.from_unit, from_amount=c.from_amount, to_unit=c.to_unit,
                   to_amount=c.to_amount, active=c.active)
