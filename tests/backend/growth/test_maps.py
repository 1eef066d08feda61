"""One person's growth map: levels evaluated live, the next step with its estimate, sessions and resources,
who may read it, and a fixed number of statements whatever the number of levels."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backend.core import clock
from backend.core.errors import Forbidden
from backend.growth import maps, progress
from backend.growth.models import EvidenceKind, LearningSession, RecordStatus
from backend.growth.requirements import RequirementStatus
from backend.growth.track_specs import LevelDraft
from tests.factories.growth import add_record, assign, eq, level_ids, make_track, requirement, rule
from tests.factories.org import make_company

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)


async def test_the_map_shows_levels_requirements_and_the_next_step(db):
    # given a junior since 1 Jan 2025 with 2 of 3 equipment trainings, a claimed third, and two sessions ahead
    c = await make_company()
    track = await make_track(c.hr.actor)
    ids = await level_ids(c.system, track)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "junior", date(2025, 1, 1))
    done = [await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment") for _ in range(2)]
    await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment", status=RecordStatus.CLAIMED)
    for days, category in ((3, "safety"), (10, "equipment")):
        await LearningSession.create_for(c.system, title_en=category, title_zh=category, starts_at=NOW + timedelta(days=days),
                                         ends_at=NOW + timedelta(days=days, hours=2), capacity=10, hours=2,
                                         attributes={"category": category})
    with clock.frozen_at(NOW):
        await progress.recompute(c.system)
        # when
        found = await maps.growth_map(c.employee.actor)
    # then
    assert (found.track.track.id if found.track else None, found.current_level_id, found.level_since) == (
        track.id, ids["junior"], date(2025, 1, 1))
    assert [(lv.level.level.code, lv.percent, lv.complete, lv.is_current) for lv in found.levels] == [
        ("junior", 100, True, True), ("middle", 83, False, False), ("senior", 0, False, False),
        ("lead", 0, False, False), ("technician", 0, False, False)]
    trainings = found.levels[1].requirements[0]
    assert (trainings.status, trainings.current, trainings.target) == (RequirementStatus.PARTIAL, 2, 3)
    assert set(trainings.record_ids) == {r.id for r in done} and set(found.records) == {r.id for r in done}
    step = found.next_step
    assert step is not None
    assert (step.level.level.code, step.requirement.name_en, step.remaining) == ("middle", "3 equipment trainings", 1)
    assert (step.estimated_on, step.estimate_basis) == (date(2026, 11, 30), "session")
    assert [s.title_en for s in step.sessions] == ["equipment"]
    assert [x.title_en for x in step.resources] == ["CNC basics", "Machining MOOC"]
    assert found.computed_at == NOW


async def test_a_confirmation_shows_before_the_job_runs(db):
    # given the map computed, then the third training confirmed (the job has not run)
    c = await make_company()
    track = await make_track(c.hr.actor)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "junior", date(2025, 1, 1))
    for _ in range(3):
        await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment")
    # when
    found = await maps.growth_map(c.employee.actor)
    # then
    middle = found.levels[1]
    assert (middle.percent, middle.complete, middle.completed_at) == (100, True, None)
    assert found.next_step is not None and found.next_step.level.level.code == "senior"


async def test_who_may_read_a_map(db):
    # given the worker on a track
    c = await make_company()
    await assign(c.hr.actor, [c.employee.employee.id], await make_track(c.hr.actor))
    worker = c.employee.employee.id
    # when / then: the manager and HR yes, the peer and the worker reading up no
    assert (await maps.growth_map(c.manager.actor, employee_id=worker)).employee_id == worker
    assert (await maps.growth_map(c.hr.actor, employee_id=worker)).employee_id == worker
    with pytest.raises(Forbidden):
        await maps.growth_map(c.peer.actor, employee_id=worker)
    with pytest.raises(Forbidden):
        await maps.growth_map(c.employee.actor, employee_id=c.manager.employee.id)


async def test_someone_on_no_track_gets_an_empty_map(db):
    # given
    c = await make_company()
    # when
    found = await maps.growth_map(c.peer.actor)
    # then
    assert (found.track, found.levels, found.next_step) == (None, [], None)


def _levels(n: int) -> tuple[LevelDraft, ...]:
    codes = [f"l{i}" for i in range(n)]
    return tuple(LevelDraft(code=code, name_en=code, name_zh=code, previous_code=codes[i - 1] if i else None,
                            requirements=tuple(requirement(f"{code} {j}", rule(EvidenceKind.TRAINING, j + 1,
                                                                                conditions=eq("category", f"c{j}")))
                                               for j in range(3)))
                 for i, code in enumerate(codes))


async def test_the_map_costs_the_same_statements_for_3_and_12_levels(db, count_queries):
    # given two people on tracks of 3 and 12 levels, with records and a session
    counts = []
    for n in (3, 12):
        c = await make_company(f"Org {n}")
        track = await make_track(c.hr.actor, levels=_levels(n))
        await assign(c.hr.actor, [c.employee.employee.id], track, "l0")
        for j in range(3):
            await add_record(c.system, c.employee.employee.id, EvidenceKind.TRAINING, category=f"c{j}")
        await progress.recompute(c.system)
        before = count_queries.count
        # when
        await maps.growth_map(c.manager.actor, employee_id=c.employee.employee.id)
        counts.append(count_queries.count - before)
    # then
    print(f"growth map statements: {counts} for 3 and 12 levels")
    assert counts[0] == counts[1]
    assert counts[0] <= 12
