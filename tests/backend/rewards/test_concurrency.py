"""Races the database must settle: stock, slots, voucher codes, per-person limits, decisions and retries.
Each racer runs in its own transaction (PostgreSQL: up to the pool size at once; SQLite: one at a time)."""
from __future__ import annotations

import asyncio
import time
import uuid
from datetime import date

from backend.access.actor import Actor
from backend.access.permissions import Role
from backend.achievements import record
from backend.core.errors import Conflict, LimitExceeded, OutOfStock
from backend.org.models import Employee
from backend.points import ledger
from backend.points.models import AccountKind, PointsAccount, PointsTransfer, TransferKind
from backend.points.queries import Balances
from backend.rewards import conversions, redemption
from backend.rewards.models import (
    ConversionUnit,
    Entitlement,
    MeetingSlot,
    Redemption,
    RedemptionStatus,
    RewardItem,
    VoucherCode,
)
from tests.backend.rewards.support import balances, give_points, key, make_item, make_meeting, make_voucher, stock
from tests.factories.org import Company, make_company


async def _crowd(company: Company, size: int, points: int) -> list[Actor]:
    """`size` people with `points` each, made in bulk (no accounts: an Actor is all a use case needs)."""
    people = [Employee.build_for(company.system, employee_number=f"C{n:04d}", name=f"Racer {n}",
                                 hire_date=date(2023, 1, 1), job_title="Operator", level="L1") for n in range(size)]
    await Employee.bulk_create(people)
    await asyncio.gather(*(ledger.award(company.system, employee_id=p.id, points=points, idempotency_key=f"seed:{p.id}",
                                        memo="", source_type="test", source_id=p.id) for p in people))
    return [Actor.user(tenant_id=company.org.id, account_id=uuid.uuid4(), employee_id=p.id, role=Role.EMPLOYEE,
                       label=p.name) for p in people]


async def _outcome(work) -> str:
    try:
        await work
    except OutOfStock:
        return "out_of_stock"
    except LimitExceeded:
        return "limit"
    except Conflict:
        return "conflict"
    return "ok"


async def test_two_hundred_people_racing_for_ten_units_get_exactly_ten(db):
    # given an item with 10 units and 200 people who can each afford it
    company = await make_company()
    item = await make_item(company, cost_points=300, stock=10)
    racers = await _crowd(company, 200, points=500)
    lowest: list[int] = []
    racing = True

    async def watch() -> None:
        while racing:
            lowest.append((await RewardItem.get(id=item.id)).stock or 0)
            await asyncio.sleep(0)

    # when all of them ask at once
    watcher = asyncio.create_task(watch())
    started = time.perf_counter()
    outcomes = await asyncio.gather(*(_outcome(redemption.redeem(actor, item_id=item.id, client_key=key()))
                                      for actor in racers))
    elapsed = time.perf_counter() - started
    racing = False
    await watcher
    # then exactly ten got one, the others were told it ran out, and no balance went wrong
    print(f"\n[{db.backend}] 200-way race for 10 units: {outcomes.count('ok')} ok, "
          f"{outcomes.count('out_of_stock')} out of stock, {elapsed:.2f}s, stock samples {len(lowest)} "
          f"(min {min(lowest)})")
    assert (outcomes.count("ok"), outcomes.count("out_of_stock")) == (10, 190)
    assert await stock(item) == 0 and min(lowest) >= 0
    assert await Redemption.filter(item_id=item.id, status=RedemptionStatus.PENDING).count() == 10
    wallets = await PointsAccount.filter(kind=AccountKind.WALLET, employee_id__in=[a.employee_id for a in racers]) \
        .values_list("balance", flat=True)
    assert min(wallets) >= 0 and sorted(set(wallets)) == [200, 500] and wallets.count(200) == 10
    assert await PointsAccount.filter(kind=AccountKind.HELD).values_list("balance", flat=True) == [300] * 10
    assert await ledger.reconcile(company.system) == []


async def test_two_approvers_at_once_give_one_fulfilment(db):
    # given a pending request the manager and HR both approve
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company, cost_points=300, stock=5)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # when
    outcomes = await asyncio.gather(_outcome(redemption.approve(company.manager.actor, redemption_id=asked.id)),
                                    _outcome(redemption.approve(company.hr.actor, redemption_id=asked.id)))
    # then
    assert sorted(outcomes) == ["conflict", "ok"]
    assert await Entitlement.filter(redemption_id=asked.id).count() == 1
    assert await PointsTransfer.filter(kind=TransferKind.CAPTURE).count() == 1
    assert await balances(company.employee) == Balances(wallet=700, allowance=0, held=0)
    assert await ledger.reconcile(company.system) == []


async def test_an_approval_racing_a_withdrawal_settles_once(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company, cost_points=300, stock=5)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # when
    outcomes = await asyncio.gather(_outcome(redemption.approve(company.manager.actor, redemption_id=asked.id)),
                                    _outcome(redemption.cancel(company.employee.actor, redemption_id=asked.id)))
    # then exactly one happened, and stock and points agree with which
    assert sorted(outcomes) == ["conflict", "ok"]
    status = (await Redemption.get(id=asked.id)).status
    if status == RedemptionStatus.FULFILLED:
        assert (await balances(company.employee), await stock(item)) == (Balances(700, 0, 0), 4)
    else:
        assert status == RedemptionStatus.CANCELLED
        assert (await balances(company.employee), await stock(item)) == (Balances(1000, 0, 0), 5)
    assert await ledger.reconcile(company.system) == []


async def test_racing_retries_of_one_request_take_stock_and_points_once(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company, cost_points=100, stock=5)
    client_key = key()
    # when ten deliveries of the same request race
    made = await asyncio.gather(*(redemption.redeem(company.employee.actor, item_id=item.id, client_key=client_key)
                                  for _ in range(10)))
    # then
    assert len({r.id for r in made}) == 1
    assert await stock(item) == 4
    assert await balances(company.employee) == Balances(wallet=900, allowance=0, held=100)


async def test_racing_requests_of_one_person_respect_the_per_person_limit(db):
    # given a limit of 2
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company, cost_points=100, per_person_limit=2)
    # when five different requests race
    outcomes = await asyncio.gather(*(_outcome(redemption.redeem(company.employee.actor, item_id=item.id, client_key=key()))
                                      for _ in range(5)))
    # then
    assert (outcomes.count("ok"), outcomes.count("limit")) == (2, 3)
    assert await balances(company.employee) == Balances(wallet=800, allowance=0, held=200)


async def test_racing_instant_vouchers_hand_out_distinct_codes(db):
    # given 5 codes, no approval, 20 people
    company = await make_company()
    item = await make_voucher(company, codes=5, cost_points=120, requires_approval=False)
    racers = await _crowd(company, 20, points=500)
    # when
    outcomes = await asyncio.gather(*(_outcome(redemption.redeem(actor, item_id=item.id, client_key=key()))
                                      for actor in racers))
    # then
    assert (outcomes.count("ok"), outcomes.count("out_of_stock")) == (5, 15)
    drawn = await VoucherCode.filter(item_id=item.id).exclude(redemption_id=None).values_list("redemption_id", flat=True)
    assert len(drawn) == len(set(drawn)) == 5
    assert await stock(item) == 0


async def test_racing_bookings_of_one_slot_book_it_once(db):
    # given two slots and ten people wanting the first
    company = await make_company()
    item, slots = await make_meeting(company, slot_count=2, cost_points=100)
    racers = await _crowd(company, 10, points=500)
    # when
    outcomes = await asyncio.gather(*(_outcome(redemption.redeem(actor, item_id=item.id, client_key=key(),
                                                                 slot_id=slots[0].id)) for actor in racers))
    # then
    assert (outcomes.count("ok"), outcomes.count("out_of_stock")) == (1, 9)
    assert (await MeetingSlot.get(id=slots[0].id)).redemption_id is not None
    assert await stock(item) == 1


async def test_racing_conversions_cannot_spend_the_same_bonus_twice(db):
    # given ¥2,000 pending and ¥1,000 per remote day
    company = await make_company()
    await record.add_bonus_line(company.system, employee_id=company.employee.employee.id, amount_minor=200_000,
                                reason="Rule", source_type="rule", source_id=uuid.uuid4())
    rule = await conversions.set_conversion_rule(company.hr.actor, from_unit=ConversionUnit.BONUS_MINOR,
                                                 from_amount=100_000, to_unit=ConversionUnit.REMOTE_DAYS, to_amount=1)
    # when five conversions of ¥1,000 race
    outcomes = await asyncio.gather(*(_outcome(conversions.convert(company.employee.actor, rule_id=rule.id,
                                                                   from_amount=100_000, client_key=key()))
                                      for _ in range(5)))
    # then
    assert (outcomes.count("ok"), outcomes.count("limit")) == (2, 3)
    assert await conversions.pending_bonus(company.system, company.employee.employee.id) == 0
