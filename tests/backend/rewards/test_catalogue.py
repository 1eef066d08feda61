"""The catalogue: HR's items, validated per kind, audited; stock adjusted without races; what people see."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError, OperationalError

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.rewards import catalogue, slots
from backend.rewards.models import LimitPeriod, RewardItem, RewardKind
from tests.backend.rewards.support import make_item, make_meeting, make_voucher, stock
from tests.factories.org import make_company


async def test_hr_creates_an_item_and_the_creation_is_audited(db):
    # given
    company = await make_company()
    # when
    item = await catalogue.create_item(
        company.hr.actor, kind=RewardKind.REMOTE_DAYS, name_en=" One remote-work day ", name_zh="远程办公 1 天",
        cost_points=300, days=1, per_person_limit=4, limit_period=LimitPeriod.MONTH,
        image_url="/static/rewards/remote.png", eligibility={"min_tenure_months": 3})
    # then
    stored = await RewardItem.get(id=item.id)
    assert (stored.name_en, stored.cost_points, stored.days, stored.per_person_limit, stored.limit_period) == (
        "One remote-work day", 300, 1, 4, LimitPeriod.MONTH)
    assert (stored.stock, stored.requires_approval, stored.active, stored.eligibility) == (
        None, True, True, {"min_tenure_months": 3})
    entry = await AuditEntry.get(action="reward_item.created", entity_id=str(item.id))
    assert entry.after is not None and entry.after["kind"] == "remote_days"


async def test_only_hr_manages_the_catalogue(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await catalogue.create_item(company.manager.actor, kind=RewardKind.EXTRA_LEAVE, name_en="Day off",
                                    name_zh="假", cost_points=100, days=1)


@pytest.mark.parametrize(("kind", "values", "field"), [
    (RewardKind.CASH_BONUS, {"amount_minor": 0}, "amountMinor"),
    (RewardKind.CASH_BONUS, {"amount_minor": 100, "days": 1}, "days"),
    (RewardKind.EXTRA_LEAVE, {"days": 0}, "days"),
    (RewardKind.EXTRA_LEAVE, {"days": 31}, "days"),
    (RewardKind.REMOTE_DAYS, {"days": 1, "amount_minor": 5}, "amountMinor"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "cost_points": 0}, "costPoints"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "cost_points": 1_000_001}, "costPoints"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "name_en": "  "}, "nameEn"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "name_zh": "长" * 121}, "nameZh"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "image_url": "http://example.test/a.png"}, "imageUrl"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "image_url": "javascript:alert(1)"}, "imageUrl"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "image_url": "/static/../secrets"}, "imageUrl"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "image_url": "https://"}, "imageUrl"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "stock": -1}, "stock"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "per_person_limit": 0}, "perPersonLimit"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "limit_period": "week"}, "limitPeriod"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "eligibility": {"min_tier": "best"}}, "eligibility"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "location": "Room 1"}, "location"),
    (RewardKind.EXTRA_LEAVE, {"days": 1, "starts_at": datetime(2030, 1, 1, tzinfo=UTC)}, "startsAt"),
    (RewardKind.TRAINING, {}, "stock"),
    (RewardKind.TRAINING, {"stock": 5, "starts_at": datetime(2020, 1, 1, tzinfo=UTC)}, "startsAt"),
    (RewardKind.TRAINING, {"stock": 5, "starts_at": datetime(2030, 1, 1)}, "startsAt"),
    (RewardKind.VOUCHER, {"stock": 10}, "stock"),
    (RewardKind.CEO_MEETING, {"stock": 4}, "stock"),
    ("bicycle", {}, "kind"),
])
async def test_invalid_items_are_refused_with_the_field(db, kind, values, field):
    # given
    company = await make_company()
    fields = {"name_en": "Reward", "name_zh": "奖励", "cost_points": 100, **values}
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await catalogue.create_item(company.hr.actor, kind=kind, **fields)
    assert caught.value.field == field
    assert await RewardItem.all().count() == 0


async def test_a_training_seat_keeps_its_session_and_place(db):
    # given
    company = await make_company()
    starts = clock.now() + timedelta(days=30)
    # when
    item = await make_item(company, RewardKind.TRAINING, stock=5, starts_at=starts, location="Lean Academy")
    # then
    assert (item.stock, item.starts_at, item.location) == (5, starts, "Lean Academy")


async def test_voucher_and_meeting_items_start_with_no_stock(db):
    # given
    company = await make_company()
    # when
    voucher = await make_item(company, RewardKind.VOUCHER)
    meeting = await make_item(company, RewardKind.CEO_MEETING)
    # then
    assert (voucher.stock, meeting.stock) == (0, 0)


async def test_update_changes_only_the_given_fields_and_audits_the_difference(db):
    # given
    company = await make_company()
    item = await make_item(company, cost_points=800, description_en="A day off")
    # when
    updated = await catalogue.update_item(company.hr.actor, item.id, cost_points=900, description_en="A day off")
    # then
    assert (updated.cost_points, updated.description_en, updated.name_en) == (900, "A day off", item.name_en)
    entry = await AuditEntry.get(action="reward_item.updated")
    assert (entry.before, entry.after) == ({"cost_points": 800}, {"cost_points": 900})


async def test_gates_period_and_session_can_be_changed(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.TRAINING, stock=5)
    starts = clock.now() + timedelta(days=10)
    # when
    await catalogue.update_item(company.hr.actor, item.id, eligibility={"min_score": 75}, limit_period=LimitPeriod.QUARTER,
                                starts_at=starts, location="Hall B", stock=8)
    # then
    stored = await RewardItem.get(id=item.id)
    assert (stored.eligibility, stored.limit_period, stored.starts_at, stored.location, stored.stock) == (
        {"min_score": 75.0}, LimitPeriod.QUARTER, starts, "Hall B", 8)


async def test_an_update_that_changes_nothing_is_not_audited(db):
    # given
    company = await make_company()
    item = await make_item(company, cost_points=800)
    # when
    await catalogue.update_item(company.hr.actor, item.id, cost_points=800)
    # then
    assert not await AuditEntry.filter(action="reward_item.updated").exists()


async def test_an_update_is_validated_for_the_items_kind(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.CASH_BONUS)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await catalogue.update_item(company.hr.actor, item.id, amount_minor=0)
    assert caught.value.field == "amountMinor"


async def test_voucher_stock_cannot_be_set_by_hand(db):
    # given
    company = await make_company()
    item = await make_voucher(company, codes=2)
    # when / then
    with pytest.raises(ValidationFailed, match="uploaded codes"):
        await catalogue.update_item(company.hr.actor, item.id, stock=50)
    with pytest.raises(ValidationFailed, match="uploaded codes"):
        await catalogue.adjust_stock(company.hr.actor, item.id, delta=5)
    assert await stock(item) == 2


async def test_deactivated_items_leave_the_catalogue_but_hr_still_sees_them(db):
    # given
    company = await make_company()
    item = await make_item(company)
    # when
    await catalogue.set_item_active(company.hr.actor, item.id, active=False)
    # then
    assert await catalogue.list_items(company.employee.actor) == []
    assert [i.id for i in await catalogue.list_items(company.hr.actor, include_inactive=True)] == [item.id]
    with pytest.raises(NotFound):
        await catalogue.get_item(company.employee.actor, item.id)
    assert (await catalogue.get_item(company.hr.actor, item.id)).active is False
    assert await AuditEntry.filter(action="reward_item.deactivated").count() == 1


async def test_people_cannot_ask_for_inactive_items(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await catalogue.list_items(company.employee.actor, include_inactive=True)


async def test_the_catalogue_lists_cheapest_first_and_filters_by_kind(db):
    # given
    company = await make_company()
    dear = await make_item(company, cost_points=900)
    cheap = await make_item(company, cost_points=100)
    bonus = await make_item(company, RewardKind.CASH_BONUS, cost_points=500)
    # when
    everything = await catalogue.list_items(company.employee.actor)
    leave = await catalogue.list_items(company.employee.actor, kind=RewardKind.EXTRA_LEAVE)
    # then
    assert [i.id for i in everything] == [cheap.id, bonus.id, dear.id]
    assert [i.id for i in leave] == [cheap.id, dear.id]


async def test_stock_is_adjusted_up_and_down(db):
    # given
    company = await make_company()
    item = await make_item(company, stock=5)
    # when
    await catalogue.adjust_stock(company.hr.actor, item.id, delta=3)
    after = await catalogue.adjust_stock(company.hr.actor, item.id, delta=-8)
    # then
    assert after.stock == 0
    assert await AuditEntry.filter(action="reward_item.stock_adjusted").count() == 2


async def test_stock_never_goes_below_zero(db):
    # given
    company = await make_company()
    item = await make_item(company, stock=2)
    # when / then
    with pytest.raises(ValidationFailed, match="2 left") as caught:
        await catalogue.adjust_stock(company.hr.actor, item.id, delta=-3)
    assert caught.value.field == "delta"
    assert await stock(item) == 2


@pytest.mark.parametrize("delta", [0, True, 1_000_001])
async def test_a_stock_change_is_a_nonzero_whole_number(db, delta):
    # given
    company = await make_company()
    item = await make_item(company, stock=2)
    # when / then
    with pytest.raises(ValidationFailed):
        await catalogue.adjust_stock(company.hr.actor, item.id, delta=delta)


async def test_unlimited_stock_cannot_be_adjusted(db):
    # given
    company = await make_company()
    item = await make_item(company)
    # when / then
    with pytest.raises(ValidationFailed, match="unlimited"):
        await catalogue.adjust_stock(company.hr.actor, item.id, delta=1)


async def test_a_new_meeting_item_offers_none_of_another_items_slots(db):
    # given a meeting item with two free slots
    company = await make_company()
    first, _ = await make_meeting(company, slot_count=2)
    # when a second meeting item is created
    second = await make_item(company, RewardKind.CEO_MEETING)
    # then each item counts only its own slots
    assert second.stock == 0
    assert len(await slots.list_free_slots(company.employee.actor, item_id=second.id)) == 0
    assert len(await slots.list_free_slots(company.employee.actor, item_id=first.id)) == 2


async def test_items_by_ids_keeps_the_order_and_marks_unknown_ids(db):
    # given
    company = await make_company()
    a, b = await make_item(company), await make_item(company)
    missing = uuid.uuid4()
    # when
    found = await catalogue.items_by_ids(company.employee.actor, [b.id, missing, a.id])
    # then
    assert [i.id if i else None for i in found] == [b.id, None, a.id]


async def test_another_organisations_item_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    item = await make_item(theirs)
    # when / then
    with pytest.raises(NotFound):
        await catalogue.update_item(mine.hr.actor, item.id, cost_points=1)
    with pytest.raises(NotFound):
        await catalogue.get_item(mine.employee.actor, item.id)
    assert await catalogue.items_by_ids(mine.hr.actor, [item.id]) == [None]


async def test_the_database_refuses_negative_stock_even_from_raw_sql(db):
    # given an item with 2 left
    company = await make_company()
    item = await make_item(company, RewardKind.EXTRA_LEAVE, stock=2)
    # when a write bypassing the use cases tries to take it below zero
    with pytest.raises((OperationalError, IntegrityError)):
        await Tortoise.get_connection("default").execute_query(f"UPDATE reward_item SET stock = -1 WHERE id = '{item.id}'")
    # then the stock is untouched
    assert await stock(item) == 2
