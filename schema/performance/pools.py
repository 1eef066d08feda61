"""GraphQL for tiers and bonus pools: each resolver unpacks its arguments, calls one backend use case and
maps the result (types in schema.performance.pool_types)."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.core.errors import ValidationFailed
from backend.performance import pool_queries, pools, tiering
from backend.performance.models import BonusPool as BonusPoolModel
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.core.scalars import Fen
from schema.performance.pool_types import BonusPool, TierPlacement


@strawberry.input(description="A bonus pool's settings.")
class BonusPoolInput:
    cycle_id: strawberry.ID = strawberry.field(description="The review cycle it pays for.")
    name: str = strawberry.field(description="A name HR recognises, up to 120 characters.")
    amount_minor: Fen = strawberry.field(description="The whole pool in fen (1 or more).")
    formula: JSON | None = strawberry.field(
        default=None, description='How to split it; null or {} for the defaults. JSON with snake_case keys, e.g. '
                                  '{"department_weights": {"<department id>": 1.2}, "person_split": "tier_amounts" '
                                  '| "score_share", "tier_multipliers": {"top10": 3, "top20": 2, "improved": 1.5, '
                                  '"none": 1}, "min_score": 60}.')


@strawberry.type(description="A bonus pool was saved (created, changed, previewed, adjusted, approved or locked).")
class BonusPoolSaved:
    pool: BonusPool = strawberry.field(description="The pool now.")


SaveBonusPoolResult = Annotated[BonusPoolSaved | UserError, strawberry.union("SaveBonusPoolResult")]


def _values(input: BonusPoolInput) -> dict[str, Any]:
    if input.formula is not None and not isinstance(input.formula, dict):
        raise ValidationFailed("Give a JSON object.", field="formula")
    return {"cycle_id": required_uuid(input.cycle_id, field="cycleId"), "name": input.name,
            "amount_minor": input.amount_minor, "formula": input.formula}


async def _saved(change: Callable[[], Awaitable[BonusPoolModel]]) -> BonusPoolSaved | UserError:
    async def body() -> BonusPoolSaved:
        return BonusPoolSaved(pool=BonusPool.from_model(await change()))
    return await attempt(body)


def _id(value: strawberry.ID, field: str = "id") -> UUID:
    return required_uuid(value, field=field)


@strawberry.type
class PoolsQuery:
    @strawberry.field(description="A cycle's tiers: top10, top20, then improved, each by position. Everyone sees a "
                                  "closed cycle's tiers (scores only of people they may see); an open cycle's "
                                  "provisional tiers only HR.")
    async def cycle_tiers(self, info: Info, cycle_id: strawberry.ID) -> list[TierPlacement]:
        rows = await tiering.list_tiers(info.context.actor, cycle_id=_id(cycle_id, "cycleId"))
        return [TierPlacement.from_model(row, visible=visible) for row, visible in rows]

    @strawberry.field(description="HR: bonus pools, newest first; of one cycle when given.")
    async def bonus_pools(self, info: Info, cycle_id: strawberry.ID | None = None) -> list[BonusPool]:
        found = await pool_queries.list_pools(info.context.actor, cycle_id=to_uuid(cycle_id, field="cycleId"))
        return [BonusPool.from_model(p) for p in found]

    @strawberry.field(description="HR: one bonus pool.")
    async def bonus_pool(self, info: Info, id: strawberry.ID) -> BonusPool:
        return BonusPool.from_model(await pool_queries.get_pool(info.context.actor, _id(id)))


@strawberry.type
class PoolsMutation:
    @strawberry.mutation(description="HR: draft a bonus pool for a cycle.")
    async def create_bonus_pool(self, info: Info, input: BonusPoolInput) -> SaveBonusPoolResult:
        return await _saved(lambda: pools.create_bonus_pool(info.context.actor, **_values(input)))

    @strawberry.mutation(description="HR: change a draft or previewed pool; it goes back to draft.")
    async def update_bonus_pool(self, info: Info, id: strawberry.ID, input: BonusPoolInput) -> SaveBonusPoolResult:
        return await _saved(lambda: pools.update_bonus_pool(info.context.actor, pool_id=_id(id), **_values(input)))

    @strawberry.mutation(description="HR: compute every allocation (tiers placed provisionally while the cycle is "
                                     "open) and run the anomaly detectors.")
    async def preview_bonus_pool(self, info: Info, id: strawberry.ID) -> SaveBonusPoolResult:
        return await _saved(lambda: pools.preview_bonus_pool(info.context.actor, pool_id=_id(id)))

    @strawberry.mutation(description="HR: move fen from one person of a previewed pool to another, saying why; the "
                                     "pool's sum is unchanged.")
    async def adjust_bonus_allocation(self, info: Info, pool_id: strawberry.ID, employee_id: strawberry.ID,
                                      amount_minor: Fen, from_employee_id: strawberry.ID,
                                      reason: str) -> SaveBonusPoolResult:
        return await _saved(lambda: pools.adjust_bonus_allocation(
            info.context.actor, pool_id=_id(pool_id, "poolId"), employee_id=_id(employee_id, "employeeId"),
            from_employee_id=_id(from_employee_id, "fromEmployeeId"), amount_minor=amount_minor, reason=reason))

    @strawberry.mutation(description="HR, not the pool's creator: approve a previewed pool of a closed cycle with "
                                     "no open anomaly flag.")
    async def approve_bonus_pool(self, info: Info, id: strawberry.ID) -> SaveBonusPoolResult:
        return await _saved(lambda: pools.approve_bonus_pool(info.context.actor, pool_id=_id(id)))

    @strawberry.mutation(description="HR: make an approved pool final; bonus lines are recorded and it can be "
                                     "exported for payroll.")
    async def lock_bonus_pool(self, info: Info, id: strawberry.ID) -> SaveBonusPoolResult:
        return await _saved(lambda: pools.lock_bonus_pool(info.context.actor, pool_id=_id(id)))
