"""The monthly giving allowance and kudos paid from it: unspent allowance lapses, never reaching a wallet."""
from __future__ import annotations

import uuid

import pytest

from backend.core.errors import InsufficientPoints, ValidationFailed
from backend.points import ledger
from backend.points.models import AccountKind, PointsTransfer, TransferKind
from backend.points.queries import Balances
from tests.backend.points.support import balances, new_key, org_balance
from tests.factories.org import make_company


async def test_kudos_moves_points_from_the_givers_allowance_to_the_receivers_wallet(db):
    # given
    company = await make_company()
    await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=100, period="2026-11")
    # when
    transfer = await ledger.send_kudos_points(company.employee.actor, giver_id=company.employee.employee.id,
                                              receiver_id=company.peer.employee.id, points=20,
                                              idempotency_key=new_key(), source_id=uuid.uuid4())
    # then
    assert transfer.kind == TransferKind.KUDOS
    assert (await balances(company.employee)).allowance == 80
    assert (await balances(company.peer)).wallet == 20


async def test_kudos_beyond_the_allowance_is_refused_and_moves_nothing(db):
    # given
    company = await make_company()
    await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=10, period="2026-11")
    # when / then
    with pytest.raises(InsufficientPoints) as caught:
        await ledger.send_kudos_points(company.employee.actor, giver_id=company.employee.employee.id,
                                       receiver_id=company.peer.employee.id, points=11,
                                       idempotency_key=new_key(), source_id=uuid.uuid4())
    assert (caught.value.message, caught.value.field) == ("Not enough giving allowance left this month.", "points")
    assert (await balances(company.employee)).allowance == 10
    assert await PointsTransfer.filter(kind=TransferKind.KUDOS).count() == 0


async def test_kudos_to_oneself_is_refused(db):
    # given
    company = await make_company()
    me = company.employee.employee.id
    await ledger.grant_allowance(company.system, employee_id=me, points=10, period="2026-11")
    # when / then
    with pytest.raises(ValidationFailed):
        await ledger.send_kudos_points(company.employee.actor, giver_id=me, receiver_id=me, points=5,
                                       idempotency_key=new_key(), source_id=uuid.uuid4())


async def test_grant_allowance_fills_the_allowance_not_the_wallet(db):
    # given
    company = await make_company()
    # when
    grant = await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=100, period="2026-11")
    # then
    assert grant is not None and (grant.kind, grant.idempotency_key) == (
        TransferKind.ALLOWANCE_GRANT, f"allowance:{company.employee.employee.id}:2026-11")
    assert await balances(company.employee) == Balances(wallet=0, allowance=100, held=0)


async def test_grant_allowance_twice_in_a_month_grants_once(db):
    # given
    company = await make_company()
    first = await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=100, period="2026-11")
    # when
    again = await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=100, period="2026-11")
    # then
    assert again is not None and first is not None and again.id == first.id
    assert (await balances(company.employee)).allowance == 100
    assert await PointsTransfer.all().count() == 1


async def test_a_new_month_expires_what_is_left_then_grants(db):
    # given 30 of November's 100 given away
    company = await make_company()
    giver = company.employee.employee.id
    await ledger.grant_allowance(company.system, employee_id=giver, points=100, period="2026-11")
    await ledger.send_kudos_points(company.system, giver_id=giver, receiver_id=company.peer.employee.id, points=30,
                                   idempotency_key=new_key(), source_id=uuid.uuid4())
    # when
    await ledger.grant_allowance(company.system, employee_id=giver, points=100, period="2026-12")
    # then the 70 left lapsed into the sink and never reached the wallet
    assert await balances(company.employee) == Balances(wallet=0, allowance=100, held=0)
    expiry = await PointsTransfer.get(kind=TransferKind.ALLOWANCE_EXPIRY)
    assert (expiry.amount, expiry.idempotency_key) == (70, f"allowance-expiry:{giver}:2026-12")
    assert await org_balance(company, AccountKind.SPENT) == 70


async def test_a_zero_allowance_only_expires_the_rest(db):
    # given
    company = await make_company()
    await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=100, period="2026-11")
    # when
    grant = await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=0, period="2026-12")
    # then
    assert grant is None
    assert (await balances(company.employee)).allowance == 0


async def test_a_late_run_for_an_older_month_changes_nothing(db):
    # given December granted
    company = await make_company()
    person = company.employee.employee.id
    await ledger.grant_allowance(company.system, employee_id=person, points=100, period="2026-12")
    # when November's job runs late
    grant = await ledger.grant_allowance(company.system, employee_id=person, points=50, period="2026-11")
    # then
    assert grant is None
    assert (await balances(company.employee)).allowance == 100
    assert await PointsTransfer.all().count() == 1


async def test_a_month_without_allowance_stays_settled_when_allowance_comes_back(db):
    # given December granted nothing (its leftovers expired), then a November kudos was taken back
    company = await make_company()
    giver = company.employee.employee.id
    await ledger.grant_allowance(company.system, employee_id=giver, points=100, period="2026-11")
    sent = await ledger.send_kudos_points(company.system, giver_id=giver, receiver_id=company.peer.employee.id,
                                          points=30, idempotency_key=new_key(), source_id=uuid.uuid4())
    await ledger.grant_allowance(company.system, employee_id=giver, points=0, period="2026-12")
    await ledger.reverse(company.system, transfer_id=sent.id, reason="Kudos removed", idempotency_key=new_key())
    # when December is checked again (recognition does before every kudos)
    grant = await ledger.grant_allowance(company.system, employee_id=giver, points=0, period="2026-12")
    # then it is not a conflict and the returned allowance stays
    assert grant is None
    assert (await balances(company.employee)).allowance == 30


@pytest.mark.parametrize("period", ["2026-13", "2026-1", "Nov 2026", ""])
async def test_grant_allowance_refuses_a_malformed_period(db, period):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await ledger.grant_allowance(company.system, employee_id=company.employee.employee.id, points=10, period=period)
    assert caught.value.field == "period"
