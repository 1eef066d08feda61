"""Bonus pool inputs and changes: validation, updates back to draft, adjustments between two people,
permissions and tenancy."""
from __future__ import annotations

import uuid

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.performance import pool_queries, pools
from backend.performance.models import BonusAllocation, BonusPool, PoolStatus
from tests.factories.performance_pools import make_pool_scene, scored_cycle

POOL = 1_000_000


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"name": "  "}, "name", "This cannot be blank."),
    ({"amount_minor": 0}, "amountMinor", "The amount is a whole number of fen from 1 to 1000000000000."),
    ({"amount_minor": 10**12 + 1}, "amountMinor", "The amount is a whole number of fen from 1 to 1000000000000."),
    ({"formula": {"min_score": 2000}}, "formula", "min_score must be between 0 and 1000 (got 2000)."),
])
async def test_a_bad_pool_is_refused_naming_the_field(db, values, field, message):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    arguments = {"cycle_id": cycle.id, "name": "Nov", "amount_minor": POOL, **values}
    # when
    with pytest.raises(ValidationFailed) as caught:
        await pools.create_bonus_pool(scene.company.hr.actor, **arguments)
    # then
    assert (caught.value.field, caught.value.message) == (field, message)
    assert await BonusPool.of(scene.company.system).count() == 0


async def test_department_weights_must_name_departments_of_the_organisation(db):
    # given
    scene = await make_pool_scene()
    other = await make_pool_scene("Other")
    cycle = await scored_cycle(scene)
    # when
    with pytest.raises(ValidationFailed) as caught:
        await pools.create_bonus_pool(scene.company.hr.actor, cycle_id=cycle.id, name="Nov", amount_minor=POOL,
                                      formula={"department_weights": {str(scene.sales.id): 2, str(other.sales.id): 1}})
    # then
    assert caught.value.message == f"department_weights names unknown department(s): {other.sales.id}."


async def test_updating_a_previewed_pool_sends_it_back_to_draft_without_allocations(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(hr, pool_id=pool.id)
    # when
    updated = await pools.update_bonus_pool(hr, pool_id=pool.id, cycle_id=cycle.id, name="Nov", amount_minor=2 * POOL,
                                            formula={"department_weights": {str(scene.sales.id): 1.5}})
    # then
    assert (updated.status, updated.amount_minor, updated.previewed_at) == (PoolStatus.DRAFT, 2 * POOL, None)
    assert updated.formula["department_weights"] == {str(scene.sales.id): 1.5}
    assert await BonusAllocation.of(hr).filter(pool_id=pool.id).count() == 0
    entry = await AuditEntry.of(hr).get(action="bonus_pool.updated")
    assert entry.before["amount_minor"] == POOL and entry.after["amount_minor"] == 2 * POOL
    assert "name" not in entry.after  # only what changed


async def test_an_adjustment_moves_fen_between_two_people_and_keeps_the_sum(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(hr, pool_id=pool.id)
    giver, taker = scene.company.manager.employee.id, scene.company.employee.employee.id
    # when
    await pools.adjust_bonus_allocation(hr, pool_id=pool.id, employee_id=taker, from_employee_id=giver,
                                        amount_minor=15_402, reason="Shared the key account with the manager")
    # then
    rows = {a.employee_id: a for a in await BonusAllocation.of(hr).filter(pool_id=pool.id)}
    assert (rows[giver].amount_minor, rows[taker].amount_minor) == (300_000, 108_537)
    assert rows[giver].adjusted_by_id == rows[taker].adjusted_by_id == scene.company.hr.employee.id
    assert sum(a.amount_minor for a in rows.values()) == POOL
    entry = await AuditEntry.of(hr).get(action="bonus_allocation.adjusted")
    assert entry.after == {"from_employee_id": str(giver), "employee_id": str(taker), "moved_minor": 15_402,
                           "from_minor": 300_000, "to_minor": 108_537,
                           "reason": "Shared the key account with the manager"}


async def test_an_adjustment_cannot_take_more_than_the_person_holds(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(hr, pool_id=pool.id)
    # when
    with pytest.raises(ValidationFailed) as caught:
        await pools.adjust_bonus_allocation(hr, pool_id=pool.id, employee_id=scene.company.manager.employee.id,
                                            from_employee_id=scene.company.employee.employee.id,
                                            amount_minor=93_136, reason="Too much")
    # then
    assert (caught.value.field, caught.value.message) == ("amountMinor", "That person has only 93135 fen in this pool.")
    assert sum(await BonusAllocation.of(hr).filter(pool_id=pool.id).values_list("amount_minor", flat=True)) == POOL


@pytest.mark.parametrize(("who", "field"), [("taker", "employeeId"), ("giver", "fromEmployeeId")])
async def test_an_adjustment_needs_two_people_of_the_pool(db, who, field):
    # given: the HR admin has no scorecard, so no share
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(hr, pool_id=pool.id)
    outsider, member = scene.company.hr.employee.id, scene.company.employee.employee.id
    taker, giver = (outsider, member) if who == "taker" else (member, outsider)
    # when
    with pytest.raises(NotFound) as caught:
        await pools.adjust_bonus_allocation(hr, pool_id=pool.id, employee_id=taker, from_employee_id=giver,
                                            amount_minor=1, reason="Why not")
    # then
    assert caught.value.field == field


async def test_a_draft_pool_cannot_be_adjusted_approved_or_locked(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, closed=True)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    people = scene.everyone
    # when / then
    with pytest.raises(Conflict, match="Preview the pool first."):
        await pools.adjust_bonus_allocation(hr, pool_id=pool.id, employee_id=people[0].employee.id,
                                            from_employee_id=people[1].employee.id, amount_minor=1, reason="x")
    with pytest.raises(Conflict, match="Preview the pool first."):
        await pools.approve_bonus_pool(scene.company.owner.actor, pool_id=pool.id)
    with pytest.raises(Conflict, match="Preview the pool first."):
        await pools.lock_bonus_pool(hr, pool_id=pool.id)


async def test_a_previewed_pool_is_approved_before_it_is_locked(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, closed=True)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(hr, pool_id=pool.id)
    # when / then
    with pytest.raises(Conflict, match="The pool must be approved first."):
        await pools.lock_bonus_pool(hr, pool_id=pool.id)


async def test_preview_needs_scorecards(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, totals=[])
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    # when
    with pytest.raises(ValidationFailed) as caught:
        await pools.preview_bonus_pool(hr, pool_id=pool.id)
    # then
    assert (caught.value.field, caught.value.message) == ("cycleId", "Nobody has a scorecard in this cycle yet.")


async def test_preview_refuses_a_pool_nobody_can_receive(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, totals=[0.0] * 8)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    # when: everyone scored 0, so nobody can receive
    with pytest.raises(ValidationFailed) as caught:
        await pools.preview_bonus_pool(hr, pool_id=pool.id)
    # then: nothing changed
    assert caught.value.field == "formula"
    assert (await BonusPool.of(hr).get(id=pool.id)).status == PoolStatus.DRAFT


@pytest.mark.parametrize("role", ["manager", "employee"])
async def test_only_hr_manages_pools(db, role):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    actor = getattr(scene.company, role).actor
    # when / then
    with pytest.raises(Forbidden):
        await pools.create_bonus_pool(actor, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    with pytest.raises(Forbidden):
        await pool_queries.list_pools(actor)


async def test_another_organisations_pool_and_cycle_are_not_found(db):
    # given
    scene = await make_pool_scene()
    other = await make_pool_scene("Other")
    other_cycle = await scored_cycle(other)
    other_pool = await pools.create_bonus_pool(other.company.hr.actor, cycle_id=other_cycle.id, name="Theirs",
                                               amount_minor=POOL)
    hr = scene.company.hr.actor
    # when / then
    with pytest.raises(NotFound):
        await pools.create_bonus_pool(hr, cycle_id=other_cycle.id, name="Mine", amount_minor=POOL)
    for attempt in (pools.preview_bonus_pool(hr, pool_id=other_pool.id), pool_queries.get_pool(hr, other_pool.id),
                    pools.approve_bonus_pool(scene.company.owner.actor, pool_id=other_pool.id),
                    pools.lock_bonus_pool(hr, pool_id=uuid.uuid4())):
        with pytest.raises(NotFound):
            await attempt
    assert await pool_queries.list_pools(hr) == []
