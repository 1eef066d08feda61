"""Reading cards: one person's (default: the current cycle), their history, HR's ranked list by pages."""
from __future__ import annotations

from datetime import date

import pytest

from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.performance import queries, recompute
from backend.performance.models import CycleStatus, ReviewCycle
from tests.factories.org import make_person
from tests.factories.performance import make_cycle, put_value
from tests.factories.performance_scoring import add_people, make_scene


async def _scored(name: str = "Acme"):  # type: ignore[no-untyped-def]
    scene = await make_scene(name)
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    await put_value(c.system, scene.cycle, c.manager.employee.id, "results", 200)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    return scene


async def test_own_card_in_the_current_cycle_by_default(db):
    # given
    scene = await _scored()
    c = scene.company
    # when
    card = await queries.get_scorecard(c.employee.actor, employee_id=c.employee.employee.id)
    # then
    assert card is not None and (card.cycle_id, card.total) == (scene.cycle.id, 45.0)


async def test_no_card_is_none_and_strangers_are_refused(db):
    # given HR has no template, hence no card
    scene = await _scored()
    c = scene.company
    # when / then
    assert await queries.get_scorecard(c.hr.actor, employee_id=c.hr.employee.id, cycle_id=scene.cycle.id) is None
    with pytest.raises(Forbidden):
        await queries.get_scorecard(c.peer.actor, employee_id=c.employee.employee.id)


async def test_history_is_oldest_first_and_bounded(db):
    # given a closed October (total 60) before November (45)
    scene = await _scored()
    c = scene.company
    october = await make_cycle(c.system, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31), name="October")
    await put_value(c.system, october, c.employee.employee.id, "results", 200)
    await recompute.recompute_cycle(c.system, cycle_id=october.id, only_marked=False)
    await ReviewCycle.of(c.system).filter(id=october.id).update(status=CycleStatus.CLOSED)
    # when
    history = await queries.score_history(c.manager.actor, employee_id=c.employee.employee.id, last=6)
    latest = await queries.score_history(c.employee.actor, employee_id=c.employee.employee.id, last=1)
    # then
    assert [(h.cycle_id, h.total) for h in history] == [(october.id, 60.0), (scene.cycle.id, 45.0)]
    assert [h.total for h in latest] == [45.0]
    with pytest.raises(ValidationFailed):
        await queries.score_history(c.employee.actor, employee_id=c.employee.employee.id, last=25)


async def test_hr_pages_through_a_cycle_in_rank_order(db):
    # given 5 more people scoring 30 (tied), after the manager (60) and the worker (45)
    scene = await _scored()
    c = scene.company
    await add_people(scene, 5, results=100, quality=None)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # when
    first = await queries.list_cycle_scorecards(c.hr.actor, cycle_id=scene.cycle.id, first=3)
    rest = await queries.list_cycle_scorecards(c.hr.actor, cycle_id=scene.cycle.id, first=10, after=first.end_cursor)
    # then: ranks 1, 2, then 3 shared by five, then the peer at 8
    ranks = [x.rank_organization for x in [*first.items, *rest.items]]
    assert ranks == [1, 2, 3, 3, 3, 3, 3, 8]
    assert (first.total_count, first.has_next, rest.has_next) == (8, True, False)
    assert len({x.id for x in [*first.items, *rest.items]}) == 8


async def test_department_filter_ranks_within_the_department(db):
    # given someone outside the department (no card)
    scene = await _scored()
    c = scene.company
    await make_person(c.system, name="Elsewhere")
    # when
    page = await queries.list_cycle_scorecards(c.hr.actor, cycle_id=scene.cycle.id, department_id=c.department.id)
    # then
    assert [x.rank_department for x in page.items] == [1, 2, 3]


async def test_only_hr_lists_a_cycle_and_only_its_own(db):
    # given
    scene, other = await _scored("Acme"), await _scored("Globex")
    # when / then
    with pytest.raises(Forbidden):
        await queries.list_cycle_scorecards(scene.company.manager.actor, cycle_id=scene.cycle.id)
    with pytest.raises(NotFound):
        await queries.list_cycle_scorecards(scene.company.hr.actor, cycle_id=other.cycle.id)
