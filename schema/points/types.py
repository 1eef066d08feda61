"""GraphQL types and operations for points: balances, the wallet statement, HR adjustments."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry

from backend.points import ledger
from backend.points import queries as points
from schema.context import Info
from schema.core.connection import Connection
from schema.core.enums import TransferKind
from schema.core.errors import UserError
from schema.core.ids import person_or_self, required_uuid
from schema.core.results import attempt


@strawberry.type(description="A person's points.")
class PointsBalance:
    wallet: int = strawberry.field(description="Points to spend in the reward pool.")
    allowance: int = strawberry.field(description="Giving allowance left (for kudos only); this month's is granted at the first look at givingBudget or the first kudos.")
    held: int = strawberry.field(description="Points reserved by redemptions waiting for approval.")


@strawberry.type(description="One movement in a wallet.")
class PointsStatementLine:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    amount: int = strawberry.field(description="Signed: positive came in, negative went out.")
    kind: TransferKind = strawberry.field(description="Why it moved.")
    memo: str = strawberry.field(description="A short note, e.g. the rule's name.")
    created_at: datetime = strawberry.field(description="When.")
    reversed: bool = strawberry.field(description="True when it was later reversed.")


@strawberry.input(description="HR: correct a wallet by a signed amount, with a reason.")
class AdjustPointsInput:
    employee_id: strawberry.ID = strawberry.field(description="Whose wallet.")
    points: int = strawberry.field(description="Positive adds, negative removes (never below zero).")
    reason: str = strawberry.field(description="Why; kept in the audit trail.")
    client_key: str = strawberry.field(description="A random key per submission: a retry does not adjust twice.")


@strawberry.type(description="A wallet was corrected.")
class PointsAdjusted:
    balance: PointsBalance = strawberry.field(description="The person's points now.")


AdjustPointsResult = Annotated[PointsAdjusted | UserError, strawberry.union("AdjustPointsResult")]


async def _balance(info: Info, employee_id: uuid.UUID) -> PointsBalance:
    b = await points.get_balances(info.context.actor, employee_id)
    return PointsBalance(wallet=b.wallet, allowance=b.allowance, held=b.held)


@strawberry.type
class PointsQuery:
    @strawberry.field(description="Your points (HR: anyone's, with employeeId).")
    async def points_balance(self, info: Info, employee_id: strawberry.ID | None = None) -> PointsBalance:
        target = person_or_self(info.context.actor, employee_id)
        return await _balance(info, target)

    @strawberry.field(description="Your wallet's movements, newest first (HR: anyone's).")
    async def points_statement(self, info: Info, employee_id: strawberry.ID | None = None, first: int = 20,
                               after: str | None = None) -> Connection[PointsStatementLine]:
        target = person_or_self(info.context.actor, employee_id)
        page = await points.list_statement(info.context.actor, employee_id=target, first=first, after=after)
        return Connection.from_page(page, lambda line: PointsStatementLine(
            id=strawberry.ID(str(line.id)), amount=line.amount, kind=line.kind, memo=line.memo,
            created_at=line.created_at, reversed=line.reversed))


@strawberry.type
class PointsMutation:
    @strawberry.mutation(description="HR: correct someone's wallet.")
    async def adjust_points(self, info: Info, input: AdjustPointsInput) -> AdjustPointsResult:
        async def body() -> PointsAdjusted:
            employee_id = required_uuid(input.employee_id, field="employeeId")
            await ledger.adjust(info.context.actor, employee_id=employee_id, points=input.points, reason=input.reason,
                                idempotency_key=f"adjust:{input.client_key}")
            return PointsAdjusted(balance=await _balance(info, employee_id))
        return await attempt(body)
