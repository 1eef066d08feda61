"""How a recompute writes (PostgreSQL: COPY for new cards, an update in place for changed ones; SQLite: an
upsert): one run that both adds and rewrites cards, and two runs inside one transaction (as a caller's unit
of work may hold them), each leave exactly what scoring says."""
from __future__ import annotations

from backend.core import db as core_db
from backend.performance import recompute
from backend.performance.models import MetricValue, Scorecard
from tests.factories.org import make_person
from tests.factories.performance import put_value
from tests.factories.performance_scoring import cards, make_scene


async def test_one_run_adds_new_cards_and_rewrites_changed_ones_in_place(db):
    # given everyone scored once
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    before = {n: (x.id, x.total) for n, x in (await cards(scene)).items()}
    # when the worker's value changes and a newcomer joins the department, then a full run
    await MetricValue.of(c.system).filter(employee_id=c.employee.employee.id).update(value=190)
    newcomer = await make_person(c.system, name="Newcomer", department=c.department)
    await put_value(c.system, scene.cycle, newcomer.employee.id, "results", 100)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then: the worker's card keeps its id with the new score, the newcomer has one, the rest are as they were
    found = await cards(scene)
    assert found["Acme Worker"].id == before["Acme Worker"][0] and found["Acme Worker"].total == 57.0
    assert [d["raw"] for d in found["Acme Worker"].dimensions] == [190.0, None]
    assert found["Newcomer"].total == 30.0 and found["Newcomer"].id not in {i for i, _ in before.values()}
    assert {n: (x.id, x.total) for n, x in found.items() if n in ("Acme Manager", "Acme Peer")} == {
        n: before[n] for n in ("Acme Manager", "Acme Peer")}
    assert [(x.rank_organization, x.total) for x in sorted(found.values(), key=lambda x: x.rank_organization)] == [
        (1, 57.0), (2, 30.0), (3, 0.0), (3, 0.0)]  # a tie shares its place


async def test_three_runs_in_one_transaction(db):
    # given
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    # when: a first run inserts, then two (each after a change) rewrite, all in one unit of work
    async with core_db.transaction():
        await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
        for value in (120, 100):
            await MetricValue.of(c.system).filter(employee_id=c.employee.employee.id).update(value=value)
            await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then
    found = await cards(scene)
    assert await Scorecard.of(c.system).filter(cycle_id=scene.cycle.id).count() == 3
    assert found["Acme Worker"].total == 30.0
