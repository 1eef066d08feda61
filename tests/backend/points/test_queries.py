"""Reading points: balances (one's own, or anyone's for HR), the wallet statement, points earned in
a window."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backend.core import clock
from backend.core.errors import Forbidden
from backend.points import ledger, queries
from backend.points.models import TransferKind
from backend.points.queries import Balances
from tests.factories.org import Company, Person, make_company

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def award(company: Company, person: Person, points: int, *, at: datetime = T0, memo: str = "Award"):
    with clock.frozen_at(at):
        return await ledger.award(company.system, employee_id=person.employee.id, points=points,
                                  idempotency_key=f"test:{uuid.uuid4()}", memo=memo, source_type="rule",
                                  source_id=uuid.uuid4())


async def kudos(company: Company, giver: Person, receiver: Person, points: int, *, at: datetime = T0):
    with clock.frozen_at(at):
        await ledger.grant_allowance(company.system, employee_id=giver.employee.id, points=100, period="2026-11")
        return await ledger.send_kudos_points(company.system, giver_id=giver.employee.id, receiver_id=receiver.employee.id,
                                              points=points, idempotency_key=f"test:{uuid.uuid4()}", source_id=uuid.uuid4())


async def reverse(company: Company, transfer_id: uuid.UUID, *, at: datetime = T0):
    with clock.frozen_at(at):
        return await ledger.reverse(company.system, transfer_id=transfer_id, reason="Misfired",
                                    idempotency_key=f"test:{uuid.uuid4()}")


async def test_balances_of_someone_without_accounts_are_zero(db):
    # given
    company = await make_company()
    # when
    balances = await queries.get_balances(company.employee.actor, company.employee.employee.id)
    # then
    assert balances == Balances(wallet=0, allowance=0, held=0)


async def test_a_person_reads_their_own_wallet_allowance_and_held_points(db):
    # given
    company = await make_company()
    me = company.employee
    await award(company, me, 50)
    await ledger.grant_allowance(company.system, employee_id=me.employee.id, points=100, period="2026-11")
    await ledger.hold(company.system, employee_id=me.employee.id, points=15, idempotency_key="h", source_type="redemption",
                      source_id=uuid.uuid4())
    # when
    balances = await queries.get_balances(me.actor, me.employee.id)
    # then
    assert balances == Balances(wallet=35, allowance=100, held=15)


async def test_a_colleagues_balances_are_forbidden(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await queries.get_balances(company.manager.actor, company.employee.employee.id)


async def test_hr_reads_anyones_balances(db):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    # when
    balances = await queries.get_balances(company.hr.actor, company.employee.employee.id)
    # then
    assert balances.wallet == 50


async def test_hr_of_another_organisation_reads_nothing(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    await award(company, company.employee, 50)
    # when
    balances = await queries.get_balances(other.hr.actor, company.employee.employee.id)
    # then
    assert balances == Balances(wallet=0, allowance=0, held=0)


async def test_balances_by_ids_keep_the_order_in_one_query(db, count_queries):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    await award(company, company.peer, 7)
    ids = [company.peer.employee.id, uuid.uuid4(), company.employee.employee.id]
    # when
    count_queries.statements.clear()
    balances = await queries.balances_by_employee_ids(company.system, ids)
    # then
    assert [b.wallet for b in balances] == [7, 0, 50]
    assert count_queries.count == 1


async def test_statement_lists_wallet_movements_newest_first(db):
    # given an award, a hold against it and kudos received
    company = await make_company()
    me = company.employee
    await award(company, me, 50, memo="Zero defects")
    with clock.frozen_at(T0 + timedelta(hours=1)):
        await ledger.hold(company.system, employee_id=me.employee.id, points=20, idempotency_key="h",
                          source_type="redemption", source_id=uuid.uuid4())
    await kudos(company, company.peer, me, 5, at=T0 + timedelta(hours=2))
    # when
    page = await queries.list_statement(me.actor, employee_id=me.employee.id, first=10, after=None)
    # then
    assert [(line.kind, line.amount) for line in page.items] == [
        (TransferKind.KUDOS, 5), (TransferKind.HOLD, -20), (TransferKind.AWARD, 50)]
    assert (page.items[2].memo, page.items[2].source_type, page.items[2].created_at) == ("Zero defects", "rule", T0)
    assert (page.total_count, page.has_next) == (3, False)


async def test_statement_continues_after_a_cursor(db):
    # given
    company = await make_company()
    me = company.employee
    for hour in range(5):
        await award(company, me, hour + 1, at=T0 + timedelta(hours=hour))
    # when
    first = await queries.list_statement(me.actor, employee_id=me.employee.id, first=2, after=None)
    rest = await queries.list_statement(me.actor, employee_id=me.employee.id, first=10, after=first.end_cursor)
    # then
    assert [line.amount for line in first.items] == [5, 4] and first.has_next
    assert [line.amount for line in rest.items] == [3, 2, 1] and not rest.has_next


async def test_statement_marks_reversed_movements(db):
    # given
    company = await make_company()
    me = company.employee
    kept = await award(company, me, 10)
    taken_back = await award(company, me, 30)
    await reverse(company, taken_back.id, at=T0 + timedelta(hours=1))
    # when
    page = await queries.list_statement(me.actor, employee_id=me.employee.id, first=10, after=None)
    # then
    assert {(line.transfer_id, line.kind, line.reversed) for line in page.items} == {
        (kept.id, TransferKind.AWARD, False), (taken_back.id, TransferKind.AWARD, True),
        (page.items[0].transfer_id, TransferKind.REVERSAL, False)}
    assert page.items[0].amount == -30


async def test_a_colleagues_statement_is_forbidden(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await queries.list_statement(company.peer.actor, employee_id=company.employee.employee.id, first=10, after=None)


async def test_earned_in_period_counts_awards_and_kudos_less_their_reversals(db):
    # given
    company = await make_company()
    me, peer = company.employee, company.peer
    await award(company, me, 50)
    misfired = await award(company, me, 30)
    await kudos(company, peer, me, 5)
    await reverse(company, misfired.id, at=T0 + timedelta(days=40))
    await award(company, peer, 7)
    # when
    earned = await queries.earned_in_period(company.system, [me.employee.id, peer.employee.id, company.hr.employee.id],
                                            T0 - timedelta(days=1), T0 + timedelta(days=1))
    # then
    assert earned == {me.employee.id: 55, peer.employee.id: 7}


async def test_earned_in_period_leaves_out_other_windows_adjustments_and_holds(db):
    # given
    company = await make_company()
    me = company.employee
    await award(company, me, 50, at=T0 - timedelta(days=3))
    await award(company, me, 20, at=T0)
    with clock.frozen_at(T0):
        await ledger.adjust(company.hr.actor, employee_id=me.employee.id, points=100, reason="Correction",
                            idempotency_key="adj")
        hold = await ledger.hold(company.system, employee_id=me.employee.id, points=40, idempotency_key="h",
                                 source_type="redemption", source_id=uuid.uuid4())
        await ledger.release(company.system, hold_id=hold.id, idempotency_key="r")
    await award(company, me, 1, at=T0 + timedelta(days=1))
    # when
    earned = await queries.earned_in_period(company.system, [me.employee.id], T0 - timedelta(days=1), T0 + timedelta(days=1))
    # then
    assert earned == {me.employee.id: 20}


async def test_earned_in_period_sees_only_the_actors_organisation(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    await award(company, company.employee, 50)
    # when
    earned = await queries.earned_in_period(other.system, [company.employee.employee.id], T0 - timedelta(days=1),
                                            T0 + timedelta(days=1))
    # then
    assert earned == {}


async def test_earned_in_period_takes_window_bounds_in_any_time_zone(db):
    # given an award at 17:00 in Shanghai (09:00 UTC)
    company = await make_company()
    await award(company, company.employee, 50, at=T0)
    shanghai = ZoneInfo("Asia/Shanghai")
    # when the window opens at 17:30 Shanghai time, after the award, and one opening at 16:30
    later = await queries.earned_in_period(company.system, [company.employee.employee.id],
                                           datetime(2026, 11, 2, 17, 30, tzinfo=shanghai), datetime(2026, 12, 1, tzinfo=shanghai))
    earlier = await queries.earned_in_period(company.system, [company.employee.employee.id],
                                             datetime(2026, 11, 2, 16, 30, tzinfo=shanghai), datetime(2026, 12, 1, tzinfo=shanghai))
    # then
    assert (later, earlier) == ({}, {company.employee.employee.id: 50})
