"""Inputs for reward pool mutations."""
from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from schema.core.enums import ConversionUnit, LimitPeriod, RewardKind


@strawberry.input(description="Ask for a reward; the points are held until it is approved or declined.")
class RedeemRewardInput:
    item_id: strawberry.ID = strawberry.field(description="The reward.")
    client_key: str = strawberry.field(description="A random key per submission (8–64 characters): a retry does not redeem twice.")
    note: str = strawberry.field(default="", description="A note for the approver (optional).")
    slot_id: strawberry.ID | None = strawberry.field(default=None, description="For a CEO 1:1: the chosen slot.")


@strawberry.input(description="HR: a reward in the pool, the whole of it: on update every field is set as given, "
                             "except stock (null keeps the count; use adjustRewardStock to change it).")
class RewardItemInput:
    kind: RewardKind = strawberry.field(description="What it is (cannot change on update).")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    cost_points: int = strawberry.field(description="Price in points.")
    description_en: str = strawberry.field(default="", description="Details in English.")
    description_zh: str = strawberry.field(default="", description="Details in Chinese.")
    image_url: str | None = strawberry.field(default=None, description="An https picture URL.")
    stock: int | None = strawberry.field(default=None, description="Units available; null for unlimited (vouchers and 1:1s follow codes and slots).")
    per_person_limit: int | None = strawberry.field(default=None, description="Redemptions per person per period.")
    limit_period: LimitPeriod = strawberry.field(default=LimitPeriod.YEAR, description="The limit's period.")
    requires_approval: bool = strawberry.field(default=True, description="A manager or HR approves each request.")
    amount_minor: int = strawberry.field(default=0, description="Cash bonus, in the currency's minor unit.")
    days: int = strawberry.field(default=0, description="Days of leave or remote work.")
    starts_at: datetime | None = strawberry.field(default=None, description="A training session's start.")
    location: str | None = strawberry.field(default=None, description="A training session's place.")
    eligibility: JSON | None = strawberry.field(default=None, description='Gates, e.g. {"min_tenure_months": 6}.')


@strawberry.input(description="HR: one published 1:1 time.")
class SlotInput:
    starts_at: datetime = strawberry.field(description="Start.")
    ends_at: datetime = strawberry.field(description="End (at most 4 hours later).")
    location: str = strawberry.field(default="", description="Where.")


@strawberry.input(description="HR: an exchange rate, e.g. 100000 BONUS_MINOR for 1 REMOTE_DAYS.")
class ConversionRuleInput:
    from_unit: ConversionUnit = strawberry.field(description="What is given up.")
    from_amount: int = strawberry.field(description="How much of it.")
    to_unit: ConversionUnit = strawberry.field(description="What is received.")
    to_amount: int = strawberry.field(description="How much of it.")
