"""Marking people dirty: one statement for any number of people, new and already marked alike, and a
re-mark refreshes the request time so a recompute that started before it leaves it for the next run."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.core import clock
from backend.core import db as core_db
from backend.performance import dirty, recompute
from backend.performance.models import ScoreRecompute
from tests.factories.performance import put_value
from tests.factories.performance_scoring import Scene, add_people, make_scene, mark_at

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


async def _marks(scene: Scene) -> dict[str, datetime]:
    rows = await ScoreRecompute.of(scene.company.system).filter(cycle_id=scene.cycle.id).values_list(
        "employee_id", "requested_at")
    return {str(e): at for e, at in rows}


async def test_marking_someone_already_marked_refreshes_the_request_time(db):
    # given the worker marked a minute ago
    scene = await make_scene()
    c = scene.company
    await mark_at(scene, [c.employee], NOW - timedelta(minutes=1))
    # when the worker and the peer are marked now
    with clock.frozen_at(NOW):
        async with core_db.transaction():
            marked = await dirty.mark(c.system, cycle_id=scene.cycle.id, employee_ids=[c.employee.employee.id, c.peer.employee.id])
    # then one mark each, both requested now
    assert marked == 2
    assert await _marks(scene) == {str(c.employee.employee.id): NOW, str(c.peer.employee.id): NOW}


async def test_a_later_mark_is_never_moved_back(db):
    # given a mark requested in a minute (a clock running ahead elsewhere)
    scene = await make_scene()
    c = scene.company
    await mark_at(scene, [c.employee], NOW + timedelta(minutes=1))
    # when
    with clock.frozen_at(NOW):
        async with core_db.transaction():
            await dirty.mark(c.system, cycle_id=scene.cycle.id, employee_ids=[c.employee.employee.id])
    # then
    assert await _marks(scene) == {str(c.employee.employee.id): NOW + timedelta(minutes=1)}


async def test_a_run_that_started_before_the_re_mark_leaves_it_for_the_next_run(db):
    # given the worker marked three seconds before a run starts, and marked again just after it started
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 100)
    await mark_at(scene, [c.employee], NOW - timedelta(seconds=3))
    with clock.frozen_at(NOW + timedelta(milliseconds=5)):
        async with core_db.transaction():
            await dirty.mark(c.system, cycle_id=scene.cycle.id, employee_ids=[c.employee.employee.id])
    # when the run that started at NOW consumes what it may
    with clock.frozen_at(NOW):
        await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id)
    # then the re-mark survives for the next run (which takes it)
    assert await _marks(scene) == {str(c.employee.employee.id): NOW + timedelta(milliseconds=5)}
    with clock.frozen_at(NOW + timedelta(seconds=1)):
        assert await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id) == 1
    assert await _marks(scene) == {}


async def test_marking_many_people_is_one_statement(db, count_queries):
    # given 40 people, half of them already marked
    scene = await make_scene()
    c = scene.company
    people = await add_people(scene, 40, quality=None)
    await mark_at(scene, people[:20], NOW - timedelta(minutes=1))
    # when
    before = count_queries.count
    with clock.frozen_at(NOW):
        async with core_db.transaction():
            await dirty.mark(c.system, cycle_id=scene.cycle.id, employee_ids=[p.employee.id for p in people])
    # then
    assert count_queries.count - before == 1
    assert await _marks(scene) == {str(p.employee.id): NOW for p in people}
