"""Shared helpers for the reward pool tests: items made through the catalogue, points, balances, keys."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from backend.core import clock
from backend.points import ledger
from backend.points.queries import Balances, get_balances
from backend.rewards import catalogue, slots, vouchers
from backend.rewards.models import RewardItem, RewardKind
from tests.factories.org import Company, Person

# A Wednesday in the organisation's (Asia/Shanghai) afternoon; tests that depend on periods freeze here.
NOW = datetime(2026, 11, 18, 6, 0, tzinfo=UTC)


def key() -> str:
    return uuid.uuid4().hex


async def give_points(company: Company, person: Person, points: int) -> None:
    await ledger.award(company.system, employee_id=person.employee.id, points=points, idempotency_key=key(),
                       memo="Safety walk", source_type="rule", source_id=uuid.uuid4())


async def balances(person: Person) -> Balances:
    return await get_balances(person.actor, person.employee.id)


async def stock(item: RewardItem) -> int | None:
    return (await RewardItem.get(id=item.id)).stock


async def make_item(company: Company, kind: RewardKind = RewardKind.EXTRA_LEAVE, **overrides: Any) -> RewardItem:
    values: dict[str, Any] = {"name_en": f"Reward {uuid.uuid4().hex[:6]}", "name_zh": "奖励", "cost_points": 100}
    values.update({RewardKind.CASH_BONUS: {"amount_minor": 100_000}, RewardKind.EXTRA_LEAVE: {"days": 1},
                   RewardKind.REMOTE_DAYS: {"days": 1}, RewardKind.TRAINING: {"stock": 5}}.get(kind, {}))
    values.update(overrides)
    return await catalogue.create_item(company.hr.actor, kind=kind, **values)


async def make_voucher(company: Company, codes: int = 3, **overrides: Any) -> RewardItem:
    item = await make_item(company, RewardKind.VOUCHER, **overrides)
    await vouchers.upload_codes(company.hr.actor, item_id=item.id, codes=[f"CODE-{n}-{item.id.hex[:6]}" for n in range(codes)],
                                mode=vouchers.UploadMode.VALID_ROWS)
    return await RewardItem.get(id=item.id)


async def make_meeting(company: Company, slot_count: int = 2, **overrides: Any) -> tuple[RewardItem, list[Any]]:
    item = await make_item(company, RewardKind.CEO_MEETING, **overrides)
    start = clock.now() + timedelta(days=3)
    made = await slots.publish_slots(company.hr.actor, item_id=item.id, slots=[
        (start + timedelta(days=n), start + timedelta(days=n, hours=1), "CEO office") for n in range(slot_count)])
    return await RewardItem.get(id=item.id), made
