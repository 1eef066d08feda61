"""Deciding a request: approval spends the points and fulfils; decline and withdrawal give everything back."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.points.queries import Balances
from backend.rewards import redemption
from backend.rewards.models import MeetingSlot, RedemptionStatus
from tests.backend.rewards.support import balances, give_points, key, make_item, make_meeting, stock
from tests.factories.org import make_company


async def _requested(company, *, person=None, **item_values):
    person = person or company.employee
    await give_points(company, person, 1000)
    item = await make_item(company, **{"cost_points": 300, "stock": 5, **item_values})
    return item, await redemption.redeem(person.actor, item_id=item.id, client_key=key())


async def test_the_manager_approves_and_the_points_are_spent(db):
    # given
    company = await make_company()
    item, asked = await _requested(company)
    # when
    done = await redemption.approve(company.manager.actor, redemption_id=asked.id)
    # then
    assert (done.status, done.decided_by_id) == (RedemptionStatus.FULFILLED, company.manager.employee.id)
    assert done.decided_at is not None and done.fulfilled_at is not None
    assert await balances(company.employee) == Balances(wallet=700, allowance=0, held=0)
    assert await stock(item) == 4
    note = await Notification.get(recipient_id=company.employee.employee.id)
    assert (note.kind, note.link) == ("redemption_fulfilled", f"/rewards/redemptions/{asked.id}")
    event = await OutboxEvent.get(type="rewards.redemption_fulfilled")
    assert event.payload["decided_by_id"] == str(company.manager.employee.id)
    assert await AuditEntry.filter(action="redemption.approved", entity_id=str(asked.id)).exists()


async def test_hr_decides_for_anyone(db):
    # given the peer's manager is the owner
    company = await make_company()
    _, asked = await _requested(company, person=company.peer)
    # when
    done = await redemption.approve(company.hr.actor, redemption_id=asked.id)
    # then
    assert done.status == RedemptionStatus.FULFILLED


async def test_a_manager_cannot_decide_for_someone_outside_their_team(db):
    # given
    company = await make_company()
    _, asked = await _requested(company, person=company.peer)
    # when / then
    with pytest.raises(Forbidden):
        await redemption.approve(company.manager.actor, redemption_id=asked.id)
    with pytest.raises(Forbidden):
        await redemption.decline(company.manager.actor, redemption_id=asked.id, reason="No")


async def test_an_employee_cannot_decide(db):
    # given
    company = await make_company()
    _, asked = await _requested(company)
    # when / then
    with pytest.raises(Forbidden):
        await redemption.approve(company.peer.actor, redemption_id=asked.id)


async def test_nobody_approves_their_own_request(db):
    # given HR asks for something
    company = await make_company()
    _, asked = await _requested(company, person=company.hr)
    # when / then
    with pytest.raises(Forbidden, match="your own"):
        await redemption.approve(company.hr.actor, redemption_id=asked.id)


async def test_a_decided_request_cannot_be_approved_again(db):
    # given
    company = await make_company()
    _, asked = await _requested(company)
    await redemption.approve(company.manager.actor, redemption_id=asked.id)
    # when / then
    with pytest.raises(Conflict):
        await redemption.approve(company.hr.actor, redemption_id=asked.id)
    assert await balances(company.employee) == Balances(wallet=700, allowance=0, held=0)


async def test_a_decline_gives_the_points_and_the_stock_back(db):
    # given
    company = await make_company()
    item, asked = await _requested(company)
    # when
    done = await redemption.decline(company.manager.actor, redemption_id=asked.id, reason=" Peak season, sorry ")
    # then
    assert (done.status, done.decline_reason) == (RedemptionStatus.DECLINED, "Peak season, sorry")
    assert await balances(company.employee) == Balances(wallet=1000, allowance=0, held=0)
    assert await stock(item) == 5
    note = await Notification.get(recipient_id=company.employee.employee.id)
    assert (note.kind, note.body_en) == ("redemption_declined", "Peak season, sorry")
    assert (await OutboxEvent.get(type="rewards.redemption_declined")).payload["reason"] == "Peak season, sorry"
    assert await AuditEntry.filter(action="redemption.declined").count() == 1


async def test_a_decline_needs_a_reason(db):
    # given
    company = await make_company()
    _, asked = await _requested(company)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await redemption.decline(company.manager.actor, redemption_id=asked.id, reason="  ")
    assert caught.value.field == "reason"


async def test_a_declined_request_cannot_be_approved(db):
    # given
    company = await make_company()
    _, asked = await _requested(company)
    await redemption.decline(company.manager.actor, redemption_id=asked.id, reason="No")
    # when / then
    with pytest.raises(Conflict):
        await redemption.approve(company.manager.actor, redemption_id=asked.id)


async def test_unlimited_stock_stays_unlimited_after_a_decline(db):
    # given
    company = await make_company()
    item, asked = await _requested(company, stock=None)
    # when
    await redemption.decline(company.manager.actor, redemption_id=asked.id, reason="No")
    # then
    assert await stock(item) is None


async def test_the_requester_withdraws_a_pending_request(db):
    # given
    company = await make_company()
    item, asked = await _requested(company)
    # when
    done = await redemption.cancel(company.employee.actor, redemption_id=asked.id)
    # then
    assert (done.status, done.decided_by_id) == (RedemptionStatus.CANCELLED, company.employee.employee.id)
    assert await balances(company.employee) == Balances(wallet=1000, allowance=0, held=0)
    assert await stock(item) == 5
    assert await OutboxEvent.filter(type="rewards.redemption_cancelled").count() == 1
    assert await AuditEntry.filter(action="redemption.cancelled").count() == 1


async def test_only_the_requester_withdraws(db):
    # given
    company = await make_company()
    _, asked = await _requested(company)
    # when / then
    with pytest.raises(Forbidden):
        await redemption.cancel(company.manager.actor, redemption_id=asked.id)


async def test_a_fulfilled_request_cannot_be_withdrawn(db):
    # given
    company = await make_company()
    _, asked = await _requested(company)
    await redemption.approve(company.manager.actor, redemption_id=asked.id)
    # when / then
    with pytest.raises(Conflict):
        await redemption.cancel(company.employee.actor, redemption_id=asked.id)
    assert await balances(company.employee) == Balances(wallet=700, allowance=0, held=0)


async def test_withdrawing_a_meeting_frees_the_slot(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 2000)
    item, slots = await make_meeting(company, slot_count=2)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)
    # when
    await redemption.cancel(company.employee.actor, redemption_id=asked.id)
    # then
    assert (await MeetingSlot.get(id=slots[0].id)).redemption_id is None
    assert await stock(item) == 2
    assert await balances(company.employee) == Balances(wallet=2000, allowance=0, held=0)


async def test_declining_a_meeting_frees_the_slot(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 2000)
    item, slots = await make_meeting(company, slot_count=1)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)
    # when
    await redemption.decline(company.manager.actor, redemption_id=asked.id, reason="CEO travelling")
    # then
    assert (await MeetingSlot.get(id=slots[0].id)).redemption_id is None
    assert await stock(item) == 1


async def test_another_organisations_request_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    _, asked = await _requested(theirs)
    # when / then
    with pytest.raises(NotFound):
        await redemption.approve(mine.hr.actor, redemption_id=asked.id)
    with pytest.raises(NotFound):
        await redemption.decline(mine.hr.actor, redemption_id=asked.id, reason="No")
    with pytest.raises(NotFound):
        await redemption.cancel(mine.employee.actor, redemption_id=asked.id)
