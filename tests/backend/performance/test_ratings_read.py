"""Rating tasks and what each viewer may see of the ratings a person received (anonymity)."""
from __future__ import annotations

import pytest

from backend.access.permissions import Role
from backend.core.errors import Forbidden, NotFound
from backend.performance import ratings
from backend.performance.models import RaterRelation
from tests.factories.org import make_person
from tests.factories.performance import put_rating
from tests.factories.performance_data import Scored, scored_company


async def _peers(s: Scored, n: int) -> list:  # type: ignore[type-arg]
    return [await make_person(s.company.system, role=Role.EMPLOYEE, manager=s.company.owner.employee,
                              department=s.company.department) for _ in range(n)]


def _seen(received: list[ratings.ReceivedRating]) -> list[tuple[str, str, int, bool]]:
    return [(r.rating.dimension_code, r.rating.relation.value, r.rating.score, r.rater_visible) for r in received]


async def test_the_person_sees_peer_ratings_anonymously_once_three_peers_rated(db):
    # given three peers and the manager rated the employee's teamwork
    s = await scored_company()
    worker = s.company.employee.employee
    for peer, score in zip(await _peers(s, 3), (3, 4, 5)):
        await put_rating(s.company.system, s.cycle, worker.id, peer.employee.id, "teamwork", score, RaterRelation.PEER)
    await put_rating(s.company.system, s.cycle, worker.id, s.company.manager.employee.id, "teamwork", 4)
    # when
    seen = await ratings.ratings_received(s.company.employee.actor, cycle_id=s.cycle.id, employee_id=worker.id)
    # then
    assert sorted(_seen(seen)) == [("teamwork", "manager", 4, True), ("teamwork", "peer", 3, False),
                                   ("teamwork", "peer", 4, False), ("teamwork", "peer", 5, False)]


async def test_the_person_sees_nothing_of_a_group_under_three_raters_but_managers_do(db):
    # given two peers rated the employee
    s = await scored_company()
    worker = s.company.employee.employee
    for peer in await _peers(s, 2):
        await put_rating(s.company.system, s.cycle, worker.id, peer.employee.id, "teamwork", 2, RaterRelation.PEER)
    await put_rating(s.company.system, s.cycle, worker.id, worker.id, "teamwork", 5, RaterRelation.SELF)
    # when
    by_person = await ratings.ratings_received(s.company.employee.actor, cycle_id=s.cycle.id, employee_id=worker.id)
    by_manager = await ratings.ratings_received(s.company.manager.actor, cycle_id=s.cycle.id, employee_id=worker.id)
    # then
    assert _seen(by_person) == [("teamwork", "self", 5, True)]
    assert sorted(_seen(by_manager)) == [("teamwork", "peer", 2, True), ("teamwork", "peer", 2, True),
                                         ("teamwork", "self", 5, True)]


async def test_a_colleague_cannot_read_someones_ratings(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(Forbidden):
        await ratings.ratings_received(s.company.peer.actor, cycle_id=s.cycle.id, employee_id=s.company.employee.employee.id)


async def test_an_employee_is_asked_for_their_own_and_their_managers_360(db):
    # given
    s = await scored_company()
    worker = s.company.employee
    await put_rating(s.company.system, s.cycle, worker.employee.id, worker.employee.id, "teamwork", 4, RaterRelation.SELF)
    # when
    tasks = await ratings.rating_tasks(worker.actor, cycle_id=s.cycle.id)
    # then
    assert [(t.employee_id, t.dimension.code, t.relation, t.current.score if t.current else None) for t in tasks] == [
        (worker.employee.id, "teamwork", RaterRelation.SELF, 4),
        (s.company.manager.employee.id, "teamwork", RaterRelation.REPORT, None)]


async def test_a_manager_is_asked_to_rate_everyone_below_them(db):
    # given the owner has the manager, employee and peer below (HR has no scorecard)
    s = await scored_company()
    c = s.company
    # when
    tasks = await ratings.rating_tasks(c.owner.actor, cycle_id=s.cycle.id)
    # then
    people = {c.manager.employee.id: "manager", c.employee.employee.id: "worker", c.peer.employee.id: "peer"}
    assert sorted((people[t.employee_id], t.dimension.code, t.relation.value) for t in tasks) == [
        ("manager", "mentoring", "manager"), ("manager", "teamwork", "manager"),
        ("peer", "mentoring", "manager"), ("peer", "teamwork", "manager"),
        ("worker", "mentoring", "manager"), ("worker", "teamwork", "manager")]


async def test_rating_tasks_of_another_organisations_cycle_are_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    # when / then
    with pytest.raises(NotFound):
        await ratings.rating_tasks(mine.company.manager.actor, cycle_id=theirs.cycle.id)
    with pytest.raises(NotFound):
        await ratings.ratings_received(mine.company.hr.actor, cycle_id=mine.cycle.id,
                                       employee_id=theirs.company.employee.employee.id)
