"""GraphQL for anomaly flags (HR only): the flags of a cycle, running the detectors, resolving a flag."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.performance import anomalies
from backend.performance.models import AnomalyFlag as AnomalyFlagModel
from backend.performance.models import AnomalyKind, FlagStatus
from schema.context import Info
from schema.core import enums as _enums  # noqa: F401  (registers AnomalyKind and FlagStatus)
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.recognition.types import EmployeeRef, load_employee

if TYPE_CHECKING:
    from schema.org.types import Department

DepartmentRef = Annotated["Department", strawberry.lazy("schema.org.types")]


@strawberry.type(description="Something a detector found that HR must justify or adjust before a bonus pool is approved.")
class AnomalyFlag:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: AnomalyKind = strawberry.field(description="Which detector raised it.")
    severity: float = strawberry.field(description="How far past the threshold (1 = at it); flags sort by it.")
    evidence: JSON = strawberry.field(description="The numbers behind the finding (means, gaps, counts, history).")
    explanation_en: str = strawberry.field(description="What was found, in English, with the numbers and thresholds.")
    explanation_zh: str = strawberry.field(description="What was found, in Chinese.")
    present: bool = strawberry.field(description="Whether the latest detector run still found it (false: the pattern "
                                                 "has gone since; HR still resolves it).")
    status: FlagStatus = strawberry.field(description="Open, or resolved as justified or adjusted.")
    resolution: str = strawberry.field(description="HR's note when resolving; empty while open.")
    resolved_at: datetime | None = strawberry.field(description="When HR resolved it.")
    raised_at: datetime = strawberry.field(description="When a detector first raised it.")
    pool_id: strawberry.ID | None = strawberry.field(description="The bonus pool it is about (pool detectors only).")
    model: strawberry.Private[AnomalyFlagModel]

    @strawberry.field(description="The department it is about, if any.")
    async def department(self, info: Info) -> DepartmentRef | None:
        from schema.org.types import Department

        department_id = self.model.department_id
        found = await info.context.org.department.load(department_id) if department_id else None
        return Department.from_model(found) if found else None

    @strawberry.field(description="The person, rater or first of a pair it is about, if any.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.employee_id)

    @strawberry.field(description="The second person of a reciprocal pair.")
    async def other_employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.other_employee_id)

    @strawberry.field(description="Who resolved it.")
    async def resolved_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.resolved_by_id)

    @classmethod
    def from_model(cls, f: AnomalyFlagModel) -> AnomalyFlag:
        evidence: dict[str, Any] = f.evidence or {}
        return cls(id=strawberry.ID(str(f.id)), kind=f.kind, severity=f.severity,
                   evidence=JSON(evidence.get("numbers", evidence)),
                   explanation_en=str(evidence.get("explanation_en", "")),
                   explanation_zh=str(evidence.get("explanation_zh", "")), present=bool(evidence.get("present", True)),
                   status=f.status, resolution=f.resolution, resolved_at=f.resolved_at, raised_at=f.raised_at,
                   pool_id=strawberry.ID(str(f.pool_id)) if f.pool_id else None, model=f)


@strawberry.type(description="The detectors ran over a cycle (and a pool).")
class DetectorsRun:
    flags: list[AnomalyFlag] = strawberry.field(description="The cycle's flags (pool-less and the pool's), open first.")
    raised: int = strawberry.field(description="How many flags this run raised for the first time.")


@strawberry.type(description="HR resolved an anomaly flag.")
class FlagResolved:
    flag: AnomalyFlag = strawberry.field(description="The flag now.")


RunDetectorsResult = Annotated[DetectorsRun | UserError, strawberry.union("RunDetectorsResult")]
ResolveFlagResult = Annotated[FlagResolved | UserError, strawberry.union("ResolveFlagResult")]


def _cycle_and_pool(cycle_id: strawberry.ID, pool_id: strawberry.ID | None) -> tuple[UUID, UUID | None]:
    return required_uuid(cycle_id, field="cycleId"), to_uuid(pool_id, field="poolId")


@strawberry.type
class AnomaliesQuery:
    @strawberry.field(description="HR: a cycle's anomaly flags, open first then by severity; with a pool, the "
                                  "pool-less flags and that pool's; optionally only one status.")
    async def anomaly_flags(self, info: Info, cycle_id: strawberry.ID, pool_id: strawberry.ID | None = None,
                            status: FlagStatus | None = None) -> list[AnomalyFlag]:
        cycle, pool = _cycle_and_pool(cycle_id, pool_id)
        flags = await anomalies.list_flags(info.context.actor, cycle_id=cycle, pool_id=pool, status=status)
        return [AnomalyFlag.from_model(f) for f in flags]


@strawberry.type
class AnomaliesMutation:
    @strawberry.mutation(description="HR: run every detector over the cycle's scores and ratings (and the pool's "
                                     "allocations) with the cycle's thresholds. Reruns keep resolved flags resolved.")
    async def run_anomaly_detectors(self, info: Info, cycle_id: strawberry.ID,
                                    pool_id: strawberry.ID | None = None) -> RunDetectorsResult:
        async def body() -> DetectorsRun:
            cycle, pool = _cycle_and_pool(cycle_id, pool_id)
            run = await anomalies.detect_anomalies(info.context.actor, cycle_id=cycle, pool_id=pool)
            return DetectorsRun(flags=[AnomalyFlag.from_model(f) for f in run.flags], raised=run.raised)
        return await attempt(body)

    @strawberry.mutation(description="HR: resolve an open flag as JUSTIFIED (why it is fine) or ADJUSTED (what was "
                                     "changed), with a note of at least 10 characters. Audited.")
    async def resolve_anomaly_flag(self, info: Info, id: strawberry.ID, outcome: FlagStatus,
                                   note: str) -> ResolveFlagResult:
        async def body() -> FlagResolved:
            flag = await anomalies.resolve_flag(info.context.actor, flag_id=required_uuid(id, field="id"),
                                                outcome=outcome, note=note)
            return FlagResolved(flag=AnomalyFlag.from_model(flag))
        return await attempt(body)
