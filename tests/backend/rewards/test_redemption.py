"""Asking for a reward: stock, points, limits, eligibility, slots, retries; nothing kept when it fails."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backend.access.actor import Actor
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import (
    Forbidden,
    InsufficientPoints,
    LimitExceeded,
    NotEligible,
    NotFound,
    OutOfStock,
    ValidationFailed,
)
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.org.models import Employee, EmployeeStatus
from backend.points.models import PointsTransfer, TransferKind
from backend.points.queries import Balances
from backend.rewards import catalogue, redemption
from backend.rewards.models import LimitPeriod, MeetingSlot, Redemption, RedemptionStatus, RewardKind, VoucherCode
from tests.backend.rewards.support import NOW, balances, give_points, key, make_item, make_meeting, make_voucher, stock
from tests.factories.org import make_company


async def test_a_request_holds_the_points_takes_stock_and_asks_the_manager(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, cost_points=300, stock=4)
    # when
    made = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), note="Friday please")
    # then
    assert (made.status, made.points, made.approver_id, made.note) == (
        RedemptionStatus.PENDING, 300, company.manager.employee.id, "Friday please")
    assert await balances(company.employee) == Balances(wallet=200, allowance=0, held=300)
    assert await stock(item) == 3
    held = await PointsTransfer.get(id=made.hold_transfer_id)
    assert (held.kind, held.idempotency_key, held.source_id) == (TransferKind.HOLD, f"redemption:{made.id}", made.id)
    note = await Notification.get(recipient_id=company.manager.employee.id)
    assert (note.kind, note.link) == ("redemption_requested", "/approvals")
    event = await OutboxEvent.get(type="rewards.redemption_requested")
    assert event.payload["redemption_id"] == str(made.id) and event.payload["approver_id"] == str(company.manager.employee.id)
    assert await AuditEntry.filter(action="redemption.requested", entity_id=str(made.id)).exists()


async def test_a_retry_with_the_same_client_key_returns_the_first_request(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, cost_points=100, stock=4)
    client_key = key()
    first = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=client_key)
    # when
    again = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=client_key)
    # then
    assert again.id == first.id
    assert await balances(company.employee) == Balances(wallet=400, allowance=0, held=100)
    assert await stock(item) == 3
    assert await Redemption.all().count() == 1


async def test_a_retry_is_idempotent_even_after_the_item_ran_out(db):
    # given the only unit taken by the first attempt
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, stock=1)
    client_key = key()
    first = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=client_key)
    # when
    again = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=client_key)
    # then
    assert again.id == first.id


async def test_without_enough_points_nothing_is_kept(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 99)
    item = await make_item(company, cost_points=100, stock=3)
    # when / then
    with pytest.raises(InsufficientPoints):
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    assert await stock(item) == 3
    assert await balances(company.employee) == Balances(wallet=99, allowance=0, held=0)
    assert await Redemption.all().count() == 0
    assert not await OutboxEvent.filter(type="rewards.redemption_requested").exists()
    assert not await Notification.filter(kind="redemption_requested").exists()


async def test_an_item_out_of_stock_is_refused(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, stock=0)
    # when / then
    with pytest.raises(OutOfStock) as caught:
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    assert caught.value.field == "itemId"
    assert await balances(company.employee) == Balances(wallet=500, allowance=0, held=0)


async def test_an_unmet_gate_is_refused_with_the_reason(db):
    # given someone hired in March 2022 and an item asking for 10 years
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, eligibility={"min_tenure_months": 120, "min_tier": "top20"})
    # when / then
    with clock.frozen_at(NOW), pytest.raises(NotEligible) as caught:
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    assert caught.value.message == ("Needs 120 months with the company; you have 56. "
                                    "Needs a tier from a closed review cycle; none yet.")
    assert await Redemption.all().count() == 0


async def test_a_met_gate_lets_the_request_through(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, eligibility={"min_tenure_months": 12})
    # when
    made = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # then
    assert made.status == RedemptionStatus.PENDING


async def test_the_per_person_limit_counts_requests_in_the_current_period(db):
    # given a limit of 2 a month and two requests this month
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company, per_person_limit=2, limit_period=LimitPeriod.MONTH)
    with clock.frozen_at(NOW):
        for _ in range(2):
            await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
        # when / then
        with pytest.raises(LimitExceeded, match="2 times per month") as caught:
            await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    assert caught.value.field == "itemId"
    assert await balances(company.employee) == Balances(wallet=800, allowance=0, held=200)


async def test_the_limit_starts_again_with_the_next_period_in_the_organisations_time_zone(db):
    # given two requests in November (Shanghai), the limit being 2 a month
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company, per_person_limit=2, limit_period=LimitPeriod.MONTH)
    with clock.frozen_at(datetime(2026, 11, 30, 15, 0, tzinfo=UTC)):  # 23:00 on 30 Nov in Shanghai
        for _ in range(2):
            await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # when it is 1 December in Shanghai, still 30 November in UTC
    with clock.frozen_at(datetime(2026, 11, 30, 16, 30, tzinfo=UTC)):
        made = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # then
    assert made.status == RedemptionStatus.PENDING


async def test_a_declined_request_does_not_count_toward_the_limit(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company, per_person_limit=1)
    first = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    await redemption.decline(company.manager.actor, redemption_id=first.id, reason="Busy season")
    # when
    second = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # then
    assert second.status == RedemptionStatus.PENDING


async def test_an_inactive_item_cannot_be_redeemed(db):
    # given
    company = await make_company()
    item = await make_item(company)
    await catalogue.set_item_active(company.hr.actor, item.id, active=False)
    # when / then
    with pytest.raises(ValidationFailed, match="no longer offered"):
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())


async def test_a_session_that_started_cannot_be_booked(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, RewardKind.TRAINING, stock=5, starts_at=clock.now() + timedelta(days=1))
    # when / then
    with clock.frozen_at(clock.now() + timedelta(days=2)), pytest.raises(ValidationFailed, match="already started"):
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())


async def test_someone_who_left_cannot_redeem(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company)
    await Employee.filter(id=company.employee.employee.id).update(status=EmployeeStatus.LEFT, left_on=date(2026, 1, 1))
    # when / then
    with pytest.raises(Forbidden):
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())


async def test_only_people_redeem(db):
    # given
    company = await make_company()
    item = await make_item(company)
    # when / then
    with pytest.raises(Forbidden):
        await redemption.redeem(Actor.system(company.org.id), item_id=item.id, client_key=key())


@pytest.mark.parametrize(("client_key", "note", "field"), [("short", "", "clientKey"), (None, "x" * 501, "note")])
async def test_bad_input_is_refused(db, client_key, note, field):
    # given
    company = await make_company()
    item = await make_item(company)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=client_key or key(), note=note)
    assert caught.value.field == field


async def test_another_organisations_item_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    await give_points(mine, mine.employee, 500)
    item = await make_item(theirs)
    # when / then
    with pytest.raises(NotFound):
        await redemption.redeem(mine.employee.actor, item_id=item.id, client_key=key())


async def test_a_meeting_request_books_the_chosen_slot(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 2000)
    item, slots = await make_meeting(company, slot_count=2, cost_points=1200)
    # when
    made = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[1].id)
    # then
    assert (await MeetingSlot.get(id=slots[1].id)).redemption_id == made.id
    assert await stock(item) == 1


async def test_a_meeting_needs_a_slot(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 2000)
    item, _ = await make_meeting(company)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    assert caught.value.field == "slotId"


async def test_a_booked_slot_cannot_be_booked_again(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 2000)
    await give_points(company, company.peer, 2000)
    item, slots = await make_meeting(company)
    await redemption.redeem(company.peer.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)
    # when / then
    with pytest.raises(OutOfStock) as caught:
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)
    assert caught.value.field == "slotId"
    assert await balances(company.employee) == Balances(wallet=2000, allowance=0, held=0)


async def test_a_past_slot_cannot_be_booked(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 2000)
    item, slots = await make_meeting(company)
    # when / then
    with clock.frozen_at(slots[0].starts_at + timedelta(minutes=1)), pytest.raises(ValidationFailed, match="passed"):
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)


async def test_the_host_cannot_book_themselves(db):
    # given slots hosted by the owner
    company = await make_company()
    await give_points(company, company.owner, 2000)
    item, slots = await make_meeting(company)
    # when / then
    with pytest.raises(ValidationFailed, match="yourself"):
        await redemption.redeem(company.owner.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)


async def test_only_a_meeting_takes_a_slot(db):
    # given
    company = await make_company()
    _, slots = await make_meeting(company)
    item = await make_item(company)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)
    assert caught.value.field == "slotId"


async def test_an_item_without_approval_is_fulfilled_at_once(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_voucher(company, codes=2, cost_points=120, requires_approval=False)
    # when
    made = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # then
    assert (made.status, made.approver_id, made.decided_by_id) == (RedemptionStatus.FULFILLED, None, None)
    assert made.fulfilled_at is not None
    assert await balances(company.employee) == Balances(wallet=380, allowance=0, held=0)
    assert await VoucherCode.filter(redemption_id=made.id).count() == 1
    assert await stock(item) == 1
    assert [n.kind for n in await Notification.filter(recipient_id=company.employee.employee.id)] == ["redemption_fulfilled"]
    assert not await Notification.filter(kind="redemption_requested").exists()
    assert await OutboxEvent.filter(type="rewards.redemption_fulfilled").count() == 1
    assert await AuditEntry.filter(action="redemption.fulfilled", entity_id=str(made.id)).exists()


async def test_a_request_from_someone_without_a_manager_goes_to_hr(db):
    # given the owner has no manager
    company = await make_company()
    await give_points(company, company.owner, 500)
    item = await make_item(company)
    # when
    made = await redemption.redeem(company.owner.actor, item_id=item.id, client_key=key())
    # then
    assert made.approver_id is None
    assert [n.recipient_id for n in await Notification.filter(kind="redemption_requested")] == [company.hr.employee.id]
