"""HR adjustments: corrections to a wallet, with a reason, audited, never below zero."""
from __future__ import annotations

from typing import Any

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Forbidden, InsufficientPoints, NotFound, ValidationFailed
from backend.points import ledger
from backend.points.models import AccountKind, PointsTransfer, TransferKind
from tests.backend.points.support import award, balances, new_key, org_balance
from tests.factories.org import make_company


async def test_adjust_adds_points_and_is_audited(db):
    # given
    company = await make_company()
    # when
    transfer = await ledger.adjust(company.hr.actor, employee_id=company.employee.employee.id, points=25,
                                   reason="Missed award in March", idempotency_key=new_key())
    # then
    assert (transfer.kind, transfer.amount) == (TransferKind.ADJUSTMENT, 25)
    assert (await balances(company.employee)).wallet == 25
    entry = await AuditEntry.get(action="points.adjusted")
    assert (entry.entity_type, entry.entity_id, entry.actor_employee_id) == (
        "points_transfer", str(transfer.id), company.hr.employee.id)
    assert entry.before is None
    assert entry.after == {"employee_id": str(company.employee.employee.id), "points": 25, "reason": "Missed award in March"}


async def test_adjust_removes_points_into_the_sink(db):
    # given
    company = await make_company()
    await award(company, company.employee, 50)
    # when
    await ledger.adjust(company.hr.actor, employee_id=company.employee.employee.id, points=-20, reason="Duplicate award",
                        idempotency_key=new_key())
    # then
    assert (await balances(company.employee)).wallet == 30
    assert await org_balance(company, AccountKind.SPENT) == 20


async def test_adjust_never_takes_a_wallet_below_zero(db):
    # given
    company = await make_company()
    await award(company, company.employee, 10)
    # when / then
    with pytest.raises(InsufficientPoints):
        await ledger.adjust(company.hr.actor, employee_id=company.employee.employee.id, points=-11, reason="Duplicate",
                            idempotency_key=new_key())
    assert (await balances(company.employee)).wallet == 10
    assert await AuditEntry.filter(action="points.adjusted").count() == 0


async def test_adjust_requires_points_adjust(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await ledger.adjust(company.manager.actor, employee_id=company.employee.employee.id, points=25, reason="Bonus",
                            idempotency_key=new_key())
    assert await PointsTransfer.all().count() == 0


@pytest.mark.parametrize(("values", "field"), [({"points": 0}, "points"), ({"reason": " "}, "reason"),
                                               ({"reason": "x" * 301}, "reason"), ({"idempotency_key": ""}, "idempotencyKey")])
async def test_adjust_refuses_invalid_input_by_field(db, values: dict[str, Any], field: str):
    # given
    company = await make_company()
    arguments: dict[str, Any] = {"points": 5, "reason": "Bonus", "idempotency_key": new_key(), **values}
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await ledger.adjust(company.hr.actor, employee_id=company.employee.employee.id, **arguments)
    assert caught.value.field == field


async def test_adjust_retried_with_the_same_key_is_audited_once(db):
    # given
    company = await make_company()
    await ledger.adjust(company.hr.actor, employee_id=company.employee.employee.id, points=25, reason="Bonus",
                        idempotency_key="hr:adjust:1")
    # when
    await ledger.adjust(company.hr.actor, employee_id=company.employee.employee.id, points=25, reason="Bonus",
                        idempotency_key="hr:adjust:1")
    # then
    assert (await balances(company.employee)).wallet == 25
    assert await AuditEntry.filter(action="points.adjusted").count() == 1


async def test_adjust_for_another_organisations_employee_is_not_found(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    # when / then
    with pytest.raises(NotFound):
        await ledger.adjust(company.hr.actor, employee_id=other.employee.employee.id, points=25, reason="Bonus",
                            idempotency_key=new_key())
