"""Shared helpers for the points tests: idempotency keys, balances, a few common movements."""
from __future__ import annotations

import uuid

from backend.points import ledger
from backend.points.models import ORG_OWNER, AccountKind, PointsAccount, PointsTransfer
from backend.points.queries import Balances, get_balances
from tests.factories.org import Company, Person


def new_key() -> str:
    return f"test:{uuid.uuid4()}"


async def balances(person: Person) -> Balances:
    return await get_balances(person.actor, person.employee.id)


async def org_balance(company: Company, kind: AccountKind) -> int:
    account = await PointsAccount.of(company.system).get_or_none(kind=kind, owner_key=ORG_OWNER)
    return account.balance if account else 0


async def award(company: Company, person: Person, points: int, key: str | None = None) -> PointsTransfer:
    return await ledger.award(company.system, employee_id=person.employee.id, points=points, idempotency_key=key or new_key(),
                              memo="Safety walk", source_type="rule", source_id=uuid.uuid4())


async def hold(company: Company, person: Person, points: int, key: str | None = None) -> PointsTransfer:
    return await ledger.hold(company.system, employee_id=person.employee.id, points=points, idempotency_key=key or new_key(),
                             source_type="redemption", source_id=uuid.uuid4())
