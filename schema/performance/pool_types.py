"""GraphQL types for tiers and bonus pools. Mapping only; the numbers come from backend.performance."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.org.queries import get_organization
from backend.performance import cycles, pool_queries
from backend.performance.models import BonusAllocation as AllocationModel
from backend.performance.models import BonusPool as BonusPoolModel
from backend.performance.models import PoolStatus, TierCode
from backend.performance.models import TierPlacement as TierPlacementModel
from schema.context import Info
from schema.core.scalars import Fen
from schema.core import enums as _registered  # noqa: F401  (TierCode, BonusPoolStatus)
from schema.recognition.types import EmployeeRef, load_employee

if TYPE_CHECKING:
    from schema.org.types import Department
    from schema.performance.cycles import ReviewCycle

DepartmentRef = Annotated["Department", strawberry.lazy("schema.org.types")]
ReviewCycleRef = Annotated["ReviewCycle", strawberry.lazy("schema.performance.cycles")]


async def _department(info: Info, department_id: UUID | None) -> DepartmentRef | None:
    from schema.org.types import Department

    found = await info.context.org.department.load(department_id) if department_id else None
    return Department.from_model(found) if found else None


@strawberry.type(description="A person placed in a tier of a cycle (卓越 top10, 优秀 top20, 进步最快 improved).")
class TierPlacement:
    tier: TierCode = strawberry.field(description="The tier.")
    position: int = strawberry.field(description="1-based place within the tier's ordering.")
    basis: float | None = strawberry.field(description="The total (top tiers) or the gain (improved) it was placed "
                                                       "by; null when the viewer may not see this person's scores.")
    employee_id: strawberry.Private[UUID]

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.employee_id)

    @classmethod
    def from_model(cls, row: TierPlacementModel, *, visible: bool) -> TierPlacement:
        return cls(tier=row.tier, position=row.position, basis=row.basis if visible else None,
                   employee_id=row.employee_id)


@strawberry.type(description="A department's part of a bonus pool, as its people hold it now.")
class DepartmentShare:
    headcount: int = strawberry.field(description="Scored people of the department in the pool.")
    mean_score: float = strawberry.field(description="Their mean total.")
    weight: float = strawberry.field(description="The contribution weight the formula gives the department (1 = neutral).")
    amount_minor: Fen = strawberry.field(description="What its people hold, in fen.")
    department_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The department; null for people without one.")
    async def department(self, info: Info) -> DepartmentRef | None:
        return await _department(info, self.department_id)


@strawberry.type(description="One person's share of a bonus pool.")
class BonusAllocation:
    amount_minor: Fen = strawberry.field(description="Amount in fen.")
    tier: TierCode | None = strawberry.field(description="The tier the amount counted (the best one); null for none.")
    score: float = strawberry.field(description="The total it was computed from.")
    basis: JSON = strawberry.field(description="Why: department_pool, tier, multiplier, score, share, below_min_score.")
    adjusted: bool = strawberry.field(description="HR moved money to or from this person after the preview.")
    employee_id: strawberry.Private[UUID]
    department_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.employee_id)

    @strawberry.field(description="Their department when scored.")
    async def department(self, info: Info) -> DepartmentRef | None:
        return await _department(info, self.department_id)

    @classmethod
    def from_model(cls, a: AllocationModel) -> BonusAllocation:
        tier = str(a.basis.get("tier", "none"))
        return cls(amount_minor=Fen(a.amount_minor), tier=TierCode(tier) if tier in TierCode._value2member_map_ else None,
                   score=float(a.basis.get("score", 0.0)), basis=JSON(a.basis), adjusted=a.adjusted_by_id is not None,
                   employee_id=a.employee_id, department_id=a.department_id)


@strawberry.type(description="A bonus pool (奖金池): draft → previewed → approved → locked, split to the fen.")
class BonusPool:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    name: str = strawberry.field(description="What HR called it, e.g. 2026 Q4 bonus.")
    amount_minor: Fen = strawberry.field(description="The whole pool, in fen.")
    status: PoolStatus = strawberry.field(description="draft, previewed, approved or locked.")
    formula: JSON = strawberry.field(description="How it is split, every key filled: department_weights, person_split, "
                                                 "tier_multipliers, min_score.")
    previewed_at: datetime | None = strawberry.field(description="When the allocations were last computed.")
    approved_at: datetime | None = strawberry.field(description="When a second person approved it.")
    locked_at: datetime | None = strawberry.field(description="When it became final.")
    created_at: datetime = strawberry.field(description="When it was drafted.")
    model: strawberry.Private[BonusPoolModel]
    rows: strawberry.Private[list[AllocationModel] | None] = None

    @strawberry.field(description="The review cycle it pays for.")
    async def cycle(self, info: Info) -> ReviewCycleRef:
        from schema.performance.cycles import ReviewCycle

        return ReviewCycle.from_model(await cycles.get_cycle(info.context.actor, self.model.cycle_id))

    @strawberry.field(description="The organisation's currency (ISO 4217); amounts are in its minor unit.")
    async def currency(self, info: Info) -> str:
        return (await get_organization(info.context.actor)).currency

    @strawberry.field(description="Department pools, largest first.")
    async def departments(self, info: Info) -> list[DepartmentShare]:
        shares = pool_queries.department_shares(self.model, await _rows(self, info))
        return [DepartmentShare(headcount=s.headcount, mean_score=s.mean_score, weight=s.weight,
                                amount_minor=Fen(s.amount_minor), department_id=s.department_id) for s in shares]

    @strawberry.field(description="Every person's share, largest first (empty while a draft).")
    async def allocations(self, info: Info) -> list[BonusAllocation]:
        return [BonusAllocation.from_model(a) for a in await _rows(self, info)]

    @strawberry.field(description="The sum of the allocations in fen (equals amountMinor once previewed).")
    async def allocated_minor(self, info: Info) -> Fen:
        return Fen(sum(a.amount_minor for a in await _rows(self, info)))

    @strawberry.field(description="Open anomaly flags that block approval (the cycle's and this pool's).")
    async def open_flag_count(self, info: Info) -> int:
        return await pool_queries.open_flag_count(info.context.actor, self.model)

    @strawberry.field(description="Who drafted it.")
    async def created_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.created_by_id)

    @strawberry.field(description="Who approved it (never its creator).")
    async def approved_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.approved_by_id)

    @strawberry.field(description="Payroll CSV download (UTF-8 with BOM); null until locked.")
    def export_csv_url(self) -> str | None:
        return _export_url(self.model, "csv")

    @strawberry.field(description="Payroll XLSX download; null until locked.")
    def export_xlsx_url(self) -> str | None:
        return _export_url(self.model, "xlsx")

    @classmethod
    def from_model(cls, p: BonusPoolModel) -> BonusPool:
        return cls(id=strawberry.ID(str(p.id)), name=p.name, amount_minor=Fen(p.amount_minor), status=p.status,
                   formula=JSON(p.formula), previewed_at=p.previewed_at, approved_at=p.approved_at,
                   locked_at=p.locked_at, created_at=p.created_at, model=p)


async def _rows(pool: BonusPool, info: Info) -> list[AllocationModel]:
    # Read once per pool per request: departments, allocations and allocatedMinor share the rows.
    if pool.rows is None:
        pool.rows = await pool_queries.allocations(info.context.actor, pool.model.id)
    return pool.rows


def _export_url(pool: BonusPoolModel, extension: str) -> str | None:
    return f"/exports/bonus-pools/{pool.id}.{extension}" if pool.status == PoolStatus.LOCKED else None
