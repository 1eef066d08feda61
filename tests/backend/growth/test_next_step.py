"""The next missing step along a person's path (branches by percent, ties by position) and the estimate
of what completes it: tenure, an upcoming session, recent pace, or none."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from backend.growth.estimates import UpcomingSession, estimate, remaining, sessions_for
from backend.growth.models import Aggregate, Comparator
from backend.growth.requirements import LevelState, Outcome, RequirementStatus, Tenure, evaluate, next_step
from tests.backend.growth.support import EQUIPMENT, TODAY, record, spec


def _outcome(done: bool) -> Outcome:
    return Outcome(requirement_id=uuid.uuid4(), current=1 if done else 0, target=1,
                   status=RequirementStatus.DONE if done else RequirementStatus.MISSING, fraction=1.0 if done else 0.0)


def _level(previous: LevelState | None, position: int, percent: int, *outcomes: Outcome) -> LevelState:
    complete = all(o.done for o in outcomes)
    return LevelState(id=uuid.uuid4(), previous_id=previous.id if previous else None, position=position,
                      percent=100 if complete else percent, complete=complete, outcomes=outcomes)


def test_next_step_is_the_first_unmet_requirement_after_the_current_level():
    # given entry → middle (one of two done) → senior
    entry = _level(None, 0, 100, _outcome(True))
    first, second = _outcome(True), _outcome(False)
    middle = _level(entry, 1, 50, first, second)
    senior = _level(middle, 2, 0, _outcome(False))
    # when / then
    found = next_step([entry, middle, senior], entry.id)
    assert found is not None and (found[0].id, found[1]) == (middle.id, second)
    assert next_step([entry, middle, senior], None)[0].id == middle.id  # type: ignore[index]  # entry complete: on to middle
    assert next_step([entry, middle, senior], senior.id) is None  # nothing after the last level


@pytest.mark.parametrize(("specialist", "management", "expected"), [(60, 30, "specialist"), (20, 45, "management"),
                                                                     (40, 40, "specialist")])
def test_on_a_branch_the_higher_percent_wins_ties_by_position(specialist, management, expected):
    # given senior branching into technician (position 3) and team lead (position 4)
    senior = _level(None, 0, 100)
    levels = {"specialist": _level(senior, 3, specialist, _outcome(False)),
              "management": _level(senior, 4, management, _outcome(False))}
    # when
    found = next_step([senior, *levels.values()], senior.id)
    # then
    assert found is not None and found[0].id == levels[expected].id


def test_a_complete_branch_level_leads_on_to_the_level_after_it():
    # given the management branch's first level already complete
    senior = _level(None, 0, 100)
    lead = _level(senior, 3, 100, _outcome(True))
    technician = _level(senior, 4, 90, _outcome(False))
    manager = _level(lead, 5, 10, _outcome(False))
    # when
    found = next_step([senior, lead, technician, manager], senior.id)
    # then
    assert found is not None and found[0].id == manager.id


def _session(days: int, *, hours: float = 4, requirement: uuid.UUID | None = None, **attributes: str) -> UpcomingSession:
    return UpcomingSession(id=uuid.uuid4(), starts_on=TODAY + timedelta(days=days), kind="training",
                           attributes=dict(attributes), hours=hours, requirement_id=requirement)


def test_tenure_is_estimated_exactly():
    # given 12 months at the previous level, entered on 31 January 2026
    rule = spec(None, aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL, target=12)
    tenure = Tenure(since=date(2026, 1, 31))
    outcome = evaluate(rule, [], today=TODAY, tenure=tenure)
    # when
    found = estimate(rule, outcome, [], today=TODAY, tenure=tenure, sessions=[])
    # then
    assert (outcome.current, remaining(rule, outcome)) == (9, 3)
    assert (found.on, found.basis) == (date(2027, 1, 31), "tenure")


def test_the_session_that_would_complete_it_gives_the_date():
    # given 1 of 3 equipment trainings and three upcoming sessions, one of another category
    rule = spec(conditions=EQUIPMENT)
    outcome = evaluate(rule, [record(category="equipment")], today=TODAY)
    sessions = [_session(30, category="equipment"), _session(5, category="safety"), _session(10, category="equipment")]
    # when
    found = estimate(rule, outcome, [], today=TODAY, tenure=Tenure(), sessions=sessions)
    # then: the second matching session, in 30 days, completes it
    assert [s.starts_on for s in sessions_for(rule, sessions)] == [TODAY + timedelta(days=10), TODAY + timedelta(days=30)]
    assert (found.on, found.basis) == (TODAY + timedelta(days=30), "session")


def test_a_session_linked_to_the_requirement_counts_and_hours_add_up():
    # given "40 hours", 30 done, and sessions of 4 h (linked to it) and 8 h (of its kind)
    rule = spec(aggregate=Aggregate.SUM, field="quantity", target=40)
    outcome = evaluate(rule, [record(hours=30)], today=TODAY)
    sessions = [_session(3, hours=4, requirement=rule.id), _session(7, hours=8)]
    # when
    found = estimate(rule, outcome, [], today=TODAY, tenure=Tenure(), sessions=sessions)
    # then
    assert (found.on, found.basis) == (TODAY + timedelta(days=7), "session")


def test_recent_pace_projects_the_date():
    # given 2 projects in the last 180 days (and one long ago), target 4
    rule = spec("project", target=4)
    records = [record("project", on=TODAY - timedelta(days=10)), record("project", on=TODAY - timedelta(days=100)),
               record("project", on=date(2020, 1, 1))]
    outcome = evaluate(rule, records, today=TODAY)
    # when
    found = estimate(rule, outcome, records, today=TODAY, tenure=Tenure(), sessions=[])
    # then: 1 left at 2 per 180 days is 90 days away
    assert (outcome.current, found.on, found.basis) == (3, TODAY + timedelta(days=90), "recent_pace")


def test_no_recent_pace_no_estimate():
    # given a competition award needed and none in the last 180 days
    rule = spec("competition_award", target=1)
    records = [record("project", on=TODAY)]
    outcome = evaluate(rule, records, today=TODAY)
    # when
    found = estimate(rule, outcome, records, today=TODAY, tenure=Tenure(), sessions=[])
    # then
    assert (found.on, found.basis) == (None, None)


def test_distinct_pace_counts_only_new_values():
    # given "mentor 3 newcomers": one mentee long ago and again recently, one new recently
    rule = spec("mentoring", aggregate=Aggregate.DISTINCT, field="mentee_id", target=3)
    records = [record("mentoring", on=date(2024, 1, 1), mentee_id="a"), record("mentoring", on=TODAY, mentee_id="a"),
               record("mentoring", on=TODAY - timedelta(days=20), mentee_id="b")]
    outcome = evaluate(rule, records, today=TODAY)
    # when
    found = estimate(rule, outcome, records, today=TODAY, tenure=Tenure(), sessions=[])
    # then: 1 new mentee per 180 days, 1 to go
    assert (outcome.current, found.on) == (2, TODAY + timedelta(days=180))


def test_a_window_the_pace_cannot_fill_has_no_estimate():
    # given "3 trainings in the last 30 days" and 2 trainings in the last 180 days
    rule = spec(target=3, window=30)
    records = [record(on=TODAY - timedelta(days=5)), record(on=TODAY - timedelta(days=90))]
    outcome = evaluate(rule, records, today=TODAY)
    # when
    found = estimate(rule, outcome, records, today=TODAY, tenure=Tenure(), sessions=[])
    # then
    assert found.on is None


def test_more_than_counts_whole_records_remaining():
    # given "more than 2 projects" with 2
    rule = spec("project", target=2, comparator=Comparator.GT)
    outcome = evaluate(rule, [record("project")] * 2, today=TODAY)
    # when / then
    assert remaining(rule, outcome) == 1
