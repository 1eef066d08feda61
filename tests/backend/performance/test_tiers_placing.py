"""Placing a cycle's tiers in the database: the improved tier's history comes from earlier closed cycles of
the same kind, final placements emit once, provisional ones never, and who may read them."""
from __future__ import annotations

from datetime import date

import pytest

from backend.core.errors import Conflict, Forbidden, NotFound
from backend.core.models import OutboxEvent
from backend.performance import tiering
from backend.performance.models import CycleKind, TierCode
from tests.factories.performance_pools import close_directly, make_pool_scene, scored_cycle

SEPTEMBER = [90.0, 50.0, 70.0, 60.0, 55.0, 85.0, 30.0, 50.0]
OCTOBER = [92.0, 50.0, 72.0, 62.0, 57.0, 87.0, 30.0, 50.0]


async def history_scene():
    scene = await make_pool_scene()
    await scored_cycle(scene, SEPTEMBER, closed=True, starts_on=date(2026, 9, 1), ends_on=date(2026, 9, 30),
                       name="September 2026")
    await scored_cycle(scene, OCTOBER, closed=True, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31),
                       name="October 2026")
    # A closed quarter in which the 30-point salesperson did well: another kind, so it must not count.
    await scored_cycle(scene, [60.0] * 8, closed=True, starts_on=date(2026, 7, 1), ends_on=date(2026, 9, 30),
                       name="Q3 2026", kind=CycleKind.QUARTERLY)
    november = await scored_cycle(scene)  # 92, 81.5, 77, 64, 58.5 | 88, 70, 55
    return scene, november


async def test_improved_compares_with_the_persons_earlier_closed_cycles_of_the_same_kind(db):
    # given
    scene, november = await history_scene()
    # when
    placed = await tiering.place_tiers(scene.company.hr.actor, cycle_id=november.id, final=False)
    # then: the worker gained 31.5 on a 50 baseline; the salesperson's 40 on a 30 baseline is guarded
    assert [(p.employee_id, p.tier, p.position, p.basis) for p in placed] == [
        (scene.company.manager.employee.id, TierCode.TOP10, 1, 92.0),
        (scene.company.employee.employee.id, TierCode.IMPROVED, 1, 31.5)]


async def test_final_placement_emits_tier_reached_once_per_person_and_tier(db):
    # given
    scene, november = await history_scene()
    hr = scene.company.hr.actor
    # when: placed twice (a retry)
    await tiering.place_tiers(hr, cycle_id=november.id, final=True)
    await tiering.place_tiers(hr, cycle_id=november.id, final=True)
    # then
    events = [e for e in await OutboxEvent.filter(type="performance.tier_reached")
              if e.payload["cycle_id"] == str(november.id)]
    assert sorted((e.payload["employee_id"], e.payload["tier"], e.payload["total"]) for e in events) == sorted([
        (str(scene.company.manager.employee.id), "top10", 92.0),
        (str(scene.company.employee.employee.id), "improved", 81.5)])


async def test_provisional_tiers_are_refused_on_a_closed_cycle(db):
    # given
    scene, november = await history_scene()
    await close_directly(scene, november)
    # when / then
    with pytest.raises(Conflict, match="its tiers are final"):
        await tiering.place_tiers(scene.company.hr.actor, cycle_id=november.id, final=False)


async def test_only_hr_places_tiers(db):
    # given
    scene, november = await history_scene()
    # when / then
    with pytest.raises(Forbidden):
        await tiering.place_tiers(scene.company.manager.actor, cycle_id=november.id, final=False)


async def test_an_open_cycles_provisional_tiers_are_for_hr_only(db):
    # given
    scene, november = await history_scene()
    await tiering.place_tiers(scene.company.hr.actor, cycle_id=november.id, final=False)
    # when
    seen_by_hr = await tiering.list_tiers(scene.company.hr.actor, cycle_id=november.id)
    seen_by_employee = await tiering.list_tiers(scene.company.employee.actor, cycle_id=november.id)
    # then
    assert [(row.tier, visible) for row, visible in seen_by_hr] == [(TierCode.TOP10, True), (TierCode.IMPROVED, True)]
    assert seen_by_employee == []


async def test_everyone_reads_a_closed_cycles_tiers_but_scores_only_of_people_they_may_see(db):
    # given
    scene, november = await history_scene()
    await tiering.place_tiers(scene.company.hr.actor, cycle_id=november.id, final=True)
    await close_directly(scene, november)
    # when
    as_employee = await tiering.list_tiers(scene.company.employee.actor, cycle_id=november.id)
    as_manager = await tiering.list_tiers(scene.company.manager.actor, cycle_id=november.id)
    # then: the worker sees their own basis, not their manager's; the manager sees both
    assert [(row.employee_id, visible) for row, visible in as_employee] == [
        (scene.company.manager.employee.id, False), (scene.company.employee.employee.id, True)]
    assert [visible for _, visible in as_manager] == [True, True]


async def test_another_organisations_cycle_is_not_found(db):
    # given
    scene, _ = await history_scene()
    other = await make_pool_scene("Other")
    theirs = await scored_cycle(other)
    # when / then
    with pytest.raises(NotFound):
        await tiering.place_tiers(scene.company.hr.actor, cycle_id=theirs.id, final=False)
    with pytest.raises(NotFound):
        await tiering.list_tiers(scene.company.hr.actor, cycle_id=theirs.id)
