"""Awards and what every movement shares: two entries that cancel, one transfer per idempotency key,
and the caller's transaction deciding whether it stays."""
from __future__ import annotations

import pytest

from backend.core import db as core_db
from backend.core.errors import Conflict, NotFound, ValidationFailed
from backend.points.models import AccountKind, PointsAccount, PointsEntry, PointsTransfer, TransferKind
from tests.backend.points.support import award, balances, org_balance
from tests.factories.org import make_company


async def test_award_credits_the_wallet_from_the_organisations_issuance(db):
    # given
    company = await make_company()
    # when
    await award(company, company.employee, 30)
    # then
    assert (await balances(company.employee)).wallet == 30
    assert await org_balance(company, AccountKind.ISSUANCE) == -30


async def test_a_transfer_is_a_debit_and_a_credit_entry_that_cancel(db):
    # given
    company = await make_company()
    # when
    transfer = await award(company, company.employee, 30)
    # then
    entries = await PointsEntry.filter(transfer_id=transfer.id).order_by("amount")
    assert [e.amount for e in entries] == [-30, 30]
    assert [e.account_id for e in entries] == [transfer.debit_account_id, transfer.credit_account_id]
    assert (transfer.kind, transfer.amount, transfer.memo, transfer.source_type) == (TransferKind.AWARD, 30, "Safety walk", "rule")


async def test_award_retried_with_the_same_key_moves_points_once(db):
    # given
    company = await make_company()
    first = await award(company, company.employee, 30, key="rule:1:event:1")
    # when
    again = await award(company, company.employee, 30, key="rule:1:event:1")
    # then
    assert again.id == first.id
    assert (await balances(company.employee)).wallet == 30
    assert await PointsTransfer.all().count() == 1 and await PointsEntry.all().count() == 2


async def test_a_key_reused_for_a_different_movement_is_a_conflict(db):
    # given
    company = await make_company()
    await award(company, company.employee, 30, key="rule:1:event:1")
    # when / then
    with pytest.raises(Conflict) as caught:
        await award(company, company.employee, 31, key="rule:1:event:1")
    assert caught.value.field == "idempotencyKey"
    assert (await balances(company.employee)).wallet == 30


@pytest.mark.parametrize("points", [0, -5, True, 1_000_000_001], ids=["zero", "negative", "bool", "too-large"])
async def test_award_refuses_points_that_are_not_a_positive_whole_number(db, points):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await award(company, company.employee, points)
    assert caught.value.field == "points"
    assert await PointsTransfer.all().count() == 0


async def test_award_to_another_organisations_employee_is_not_found(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    # when / then
    with pytest.raises(NotFound):
        await award(company, other.employee, 10)
    assert await PointsAccount.all().count() == 0


async def test_ledger_writes_roll_back_with_the_callers_transaction(db):
    # given
    company = await make_company()
    # when the use case that awarded fails later
    with pytest.raises(RuntimeError):
        async with core_db.transaction():
            await award(company, company.employee, 30)
            raise RuntimeError("the rest of the use case failed")
    # then
    assert await PointsTransfer.all().count() == 0
    assert (await balances(company.employee)).wallet == 0


async def test_a_retry_inside_the_callers_transaction_leaves_it_usable(db):
    # given a caller that repeats an award inside its own transaction (the savepoint absorbs the
    # duplicate key; on PostgreSQL the transaction would otherwise be aborted)
    company = await make_company()
    # when
    async with core_db.transaction():
        first = await award(company, company.employee, 30, key="same")
        again = await award(company, company.employee, 30, key="same")
        later = await award(company, company.peer, 5)
    # then
    assert again.id == first.id
    assert await PointsTransfer.filter(id=later.id).exists()
    assert ((await balances(company.employee)).wallet, (await balances(company.peer)).wallet) == (30, 5)
