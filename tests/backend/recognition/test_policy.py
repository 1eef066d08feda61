"""The recognition policy and monthly allowances."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Forbidden, ValidationFailed
from backend.points import queries as points
from backend.recognition import kudos, policy
from tests.factories.org import make_company


async def test_hr_changes_allowances_and_it_is_audited(db):
    # given
    company = await make_company()
    # when
    saved = await policy.update_policy(company.hr.actor, allowance_employee=60)
    # then
    assert saved.allowance_employee == 60
    entry = await AuditEntry.of(company.system).get(action="recognition_policy.updated")
    assert (entry.before, entry.after) == ({"allowance_employee": 100}, {"allowance_employee": 60})


async def test_policy_values_are_validated_and_reserved_for_hr(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as err:
        await policy.update_policy(company.hr.actor, allowance_manager=-1)
    assert err.value.field == "allowanceManager"
    with pytest.raises(ValidationFailed):
        await policy.update_policy(company.hr.actor, max_points_per_kudos=500, pair_monthly_cap=100)
    with pytest.raises(Forbidden):
        await policy.update_policy(company.manager.actor, allowance_employee=10)


async def test_unspent_allowance_expires_at_the_month_and_never_reaches_the_wallet(db):
    # given an employee who gave 30 of 100 in October (Shanghai time)
    company = await make_company()
    with clock.frozen_at(datetime(2026, 10, 20, 4, tzinfo=UTC)):
        await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=30,
                               message="Thanks", client_key="october-thanks-1")
    # when November's allowance is granted by the cron
    with clock.frozen_at(datetime(2026, 11, 1, 1, tzinfo=UTC)):
        await policy.grant_monthly_allowances(company.system)
        await policy.grant_monthly_allowances(company.system)
    # then the allowance is a fresh 100 (not 170), and the giver's wallet is untouched
    balance = await points.get_balances(company.employee.actor, company.employee.employee.id)
    assert (balance.allowance, balance.wallet) == (100, 0)
