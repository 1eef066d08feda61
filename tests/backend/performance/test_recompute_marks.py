"""The debounced path: only people marked dirty are recomputed, everyone's ranks follow, the marks read
are consumed and marks made during a run survive for the next one."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.performance import recompute
from backend.performance.models import CycleStatus, ReviewCycle, ScoreRecompute
from tests.factories.performance import put_value
from tests.factories.performance_scoring import cards, make_scene, mark_at

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


async def test_only_marked_people_are_rescored_but_everyones_rank_moves(db):
    # given everyone scored: manager 60 (rank 1), worker 30 (rank 2), peer 0
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.manager.employee.id, "results", 200)
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 100)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # when the worker's quality arrives (40 points more) and only the worker is marked; the peer's value
    # changes without a mark (it must not be picked up)
    await put_value(c.system, scene.cycle, c.employee.employee.id, "quality", 50)
    await put_value(c.system, scene.cycle, c.peer.employee.id, "results", 200)
    await mark_at(scene, [c.employee], NOW - timedelta(seconds=1))
    with clock.frozen_at(NOW):
        written = await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id)
    # then
    found = await cards(scene)
    assert written == 1
    assert [(n, found[n].total, found[n].rank_organization, found[n].percentile_organization)
            for n in ("Acme Worker", "Acme Manager", "Acme Peer")] == [
        ("Acme Worker", 70.0, 1, 100.0), ("Acme Manager", 60.0, 2, 50.0), ("Acme Peer", 0.0, 3, 0.0)]
    assert found["Acme Worker"].computed_at == NOW and found["Acme Manager"].computed_at != NOW


async def test_marks_read_are_consumed_and_marks_made_during_the_run_survive(db):
    # given the worker marked before the run starts and the peer marked after it started
    scene = await make_scene()
    c = scene.company
    await mark_at(scene, [c.employee], NOW - timedelta(seconds=3))
    await mark_at(scene, [c.peer], NOW + timedelta(milliseconds=5))
    # when
    with clock.frozen_at(NOW):
        written = await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id)
    # then
    left = await ScoreRecompute.of(c.system).values_list("employee_id", flat=True)
    assert written == 1 and set(await cards(scene)) == {"Acme Worker"}
    assert [str(e) for e in left] == [str(c.peer.employee.id)]
    assert await recompute.has_pending_marks(c.system, cycle_id=scene.cycle.id)


async def test_nothing_marked_costs_nothing(db):
    # given
    scene = await make_scene()
    # when / then
    assert await recompute.recompute_cycle(scene.company.system, cycle_id=scene.cycle.id) == 0
    assert await cards(scene) == {}


async def test_closed_cycle_keeps_its_marks_for_a_forced_run(db):
    # given a closed cycle with a mark
    scene = await make_scene()
    c = scene.company
    await mark_at(scene, [c.employee], NOW - timedelta(seconds=1))
    await ReviewCycle.of(c.system).filter(id=scene.cycle.id).update(status=CycleStatus.CLOSED)
    # when
    with clock.frozen_at(NOW):
        skipped = await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id)
        forced = await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, force=True)
    # then
    assert (skipped, forced) == (0, 1)
    assert await ScoreRecompute.of(c.system).count() == 0


async def test_hr_queues_a_recompute_of_everyone_active(db):
    # given
    scene = await make_scene()
    c = scene.company
    # when
    queued = await recompute.queue_recompute(c.hr.actor, cycle_id=scene.cycle.id)
    # then: all five people are marked (those without a template simply get no card), and it is audited
    assert queued == 5
    assert await ScoreRecompute.of(c.system).filter(cycle_id=scene.cycle.id).count() == 5
    entry = await AuditEntry.of(c.system).get(action="scores.recompute_requested")
    assert (entry.entity_id, entry.after) == (str(scene.cycle.id), {"people": 5})


async def test_queue_recompute_refuses_closed_cycles_managers_and_other_organisations(db):
    # given
    scene, other = await make_scene("Acme"), await make_scene("Globex")
    c = scene.company
    # when / then
    with pytest.raises(Forbidden):
        await recompute.queue_recompute(c.manager.actor, cycle_id=scene.cycle.id)
    with pytest.raises(NotFound):
        await recompute.queue_recompute(c.hr.actor, cycle_id=other.cycle.id)
    await ReviewCycle.of(c.system).filter(id=scene.cycle.id).update(status=CycleStatus.CLOSED)
    with pytest.raises(Conflict):
        await recompute.queue_recompute(c.hr.actor, cycle_id=scene.cycle.id)
    assert await ScoreRecompute.of(c.system).count() == 0
