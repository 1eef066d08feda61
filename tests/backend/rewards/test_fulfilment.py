"""What fulfilment does per kind, the confirmation shown afterwards, and the CEO meeting invite."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.achievements.models import BonusLine, BonusLineStatus
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, OutOfStock, ValidationFailed
from backend.points.queries import Balances
from backend.rewards import fulfilment, redemption
from backend.rewards.models import Entitlement, EntitlementKind, Redemption, RedemptionStatus, RewardKind, VoucherCode
from tests.backend.rewards.support import NOW, balances, give_points, key, make_item, make_meeting, make_voucher
from tests.factories.org import make_company


async def _approved(company, item, *, slot_id=None):
    await give_points(company, company.employee, 5000)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slot_id)
    return await redemption.approve(company.manager.actor, redemption_id=asked.id)


async def test_a_cash_bonus_adds_a_pending_bonus_line(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CASH_BONUS, name_en="¥1,000 cash bonus", amount_minor=100_000)
    # when
    done = await _approved(company, item)
    # then
    line = await BonusLine.get(source_type="redemption", source_id=done.id)
    assert (line.employee_id, line.amount_minor, line.status, line.reason) == (
        company.employee.employee.id, 100_000, BonusLineStatus.PENDING, "Reward: ¥1,000 cash bonus")
    confirmation = await fulfilment.get_confirmation(company.employee.actor, done.id)
    assert (confirmation.amount_minor, confirmation.currency) == (100_000, "CNY")


@pytest.mark.parametrize(("kind", "granted"), [(RewardKind.EXTRA_LEAVE, EntitlementKind.EXTRA_LEAVE),
                                               (RewardKind.REMOTE_DAYS, EntitlementKind.REMOTE_DAYS)])
async def test_days_become_an_entitlement_valid_until_the_end_of_next_year(db, kind, granted):
    # given
    company = await make_company()
    item = await make_item(company, kind, days=2)
    # when
    with clock.frozen_at(NOW):
        done = await _approved(company, item)
    # then
    entitlement = await Entitlement.get(redemption_id=done.id)
    assert (entitlement.kind, entitlement.days, entitlement.used_days, entitlement.valid_until) == (
        granted, 2, 0, date(2027, 12, 31))
    confirmation = await fulfilment.get_confirmation(company.employee.actor, done.id)
    assert (confirmation.days, confirmation.valid_until) == (2, date(2027, 12, 31))


async def test_no_entitlement_while_the_request_is_pending(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_item(company, RewardKind.REMOTE_DAYS, days=1)
    # when
    await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # then
    assert await Entitlement.all().count() == 0


async def test_a_training_seat_confirms_the_session(db):
    # given
    company = await make_company()
    starts = clock.now() + timedelta(days=20)
    item = await make_item(company, RewardKind.TRAINING, stock=5, starts_at=starts, location="Lean Academy, Suzhou")
    # when
    done = await _approved(company, item)
    # then
    confirmation = await fulfilment.get_confirmation(company.employee.actor, done.id)
    assert (confirmation.kind, confirmation.starts_at, confirmation.location) == (
        RewardKind.TRAINING, starts, "Lean Academy, Suzhou")


async def test_a_voucher_draws_one_code_shown_to_the_requester_only(db):
    # given
    company = await make_company()
    item = await make_voucher(company, codes=3)
    # when
    done = await _approved(company, item)
    # then
    drawn = await VoucherCode.get(redemption_id=done.id)
    assert (await fulfilment.get_confirmation(company.employee.actor, done.id)).voucher_code == drawn.code
    assert (await fulfilment.get_confirmation(company.manager.actor, done.id)).voucher_code is None
    assert await VoucherCode.filter(redemption_id=None).count() == 2


async def test_the_voucher_code_is_not_shown_before_approval(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_voucher(company, codes=3)
    # when
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    # then
    assert (await fulfilment.get_confirmation(company.employee.actor, asked.id)).voucher_code is None


async def test_approval_fails_whole_when_no_code_is_left(db):
    # given a pending voucher request whose codes disappeared
    company = await make_company()
    await give_points(company, company.employee, 500)
    item = await make_voucher(company, codes=1, cost_points=100)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    await VoucherCode.filter(item_id=item.id).delete()
    # when / then
    with pytest.raises(OutOfStock):
        await redemption.approve(company.manager.actor, redemption_id=asked.id)
    assert (await Redemption.get(id=asked.id)).status == RedemptionStatus.PENDING
    assert await balances(company.employee) == Balances(wallet=400, allowance=0, held=100)


async def test_a_confirmation_is_not_shown_to_colleagues(db):
    # given
    company = await make_company()
    item = await make_item(company)
    done = await _approved(company, item)
    # when / then
    with pytest.raises(Forbidden):
        await fulfilment.get_confirmation(company.peer.actor, done.id)


async def test_the_meeting_invite_is_tentative_until_approved(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 5000)
    item, slots = await make_meeting(company, name_en="Lunch 1:1 with the CEO", name_zh="与 CEO 共进午餐 1:1")
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id,
                                    note="Ideas for the line, plus career")
    # when
    pending = await fulfilment.meeting_invite(company.employee.actor, asked.id)
    await redemption.approve(company.manager.actor, redemption_id=asked.id)
    confirmed = await fulfilment.meeting_invite(company.employee.actor, asked.id)
    # then
    lines = confirmed.replace("\r\n ", "").split("\r\n")
    assert "STATUS:TENTATIVE" in pending and "STATUS:CONFIRMED" in confirmed
    assert f"UID:meeting-{slots[0].id}@seen" in lines
    assert f"SUMMARY:与 CEO 共进午餐 1:1 · {company.employee.employee.name}" in lines
    assert "DESCRIPTION:Ideas for the line\\, plus career" in lines
    assert f'ORGANIZER;CN="{company.owner.employee.name}":mailto:{company.owner.employee.email}' in lines
    assert any(line.startswith("ATTENDEE") and company.employee.employee.email in line for line in lines)
    confirmation = await fulfilment.get_confirmation(company.employee.actor, asked.id)
    assert (confirmation.starts_at, confirmation.ends_at) == (slots[0].starts_at, slots[0].ends_at)


async def test_the_host_and_hr_get_the_invite_but_colleagues_do_not(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 5000)
    item, slots = await make_meeting(company)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)
    # when / then
    assert "BEGIN:VEVENT" in await fulfilment.meeting_invite(company.owner.actor, asked.id)
    assert "BEGIN:VEVENT" in await fulfilment.meeting_invite(company.hr.actor, asked.id)
    with pytest.raises(Forbidden):
        await fulfilment.meeting_invite(company.manager.actor, asked.id)


async def test_a_withdrawn_meeting_has_no_invite(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 5000)
    item, slots = await make_meeting(company)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[0].id)
    await redemption.cancel(company.employee.actor, redemption_id=asked.id)
    # when / then
    with pytest.raises(Conflict):
        await fulfilment.meeting_invite(company.employee.actor, asked.id)


async def test_only_a_meeting_has_an_invite(db):
    # given
    company = await make_company()
    done = await _approved(company, await make_item(company))
    # when / then
    with pytest.raises(ValidationFailed):
        await fulfilment.meeting_invite(company.employee.actor, done.id)
