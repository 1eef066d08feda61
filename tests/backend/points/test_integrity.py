"""What the database guarantees on its own: entries and transfers are append-only, and racing
debits cannot overspend a wallet."""
from __future__ import annotations

import asyncio
import uuid

import pytest
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError, OperationalError

from backend.core.errors import Conflict, InsufficientPoints
from backend.points import ledger
from backend.points.models import AccountKind, PointsAccount, PointsEntry, PointsTransfer
from tests.factories.org import make_company


async def _awarded(points: int):
    company = await make_company()
    transfer = await ledger.award(company.system, employee_id=company.employee.employee.id, points=points,
                                  idempotency_key="seed", memo="", source_type="test", source_id=uuid.uuid4())
    return company, transfer


async def test_points_entries_cannot_be_updated_with_sql(db):
    # given
    _, transfer = await _awarded(50)
    # when / then
    with pytest.raises((OperationalError, IntegrityError), match="append-only"):
        await Tortoise.get_connection("default").execute_query("UPDATE points_entry SET amount = amount * 2")
    assert sorted(await PointsEntry.filter(transfer_id=transfer.id).values_list("amount", flat=True)) == [-50, 50]


async def test_points_entries_cannot_be_deleted_with_sql(db):
    # given
    _, transfer = await _awarded(50)
    # when / then
    with pytest.raises((OperationalError, IntegrityError), match="append-only"):
        await Tortoise.get_connection("default").execute_query("DELETE FROM points_entry")
    assert await PointsEntry.filter(transfer_id=transfer.id).count() == 2


async def test_points_transfers_cannot_be_rewritten_with_sql(db):
    # given
    _, transfer = await _awarded(50)
    # when / then
    with pytest.raises((OperationalError, IntegrityError), match="append-only"):
        await Tortoise.get_connection("default").execute_query("UPDATE points_transfer SET amount = 1")
    assert (await PointsTransfer.get(id=transfer.id)).amount == 50


async def test_fifty_racing_holds_never_overspend_a_wallet(db):
    # given a wallet of 200; its id sorts before the held account's, so each hold updates the wallet
    # first (the ledger updates rows in id order) and the racers contend on the conditional debit
    company = await make_company()
    person = company.employee.employee.id
    wallet = await PointsAccount.create_for(company.system, id=uuid.UUID(f"00000000{uuid.uuid4().hex[8:]}"),
                                            kind=AccountKind.WALLET, owner_key=str(person), employee_id=person)
    held = await PointsAccount.create_for(company.system, id=uuid.UUID(f"ffffffff{uuid.uuid4().hex[8:]}"),
                                          kind=AccountKind.HELD, owner_key=str(person), employee_id=person)
    await ledger.award(company.system, employee_id=person, points=200, idempotency_key="seed", memo="",
                       source_type="test", source_id=uuid.uuid4())
    lowest: list[int] = []
    racing = True

    async def one_hold(n: int) -> bool:
        try:
            await ledger.hold(company.system, employee_id=person, points=10, idempotency_key=f"race:{n}",
                              source_type="redemption", source_id=uuid.uuid4())
        except InsufficientPoints:
            return False
        return True

    async def watch() -> None:
        while racing:
            lowest.append((await PointsAccount.get(id=wallet.id)).balance)
            await asyncio.sleep(0)

    # when 50 holds of 10 race, each in its own transaction (PostgreSQL: up to the pool size at once)
    watcher = asyncio.create_task(watch())
    results = await asyncio.gather(*(one_hold(n) for n in range(50)))
    racing = False
    await watcher
    # then
    assert results.count(True) == 20
    assert ((await PointsAccount.get(id=wallet.id)).balance, (await PointsAccount.get(id=held.id)).balance) == (0, 200)
    assert lowest and min(lowest) >= 0
    assert await PointsEntry.filter(account_id=wallet.id).count() == 21
    assert await ledger.reconcile(company.system) == []


async def test_racing_retries_of_one_award_move_the_points_once(db):
    # given a person without any account yet (the racers also race to open the wallet)
    company = await make_company()
    person = company.employee.employee.id

    async def one_try() -> uuid.UUID:
        transfer = await ledger.award(company.system, employee_id=person, points=30, idempotency_key="rule:7:event:9",
                                      memo="", source_type="rule", source_id=person)
        return transfer.id

    # when ten deliveries of the same award race
    ids = await asyncio.gather(*(one_try() for _ in range(10)))
    # then
    assert len(set(ids)) == 1
    assert (await PointsAccount.get(kind=AccountKind.WALLET, owner_key=str(person))).balance == 30
    assert await PointsTransfer.all().count() == 1


async def test_a_racing_capture_and_release_settle_a_hold_once(db):
    # given
    company = await make_company()
    person = company.employee.employee.id
    await ledger.award(company.system, employee_id=person, points=50, idempotency_key="seed", memo="",
                       source_type="test", source_id=uuid.uuid4())
    held = await ledger.hold(company.system, employee_id=person, points=20, idempotency_key="hold",
                             source_type="redemption", source_id=uuid.uuid4())

    async def settle(function) -> str:
        try:
            await function(company.system, hold_id=held.id, idempotency_key=f"{function.__name__}:1")
        except Conflict:
            return "conflict"
        return function.__name__

    # when
    outcomes = await asyncio.gather(*(settle(f) for f in [ledger.capture, ledger.release] * 5))
    # then exactly one settlement happened and the books still balance
    assert sorted(set(outcomes)) in (["capture", "conflict"], ["conflict", "release"])
    assert (await PointsAccount.get(kind=AccountKind.HELD, owner_key=str(person))).balance == 0
    assert await ledger.reconcile(company.system) == []


async def test_the_database_refuses_a_negative_wallet_even_from_raw_sql(db):
    # given a wallet of 50
    company, _ = await _awarded(50)
    # when a write bypassing the ledger tries to take it below zero
    with pytest.raises((OperationalError, IntegrityError)):
        await Tortoise.get_connection("default").execute_query(
            "UPDATE points_account SET balance = -1 WHERE kind = 'wallet'")
    # then the wallet is untouched, while the organisation's mint may stay negative
    wallet = await PointsAccount.of(company.system).get(kind=AccountKind.WALLET)
    mint = await PointsAccount.of(company.system).get(kind=AccountKind.ISSUANCE)
    assert (wallet.balance, mint.balance) == (50, -50)


async def test_the_database_refuses_a_transfer_of_no_points(db):
    # given
    company, transfer = await _awarded(50)
    # when / then
    with pytest.raises((OperationalError, IntegrityError)):
        await PointsTransfer.create_for(
            company.system, kind=transfer.kind, amount=0, debit_account_id=transfer.debit_account_id,
            credit_account_id=transfer.credit_account_id, idempotency_key="zero", created_by="test",
            created_at=transfer.created_at)
