"""Reversals: a compensating transfer, once per transfer, never for points already spent."""
from __future__ import annotations

import uuid

import pytest

from backend.core.errors import Conflict, InsufficientPoints, NotFound, ValidationFailed
from backend.points import ledger
from backend.points.models import AccountKind, PointsTransfer, TransferKind
from backend.points.queries import Balances
from tests.backend.points.support import award, balances, hold, new_key, org_balance
from tests.factories.org import make_company


async def test_reverse_takes_an_award_back(db):
    # given
    company = await make_company()
    awarded = await award(company, company.employee, 50)
    # when
    reversal = await ledger.reverse(company.hr.actor, transfer_id=awarded.id, reason="Rule misfired", idempotency_key=new_key())
    # then
    assert (reversal.kind, reversal.reverses_id, reversal.amount, reversal.memo) == (
        TransferKind.REVERSAL, awarded.id, 50, "Rule misfired")
    assert (reversal.debit_account_id, reversal.credit_account_id) == (awarded.credit_account_id, awarded.debit_account_id)
    assert (await balances(company.employee)).wallet == 0
    assert await org_balance(company, AccountKind.ISSUANCE) == 0


async def test_reverse_of_kudos_restores_the_givers_allowance(db):
    # given
    company = await make_company()
    giver = company.employee.employee.id
    await ledger.grant_allowance(company.system, employee_id=giver, points=100, period="2026-11")
    kudos = await ledger.send_kudos_points(company.system, giver_id=giver, receiver_id=company.peer.employee.id,
                                           points=20, idempotency_key=new_key(), source_id=uuid.uuid4())
    # when
    await ledger.reverse(company.system, transfer_id=kudos.id, reason="Kudos removed", idempotency_key=new_key())
    # then
    assert ((await balances(company.employee)).allowance, (await balances(company.peer)).wallet) == (100, 0)


async def test_a_second_reversal_of_the_same_transfer_is_a_conflict(db):
    # given
    company = await make_company()
    awarded = await award(company, company.employee, 50)
    await award(company, company.employee, 50)
    await ledger.reverse(company.system, transfer_id=awarded.id, reason="Misfired", idempotency_key=new_key())
    # when / then
    with pytest.raises(Conflict, match="This entry was already reversed."):
        await ledger.reverse(company.system, transfer_id=awarded.id, reason="Misfired", idempotency_key=new_key())
    assert (await balances(company.employee)).wallet == 50


async def test_reverse_retried_with_the_same_key_returns_the_first_reversal(db):
    # given
    company = await make_company()
    awarded = await award(company, company.employee, 50)
    first = await ledger.reverse(company.system, transfer_id=awarded.id, reason="Misfired", idempotency_key="undo:1")
    # when
    again = await ledger.reverse(company.system, transfer_id=awarded.id, reason="Misfired", idempotency_key="undo:1")
    # then
    assert again.id == first.id
    assert await PointsTransfer.filter(kind=TransferKind.REVERSAL).count() == 1


async def test_reversing_a_reversal_is_refused(db):
    # given
    company = await make_company()
    awarded = await award(company, company.employee, 50)
    reversal = await ledger.reverse(company.system, transfer_id=awarded.id, reason="Misfired", idempotency_key=new_key())
    # when / then
    with pytest.raises(Conflict):
        await ledger.reverse(company.system, transfer_id=reversal.id, reason="Undo the undo", idempotency_key=new_key())
    assert (await balances(company.employee)).wallet == 0


async def test_reversing_a_hold_is_refused(db):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    held = await hold(company, company.employee, 20)
    # when / then
    with pytest.raises(Conflict):
        await ledger.reverse(company.system, transfer_id=held.id, reason="Cancel", idempotency_key=new_key())


async def test_reversing_points_already_spent_is_refused(db):
    # given the award is held for a redemption
    company = await make_company()
    awarded = await award(company, company.employee, 50)
    await hold(company, company.employee, 40)
    # when / then
    with pytest.raises(InsufficientPoints):
        await ledger.reverse(company.system, transfer_id=awarded.id, reason="Misfired", idempotency_key=new_key())
    assert await balances(company.employee) == Balances(wallet=10, allowance=0, held=40)
    assert await PointsTransfer.filter(kind=TransferKind.REVERSAL).count() == 0


async def test_reverse_of_another_organisations_transfer_is_not_found(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    theirs = await award(other, other.employee, 50)
    # when / then
    with pytest.raises(NotFound):
        await ledger.reverse(company.system, transfer_id=theirs.id, reason="Misfired", idempotency_key=new_key())
    assert (await balances(other.employee)).wallet == 50


async def test_reverse_needs_a_reason(db):
    # given
    company = await make_company()
    awarded = await award(company, company.employee, 50)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await ledger.reverse(company.system, transfer_id=awarded.id, reason="  ", idempotency_key=new_key())
    assert caught.value.field == "reason"
