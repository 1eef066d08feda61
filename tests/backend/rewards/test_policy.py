"""The organisation's calendar for limits and expiry, and who decides a request."""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from backend.access.models import AccountState, UserAccount
from backend.access.permissions import Role
from backend.core import validation
from backend.core.errors import ValidationFailed
from backend.org.models import Employee
from backend.rewards import policy
from backend.rewards.models import LimitPeriod
from tests.factories.org import make_company

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("moment", "period", "start", "end"), [
    # 1 Dec 00:30 in Shanghai is still 30 Nov in UTC: the period is Shanghai's December
    (datetime(2026, 11, 30, 16, 30, tzinfo=UTC), LimitPeriod.MONTH,
     datetime(2026, 11, 30, 16, 0, tzinfo=UTC), datetime(2026, 12, 31, 16, 0, tzinfo=UTC)),
    (datetime(2026, 11, 30, 15, 30, tzinfo=UTC), LimitPeriod.MONTH,
     datetime(2026, 10, 31, 16, 0, tzinfo=UTC), datetime(2026, 11, 30, 16, 0, tzinfo=UTC)),
    (datetime(2026, 5, 20, 0, 0, tzinfo=UTC), LimitPeriod.QUARTER,
     datetime(2026, 3, 31, 16, 0, tzinfo=UTC), datetime(2026, 6, 30, 16, 0, tzinfo=UTC)),
    (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), LimitPeriod.QUARTER,  # 1 Jan 2027 in Shanghai
     datetime(2026, 12, 31, 16, 0, tzinfo=UTC), datetime(2027, 3, 31, 16, 0, tzinfo=UTC)),
    (datetime(2026, 7, 1, 0, 0, tzinfo=UTC), LimitPeriod.YEAR,
     datetime(2025, 12, 31, 16, 0, tzinfo=UTC), datetime(2026, 12, 31, 16, 0, tzinfo=UTC)),
])
def test_limit_periods_are_calendar_periods_of_the_organisation_in_utc(moment, period, start, end):
    # when
    bounds = policy.period_bounds(moment, SHANGHAI, period)
    # then
    assert bounds == (start, end)
    assert all(b.utcoffset() is not None and b.utcoffset().total_seconds() == 0 for b in bounds)


@pytest.mark.parametrize(("moment", "until"), [
    (datetime(2026, 6, 1, tzinfo=UTC), date(2027, 12, 31)),
    (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), date(2028, 12, 31)),  # already 2027 in Shanghai
])
def test_days_stay_valid_until_the_end_of_next_year(moment, until):
    # when / then
    assert policy.valid_until(moment, SHANGHAI) == until


@pytest.mark.parametrize("value", ["short", "x" * 65, "   "])
def test_client_keys_are_8_to_64_characters(value):
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        validation.client_key(value)
    assert caught.value.field == "clientKey"


async def test_the_line_manager_is_asked_when_they_may_approve(db):
    # given
    company = await make_company()
    # when
    approver = await policy.approver_for(company.system, company.employee.employee)
    # then
    assert approver == company.manager.employee.id


async def test_nobody_in_the_line_is_asked_when_the_manager_cannot_approve(db):
    # given the manager's account is an employee's
    company = await make_company()
    await UserAccount.filter(employee_id=company.manager.employee.id).update(role=Role.EMPLOYEE)
    # when
    approver = await policy.approver_for(company.system, company.employee.employee)
    # then HR decides
    assert approver is None


async def test_nobody_in_the_line_is_asked_when_the_manager_is_disabled(db):
    # given
    company = await make_company()
    await UserAccount.filter(employee_id=company.manager.employee.id).update(state=AccountState.DISABLED)
    # when / then
    assert await policy.approver_for(company.system, company.employee.employee) is None


async def test_without_a_manager_hr_is_told(db):
    # given the owner has no manager
    company = await make_company()
    owner = await Employee.get(id=company.owner.employee.id)
    # when
    approver = await policy.approver_for(company.system, owner)
    told = await policy.hr_ids(company.system, besides=owner.id)
    # then
    assert approver is None
    assert told == [company.hr.employee.id]
