"""HR gives a voucher without the person spending points: one unit and one code taken, the person told and
shown the code, a retry (even racing) gives once, and anything that cannot be given changes nothing."""
from __future__ import annotations

import asyncio

import pytest

from backend.access.permissions import Permission
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, OutOfStock, ValidationFailed
from backend.notifications.models import Notification
from backend.rewards import fulfilment, gifts, redemption
from backend.rewards.models import Redemption, RedemptionStatus, RewardItem, RewardKind, VoucherCode
from tests.backend.rewards.support import balances, give_points, key, make_item, make_voucher, stock
from tests.factories.org import make_company


async def test_hr_gives_a_voucher_one_code_and_one_unit_no_points(db):
    # given a voucher with 3 codes and a person with 200 points
    c = await make_company()
    item = await make_voucher(c, codes=3, cost_points=150)
    await give_points(c, c.employee, 200)
    # when
    given = await gifts.gift_item(c.hr.actor, item_id=item.id, employee_id=c.employee.employee.id,
                                  reason="Great demo day 演示很棒", idempotency_key=key())
    # then a fulfilled, free redemption holding one code
    assert (given.status, given.points, given.note, given.decided_by_id, given.approver_id) == (
        RedemptionStatus.FULFILLED, 0, "Great demo day 演示很棒", c.hr.employee.id, None)
    assert given.client_key.startswith("gift:")
    assert await stock(item) == 2
    assert await VoucherCode.filter(item_id=item.id, redemption_id=given.id).count() == 1
    b = await balances(c.employee)
    assert (b.wallet, b.held) == (200, 0)
    # the person sees the code and is told
    shown = await fulfilment.get_confirmation(c.employee.actor, given.id)
    assert shown.voucher_code is not None and shown.voucher_code.startswith("CODE-")
    note = await Notification.of(c.system).get(recipient_id=c.employee.employee.id, kind="redemption_fulfilled")
    assert item.name_en in note.title_en and "获得" in note.title_zh
    assert await AuditEntry.of(c.system).filter(action="redemption.gifted").count() == 1


async def test_a_retried_gift_is_given_once(db):
    c = await make_company()
    item = await make_voucher(c, codes=3)
    k = key()
    first = await gifts.gift_item(c.hr.actor, item_id=item.id, employee_id=c.employee.employee.id, reason="Thanks",
                                  idempotency_key=k)
    again = await gifts.gift_item(c.hr.actor, item_id=item.id, employee_id=c.employee.employee.id, reason="Thanks",
                                  idempotency_key=k)
    assert again.id == first.id
    assert await stock(item) == 2
    assert await VoucherCode.filter(item_id=item.id).exclude(redemption_id=None).count() == 1
    assert await Notification.of(c.system).filter(kind="redemption_fulfilled").count() == 1
    other = await make_voucher(c, codes=1)
    with pytest.raises(Conflict):  # the same key cannot give another item
        await gifts.gift_item(c.hr.actor, item_id=other.id, employee_id=c.employee.employee.id, reason="x",
                              idempotency_key=k)


async def test_racing_retries_give_one_gift(db):
    # given (PostgreSQL: the racers really overlap; SQLite: one transaction at a time)
    c = await make_company()
    item = await make_voucher(c, codes=5)
    k = key()
    # when
    got = await asyncio.gather(*(gifts.gift_item(c.hr.actor, item_id=item.id, employee_id=c.employee.employee.id,
                                                 reason="Thanks", idempotency_key=k) for _ in range(6)))
    # then
    assert len({g.id for g in got}) == 1
    assert await Redemption.filter(item_id=item.id).count() == 1
    assert await stock(item) == 4
    assert await VoucherCode.filter(item_id=item.id).exclude(redemption_id=None).count() == 1


async def test_out_of_codes_or_stock_is_a_typed_error_and_changes_nothing(db):
    # given a voucher whose stock says 5 but has one code left (HR raised the stock by hand)
    c = await make_company()
    item = await make_voucher(c, codes=1)
    await RewardItem.filter(id=item.id).update(stock=5)
    await gifts.gift_item(c.hr.actor, item_id=item.id, employee_id=c.employee.employee.id, reason="First",
                          idempotency_key=key())
    # when the codes have run out
    with pytest.raises(OutOfStock) as no_code:
        await gifts.gift_item(c.hr.actor, item_id=item.id, employee_id=c.peer.employee.id, reason="Second",
                              idempotency_key=key())
    # then nothing moved
    assert no_code.value.field == "itemId"
    assert await stock(item) == 4
    assert await Redemption.filter(item_id=item.id).count() == 1
    assert await Notification.of(c.system).filter(recipient_id=c.peer.employee.id).count() == 0
    # and with no stock at all
    await RewardItem.filter(id=item.id).update(stock=0)
    with pytest.raises(OutOfStock):
        await gifts.gift_item(c.hr.actor, item_id=item.id, employee_id=c.peer.employee.id, reason="Third",
                              idempotency_key=key())
    assert await Redemption.filter(item_id=item.id).count() == 1


async def test_who_may_give_what(db):
    c = await make_company()
    voucher = await make_voucher(c, codes=3)
    cash = await make_item(c, RewardKind.CASH_BONUS)
    leave = await make_item(c, RewardKind.EXTRA_LEAVE, stock=3)
    person = c.employee.employee.id
    with pytest.raises(Forbidden):  # a manager is not HR
        await gifts.gift_item(c.manager.actor, item_id=voucher.id, employee_id=person, reason="x", idempotency_key=key())
    with pytest.raises(Forbidden):  # only the listed delegated permissions
        await gifts.gift_item(c.manager.actor, item_id=voucher.id, employee_id=person, reason="x", idempotency_key=key(),
                              permission=Permission.REWARDS_REDEEM)
    with pytest.raises(Forbidden):  # not to oneself
        await gifts.gift_item(c.hr.actor, item_id=voucher.id, employee_id=c.hr.employee.id, reason="x",
                              idempotency_key=key())
    with pytest.raises(ValidationFailed) as money:  # cash goes through bonus pools
        await gifts.gift_item(c.hr.actor, item_id=cash.id, employee_id=person, reason="x", idempotency_key=key())
    with pytest.raises(ValidationFailed) as moderator_leave:  # acting for HR from the feed: vouchers only
        await gifts.gift_item(c.hr.actor, item_id=leave.id, employee_id=person, reason="x", idempotency_key=key(),
                              permission=Permission.COMMUNITY_MODERATE)
    with pytest.raises(ValidationFailed) as no_reason:
        await gifts.gift_item(c.hr.actor, item_id=voucher.id, employee_id=person, reason=" ", idempotency_key=key())
    with pytest.raises(NotFound):
        await gifts.gift_item(c.hr.actor, item_id=c.org.id, employee_id=person, reason="x", idempotency_key=key())
    assert (money.value.field, moderator_leave.value.field, no_reason.value.field) == ("itemId", "itemId", "reason")
    assert await Redemption.all().count() == 0 and await stock(voucher) == 3
    # HR may give a non-cash entitlement
    days = await gifts.gift_item(c.hr.actor, item_id=leave.id, employee_id=person, reason="Overtime", idempotency_key=key())
    assert (days.status, days.points, await stock(leave)) == (RedemptionStatus.FULFILLED, 0, 2)


async def test_a_person_cannot_use_a_gift_key_to_pre_empt_a_gift(db):
    c = await make_company()
    item = await make_voucher(c, codes=2, requires_approval=False)
    await give_points(c, c.employee, 500)
    with pytest.raises(ValidationFailed) as reserved:
        await redemption.redeem(c.employee.actor, item_id=item.id, client_key="gift:post-reward:whatever")
    assert reserved.value.field == "clientKey"
