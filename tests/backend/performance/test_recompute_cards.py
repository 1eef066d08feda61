"""What a recompute writes: totals, dimensions, ranks for everyone, change vs the previous cycle, the
template version, stale cards removed; closed cycles left alone; other organisations untouched."""
from __future__ import annotations

from datetime import date

import pytest

from backend.core.errors import Forbidden, NotFound
from backend.org.models import Employee, EmployeeStatus
from backend.performance import recompute
from backend.performance.models import (
    CycleStatus, Dimension, DimensionSource, RaterRelation, ReviewCycle, Scorecard, ScorecardTemplate, TemplateVersion,
)
from tests.factories.org import make_person
from tests.factories.performance import DimensionSpec, make_cycle, put_rating, put_value
from tests.factories.performance_scoring import cards, make_scene


async def test_full_recompute_scores_everyone_on_a_template(db):
    # given results 150/200 for the worker, 250/200 + quality 25/50 for the manager, nothing for the peer
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    await put_value(c.system, scene.cycle, c.manager.employee.id, "results", 250)
    await put_value(c.system, scene.cycle, c.manager.employee.id, "quality", 25)
    # when
    written = await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then: the owner and HR have no department, hence no template and no card
    found = await cards(scene)
    assert written == 3 and set(found) == {"Acme Manager", "Acme Worker", "Acme Peer"}
    manager, worker, peer = found["Acme Manager"], found["Acme Worker"], found["Acme Peer"]
    assert (manager.total, manager.completion, manager.missing) == (80.0, 0.8, 0)
    assert (worker.total, worker.completion, worker.missing) == (45.0, 0.45, 1)
    assert (peer.total, peer.missing) == (0.0, 2)
    assert [(d["code"], d["raw"], d["points"], d["weighted"], d["missing"]) for d in worker.dimensions] == [
        ("results", 150.0, 75.0, 45.0, False), ("quality", None, 0.0, 0.0, True)]
    assert [(x.rank_department, x.rank_organization, x.percentile_organization) for x in (manager, worker, peer)] == [
        (1, 1, 100.0), (2, 2, 50.0), (3, 3, 0.0)]
    assert worker.department_id == c.department.id and worker.template_version_id == scene.template.version.id


async def test_recompute_is_idempotent(db):
    # given
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    before = {n: (x.id, x.total, x.rank_organization, x.dimensions) for n, x in (await cards(scene)).items()}
    # when
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then
    assert {n: (x.id, x.total, x.rank_organization, x.dimensions) for n, x in (await cards(scene)).items()} == before


async def test_change_against_the_previous_cycle(db):
    # given October scored 60 for the worker, November 75
    scene = await make_scene(starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30))
    c = scene.company
    october = await make_cycle(c.system, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31), name="October 2026")
    await ReviewCycle.of(c.system).filter(id=scene.cycle.id).update(previous_id=october.id)
    scene.cycle.previous_id = october.id
    await put_value(c.system, october, c.employee.employee.id, "results", 200)
    await recompute.recompute_cycle(c.system, cycle_id=october.id, only_marked=False)
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 250)
    await put_value(c.system, scene.cycle, c.employee.employee.id, "quality", 10)
    newcomer = await make_person(c.system, name="Newcomer", manager=c.manager.employee, department=c.department)
    # when
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then: 60 before, 60 + 8 now; the newcomer has no earlier card
    found = await cards(scene)
    assert (found["Acme Worker"].previous_total, found["Acme Worker"].total, found["Acme Worker"].change) == (60.0, 68.0, 8.0)
    assert (found["Acme Peer"].previous_total, found["Acme Peer"].change) == (0.0, 0.0)
    assert (found[newcomer.employee.name].previous_total, found[newcomer.employee.name].change) == (None, None)


async def test_ratings_and_360_feed_their_dimensions(db):
    # given a RATING and a REVIEW_360 dimension
    specs = [DimensionSpec("mentoring", 50, source=DimensionSource.RATING, target=None),
             DimensionSpec("teamwork", 50, source=DimensionSource.REVIEW_360, target=None)]
    scene = await make_scene(specs=specs)
    c = scene.company
    worker = c.employee.employee.id
    await put_rating(c.system, scene.cycle, worker, c.manager.employee.id, "mentoring", 4)
    await put_rating(c.system, scene.cycle, worker, c.employee.employee.id, "teamwork", 5, RaterRelation.SELF)
    await put_rating(c.system, scene.cycle, worker, c.peer.employee.id, "teamwork", 3, RaterRelation.PEER)
    # when
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then: mentoring 80; teamwork (10*5 + 30*3) / 40 = 3.5 -> 70; total 75
    card = (await cards(scene))["Acme Worker"]
    assert [d["points"] for d in card.dimensions] == [80.0, 70.0]
    assert card.total == 75.0


async def test_a_new_template_version_is_used_and_recorded(db):
    # given version 2 of the template with only "results" at 100 %
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    v2 = await TemplateVersion.create_for(c.system, template_id=scene.template.template.id, version=2, reason="focus")
    await Dimension.create_for(c.system, version_id=v2.id, position=0, code="results", name_en="Results", name_zh="业绩",
                               weight=100, source=DimensionSource.METRIC, metric_code="results", target=200)
    await ScorecardTemplate.of(c.system).filter(id=scene.template.template.id).update(current_version=2)
    # when
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then
    worker = (await cards(scene))["Acme Worker"]
    assert (worker.total, worker.template_version_id, len(worker.dimensions)) == (75.0, v2.id, 1)


async def test_people_who_left_or_lost_their_template_lose_their_card(db):
    # given everyone scored once
    scene = await make_scene()
    c = scene.company
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # when the peer leaves and the manager moves out of the department
    await Employee.of(c.system).filter(id=c.peer.employee.id).update(status=EmployeeStatus.LEFT)
    await Employee.of(c.system).filter(id=c.manager.employee.id).update(department_id=None)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then
    found = await cards(scene)
    assert set(found) == {"Acme Worker"}
    assert (found["Acme Worker"].rank_organization, found["Acme Worker"].percentile_organization) == (1, 100.0)


async def test_closed_cycle_is_recomputed_only_when_forced(db):
    # given a closed cycle with a value
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 200)
    await ReviewCycle.of(c.system).filter(id=scene.cycle.id).update(status=CycleStatus.CLOSED)
    # when / then
    assert await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False) == 0
    assert await Scorecard.of(c.system).count() == 0
    assert await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False, force=True) == 3
    assert (await cards(scene))["Acme Worker"].total == 60.0


async def test_another_organisations_cycle_is_not_found(db):
    # given
    ours, theirs = await make_scene("Acme"), await make_scene("Globex")
    # when / then
    with pytest.raises(NotFound):
        await recompute.recompute_cycle(ours.company.system, cycle_id=theirs.cycle.id, only_marked=False)


async def test_only_configurers_may_recompute_directly(db):
    # given
    scene = await make_scene()
    # when / then
    with pytest.raises(Forbidden):
        await recompute.recompute_cycle(scene.company.manager.actor, cycle_id=scene.cycle.id, only_marked=False)
