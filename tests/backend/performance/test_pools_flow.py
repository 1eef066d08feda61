"""The bonus pool flow: draft → preview → (flags block) approve by a second person → lock → immutable."""
from __future__ import annotations

import pytest
from tortoise import Tortoise

from backend.achievements.models import BonusLine
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden
from backend.core.models import OutboxEvent
from backend.performance import pools
from backend.performance.models import BonusAllocation, BonusPool, PoolStatus, TierCode, TierPlacement
from tests.factories.performance_pools import (
    close_directly, make_pool_scene, raise_flag, resolve_open_flags, scored_cycle,
)

POOL = 1_000_000  # ¥10,000.00


async def amounts_by_person(scene, pool) -> list[int]:
    rows = {a.employee_id: a.amount_minor for a in await BonusAllocation.of(scene.company.system).filter(pool_id=pool.id)}
    return [rows[p.employee.id] for p in scene.everyone]


async def approved_pool(scene):
    cycle = await scored_cycle(scene, closed=True)
    pool = await pools.create_bonus_pool(scene.company.hr.actor, cycle_id=cycle.id, name="Q4 bonus", amount_minor=POOL)
    await pools.preview_bonus_pool(scene.company.hr.actor, pool_id=pool.id)
    await resolve_open_flags(scene, cycle)
    return await pools.approve_bonus_pool(scene.company.owner.actor, pool_id=pool.id)


async def test_a_new_pool_is_a_draft_with_the_normalised_formula_and_an_audit_entry(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    # when
    pool = await pools.create_bonus_pool(scene.company.hr.actor, cycle_id=cycle.id, name="  Year-end bonus ",
                                         amount_minor=POOL, formula={"person_split": "score_share"})
    # then
    assert (pool.status, pool.name, pool.amount_minor, pool.created_by_id) == (
        PoolStatus.DRAFT, "Year-end bonus", POOL, scene.company.hr.employee.id)
    assert pool.formula == {"department_weights": {}, "person_split": "score_share",
                            "tier_multipliers": {"top10": 3.0, "top20": 2.0, "improved": 1.5, "none": 1.0},
                            "min_score": 0.0}
    entry = await AuditEntry.of(scene.company.system).get(entity_id=str(pool.id))
    assert (entry.action, entry.after["amount_minor"], entry.after["status"]) == ("bonus_pool.created", POOL, "draft")


async def test_preview_on_an_open_cycle_places_provisional_tiers_and_splits_every_fen(db):
    # given: eight scored people, the manager (92) on top
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    pool = await pools.create_bonus_pool(scene.company.hr.actor, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    # when
    previewed = await pools.preview_bonus_pool(scene.company.hr.actor, pool_id=pool.id)
    # then: production 373 / sales 213 points → 636,519 / 363,481 fen; the top10 manager counts ×3
    assert previewed.status == PoolStatus.PREVIEWED and previewed.previewed_at is not None
    assert await amounts_by_person(scene, pool) == [315_402, 93_135, 87_993, 73_137, 66_852, 150_170, 119_454, 93_857]
    placements = await TierPlacement.of(scene.company.system).filter(cycle_id=cycle.id).values_list("employee_id", "tier")
    assert placements == [(scene.company.manager.employee.id, TierCode.TOP10)]
    assert not await OutboxEvent.filter(type="performance.tier_reached").exists()  # provisional: no event


async def test_flags_block_approval_until_resolved_and_the_creator_cannot_approve(db):
    # given: a previewed pool of a closed cycle, with one open flag left
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, closed=True)
    hr, owner = scene.company.hr.actor, scene.company.owner.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(hr, pool_id=pool.id)
    await resolve_open_flags(scene, cycle)
    await raise_flag(scene, cycle)
    # when / then: open flag
    with pytest.raises(Conflict) as blocked:
        await pools.approve_bonus_pool(owner, pool_id=pool.id)
    assert blocked.value.message == ("1 anomaly flag is still open: resolve each with a justification or an "
                                     "adjustment first.")
    # when / then: the creator
    assert await resolve_open_flags(scene, cycle) == 1
    with pytest.raises(Forbidden) as second_review:
        await pools.approve_bonus_pool(hr, pool_id=pool.id)
    assert second_review.value.message.startswith("Second review: the person who created a pool cannot approve it.")
    # when / then: someone else
    approved = await pools.approve_bonus_pool(owner, pool_id=pool.id)
    assert (approved.status, approved.approved_by_id) == (PoolStatus.APPROVED, scene.company.owner.employee.id)


async def test_approval_waits_for_the_cycle_to_close_and_for_a_preview_after_closing(db):
    # given: previewed while the cycle was open
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    pool = await pools.create_bonus_pool(scene.company.hr.actor, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(scene.company.hr.actor, pool_id=pool.id)
    await resolve_open_flags(scene, cycle)
    owner = scene.company.owner.actor
    # when / then
    with pytest.raises(Conflict) as still_open:
        await pools.approve_bonus_pool(owner, pool_id=pool.id)
    assert still_open.value.message.startswith("Close the review cycle first")
    await close_directly(scene, cycle)
    with pytest.raises(Conflict) as stale:
        await pools.approve_bonus_pool(owner, pool_id=pool.id)
    assert stale.value.message.startswith("The cycle closed after this preview")


async def test_locking_pays_a_bonus_line_per_person_and_emits_the_event(db):
    # given
    scene = await make_pool_scene()
    pool = await approved_pool(scene)
    # when
    locked = await pools.lock_bonus_pool(scene.company.hr.actor, pool_id=pool.id)
    # then
    assert locked.status == PoolStatus.LOCKED and locked.locked_at is not None
    lines = await BonusLine.of(scene.company.system).filter(source_type="bonus_pool", source_id=pool.id)
    assert sorted(line.amount_minor for line in lines) == sorted(await amounts_by_person(scene, pool))
    assert sum(line.amount_minor for line in lines) == POOL
    event = await OutboxEvent.get(type="performance.bonus_pool_locked")
    assert event.payload == {"pool_id": str(pool.id), "cycle_id": str(pool.cycle_id), "amount_minor": POOL}


async def test_a_locked_pool_refuses_every_change(db):
    # given
    scene = await make_pool_scene()
    pool = await approved_pool(scene)
    await pools.lock_bonus_pool(scene.company.hr.actor, pool_id=pool.id)
    hr = scene.company.hr.actor
    people = scene.everyone
    # when / then
    attempts = [
        pools.update_bonus_pool(hr, pool_id=pool.id, cycle_id=pool.cycle_id, name="More", amount_minor=2 * POOL),
        pools.preview_bonus_pool(hr, pool_id=pool.id),
        pools.adjust_bonus_allocation(hr, pool_id=pool.id, employee_id=people[1].employee.id,
                                      from_employee_id=people[0].employee.id, amount_minor=100, reason="Fairer"),
        pools.approve_bonus_pool(scene.company.owner.actor, pool_id=pool.id),
        pools.lock_bonus_pool(hr, pool_id=pool.id),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict) as refused:
            await attempt
        assert refused.value.message == "This pool is locked: its amounts are final and cannot change."


async def test_the_database_refuses_a_raw_change_to_a_locked_pool_or_its_allocations(db):
    # given
    scene = await make_pool_scene()
    pool = await approved_pool(scene)
    await pools.lock_bonus_pool(scene.company.hr.actor, pool_id=pool.id)
    connection = Tortoise.get_connection("default")
    pool_id = str(pool.id)
    statements = [
        f"UPDATE bonus_allocation SET amount_minor = amount_minor + 1 WHERE pool_id = '{pool_id}'",
        f"DELETE FROM bonus_allocation WHERE pool_id = '{pool_id}'",
        f"UPDATE bonus_pool SET amount_minor = 1 WHERE id = '{pool_id}'",
        f"DELETE FROM bonus_pool WHERE id = '{pool_id}'",
    ]
    # when / then
    for statement in statements:
        with pytest.raises(Exception, match="locked"):
            await connection.execute_script(statement)
    assert sum(await BonusAllocation.of(scene.company.system).filter(pool_id=pool.id).values_list(
        "amount_minor", flat=True)) == POOL


async def test_an_unlocked_pool_can_still_be_changed_in_the_database(db):
    # given: the triggers only guard locked pools
    scene = await make_pool_scene()
    pool = await approved_pool(scene)
    # when
    await Tortoise.get_connection("default").execute_script(
        f"UPDATE bonus_pool SET name = 'Renamed' WHERE id = '{pool.id}'")
    # then
    assert (await BonusPool.of(scene.company.system).get(id=pool.id)).name == "Renamed"
