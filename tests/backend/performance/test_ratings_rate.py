"""Rating a person: relations derived from the reporting line, who may give a manager rating, checks."""
from __future__ import annotations

import pytest

from backend.access.permissions import Role
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.performance import ratings
from backend.performance.models import CycleStatus, RaterRelation, Rating, ScoreRecompute
from tests.factories.org import make_person
from tests.factories.performance_data import Scored, scored_company


async def _rate(s: Scored, rater, person, code: str = "teamwork", score: int = 4, comment: str = "") -> Rating:  # type: ignore[no-untyped-def]
    return await ratings.rate_employee(rater.actor, cycle_id=s.cycle.id, employee_id=person.employee.id,
                                       dimension_code=code, score=score, comment=comment)


async def test_the_relation_is_derived_from_the_reporting_line(db):
    # given employee reports to manager, who reports to owner; peer reports to owner
    s = await scored_company()
    c = s.company
    # when
    given = [await _rate(s, c.employee, c.employee), await _rate(s, c.manager, c.employee),
             await _rate(s, c.owner, c.employee), await _rate(s, c.employee, c.manager),
             await _rate(s, c.peer, c.employee)]
    # then
    assert [r.relation for r in given] == [RaterRelation.SELF, RaterRelation.MANAGER, RaterRelation.MANAGER,
                                           RaterRelation.REPORT, RaterRelation.PEER]


async def test_rating_again_replaces_the_score_and_is_audited(db):
    # given
    s = await scored_company()
    c = s.company
    await _rate(s, c.manager, c.employee, "mentoring", 2)
    # when
    saved = await _rate(s, c.manager, c.employee, "mentoring", 5, comment="  Coached two new hires. ")
    # then
    assert await Rating.of(c.system).values_list("score", "comment") == [(5, "Coached two new hires.")]
    entries = await AuditEntry.of(c.system).filter(action="rating.saved").order_by("at")
    assert [e.before for e in entries] == [None, {"score": 2, "comment": ""}]
    assert entries[1].entity_id == str(saved.id) and entries[1].after is not None and entries[1].after["score"] == 5


async def test_a_rating_marks_the_person_for_recompute(db):
    # given
    s = await scored_company()
    # when
    await _rate(s, s.company.peer, s.company.employee)
    # then
    assert await ScoreRecompute.of(s.company.system).values_list("employee_id", flat=True) == [s.company.employee.employee.id]


async def test_a_manager_rating_dimension_takes_managers_and_hr_only(db):
    # given
    s = await scored_company()
    c = s.company
    # when
    by_hr = await _rate(s, c.hr, c.employee, "mentoring", 3)
    # then
    assert by_hr.relation == RaterRelation.MANAGER
    for rater, person in ((c.peer, c.employee), (c.employee, c.employee), (c.employee, c.manager)):
        with pytest.raises(Forbidden):
            await _rate(s, rater, person, "mentoring", 3)


async def test_a_manager_rates_someone_two_levels_below(db):
    # given the owner is two levels above the employee (owner → manager → employee)
    s = await scored_company()
    # when
    saved = await _rate(s, s.company.owner, s.company.employee, "mentoring", 4)
    # then
    assert saved.relation == RaterRelation.MANAGER


@pytest.mark.parametrize(("code", "score", "field"), [("teamwork", 0, "score"), ("teamwork", 6, "score"),
                                                      ("results", 3, "dimensionCode"), ("nope", 3, "dimensionCode")])
async def test_scores_and_dimensions_are_checked(db, code, score, field):
    # given
    s = await scored_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await _rate(s, s.company.manager, s.company.employee, code, score)
    # then
    assert raised.value.field == field
    assert await Rating.of(s.company.system).count() == 0


async def test_a_comment_over_1000_characters_is_refused(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(ValidationFailed):
        await _rate(s, s.company.peer, s.company.employee, comment="x" * 1001)


async def test_a_person_without_a_scorecard_cannot_be_rated(db):
    # given HR has no department and so no template
    s = await scored_company()
    # when / then
    with pytest.raises(ValidationFailed):
        await _rate(s, s.company.employee, s.company.hr)


async def test_a_closed_cycle_takes_no_ratings(db):
    # given
    s = await scored_company(status=CycleStatus.CLOSED)
    # when / then
    with pytest.raises(Conflict):
        await _rate(s, s.company.peer, s.company.employee)


async def test_a_new_hire_in_the_team_is_a_report_of_the_employee_they_report_to(db):
    # given someone reporting to the employee
    s = await scored_company()
    junior = await make_person(s.company.system, role=Role.EMPLOYEE, manager=s.company.employee.employee,
                               department=s.company.department)
    # when
    saved = await _rate(s, junior, s.company.employee)
    # then
    assert saved.relation == RaterRelation.REPORT


async def test_another_organisations_person_is_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    # when / then
    with pytest.raises(NotFound):
        await _rate(mine, mine.company.peer, theirs.company.employee)
