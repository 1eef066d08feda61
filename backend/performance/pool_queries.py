"""Reading bonus pools for HR: the pools of a cycle, one pool, its allocations, department shares and
open flags. Writes nothing; every read requires BONUS_MANAGE."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.performance import anomalies
from backend.performance.allocation import Formula
from backend.performance.models import BonusAllocation, BonusPool, PoolStatus


@dataclass(frozen=True, slots=True)
class DepartmentShare:
    """What a department's people hold in the pool now (after any adjustment)."""

    department_id: UUID | None
    headcount: int
    mean_score: float
    weight: float
    amount_minor: int


async def list_pools(actor: Actor, *, cycle_id: UUID | None = None) -> list[BonusPool]:
    """Newest first; all cycles unless one is given."""
    require(actor, Permission.BONUS_MANAGE)
    query = BonusPool.of(actor)
    if cycle_id is not None:
        query = query.filter(cycle_id=cycle_id)
    return await query.order_by("-created_at", "id")


async def get_pool(actor: Actor, pool_id: UUID) -> BonusPool:
    require(actor, Permission.BONUS_MANAGE)
    return await BonusPool.get_for(actor, pool_id, what="bonus pool")


async def allocations(actor: Actor, pool_id: UUID) -> list[BonusAllocation]:
    """Largest amount first, then by department."""
    require(actor, Permission.BONUS_MANAGE)
    rows = await BonusAllocation.of(actor).filter(pool_id=pool_id)
    return sorted(rows, key=lambda a: (-a.amount_minor, str(a.department_id or ""), str(a.employee_id)))


def department_shares(pool: BonusPool, rows: Sequence[BonusAllocation]) -> list[DepartmentShare]:
    """Grouped from the allocations, so the shares always add up to what people hold."""
    formula = Formula.parse(pool.formula)
    groups: dict[UUID | None, list[BonusAllocation]] = defaultdict(list)
    for row in rows:
        groups[row.department_id].append(row)
    shares = [DepartmentShare(department_id=d, headcount=len(people),
                              mean_score=round(sum(float(a.basis.get("score", 0)) for a in people) / len(people), 2),
                              weight=formula.weight_of(d), amount_minor=sum(a.amount_minor for a in people))
              for d, people in groups.items()]
    return sorted(shares, key=lambda s: (-s.amount_minor, str(s.department_id or "")))


async def open_flag_count(actor: Actor, pool: BonusPool) -> int:
    """Open flags that block approval: the cycle's pool-less flags and this pool's."""
    require(actor, Permission.BONUS_MANAGE)
    return await anomalies.open_flag_count(actor, cycle_id=pool.cycle_id, pool_id=pool.id)


async def locked_pool_amounts(actor: Actor, *, cycle_id: UUID, employee_id: UUID) -> int | None:
    """The person's amount in the cycle's locked pools (None when no locked pool includes them): the
    bonus line of a statement. No permission check: the caller already decided the viewer may see it."""
    rows = await BonusAllocation.of(actor).filter(
        employee_id=employee_id, pool__cycle_id=cycle_id, pool__status=PoolStatus.LOCKED).values_list("amount_minor")
    return sum(int(amount) for amount, in rows) if rows else None
