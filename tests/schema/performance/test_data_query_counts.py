"""Data-in lists cost a constant number of SQL statements however many rows they show."""
from __future__ import annotations

from typing import Any

from backend.access.permissions import Role
from backend.performance import okrs
from backend.performance.models import RaterRelation
from tests.factories.org import Person, make_person
from tests.factories.performance import put_rating, put_value
from tests.factories.performance_data import Scored, scored_company
from tests.schema.performance.data_support import run

TASKS = "query($c: ID!) { ratingTasks(cycleId: $c) { dimensionCode rubric { en } employee { name } current { score } } }"
RECEIVED = "query($c: ID!, $e: ID) { ratingsReceived(cycleId: $c, employeeId: $e) { score rater { name } employee { name } } }"
OBJECTIVES = "query($c: ID!, $e: ID) { objectives(cycleId: $c, employeeId: $e) { title progress keyResults { title progress } } }"
VALUES = "query($c: ID!, $e: ID) { metricValues(cycleId: $c, employeeId: $e) { metricCode value suppliedBy { name } } }"


async def _statements(counter: Any, actor: Any, query: str, **variables: Any) -> int:
    before = counter.count
    await run(actor, query, **variables)
    return counter.count - before


async def _grow(s: Scored, team: list[Person], raters: list[Person], n: int) -> None:
    """n more team members, each rated by every rater, with an objective and metric values."""
    for _ in range(n):
        person = await make_person(s.company.system, role=Role.EMPLOYEE, manager=s.company.manager.employee,
                                   department=s.company.department)
        team.append(person)
    target = s.company.employee.employee.id
    for rater in raters:
        await put_rating(s.company.system, s.cycle, target, rater.employee.id, "teamwork", 4, RaterRelation.PEER)
    for code in ("results", "retention"):
        await put_value(s.company.system, s.cycle, team[-1].employee.id, code, 50)
    await okrs.save_objective(s.company.employee.actor, cycle_id=s.cycle.id, title=f"Objective {len(team)}",
                              key_results=[okrs.KeyResultDraft("KR", 3), okrs.KeyResultDraft("KR 2", 5)])


async def test_data_lists_cost_the_same_for_small_and_large_teams(db, count_queries):
    # given a team of 2 rated by 3 peers, then a team of 9 rated by 9
    s = await scored_company()
    team: list[Person] = [s.company.employee]
    raters = [await make_person(s.company.system, role=Role.EMPLOYEE, department=s.company.department) for _ in range(9)]
    await _grow(s, team, raters[:3], 1)
    worker, last = str(s.company.employee.employee.id), lambda: str(team[-1].employee.id)
    manager = s.company.manager.actor

    async def measure() -> list[int]:
        return [await _statements(count_queries, manager, TASKS, c=str(s.cycle.id)),
                await _statements(count_queries, manager, RECEIVED, c=str(s.cycle.id), e=worker),
                await _statements(count_queries, manager, OBJECTIVES, c=str(s.cycle.id), e=worker),
                await _statements(count_queries, manager, VALUES, c=str(s.cycle.id), e=last())]

    small = await measure()
    # when
    await _grow(s, team, raters[3:], 7)
    large = await measure()
    # then
    print(f"ratingTasks/ratingsReceived/objectives/metricValues statements: {small} small, {large} large")
    assert small == large
