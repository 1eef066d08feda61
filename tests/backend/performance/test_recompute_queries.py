"""Recompute is set-based: the same number of SQL statements for 5 people as for 50, on the full and
on the marked path, with metric values, ratings and OKRs all present."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.core import clock
from backend.performance import recompute
from backend.performance.models import DimensionSource, KeyResult, Objective, RaterRelation
from tests.factories.performance import DimensionSpec, put_rating
from tests.factories.performance_scoring import Scene, add_people, make_scene, mark_at, people_in

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
MIXED = [DimensionSpec("results", 40, target=200), DimensionSpec("quality", 20, target=50),
         DimensionSpec("mentoring", 20, source=DimensionSource.RATING, target=None),
         DimensionSpec("delivery", 20, source=DimensionSource.OKR, target=None)]


async def _organisation(name: str, n: int) -> Scene:
    scene = await make_scene(name, specs=MIXED)
    c = scene.company
    for person in await add_people(scene, n):
        await put_rating(c.system, scene.cycle, person.employee.id, c.manager.employee.id, "mentoring", 4,
                         RaterRelation.MANAGER)
        objective = await Objective.create_for(c.system, cycle_id=scene.cycle.id, employee_id=person.employee.id,
                                               title="Ship", weight=1)
        await KeyResult.create_for(c.system, objective_id=objective.id, title="Releases", target_value=4,
                                   current_value=2, updated_at=clock.now())
    return scene


async def _statements(counter, scene: Scene, *, only_marked: bool) -> int:  # type: ignore[no-untyped-def]
    before = counter.count
    with clock.frozen_at(NOW):
        await recompute.recompute_cycle(scene.company.system, cycle_id=scene.cycle.id, only_marked=only_marked)
    return counter.count - before


async def test_full_recompute_statements_do_not_grow_with_headcount(db, count_queries):
    # given organisations of 5 and 50 scored people (plus the company's own five)
    small, large = await _organisation("Small", 5), await _organisation("Large", 50)
    # when
    counts = [await _statements(count_queries, small, only_marked=False),
              await _statements(count_queries, large, only_marked=False)]
    # then
    print(f"full recompute statements: {counts} for 5 and 50 people")
    assert counts[0] == counts[1]
    assert counts[0] <= 16


async def test_marked_recompute_statements_do_not_grow_with_marks(db, count_queries):
    # given both organisations scored once, then 5 and 50 people marked
    small, large = await _organisation("Small", 5), await _organisation("Large", 50)
    for scene in (small, large):
        await recompute.recompute_cycle(scene.company.system, cycle_id=scene.cycle.id, only_marked=False)
    for scene in (small, large):
        await mark_at(scene, await people_in(scene), NOW - timedelta(seconds=1))
    # when
    counts = [await _statements(count_queries, small, only_marked=True),
              await _statements(count_queries, large, only_marked=True)]
    # then
    print(f"marked recompute statements: {counts} for 5+3 and 50+3 marked people")
    assert counts[0] == counts[1]
