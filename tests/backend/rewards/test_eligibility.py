"""Eligibility gates: parsing HR's JSON, the pure check and its bilingual reasons, tenure in whole months."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from backend.core import clock
from backend.core.errors import ValidationFailed
from backend.org.models import Employee
from backend.rewards.eligibility import Facts, Gates, Reason, check, facts_for, tenure_months
from tests.factories.org import make_company


@pytest.mark.parametrize(("raw", "expected"), [
    (None, Gates()),
    ({}, Gates()),
    ({"min_tenure_months": 6}, Gates(min_tenure_months=6)),
    ({"min_tier": "top20", "min_score": 80}, Gates(min_tier="top20", min_score=80.0)),
    ({"min_attendance_rate": 95.5}, Gates(min_attendance_rate=95.5)),
    ({"min_tenure_months": 0, "min_score": 0, "min_attendance_rate": 100}, Gates(0, None, 0.0, 100.0)),
])
def test_valid_gates_parse(raw, expected):
    # when / then
    assert Gates.parse(raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ({"min_tenure": 6}, "Unknown eligibility gate"),
    ({"min_tenure_months": -1}, "0 to 600"),
    ({"min_tenure_months": 601}, "0 to 600"),
    ({"min_tenure_months": 6.5}, "0 to 600"),
    ({"min_tenure_months": True}, "0 to 600"),
    ({"min_tier": "top5"}, "top10, top20, improved"),
    ({"min_score": 101}, "0 to 100"),
    ({"min_score": "80"}, "0 to 100"),
    ({"min_attendance_rate": -0.1}, "0 to 100"),
    ({"min_attendance_rate": False}, "0 to 100"),
])
def test_invalid_gates_are_refused(raw, message):
    # when / then
    with pytest.raises(ValidationFailed, match=message) as caught:
        Gates.parse(raw)
    assert caught.value.field == "eligibility"


def test_stored_gates_keep_only_those_set():
    # when / then
    assert Gates(min_tenure_months=6, min_tier="top10").to_json() == {"min_tenure_months": 6, "min_tier": "top10"}


@pytest.mark.parametrize(("gates", "facts", "codes"), [
    (Gates(), Facts(tenure_months=0), []),
    (Gates(min_tenure_months=6), Facts(tenure_months=6), []),
    (Gates(min_tenure_months=6), Facts(tenure_months=5), ["tenure"]),
    (Gates(min_tier="top20"), Facts(0, tier="top10"), []),
    (Gates(min_tier="top20"), Facts(0, tier="top20"), []),
    (Gates(min_tier="top10"), Facts(0, tier="top20"), ["tier"]),
    (Gates(min_tier="improved"), Facts(0, tier="top10"), ["tier"]),
    (Gates(min_tier="improved"), Facts(0, tier="improved"), []),
    (Gates(min_tier="top20"), Facts(0, tier="none"), ["tier"]),
    (Gates(min_tier="top20"), Facts(0), ["tier"]),
    (Gates(min_score=80), Facts(0, score=80.0), []),
    (Gates(min_score=80), Facts(0, score=79.9), ["score"]),
    (Gates(min_score=80), Facts(0), ["score"]),
    (Gates(min_attendance_rate=95), Facts(0, attendance_rate=95.0), []),
    (Gates(min_attendance_rate=95), Facts(0, attendance_rate=90.0), ["attendance"]),
    (Gates(min_attendance_rate=95), Facts(0), ["attendance"]),
    (Gates(12, "top10", 90, 98), Facts(3), ["tenure", "tier", "score", "attendance"]),
])
def test_check_lists_every_unmet_gate_in_order(gates, facts, codes):
    # when / then
    assert [r.code for r in check(gates, facts)] == codes


@pytest.mark.parametrize(("gates", "facts", "reason"), [
    (Gates(min_tenure_months=6), Facts(4),
     Reason("tenure", "Needs 6 months with the company; you have 4.", "需入职满 6 个月，你目前 4 个月。")),
    (Gates(min_tier="top20"), Facts(0),
     Reason("tier", "Needs a tier from a closed review cycle; none yet.", "需已结束考核周期的等级，目前还没有。")),
    (Gates(min_tier="top10"), Facts(0, tier="top20"),
     Reason("tier", "Needs the Top 10 % tier in the last review cycle; you were Top 20 %.",
            "需在最近一次考核中获评卓越（前 10%），你上次为优秀（前 20%）。")),
    (Gates(min_tier="top20"), Facts(0, tier="none"),
     Reason("tier", "Needs the Top 20 % tier in the last review cycle; you had no tier.",
            "需在最近一次考核中获评优秀（前 20%），你上次未获评等级。")),
    (Gates(min_score=80), Facts(0, score=72.5),
     Reason("score", "Needs a score of at least 80; yours is 72.5.", "需绩效得分不低于 80，你目前 72.5。")),
    (Gates(min_score=80), Facts(0),
     Reason("score", "Needs a score from a closed review cycle; none yet.", "需已结束考核周期的绩效得分，目前还没有。")),
    (Gates(min_attendance_rate=95), Facts(0, attendance_rate=90.0),
     Reason("attendance", "Needs an attendance rate of at least 95 %; yours is 90 %.", "需出勤率不低于 95%，你目前 90%。")),
    (Gates(min_attendance_rate=95), Facts(0),
     Reason("attendance", "Needs an attendance rate; attendance is not recorded yet.", "需出勤率数据，目前尚未记录考勤。")),
])
def test_reasons_say_what_is_missing_in_both_languages(gates, facts, reason):
    # when / then
    assert check(gates, facts) == [reason]


@pytest.mark.parametrize(("hired", "today", "months"), [
    (date(2026, 1, 15), date(2026, 1, 15), 0),
    (date(2026, 1, 15), date(2026, 2, 14), 0),
    (date(2026, 1, 15), date(2026, 2, 15), 1),
    (date(2025, 11, 30), date(2026, 11, 29), 11),
    (date(2025, 11, 30), date(2026, 11, 30), 12),
    (date(2026, 1, 31), date(2026, 2, 28), 1),  # the end of a shorter month completes the month
    (date(2024, 1, 31), date(2024, 2, 28), 0),  # a leap February ends on the 29th
    (date(2024, 1, 31), date(2024, 2, 29), 1),
    (date(2027, 1, 1), date(2026, 12, 1), 0),  # hired in the future: never negative
])
def test_tenure_counts_whole_months(hired, today, months):
    # when / then
    assert tenure_months(hired, today) == months


async def test_facts_count_tenure_in_the_organisations_time_zone(db):
    # given someone hired on 1 Dec 2025 and a moment that is 1 Dec 2026 in Shanghai but 30 Nov in UTC
    company = await make_company()
    await Employee.filter(id=company.employee.employee.id).update(hire_date=date(2025, 12, 1))
    employee = await Employee.get(id=company.employee.employee.id)
    # when
    with clock.frozen_at(datetime(2026, 11, 30, 17, 0, tzinfo=UTC)):
        facts = await facts_for(company.employee.actor, employee)
    # then a full year counts, and the other facts have no source yet
    assert facts == Facts(tenure_months=12, tier=None, score=None, attendance_rate=None)
