"""Reading the reward pool: own requests, the approval queue, who sees what, the home card and insights."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from backend.core import clock
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.rewards import queries, redemption
from backend.rewards.models import Entitlement, EntitlementKind, RedemptionStatus, RewardKind, VoucherCode
from tests.backend.rewards.support import NOW, give_points, key, make_item, make_meeting, make_voucher
from tests.factories.org import make_company


async def _ask(company, person, item, at: datetime | None = None):
    with clock.frozen_at(at or clock.now()):
        return await redemption.redeem(person.actor, item_id=item.id, client_key=key())


async def test_my_redemptions_are_mine_newest_first_in_pages(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 1000)
    await give_points(company, company.peer, 1000)
    item = await make_item(company)
    mine = [await _ask(company, company.employee, item, NOW + timedelta(minutes=n)) for n in range(3)]
    await _ask(company, company.peer, item)
    # when
    first = await queries.list_my_redemptions(company.employee.actor, first=2)
    rest = await queries.list_my_redemptions(company.employee.actor, first=2, after=first.end_cursor)
    # then
    assert [r.id for r in first.items] == [mine[2].id, mine[1].id]
    assert [r.id for r in rest.items] == [mine[0].id]
    assert (first.total_count, first.has_next, rest.has_next) == (3, True, False)


async def test_a_manager_sees_their_teams_pending_requests_oldest_first(db):
    # given
    company = await make_company()
    for person in (company.employee, company.peer):
        await give_points(company, person, 1000)
    item = await make_item(company)
    older = await _ask(company, company.employee, item, NOW)
    newer = await _ask(company, company.employee, item, NOW + timedelta(hours=1))
    await _ask(company, company.peer, item)  # the peer reports to the owner
    # when
    page = await queries.list_approvals(company.manager.actor, first=10)
    # then
    assert [r.id for r in page.items] == [older.id, newer.id]


async def test_hr_sees_everyones_requests_but_their_own(db):
    # given
    company = await make_company()
    for person in (company.employee, company.peer, company.hr):
        await give_points(company, person, 1000)
    item = await make_item(company)
    theirs = [await _ask(company, p, item, NOW + timedelta(minutes=n)) for n, p in enumerate((company.employee, company.peer))]
    await _ask(company, company.hr, item)
    # when
    page = await queries.list_approvals(company.hr.actor, first=10)
    # then
    assert [r.id for r in page.items] == [r.id for r in theirs]


async def test_decided_requests_are_listed_by_status_newest_first(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company)
    asked = await _ask(company, company.employee, item)
    await redemption.approve(company.manager.actor, redemption_id=asked.id)
    # when
    pending = await queries.list_approvals(company.manager.actor, first=10)
    done = await queries.list_approvals(company.manager.actor, first=10, status=RedemptionStatus.FULFILLED)
    # then
    assert (pending.items, [r.id for r in done.items]) == ([], [asked.id])


async def test_employees_have_no_approval_queue(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await queries.list_approvals(company.employee.actor, first=10)


async def test_a_request_is_seen_by_the_requester_their_managers_and_hr(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 1000)
    asked = await _ask(company, company.employee, await make_item(company))
    # when / then
    for viewer in (company.employee, company.manager, company.owner, company.hr):
        assert (await queries.get_redemption(viewer.actor, asked.id)).id == asked.id
    with pytest.raises(Forbidden):
        await queries.get_redemption(company.peer.actor, asked.id)


async def test_loaders_leave_out_requests_the_viewer_may_not_see(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 1000)
    asked = await _ask(company, company.employee, await make_item(company))
    # when
    seen = await queries.redemptions_by_ids(company.peer.actor, [asked.id, uuid.uuid4()])
    mine = await queries.redemptions_by_ids(company.employee.actor, [asked.id])
    # then
    assert seen == [None, None]
    assert [r.id for r in mine if r] == [asked.id]


async def test_another_organisations_request_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    await give_points(theirs, theirs.employee, 1000)
    asked = await _ask(theirs, theirs.employee, await make_item(theirs))
    # when / then
    with pytest.raises(NotFound):
        await queries.get_redemption(mine.hr.actor, asked.id)
    assert await queries.redemptions_by_ids(mine.hr.actor, [asked.id]) == [None]
    assert (await queries.list_approvals(mine.hr.actor, first=10)).items == []


async def test_my_entitlements_are_the_unexpired_ones_soonest_first(db):
    # given
    company = await make_company()
    me = company.employee.employee.id
    for until, kind in ((date(2027, 12, 31), EntitlementKind.REMOTE_DAYS), (date(2026, 12, 31), EntitlementKind.EXTRA_LEAVE),
                        (date(2026, 1, 31), EntitlementKind.EXTRA_LEAVE)):
        await Entitlement.create_for(company.system, employee_id=me, kind=kind, days=1, valid_until=until, created_at=NOW)
    await Entitlement.create_for(company.system, employee_id=company.peer.employee.id, kind=EntitlementKind.EXTRA_LEAVE,
                                 days=1, valid_until=date(2027, 1, 1), created_at=NOW)
    # when
    with clock.frozen_at(NOW):
        current = await queries.list_my_entitlements(company.employee.actor)
        everything = await queries.list_my_entitlements(company.employee.actor, include_expired=True)
    # then
    assert [e.valid_until for e in current] == [date(2026, 12, 31), date(2027, 12, 31)]
    assert len(everything) == 3


async def test_the_home_card_shows_the_cheapest_reward_not_yet_affordable(db):
    # given 250 points
    company = await make_company()
    await give_points(company, company.employee, 250)
    await make_item(company, cost_points=100)
    target = await make_item(company, cost_points=300)
    await make_item(company, cost_points=900)
    await make_item(company, cost_points=280, stock=0)  # out of stock
    await make_item(company, cost_points=260, eligibility={"min_tier": "top10"})  # not eligible
    # when
    progress = await queries.next_within_reach(company.employee.actor)
    # then
    assert progress is not None
    assert (progress.item.id, progress.wallet, progress.missing, progress.affordable) == (target.id, 250, 50, False)


async def test_when_everything_is_affordable_the_card_shows_the_dearest(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 5000)
    await make_item(company, cost_points=100)
    dearest = await make_item(company, cost_points=900)
    # when
    progress = await queries.next_within_reach(company.employee.actor)
    # then
    assert progress is not None and (progress.item.id, progress.missing, progress.affordable) == (dearest.id, 0, True)


async def test_with_nothing_on_offer_the_card_is_empty(db):
    # given
    company = await make_company()
    # when / then
    assert await queries.next_within_reach(company.employee.actor) is None


async def test_eligibility_reasons_are_there_for_the_catalogue_screen(db):
    # given
    company = await make_company()
    item = await make_item(company, eligibility={"min_score": 80})
    # when
    reasons = await queries.get_eligibility(company.employee.actor, item_id=item.id)
    # then
    assert [r.code for r in reasons] == ["score"]


async def test_insights_count_redemptions_per_kind_in_the_window(db):
    # given 2 training, 1 leave, 1 declined leave in the window, 1 training before it
    company = await make_company()
    for person in (company.employee, company.peer, company.manager):
        await give_points(company, person, 5000)
    training = await make_item(company, RewardKind.TRAINING, stock=10)
    leave = await make_item(company, RewardKind.EXTRA_LEAVE)
    await _ask(company, company.employee, training, NOW - timedelta(days=40))
    await _ask(company, company.employee, training, NOW)
    await _ask(company, company.peer, training, NOW)
    await _ask(company, company.manager, leave, NOW)
    declined = await _ask(company, company.peer, leave, NOW)
    await redemption.decline(company.owner.actor, redemption_id=declined.id, reason="No")
    # when
    counts = await queries.redemption_counts_by_kind(company.hr.actor, since=NOW - timedelta(days=30),
                                                     until=NOW + timedelta(days=1))
    # then
    assert [(c.kind, c.count) for c in counts[:3]] == [(RewardKind.TRAINING, 2), (RewardKind.EXTRA_LEAVE, 1),
                                                       (RewardKind.CASH_BONUS, 0)]
    assert [round(c.share, 3) for c in counts[:2]] == [0.667, 0.333]
    assert len(counts) == len(RewardKind)


async def test_insight_windows_in_other_offsets_cut_at_the_same_instant(db):
    # given a request at 00:30 on 1 Dec in Shanghai (16:30 UTC on 30 Nov)
    company = await make_company()
    await give_points(company, company.employee, 1000)
    item = await make_item(company)
    await _ask(company, company.employee, item, datetime(2026, 11, 30, 16, 30, tzinfo=UTC))
    december = datetime.fromisoformat("2026-12-01T00:00:00+08:00")
    # when
    counts = await queries.redemption_counts_by_kind(company.hr.actor, since=december,
                                                     until=datetime.fromisoformat("2027-01-01T00:00:00+08:00"))
    # then
    assert sum(c.count for c in counts) == 1


async def test_insights_are_for_hr(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await queries.redemption_counts_by_kind(company.manager.actor, since=NOW - timedelta(days=1), until=NOW)
    with pytest.raises(ValidationFailed):
        await queries.redemption_counts_by_kind(company.hr.actor, since=NOW, until=NOW)


async def test_slot_loader_gives_the_booked_slot_to_those_who_see_the_request(db):
    # given
    company = await make_company()
    await give_points(company, company.employee, 5000)
    item, slots = await make_meeting(company)
    asked = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key(), slot_id=slots[1].id)
    # when
    seen = await queries.slots_by_redemption_ids(company.manager.actor, [asked.id, uuid.uuid4()])
    hidden = await queries.slots_by_redemption_ids(company.peer.actor, [asked.id])
    # then
    assert [s.id if s else None for s in seen] == [slots[1].id, None]
    assert hidden == [None]


async def test_voucher_code_loader_shows_codes_to_the_requester_and_hr_once_fulfilled(db):
    # given one fulfilled and one pending voucher request
    company = await make_company()
    await give_points(company, company.employee, 5000)
    item = await make_voucher(company, codes=3)
    done = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    await redemption.approve(company.manager.actor, redemption_id=done.id)
    pending = await redemption.redeem(company.employee.actor, item_id=item.id, client_key=key())
    code = (await VoucherCode.get(redemption_id=done.id)).code
    # when / then
    assert await queries.voucher_codes_by_redemption_ids(company.employee.actor, [done.id, pending.id]) == [code, None]
    assert await queries.voucher_codes_by_redemption_ids(company.hr.actor, [done.id]) == [code]
    assert await queries.voucher_codes_by_redemption_ids(company.manager.actor, [done.id]) == [None]


async def test_an_entitlement_is_seen_by_its_holder_and_their_managers(db):
    # given
    company = await make_company()
    granted = await Entitlement.create_for(company.system, employee_id=company.employee.employee.id, days=1,
                                           kind=EntitlementKind.REMOTE_DAYS, valid_until=date(2027, 12, 31), created_at=NOW)
    # when / then
    for viewer in (company.employee, company.manager, company.hr):
        assert (await queries.get_entitlement(viewer.actor, granted.id)).id == granted.id
    with pytest.raises(Forbidden):
        await queries.get_entitlement(company.peer.actor, granted.id)


async def test_another_organisations_entitlement_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    granted = await Entitlement.create_for(theirs.system, employee_id=theirs.employee.employee.id, days=1,
                                           kind=EntitlementKind.REMOTE_DAYS, valid_until=date(2027, 12, 31), created_at=NOW)
    # when / then
    with pytest.raises(NotFound):
        await queries.get_entitlement(mine.hr.actor, granted.id)
