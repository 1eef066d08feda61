"""Holds for redemptions: wallet points reserved, then captured or released, exactly once."""
from __future__ import annotations

import pytest

from backend.core.errors import Conflict, InsufficientPoints, NotFound
from backend.points import ledger
from backend.points.models import AccountKind, PointsTransfer, TransferKind
from backend.points.queries import Balances
from tests.backend.points.support import award, balances, hold, new_key, org_balance
from tests.factories.org import make_company


async def test_hold_moves_wallet_points_to_held(db):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    # when
    transfer = await hold(company, company.employee, 20)
    # then
    assert transfer.kind == TransferKind.HOLD
    assert await balances(company.employee) == Balances(wallet=30, allowance=0, held=20)


async def test_hold_beyond_the_wallet_is_refused_and_moves_nothing(db):
    # given
    company = await make_company()
    await award(company, company.employee, 10)
    # when / then
    with pytest.raises(InsufficientPoints) as caught:
        await hold(company, company.employee, 11)
    assert caught.value.field == "points"
    assert await balances(company.employee) == Balances(wallet=10, allowance=0, held=0)
    assert await PointsTransfer.filter(kind=TransferKind.HOLD).count() == 0


async def test_capture_spends_the_held_points(db):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    held = await hold(company, company.employee, 20)
    # when
    captured = await ledger.capture(company.system, hold_id=held.id, idempotency_key=new_key())
    # then
    assert (captured.kind, captured.amount) == (TransferKind.CAPTURE, 20)
    assert await balances(company.employee) == Balances(wallet=30, allowance=0, held=0)
    assert await org_balance(company, AccountKind.SPENT) == 20


async def test_release_returns_the_held_points_to_the_wallet(db):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    held = await hold(company, company.employee, 20)
    # when
    released = await ledger.release(company.system, hold_id=held.id, idempotency_key=new_key())
    # then
    assert (released.kind, released.amount) == (TransferKind.RELEASE, 20)
    assert await balances(company.employee) == Balances(wallet=50, allowance=0, held=0)


@pytest.mark.parametrize(("first", "second"), [("capture", "release"), ("release", "capture"),
                                               ("capture", "capture"), ("release", "release")])
async def test_a_hold_is_settled_once(db, first, second):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    held = await hold(company, company.employee, 20)
    await getattr(ledger, first)(company.system, hold_id=held.id, idempotency_key=new_key())
    before = await balances(company.employee)
    # when / then
    with pytest.raises(Conflict, match="already captured or released"):
        await getattr(ledger, second)(company.system, hold_id=held.id, idempotency_key=new_key())
    assert await balances(company.employee) == before


async def test_capture_retried_with_the_same_key_returns_the_first_capture(db):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    held = await hold(company, company.employee, 20)
    first = await ledger.capture(company.system, hold_id=held.id, idempotency_key="redemption:1:capture")
    # when
    again = await ledger.capture(company.system, hold_id=held.id, idempotency_key="redemption:1:capture")
    # then
    assert again.id == first.id
    assert await org_balance(company, AccountKind.SPENT) == 20


async def test_capture_of_a_transfer_that_is_not_a_hold_is_not_found(db):
    # given
    company = await make_company()
    awarded = await award(company, company.employee, 50)
    # when / then
    with pytest.raises(NotFound):
        await ledger.capture(company.system, hold_id=awarded.id, idempotency_key=new_key())
