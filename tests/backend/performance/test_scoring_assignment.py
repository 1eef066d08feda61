"""Which template applies: exact department, the most specific assignment wins, ties reported."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from backend.performance import assignment
from backend.performance.assignment import Person, Rule

SALES, RND, OPS = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
T_SALES, T_SENIOR, T_RND = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
EARLY = datetime(2026, 1, 1, tzinfo=UTC)


def _rule(template, *, department=None, title=None, level=None, minutes=0) -> Rule:  # type: ignore[no-untyped-def]
    return Rule(id=uuid.uuid4(), template_id=template, department_id=department, job_title=title, level=level,
                created_at=EARLY + timedelta(minutes=minutes))


def _person(department=SALES, title="Sales Rep", level="L2") -> Person:  # type: ignore[no-untyped-def]
    return Person(id=uuid.uuid4(), department_id=department, job_title=title, level=level)


def test_department_assignment_applies_to_its_members_only():
    # given
    rules = [_rule(T_SALES, department=SALES)]
    # then
    assert assignment.resolve(rules, _person()).template_id == T_SALES  # type: ignore[union-attr]
    assert assignment.resolve(rules, _person(department=RND)) is None
    assert assignment.resolve(rules, _person(department=None)) is None


def test_more_criteria_beat_fewer_whatever_the_order_created():
    # given department alone, and department + level created later
    broad, narrow = _rule(T_SALES, department=SALES), _rule(T_SENIOR, department=SALES, level="L5", minutes=5)
    # then
    assert assignment.resolve([broad, narrow], _person(level="L5")) == assignment.Match(T_SENIOR, narrow.id)
    assert assignment.resolve([broad, narrow], _person(level="L2")) == assignment.Match(T_SALES, broad.id)


def test_job_title_and_level_match_trimmed_and_case_insensitively():
    # given
    rule = _rule(T_SENIOR, title="  senior engineer ", level="l5")
    # then
    assert assignment.resolve([rule], _person(title="Senior Engineer", level="L5")) is not None
    assert assignment.resolve([rule], _person(title="Engineer", level="L5")) is None


def test_equal_specificity_earliest_wins_and_the_tie_is_reported():
    # given department (older) and job title (newer) both naming one criterion, different templates
    by_department = _rule(T_SALES, department=SALES)
    by_title = _rule(T_RND, title="Sales Rep", minutes=1)
    same_template = _rule(T_SALES, level="L2", minutes=2)
    # when
    match = assignment.resolve([by_title, same_template, by_department], _person())
    # then
    assert match == assignment.Match(T_SALES, by_department.id, ambiguous_with=(by_title.id,))
    assert match.ambiguous


def test_matched_counts_count_only_the_winning_assignment():
    # given three people in sales (one senior) and one in operations
    broad, narrow = _rule(T_SALES, department=SALES), _rule(T_SENIOR, department=SALES, level="L5")
    people = [_person(), _person(), _person(level="L5"), _person(department=OPS)]
    # when
    counts = assignment.matched_counts([broad, narrow], people)
    # then
    assert counts == {broad.id: 2, narrow.id: 1}


def test_ambiguities_lists_people_whose_best_matches_disagree():
    # given
    a, b = _rule(T_SALES, department=SALES), _rule(T_RND, level="L2", minutes=1)
    tied, clear = _person(level="L2"), _person(level="L3")
    # when
    found = assignment.ambiguities([a, b], [tied, clear])
    # then
    assert found == {tied.id: (b.id,)}
