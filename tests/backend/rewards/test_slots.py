"""Publishing CEO meeting slots: who may, which times are accepted, and the free slots people see."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.rewards import catalogue, redemption, slots
from backend.rewards.models import MeetingSlot, RewardKind
from tests.backend.rewards.support import give_points, key, make_item, make_meeting, stock
from tests.factories.org import make_company


def _times(*hours_ahead: float, length: float = 1.0):
    start = clock.now().replace(microsecond=0) + timedelta(days=2)
    return [(start + timedelta(hours=h), start + timedelta(hours=h + length), "CEO office") for h in hours_ahead]


async def test_hr_publishes_slots_for_the_owner_by_default(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CEO_MEETING)
    # when
    made = await slots.publish_slots(company.hr.actor, item_id=item.id, slots=_times(0, 24, 48))
    # then
    assert {s.host_id for s in made} == {company.owner.employee.id}
    assert await MeetingSlot.all().count() == 3
    assert await stock(item) == 3
    assert await AuditEntry.filter(action="meeting_slots.published", entity_id=str(item.id)).exists()


async def test_the_owner_publishes_their_own_slots(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CEO_MEETING)
    # when
    made = await slots.publish_slots(company.owner.actor, item_id=item.id, slots=_times(0))
    # then
    assert made[0].host_id == company.owner.employee.id


async def test_hr_may_name_another_host(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CEO_MEETING)
    # when
    made = await slots.publish_slots(company.hr.actor, item_id=item.id, slots=_times(0), host_id=company.manager.employee.id)
    # then
    assert made[0].host_id == company.manager.employee.id


async def test_a_manager_cannot_publish_slots(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CEO_MEETING)
    # when / then
    with pytest.raises(Forbidden):
        await slots.publish_slots(company.manager.actor, item_id=item.id, slots=_times(0),
                                  host_id=company.manager.employee.id)


@pytest.mark.parametrize(("times", "message"), [
    (lambda: [(clock.now() - timedelta(hours=1), clock.now(), "")], "Slot 1 is not in the future"),
    (lambda: [_times(0)[0], (_times(5)[0][1], _times(5)[0][0], "")], "Slot 2 must end after it starts"),
    (lambda: _times(0, length=4.5), "within 4 hours"),
    (lambda: _times(0, 0.5), "Slot 2 overlaps another slot in this list"),
    (lambda: [(_times(0)[0][0], _times(0)[0][1], "x" * 201)], "200 characters"),
    (lambda: [], "between 1 and 50"),
    (lambda: _times(*range(51)), "between 1 and 50"),
])
async def test_bad_slots_are_refused(db, times, message):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CEO_MEETING)
    # when / then
    with pytest.raises(ValidationFailed, match=message) as caught:
        await slots.publish_slots(company.hr.actor, item_id=item.id, slots=times())
    assert caught.value.field == "slots"
    assert await MeetingSlot.all().count() == 0


async def test_a_slot_overlapping_the_hosts_existing_one_is_refused(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CEO_MEETING)
    await slots.publish_slots(company.hr.actor, item_id=item.id, slots=_times(0))
    # when / then
    with pytest.raises(ValidationFailed, match="overlaps one"):
        await slots.publish_slots(company.owner.actor, item_id=item.id, slots=_times(3, 0.5))
    assert await MeetingSlot.all().count() == 1


async def test_slots_touching_end_to_start_do_not_overlap(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CEO_MEETING)
    await slots.publish_slots(company.hr.actor, item_id=item.id, slots=_times(0))
    # when
    await slots.publish_slots(company.hr.actor, item_id=item.id, slots=_times(1))
    # then
    assert await stock(item) == 2


async def test_slots_belong_to_meeting_items_only(db):
    # given
    company = await make_company()
    item = await make_item(company)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await slots.publish_slots(company.hr.actor, item_id=item.id, slots=_times(0))
    assert caught.value.field == "itemId"


async def test_people_see_the_free_future_slots_soonest_first(db):
    # given three slots, the first booked by a colleague
    company = await make_company()
    item, made = await make_meeting(company, slot_count=3)
    await give_points(company, company.peer, 5000)
    await redemption.redeem(company.peer.actor, item_id=item.id, client_key=key(), slot_id=made[0].id)
    # when
    free = await slots.list_free_slots(company.employee.actor, item_id=item.id)
    # then
    assert [s.id for s in free] == [made[1].id, made[2].id]


async def test_a_slot_that_passed_unbooked_drops_out_of_stock(db):
    # given
    company = await make_company()
    item, made = await make_meeting(company, slot_count=2)
    # when the first has started and stock is recounted
    with clock.frozen_at(made[0].starts_at + timedelta(minutes=1)):
        await slots.resync_meeting_stock(company.system)
        free = await slots.list_free_slots(company.employee.actor, item_id=item.id)
    # then
    assert [s.id for s in free] == [made[1].id]
    assert await stock(item) == 1


async def test_free_slots_of_an_inactive_item_are_hidden_from_people(db):
    # given
    company = await make_company()
    item, _ = await make_meeting(company)
    await catalogue.set_item_active(company.hr.actor, item.id, active=False)
    # when / then
    with pytest.raises(NotFound):
        await slots.list_free_slots(company.employee.actor, item_id=item.id)


async def test_another_organisations_item_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    item = await make_item(theirs, RewardKind.CEO_MEETING)
    # when / then
    with pytest.raises(NotFound):
        await slots.publish_slots(mine.hr.actor, item_id=item.id, slots=_times(0))
    with pytest.raises(NotFound):
        await slots.list_free_slots(mine.employee.actor, item_id=item.id)


async def test_a_slot_of_another_meeting_reward_cannot_be_booked(db):
    # given two meeting rewards, only the first with slots, and an employee with points
    company = await make_company()
    first, published = await make_meeting(company, slot_count=1)
    second = await make_item(company, RewardKind.CEO_MEETING)
    await give_points(company, company.employee, 5_000)
    # when the employee redeems the second with the first one's slot
    with pytest.raises(ValidationFailed) as err:
        await redemption.redeem(company.employee.actor, item_id=second.id, client_key=key(), slot_id=published[0].id)
    # then it is refused and the slot stays free
    assert err.value.field == "slotId"
    assert [s.id for s in await slots.list_free_slots(company.employee.actor, item_id=first.id)] == [published[0].id]
