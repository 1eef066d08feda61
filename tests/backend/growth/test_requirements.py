"""The requirement maths, table-tested with exact values: windows, comparators, sums of hours, distinct
mentees, tenure across month ends, expired certificates, zero targets."""
from __future__ import annotations

import uuid
from datetime import date

import pytest

from backend.growth.models import Aggregate, Comparator
from backend.growth.requirements import RequirementStatus, Tenure, add_months, evaluate, level_percent, months_between
from tests.backend.growth.support import EQUIPMENT, TODAY, record, spec

DONE, PARTIAL, MISSING = RequirementStatus.DONE, RequirementStatus.PARTIAL, RequirementStatus.MISSING


@pytest.mark.parametrize(("records", "expected"), [
    ([], (0, MISSING, 0.0)),
    ([record(category="equipment")], (1, PARTIAL, 1 / 3)),
    ([record(category="equipment"), record(category="equipment")], (2, PARTIAL, 2 / 3)),
    ([record(category="equipment")] * 3, (3, DONE, 1.0)),
    ([record(category="equipment")] * 5, (5, DONE, 1.0)),
    ([record(category="safety")] * 3, (0, MISSING, 0.0)),
    ([record("project", category="equipment")] * 3, (0, MISSING, 0.0)),
])
def test_count_of_equipment_trainings(records, expected):
    # given "complete 3 equipment trainings"
    rule = spec(conditions=EQUIPMENT)
    # when
    outcome = evaluate(rule, records, today=TODAY)
    # then
    assert (outcome.current, outcome.status, outcome.fraction) == pytest.approx(expected)
    assert len(outcome.record_ids) == outcome.current


@pytest.mark.parametrize(("occurred", "counted"), [
    (date(2026, 11, 20), True),  # today
    (date(2026, 10, 22), True),  # the 30th day back, today included
    (date(2026, 10, 21), False),  # the 31st
    (date(2026, 12, 1), True),  # a future date is not older than the window
])
def test_window_counts_the_last_n_days_today_included(occurred, counted):
    # given "1 training in the last 30 days"
    rule = spec(target=1, window=30)
    # when
    outcome = evaluate(rule, [record(on=occurred)], today=TODAY)
    # then
    assert outcome.done is counted


@pytest.mark.parametrize(("comparator", "target", "current", "status", "fraction"), [
    (Comparator.GTE, 2, 2, DONE, 1.0),
    (Comparator.GTE, 2, 1, PARTIAL, 0.5),
    (Comparator.GT, 2, 2, PARTIAL, 0.99),  # not met: never shows as full
    (Comparator.GT, 2, 3, DONE, 1.0),
    (Comparator.EQ, 2, 2, DONE, 1.0),
    (Comparator.EQ, 2, 1, PARTIAL, 0.5),
    (Comparator.EQ, 2, 3, PARTIAL, 0.0),
    (Comparator.LTE, 2, 1, DONE, 1.0),
    (Comparator.LTE, 2, 4, PARTIAL, 0.5),
    (Comparator.LTE, 0, 0, DONE, 1.0),
])
def test_comparators(comparator, target, current, status, fraction):
    # given `current` projects and a target
    rule = spec("project", comparator=comparator, target=target)
    # when
    outcome = evaluate(rule, [record("project")] * current, today=TODAY)
    # then
    assert (outcome.current, outcome.status) == (current, status)
    assert outcome.fraction == pytest.approx(fraction)


@pytest.mark.parametrize(("comparator", "current", "done"), [
    (Comparator.GTE, 0, True), (Comparator.GT, 0, False), (Comparator.GT, 1, True), (Comparator.EQ, 0, True),
    (Comparator.EQ, 1, False),
])
def test_zero_targets(comparator, current, done):
    # given a target of 0
    rule = spec("project", comparator=comparator, target=0)
    # when
    outcome = evaluate(rule, [record("project")] * current, today=TODAY)
    # then
    assert outcome.done is done
    assert outcome.status == (DONE if done else (MISSING if current == 0 else PARTIAL))


def test_sum_of_hours_ignores_records_without_hours():
    # given "40 training hours" and 12.5 + 8 + (none) hours
    rule = spec(aggregate=Aggregate.SUM, field="quantity", target=40)
    records = [record(hours=12.5), record(hours=8), record(hours=None)]
    # when
    outcome = evaluate(rule, records, today=TODAY)
    # then
    assert (outcome.current, outcome.status, outcome.fraction) == (20.5, PARTIAL, pytest.approx(20.5 / 40))
    assert outcome.record_ids == (records[0].id, records[1].id)


def test_sum_defaults_to_quantity_and_adds_numeric_attributes():
    # given talks rated 4 and 5 and one with a text rating
    rule = spec("tech_talk", aggregate=Aggregate.SUM, field="rating", target=9)
    records = [record("tech_talk", rating=4), record("tech_talk", rating=5), record("tech_talk", rating="good")]
    # when
    outcome = evaluate(rule, records, today=TODAY)
    # then
    assert (outcome.current, outcome.status) == (9, DONE)


def test_distinct_mentees():
    # given "mentor 2 newcomers": three mentoring records, two of them the same newcomer
    rule = spec("mentoring", aggregate=Aggregate.DISTINCT, field="mentee_id", target=2)
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    # when
    one = evaluate(rule, [record("mentoring", mentee_id=a), record("mentoring", mentee_id=f" {a} ")], today=TODAY)
    two = evaluate(rule, [record("mentoring", mentee_id=a), record("mentoring", mentee_id=a),
                          record("mentoring", mentee_id=b), record("mentoring")], today=TODAY)
    # then
    assert (one.current, one.status) == (1, PARTIAL)
    assert (two.current, two.status, len(two.record_ids)) == (2, DONE, 3)


@pytest.mark.parametrize(("expires_on", "counted"), [
    ("2026-11-19", False), ("2026-11-20", True), ("2027-01-01", True), (None, True), ("not a date", True),
])
def test_expired_certificates_do_not_count(expires_on, counted):
    # given "hold certificate X"
    rule = spec("certificate", target=1, conditions={"field": "certificate_code", "op": "eq", "value": "CNC-3"})
    attributes = {"certificate_code": "CNC-3"} | ({"expires_on": expires_on} if expires_on else {})
    # when
    outcome = evaluate(rule, [record("certificate", **attributes)], today=TODAY)
    # then
    assert outcome.done is counted


@pytest.mark.parametrize(("since", "today", "months"), [
    (date(2026, 1, 31), date(2026, 2, 27), 0),
    (date(2026, 1, 31), date(2026, 2, 28), 1),  # a shorter month ends on its last day
    (date(2026, 1, 31), date(2026, 3, 30), 1),
    (date(2026, 1, 31), date(2026, 3, 31), 2),
    (date(2024, 2, 29), date(2025, 2, 28), 12),
    (date(2025, 11, 20), date(2026, 11, 19), 11),
    (date(2025, 11, 20), date(2026, 11, 20), 12),
    (date(2026, 12, 1), date(2026, 11, 20), 0),  # not yet
])
def test_months_between_across_month_ends(since, today, months):
    # when / then
    assert months_between(since, today) == months


def test_add_months_clamps_to_the_month_end():
    # when / then
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


@pytest.mark.parametrize(("tenure", "current", "status"), [
    (Tenure(since=date(2025, 11, 20)), 12, DONE),
    (Tenure(since=date(2026, 2, 28)), 8, PARTIAL),
    (Tenure(since=date(2026, 11, 1)), 0, MISSING),
    (Tenure(since=None), 0, MISSING),  # not at the previous level yet
    (Tenure(passed=True), 12, DONE),  # already promoted past it
])
def test_twelve_months_at_the_previous_level(tenure, current, status):
    # given
    rule = spec(None, aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL, target=12)
    # when
    outcome = evaluate(rule, [], today=TODAY, tenure=tenure)
    # then
    assert (outcome.current, outcome.status) == (current, status)
    assert outcome.fraction == pytest.approx(1.0 if status == DONE else current / 12)


def test_top_20_tier_once():
    # given "reach the top-20 % tier once" (top 10 % counts too)
    rule = spec("tier_reached", target=1, conditions={"field": "tier", "op": "in", "value": ["top10", "top20"]})
    # when
    improved = evaluate(rule, [record("tier_reached", tier="improved")], today=TODAY)
    top10 = evaluate(rule, [record("tier_reached", tier="top10")], today=TODAY)
    # then
    assert (improved.done, top10.done) == (False, True)


@pytest.mark.parametrize(("fractions", "percent", "complete"), [
    ([], 100, True),
    ([1.0, 1.0], 100, True),
    ([1.0, 0.99], 99, False),
    ([1 / 3, 2 / 3, 0.0], 33, False),
    ([0.29, 1.0, 1.0, 0.0], 57, False),  # 57.25 rounds down
    ([0.29], 29, False),  # no float fuzz: 0.29 * 100 is 28.999…
])
def test_level_percent_rounds_down_and_is_100_only_when_complete(fractions, percent, complete):
    # given outcomes with these fractions (1.0 means met)
    outcomes = [evaluate(spec("project", target=100), [record("project")] * round(f * 100), today=TODAY)
                for f in fractions]
    # when / then
    assert level_percent(outcomes) == (percent, complete)
