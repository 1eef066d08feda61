"""GraphQL types for computed scores: a scorecard and its dimensions, the statement and its lines, a
team member needing attention. Mapping only; the numbers come from backend.performance."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.performance import progress, statements
from backend.performance.models import DimensionSource, Direction, TierCode, ValueSource
from backend.performance.models import Scorecard as ScorecardModel
from schema.context import Info
from schema.core.scalars import Fen
from schema.core import enums as _registered  # noqa: F401  (the performance enums' GraphQL names)
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


@strawberry.type(description="One dimension of a scorecard: the input, the points it made, and the weighted share.")
class DimensionScore:
    code: str = strawberry.field(description="Stable dimension code, e.g. results.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    source: DimensionSource = strawberry.field(description="What feeds it.")
    weight: int = strawberry.field(description="Whole percent of the total.")
    raw: float | None = strawberry.field(description="The value, mean rating or OKR progress (0..1); null = no data.")
    unit: str = strawberry.field(description="Unit of the raw value, e.g. ¥, %, 件.")
    target: float | None = strawberry.field(description="The target of a metric dimension.")
    points: float | None = strawberry.field(description="0..cap, 100 = target met; null when it cannot be scored (no target).")
    weighted: float = strawberry.field(description="weight × points / 100: its share of the total.")
    progress: float = strawberry.field(description="Share of the target reached, 0..1 (the bar).")
    missing: bool = strawberry.field(description="No data yet (or no target): counts 0 until it arrives.")


@strawberry.type(description="A person's computed scorecard in a cycle (recomputed by workers when inputs change).")
class Scorecard:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    cycle_id: strawberry.ID = strawberry.field(description="The review cycle.")
    total: float = strawberry.field(description="Weighted total, 100 = every target met.")
    completion: float = strawberry.field(description="Share of the targets met, 0..1 (\"80 % of target\").")
    missing: int = strawberry.field(description="Dimensions with no data yet.")
    rank_department: int | None = strawberry.field(description="Rank in the department (ties share a rank: 1, 2, 2, 4).")
    rank_organization: int | None = strawberry.field(description="Rank in the organisation.")
    percentile_department: float | None = strawberry.field(description="100 = best in the department, 0 = last.")
    percentile_organization: float | None = strawberry.field(description="100 = best in the organisation, 0 = last.")
    previous_total: float | None = strawberry.field(description="Total in the previous cycle of the same kind.")
    change: float | None = strawberry.field(description="total − previousTotal.")
    computed_at: datetime = strawberry.field(description="When the workers last computed it.")
    model: strawberry.Private[ScorecardModel]

    @classmethod
    def from_model(cls, c: ScorecardModel) -> Scorecard:
        return cls(id=strawberry.ID(str(c.id)), cycle_id=strawberry.ID(str(c.cycle_id)), total=c.total,
                   completion=c.completion, missing=c.missing, rank_department=c.rank_department,
                   rank_organization=c.rank_organization, percentile_department=c.percentile_department,
                   percentile_organization=c.percentile_organization, previous_total=c.previous_total,
                   change=c.change, computed_at=c.computed_at, model=c)

    @strawberry.field(description="The person scored.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.employee_id)

    @strawberry.field(description="The department the card was computed in (ranks group by it).")
    async def department(self, info: Info) -> DepartmentRef | None:
        return await _department(info, self.model.department_id)

    @strawberry.field(description="Each dimension in template order.")
    async def dimensions(self, info: Info) -> list[DimensionScore]:
        named = {d.code: d for d in await info.context.performance.dimensions.load(self.model.template_version_id)}
        return [_dimension(entry, named.get(entry["code"])) for entry in self.model.dimensions]

    @strawberry.field(description="Tiers placed in this cycle (provisional while it is open).")
    async def tiers(self, info: Info) -> list[TierCode]:
        return await info.context.performance.tiers.load((self.model.cycle_id, self.model.employee_id))


def _dimension(entry: dict[str, Any], d: Any) -> DimensionScore:
    return DimensionScore(
        code=entry["code"], name_en=d.name_en if d else entry["code"], name_zh=d.name_zh if d else entry["code"],
        source=DimensionSource(entry["source"]), weight=int(entry["weight"]), raw=entry.get("raw"),
        unit=d.unit if d else "", target=d.target if d else None, points=entry.get("points"),
        weighted=float(entry.get("weighted") or 0.0), progress=float(entry.get("progress") or 0.0),
        missing=bool(entry.get("missing")))


@strawberry.type(description="One line of a statement: how one dimension's points were made.")
class StatementLine:
    code: str = strawberry.field(description="Stable dimension code.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    source: DimensionSource = strawberry.field(description="What feeds it.")
    weight: int = strawberry.field(description="Whole percent of the total.")
    raw: float | None = strawberry.field(description="The value, mean rating or OKR progress; null = no data.")
    unit: str = strawberry.field(description="Unit of the raw value.")
    target: float | None = strawberry.field(description="The target (metric dimensions).")
    direction: Direction = strawberry.field(description="Whether higher or lower is better.")
    curve_en: str = strawberry.field(description="The curve in words, e.g. \"linear to target 500,000 ¥ … capped at 120\".")
    curve_zh: str = strawberry.field(description="The curve in Chinese.")
    points: float | None = strawberry.field(description="Points made (null: cannot be scored).")
    weighted: float = strawberry.field(description="weight × points / 100.")
    progress: float = strawberry.field(description="Share of the target reached, 0..1.")
    missing: bool = strawberry.field(description="No data yet.")
    metric_code: str | None = strawberry.field(description="The metric feeding a metric or attendance line (attendance_rate unless the template names another); null for other sources. Metric values are recorded against it.")
    detail: JSON = strawberry.field(description="Ratings by relation (peers and reports hidden below 3 raters), OKR objectives and key results, rating counts.")
    source_label: str | None = strawberry.field(description="File name, webhook source or appeal that supplied the value.")
    supplied_at: datetime | None = strawberry.field(description="When the value was supplied.")
    value_source: ValueSource | None = strawberry.field(description="manual, import, webhook, appeal or system.")
    supplied_by_id: strawberry.Private[UUID | None]

    @strawberry.field(description="Who typed or uploaded the value (null for systems).")
    async def supplied_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.supplied_by_id)

    @classmethod
    def from_line(cls, line: statements.StatementLine) -> StatementLine:
        return cls(code=line.code, name_en=line.name_en, name_zh=line.name_zh, source=line.source, weight=line.weight,
                   raw=line.raw, unit=line.unit, target=line.target, direction=line.direction, curve_en=line.curve_en,
                   curve_zh=line.curve_zh, points=line.points, weighted=line.weighted, progress=line.progress,
                   missing=line.missing, metric_code=line.metric_code, detail=JSON(line.detail), source_label=line.source_label,
                   supplied_at=line.supplied_at, value_source=line.value_source, supplied_by_id=line.supplied_by_id)


@strawberry.type(description="How a person's number was made in a cycle (绩效说明), line by line.")
class ScorecardStatement:
    cycle_id: strawberry.ID = strawberry.field(description="The review cycle.")
    template_name_en: str = strawberry.field(description="The scorecard template, in English.")
    template_name_zh: str = strawberry.field(description="The scorecard template, in Chinese.")
    template_version: int = strawberry.field(description="The template version the card was computed with.")
    lines: list[StatementLine] = strawberry.field(description="One per dimension, in template order.")
    total: float = strawberry.field(description="Weighted total.")
    completion: float = strawberry.field(description="Share of the targets met, 0..1.")
    rank_department: int | None = strawberry.field(description="Rank in the department.")
    rank_organization: int | None = strawberry.field(description="Rank in the organisation.")
    percentile_department: float | None = strawberry.field(description="100 = best in the department.")
    percentile_organization: float | None = strawberry.field(description="100 = best in the organisation.")
    department_size: int | None = strawberry.field(description="Scored people in the department.")
    organization_size: int = strawberry.field(description="Scored people in the organisation.")
    previous_total: float | None = strawberry.field(description="Total in the previous cycle.")
    change: float | None = strawberry.field(description="total − previousTotal.")
    tiers: list[TierCode] = strawberry.field(description="Tiers placed (final once the cycle is closed).")
    bonus_minor: Fen | None = strawberry.field(description="Bonus from a locked pool, in fen; null if none.")
    bonus_currency: str | None = strawberry.field(description="Currency of the bonus, e.g. CNY.")
    computed_at: datetime = strawberry.field(description="When the card was computed.")
    appeal_open: bool = strawberry.field(description="An appeal may still be filed.")
    appeal_deadline: datetime = strawberry.field(description="Appeals close at this instant (end of ends_on + appeal days, organisation time).")
    data: strawberry.Private[statements.Statement]

    @strawberry.field(description="The review cycle.")
    async def cycle(self, info: Info) -> ReviewCycleRef:
        from schema.performance.cycles import ReviewCycle

        return ReviewCycle.from_model(self.data.cycle)

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.data.card.employee_id)

    @classmethod
    def from_statement(cls, s: statements.Statement) -> ScorecardStatement:
        c = s.card
        return cls(cycle_id=strawberry.ID(str(s.cycle.id)), template_name_en=s.template_name_en,
                   template_name_zh=s.template_name_zh, template_version=s.template_version,
                   lines=[StatementLine.from_line(x) for x in s.lines], total=c.total, completion=c.completion,
                   rank_department=c.rank_department, rank_organization=c.rank_organization,
                   percentile_department=c.percentile_department, percentile_organization=c.percentile_organization,
                   department_size=s.department_size, organization_size=s.organization_size,
                   previous_total=c.previous_total, change=c.change, tiers=s.tiers,
                   bonus_minor=None if s.bonus_minor is None else Fen(s.bonus_minor), bonus_currency=s.bonus_currency, computed_at=c.computed_at, appeal_open=s.appeal_open,
                   appeal_deadline=s.appeal_deadline, data=s)


@strawberry.type(description="Someone below a manager in a cycle, and why they may need attention.")
class TeamMember:
    scorecard: Scorecard | None = strawberry.field(description="Their card (null: none yet).")
    attention: list[str] = strawberry.field(description="no_scorecard, open_appeal, dropped, rating_due, below_target, missing_data.")
    attention_score: int = strawberry.field(description="Weighted sum of the attention codes; the list is sorted by it.")
    employee_id: strawberry.Private[UUID]

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.employee_id)

    @classmethod
    def from_member(cls, m: progress.TeamMember) -> TeamMember:
        return cls(scorecard=Scorecard.from_model(m.card) if m.card else None, attention=list(m.attention),
                   attention_score=m.attention_score, employee_id=m.employee_id)
