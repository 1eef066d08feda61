"""Ratings and OKRs over GraphQL: rating, tasks, anonymity, objectives; constant statements per list."""
from __future__ import annotations

from typing import Any

from backend.access.permissions import Role
from backend.performance.models import RaterRelation
from tests.factories.org import make_person
from tests.factories.performance import put_rating
from tests.factories.performance_data import scored_company
from tests.schema.performance.data_support import execute, run

RATE = """mutation($input: RateEmployeeInput!) { rateEmployee(input: $input) { __typename
  ... on RatingSaved { rating { relation dimensionCode score comment employee { name } rater { name } } }
  ... on UserError { code field } } }"""
TASKS = """query($cycleId: ID!) { ratingTasks(cycleId: $cycleId) { dimensionCode dimensionNameEn source relation
  rubric { score en zh } employee { name } current { score } } }"""
RECEIVED = """query($cycleId: ID!, $employeeId: ID) { ratingsReceived(cycleId: $cycleId, employeeId: $employeeId) {
  relation score rater { name } employee { name } } }"""
SAVE = """mutation($input: SaveObjectiveInput!) { saveObjective(input: $input) { __typename
  ... on ObjectiveSaved { objective { id title weight progress keyResults { id title startValue currentValue targetValue
    weight progress completedAt } } }
  ... on UserError { code field } } }"""
PROGRESS = """mutation($id: ID!, $value: Float!) { updateKeyResultProgress(id: $id, currentValue: $value) { __typename
  ... on ObjectiveSaved { objective { progress keyResults { currentValue progress completedAt } } }
  ... on UserError { code } } }"""
OBJECTIVES = """query($cycleId: ID!, $employeeId: ID) { objectives(cycleId: $cycleId, employeeId: $employeeId) {
  title progress keyResults { title progress } } }"""
DELETE = "mutation($id: ID!) { deleteObjective(id: $id) { __typename ... on ObjectiveDeleted { id } ... on UserError { code } } }"


def _rating(s: Any, person: Any, code: str = "mentoring", score: int = 4) -> dict[str, Any]:
    return {"cycleId": str(s.cycle.id), "employeeId": str(person.employee.id), "dimensionCode": code, "score": score}


async def test_a_manager_rates_a_report_on_the_rubric(db):
    # given
    s = await scored_company()
    # when
    data = await run(s.company.manager.actor, RATE, input={**_rating(s, s.company.employee), "comment": "Great coach"})
    # then
    assert data["rateEmployee"]["rating"] == {
        "relation": "MANAGER", "dimensionCode": "mentoring", "score": 4, "comment": "Great coach",
        "employee": {"name": s.company.employee.employee.name}, "rater": {"name": s.company.manager.employee.name}}


async def test_a_peer_giving_a_manager_rating_is_a_user_error(db):
    # given
    s = await scored_company()
    # when
    data = await run(s.company.peer.actor, RATE, input=_rating(s, s.company.employee))
    # then
    assert data["rateEmployee"] == {"__typename": "UserError", "code": "FORBIDDEN", "field": None}


async def test_a_score_of_six_is_a_user_error_naming_the_field(db):
    # given
    s = await scored_company()
    # when
    data = await run(s.company.manager.actor, RATE, input=_rating(s, s.company.employee, score=6))
    # then
    assert data["rateEmployee"] == {"__typename": "UserError", "code": "VALIDATION", "field": "score"}


async def test_rating_tasks_carry_the_rubric_and_the_score_given(db):
    # given
    s = await scored_company()
    await run(s.company.manager.actor, RATE, input=_rating(s, s.company.employee, score=3))
    # when
    data = await run(s.company.manager.actor, TASKS, cycleId=str(s.cycle.id))
    # then
    worker = s.company.employee.employee.name
    mentoring = [t for t in data["ratingTasks"] if t["employee"]["name"] == worker and t["dimensionCode"] == "mentoring"]
    assert mentoring == [{"dimensionCode": "mentoring", "dimensionNameEn": "Mentoring", "source": "RATING",
                          "relation": "MANAGER", "employee": {"name": worker}, "current": {"score": 3},
                          "rubric": [{"score": n, "en": f"Level {n}", "zh": f"{n} 级"} for n in range(1, 6)]}]


async def test_peer_raters_are_hidden_from_the_person_but_not_from_their_manager(db):
    # given three peers rated the employee's teamwork
    s = await scored_company()
    worker = s.company.employee.employee
    peers = [await make_person(s.company.system, role=Role.EMPLOYEE, department=s.company.department) for _ in range(3)]
    for peer in peers:
        await put_rating(s.company.system, s.cycle, worker.id, peer.employee.id, "teamwork", 4, RaterRelation.PEER)
    # when
    mine = await run(s.company.employee.actor, RECEIVED, cycleId=str(s.cycle.id))
    managers = await run(s.company.manager.actor, RECEIVED, cycleId=str(s.cycle.id), employeeId=str(worker.id))
    # then
    assert mine["ratingsReceived"] == [{"relation": "PEER", "score": 4, "rater": None, "employee": {"name": worker.name}}] * 3
    assert sorted(r["rater"]["name"] for r in managers["ratingsReceived"]) == sorted(p.employee.name for p in peers)


async def test_a_person_keeps_objectives_and_moves_progress(db):
    # given
    s = await scored_company()
    me = s.company.employee.actor
    saved = (await run(me, SAVE, input={"cycleId": str(s.cycle.id), "title": "Grow", "weight": 2, "keyResults": [
        {"title": "Deals", "targetValue": 10, "currentValue": 5}, {"title": "Demos", "targetValue": 4}]}))
    objective = saved["saveObjective"]["objective"]
    deals = next(kr for kr in objective["keyResults"] if kr["title"] == "Deals")
    # when
    moved = await run(me, PROGRESS, id=deals["id"], value=10)
    listed = await run(s.company.manager.actor, OBJECTIVES, cycleId=str(s.cycle.id),
                       employeeId=str(s.company.employee.employee.id))
    # then
    assert (objective["title"], objective["weight"], objective["progress"]) == ("Grow", 2, 0.25)
    assert moved["updateKeyResultProgress"]["objective"]["progress"] == 0.5
    assert next(kr for kr in moved["updateKeyResultProgress"]["objective"]["keyResults"]
                if kr["currentValue"] == 10.0)["completedAt"] is not None
    assert listed["objectives"] == [{"title": "Grow", "progress": 0.5, "keyResults": [
        {"title": "Deals", "progress": 1.0}, {"title": "Demos", "progress": 0.0}]}]


async def test_objective_errors_are_user_errors_and_deleting_works(db):
    # given
    s = await scored_company()
    me = s.company.employee.actor
    bad = await run(me, SAVE, input={"cycleId": str(s.cycle.id), "title": "Grow", "keyResults": [
        {"title": "Deals", "targetValue": 0}]})
    saved = await run(me, SAVE, input={"cycleId": str(s.cycle.id), "title": "Grow",
                                       "keyResults": [{"title": "Deals", "targetValue": 3}]})
    objective_id = saved["saveObjective"]["objective"]["id"]
    # when
    by_peer = await run(s.company.peer.actor, DELETE, id=objective_id)
    deleted = await run(me, DELETE, id=objective_id)
    # then
    assert bad["saveObjective"] == {"__typename": "UserError", "code": "VALIDATION", "field": "keyResults.0.targetValue"}
    assert by_peer["deleteObjective"] == {"__typename": "UserError", "code": "FORBIDDEN"}
    assert deleted["deleteObjective"] == {"__typename": "ObjectiveDeleted", "id": objective_id}


async def test_another_organisations_cycle_is_not_found_for_tasks_and_objectives(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    # when
    _, task_errors = await execute(mine.company.manager.actor, TASKS, cycleId=str(theirs.cycle.id))
    _, okr_errors = await execute(mine.company.employee.actor, OBJECTIVES, cycleId=str(theirs.cycle.id))
    # then
    assert task_errors is not None and task_errors[0].extensions == {"code": "NOT_FOUND", "field": "cycleId"}
    assert okr_errors is not None and okr_errors[0].extensions == {"code": "NOT_FOUND", "field": "cycleId"}
