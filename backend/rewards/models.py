"""The reward pool (奖励池): catalogue items, redemptions, and what fulfilment produces (entitlements,
voucher codes, CEO meeting slots), plus HR's conversion rules. Written only by backend.rewards."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class RewardKind(StrEnum):
    CASH_BONUS = "cash_bonus"
    TRAINING = "training"  # a training course or conference seat
    EXTRA_LEAVE = "extra_leave"
    REMOTE_DAYS = "remote_days"
    CEO_MEETING = "ceo_meeting"  # a 1:1 with the CEO in one of their published slots
    VOUCHER = "voucher"  # e.g. ¥50 milk tea, a code drawn from an uploaded stock


class LimitPeriod(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class RewardItem(TenantScoped):
    kind = fields.CharEnumField(RewardKind, max_length=12)
    name_en = fields.CharField(max_length=120)
    name_zh = fields.CharField(max_length=120)
    description_en = fields.TextField(default="")
    description_zh = fields.TextField(default="")
    image_url = fields.CharField(max_length=500, null=True)
    cost_points = fields.IntField()
    # Units left to hand out; None means unlimited. Taken with a conditional update on request,
    # given back when a request is declined or cancelled.
    stock = fields.IntField(null=True)
    per_person_limit = fields.IntField(null=True)  # redemptions per person per limit_period
    limit_period = fields.CharEnumField(LimitPeriod, max_length=8, default=LimitPeriod.YEAR)
    requires_approval = fields.BooleanField(default=True)
    # What fulfilment gives: money for CASH_BONUS, whole days for EXTRA_LEAVE / REMOTE_DAYS.
    amount_minor = fields.BigIntField(default=0)
    days = fields.IntField(default=0)
    # A training seat's session, when there is one.
    starts_at = fields.DatetimeField(null=True)
    location = fields.CharField(max_length=200, null=True)
    # Gates, validated on save: {"min_tenure_months": 6, "min_tier": "top20", "min_score": 80,
    # "min_attendance_rate": 95}. A gate whose data source does not exist yet cannot be met.
    eligibility: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "reward_item"


class RedemptionStatus(StrEnum):
    PENDING = "pending"  # points held, waiting for the approver
    FULFILLED = "fulfilled"  # points spent, the reward given
    DECLINED = "declined"  # points and stock given back
    CANCELLED = "cancelled"  # withdrawn by the requester while pending; points and stock given back


class Redemption(TenantScoped):
    item: Any = fields.ForeignKeyField("seen.RewardItem", related_name=False, on_delete=fields.RESTRICT)
    item_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.RESTRICT)
    employee_id: uuid.UUID
    approver: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    approver_id: uuid.UUID | None  # who is asked: the line manager at request time (HR may always decide)
    points = fields.IntField()
    status = fields.CharEnumField(RedemptionStatus, max_length=10, default=RedemptionStatus.PENDING)
    note = fields.CharField(max_length=500, default="")  # the requester's
    hold_transfer_id = fields.UUIDField()
    client_key = fields.CharField(max_length=64)
    requested_at = fields.DatetimeField(db_index=True)
    decided_at = fields.DatetimeField(null=True)
    decided_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    decided_by_id: uuid.UUID | None
    decline_reason = fields.CharField(max_length=500, null=True)
    fulfilled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "redemption"
        unique_together = (("tenant", "employee", "client_key"),)
        indexes = (("tenant_id", "status", "requested_at"),)


class EntitlementKind(StrEnum):
    EXTRA_LEAVE = "extra_leave"
    REMOTE_DAYS = "remote_days"


class Entitlement(TenantScoped):
    # Days a person may take. The attendance module consumes them when a request uses one.

    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.RESTRICT)
    employee_id: uuid.UUID
    kind = fields.CharEnumField(EntitlementKind, max_length=12)
    days = fields.IntField()
    used_days = fields.IntField(default=0)
    valid_until = fields.DateField(null=True)
    redemption: Any = fields.OneToOneField("seen.Redemption", related_name=False, null=True, on_delete=fields.RESTRICT)
    redemption_id: uuid.UUID | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "entitlement"


class VoucherCode(TenantScoped):
    item: Any = fields.ForeignKeyField("seen.RewardItem", related_name=False, on_delete=fields.RESTRICT)
    item_id: uuid.UUID
    code = fields.CharField(max_length=120)
    redemption: Any = fields.OneToOneField("seen.Redemption", related_name=False, null=True, on_delete=fields.RESTRICT)
    redemption_id: uuid.UUID | None
    uploaded_at = fields.DatetimeField()

    class Meta:
        table = "voucher_code"
        unique_together = (("item", "code"),)


class MeetingSlot(TenantScoped):
    # A time the CEO (or another host) published for one meeting reward's 1:1s. A redemption books one.

    item: Any = fields.ForeignKeyField("seen.RewardItem", related_name=False, on_delete=fields.CASCADE)
    item_id: uuid.UUID
    host: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    host_id: uuid.UUID
    starts_at = fields.DatetimeField(db_index=True)
    ends_at = fields.DatetimeField()
    location = fields.CharField(max_length=200, default="")
    redemption: Any = fields.OneToOneField("seen.Redemption", related_name=False, null=True, on_delete=fields.SET_NULL)
    redemption_id: uuid.UUID | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "meeting_slot"


class ConversionUnit(StrEnum):
    BONUS_MINOR = "bonus_minor"  # pending bonus money, in the currency's minor unit
    REMOTE_DAYS = "remote_days"
    LEAVE_DAYS = "leave_days"
    POINTS = "points"


class ConversionRule(TenantScoped):
    # HR's exchange rate, e.g. ¥1,000 of bonus (100000 bonus_minor) for 1 remote day.

    from_unit = fields.CharEnumField(ConversionUnit, max_length=12)
    from_amount = fields.BigIntField()
    to_unit = fields.CharEnumField(ConversionUnit, max_length=12)
    to_amount = fields.BigIntField()
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "conversion_rule"
