"""Closing a review cycle: the final recompute, final tiers, events, audit and one notification each."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.performance import closing
from backend.performance.models import CycleStatus, ReviewCycle, Scorecard, TierCode, TierPlacement
from tests.factories.performance import put_value
from tests.factories.performance_scoring import make_scene


async def scene_with_values():
    """Manager 100, peer 75, worker 39 (results /200 weighs 60, quality /50 weighs 40)."""
    scene = await make_scene(tier_policy={"min_group_size": 3})
    system, company = scene.company.system, scene.company
    for person, results, quality in ((company.manager, 200, 50), (company.peer, 150, 37.5),
                                     (company.employee, 50, 30)):
        await put_value(system, scene.cycle, person.employee.id, "results", results)
        await put_value(system, scene.cycle, person.employee.id, "quality", quality)
    return scene


async def test_closing_recomputes_places_final_tiers_and_closes(db):
    # given: inputs in, but never computed
    scene = await scene_with_values()
    company = scene.company
    # when
    closed = await closing.close_cycle(company.hr.actor, cycle_id=scene.cycle.id)
    # then
    assert closed.status == CycleStatus.CLOSED and closed.closed_at is not None
    totals = dict(await Scorecard.of(company.system).filter(cycle_id=scene.cycle.id).values_list("employee_id", "total"))
    assert totals == {company.manager.employee.id: 100.0, company.peer.employee.id: 75.0,
                      company.employee.employee.id: 39.0}
    placements = await TierPlacement.of(company.system).filter(cycle_id=scene.cycle.id).values_list(
        "employee_id", "tier", "basis")
    assert placements == [(company.manager.employee.id, TierCode.TOP10, 100.0)]
    reached = await OutboxEvent.get(type="performance.tier_reached")
    assert reached.payload == {"employee_id": str(company.manager.employee.id), "cycle_id": str(scene.cycle.id),
                               "tier": "top10", "total": 100.0}
    assert (await OutboxEvent.get(type="performance.cycle_closed")).payload == {"cycle_id": str(scene.cycle.id)}


async def test_closing_tells_each_scored_person_their_results_are_final(db):
    # given
    scene = await scene_with_values()
    # when
    await closing.close_cycle(scene.company.hr.actor, cycle_id=scene.cycle.id)
    # then
    notes = await Notification.of(scene.company.system).filter(kind="statement_final")
    assert len(notes) == 3
    worker = next(n for n in notes if n.recipient_id == scene.company.employee.employee.id)
    assert (worker.title_en, worker.title_zh) == ("Your November 2026 results are final", "你的「November 2026」绩效结果已确定")
    assert worker.body_en == ("Total 39.00. Open your statement to see how each score was made; you can appeal "
                              "until 2026-12-05.")
    assert worker.body_zh.startswith("总分 39.00。")
    assert worker.link == f"/performance?cycle={scene.cycle.id}"


async def test_closing_is_audited(db):
    # given
    scene = await scene_with_values()
    # when
    await closing.close_cycle(scene.company.hr.actor, cycle_id=scene.cycle.id)
    # then
    entry = await AuditEntry.of(scene.company.system).get(action="review_cycle.closed")
    assert (entry.before, entry.after["status"], entry.after["scored"], entry.after["placements"]) == (
        {"status": "open"}, "closed", 3, 1)
    assert entry.actor_employee_id == scene.company.hr.employee.id


async def test_closing_a_closed_cycle_is_a_conflict_and_changes_nothing(db):
    # given
    scene = await scene_with_values()
    first = await closing.close_cycle(scene.company.hr.actor, cycle_id=scene.cycle.id)
    # when
    with pytest.raises(Conflict) as caught:
        await closing.close_cycle(scene.company.hr.actor, cycle_id=scene.cycle.id)
    # then
    assert caught.value.message == "This review cycle is already closed."
    assert (await ReviewCycle.of(scene.company.system).get(id=scene.cycle.id)).closed_at == first.closed_at
    assert await OutboxEvent.filter(type="performance.cycle_closed").count() == 1


async def test_only_hr_closes_a_cycle(db):
    # given
    scene = await scene_with_values()
    # when / then
    with pytest.raises(Forbidden):
        await closing.close_cycle(scene.company.manager.actor, cycle_id=scene.cycle.id)
    assert (await ReviewCycle.of(scene.company.system).get(id=scene.cycle.id)).status == CycleStatus.OPEN


async def test_another_organisations_cycle_is_not_found(db):
    # given
    scene = await scene_with_values()
    other = await make_scene("Other")
    # when / then
    with pytest.raises(NotFound):
        await closing.close_cycle(scene.company.hr.actor, cycle_id=other.cycle.id)
    assert (await ReviewCycle.of(other.company.system).get(id=other.cycle.id)).status == CycleStatus.OPEN
