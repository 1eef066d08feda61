"""Recomputes of one cycle racing each other (the nightly run, a debounced run, HR's "recompute now") leave
exactly one card per person, each card keeping its id, with the last inputs' scores: writers take the
cycle's turn (PostgreSQL: each on its own connection at the same time; SQLite: one at a time)."""
from __future__ import annotations

import asyncio

from backend.performance import recompute
from backend.performance.models import MetricValue, Scorecard
from tests.factories.performance import put_value
from tests.factories.performance_scoring import cards, make_scene

RACERS = 6


async def test_racing_full_recomputes_write_each_card_once(db):
    # given a scene with values, never scored
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    await put_value(c.system, scene.cycle, c.manager.employee.id, "results", 250)
    # when six full recomputes run at once, twice over (first inserting, then rewriting after a change)
    await asyncio.gather(*[recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
                           for _ in range(RACERS)])
    first = {n: x.id for n, x in (await cards(scene)).items()}
    await MetricValue.of(c.system).filter(employee_id=c.employee.employee.id, metric_code="results").update(value=190)
    await asyncio.gather(*[recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
                           for _ in range(RACERS)])
    # then: one card each, the same ids, the new value scored
    found = await cards(scene)
    assert await Scorecard.of(c.system).filter(cycle_id=scene.cycle.id).count() == len(found) == 3
    assert {n: x.id for n, x in found.items()} == first
    assert [d["raw"] for d in found["Acme Worker"].dimensions][0] == 190.0
