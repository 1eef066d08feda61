"""The manager's team view: everyone below them, attention codes, sorted by what needs attention."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from backend.core import clock
from backend.core.errors import Forbidden
from backend.org.models import Employee
from backend.performance import progress, recompute
from backend.performance.models import Appeal, ReviewCycle
from tests.factories.org import make_person
from tests.factories.performance import make_cycle, put_value
from tests.factories.performance_scoring import make_scene, make_statement_scene

MID_NOVEMBER = datetime(2026, 11, 15, 4, 0, tzinfo=UTC)  # day 15 of 30 in Shanghai: pace 0.5


async def test_team_sorted_by_attention_then_name(db):
    # given the worker (total 88, but the peer rating is fine) and two more reports: one with an open appeal
    # and no data, one outside any template (no card)
    scene = await make_statement_scene()
    c = scene.company
    appellant = await make_person(c.system, name="Zed", manager=c.manager.employee, department=c.department)
    outsider = await make_person(c.system, name="Amy", manager=c.manager.employee)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    await Appeal.create_for(c.system, cycle_id=scene.cycle.id, employee_id=appellant.employee.id, reason="unfair",
                            due_at=clock.now(), client_key="k1", filed_at=clock.now())
    # when
    with clock.frozen_at(MID_NOVEMBER):
        team = await progress.team_performance(c.manager.actor, cycle_id=scene.cycle.id)
    # then
    assert [(m.name, m.attention, m.attention_score) for m in team] == [
        ("Zed", ["open_appeal", "rating_due", "below_target", "missing_data"], 95),
        ("Amy", ["no_scorecard"], 50),
        ("Acme Worker", [], 0)]
    assert team[2].card is not None and team[2].card.total == 88.0
    assert outsider.employee.id == team[1].employee_id


async def test_a_drop_against_the_previous_cycle_needs_attention(db):
    # given the worker made 60 in October and 30 in November
    scene = await make_scene()
    c = scene.company
    october = await make_cycle(c.system, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31), name="October")
    await ReviewCycle.of(c.system).filter(id=scene.cycle.id).update(previous_id=october.id)
    await put_value(c.system, october, c.employee.employee.id, "results", 200)
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 100)
    for cycle_id in (october.id, scene.cycle.id):
        await recompute.recompute_cycle(c.system, cycle_id=cycle_id, only_marked=False)
    # when
    with clock.frozen_at(MID_NOVEMBER):
        team = await progress.team_performance(c.manager.actor, cycle_id=scene.cycle.id)
    # then
    assert [(m.name, m.attention) for m in team] == [("Acme Worker", ["dropped", "below_target", "missing_data"])]


def test_pace_is_the_share_of_the_cycle_gone():
    # given
    cycle = ReviewCycle(starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30))
    # then
    assert [progress.pace(cycle, d) for d in (date(2026, 10, 20), date(2026, 11, 15), date(2026, 12, 3))] == [0.0, 0.5, 1.0]


async def test_people_without_reports_see_an_empty_team_and_employees_may_not_ask(db):
    # given
    scene = await make_statement_scene()
    c = scene.company
    # when / then: HR has no reports (HR reads everyone through cycleScorecards)
    assert await progress.team_performance(c.hr.actor, cycle_id=scene.cycle.id) == []
    with pytest.raises(Forbidden):
        await progress.team_performance(c.employee.actor, cycle_id=scene.cycle.id)


async def test_owner_sees_everyone_below_including_other_managers_teams(db):
    # given
    scene = await make_statement_scene()
    c = scene.company
    # when
    team = await progress.team_performance(c.owner.actor)  # the current cycle: the only open one
    # then
    assert {m.name for m in team} == {e.name for e in await Employee.of(c.system).exclude(id=c.owner.employee.id)}
