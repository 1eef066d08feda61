"""GraphQL types for scorecard templates: the template, its dimensions and rubric levels (RatingTask
reuses RubricLevel), versions and assignments. Mapping only; the data comes from template_queries."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.performance.models import Dimension as DimensionModel
from backend.performance.models import DimensionSource, Direction
from backend.performance.template_queries import AssignmentView, TemplateView, VersionView
from schema.context import Info
from schema.core import enums as _registered  # noqa: F401  (the performance enums' GraphQL names)
from schema.recognition.types import EmployeeRef, load_employee

if TYPE_CHECKING:
    from schema.org.types import Department

DepartmentRef = Annotated["Department", strawberry.lazy("schema.org.types")]


@strawberry.type(description="One level of a 1–5 rating rubric, with what it means.")
class RubricLevel:
    score: int = strawberry.field(description="1 (lowest) to 5 (highest).")
    en: str = strawberry.field(description="What this level means, in English.")
    zh: str = strawberry.field(description="What this level means, in Chinese.")

    @classmethod
    def levels(cls, rubric: list[dict[str, Any]]) -> list[RubricLevel]:
        return [cls(score=n, en=str(level.get("en", "")), zh=str(level.get("zh", ""))) for n, level in enumerate(rubric, 1)]


@strawberry.type(description="One dimension of a scorecard template and how it is scored.")
class Dimension:
    code: str = strawberry.field(description="Stable across versions, e.g. results.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    weight: int = strawberry.field(description="Whole percent; a version's weights add up to 100.")
    source: DimensionSource = strawberry.field(description="What feeds it.")
    metric_code: str | None = strawberry.field(description="The metric feeding a metric or attendance dimension.")
    target: float | None = strawberry.field(description="The value that scores 100 points (metric, attendance).")
    direction: Direction = strawberry.field(description="Whether a higher or a lower value is better.")
    floor_ratio: float = strawberry.field(description="Below this share of the target the dimension scores 0.")
    cap_points: float = strawberry.field(description="The most points it can score (100 = target met).")
    unit: str = strawberry.field(description="Shown with values, e.g. ¥, %, 件.")
    rubric: list[RubricLevel] = strawberry.field(description="Rating and 360 dimensions: the five levels.")
    relation_weights: JSON = strawberry.field(description="360 dimensions: weight per relation (self, peer, report, manager).")

    @classmethod
    def from_model(cls, d: DimensionModel) -> Dimension:
        return cls(code=d.code, name_en=d.name_en, name_zh=d.name_zh, weight=d.weight, source=d.source,
                   metric_code=d.metric_code, target=d.target, direction=d.direction, floor_ratio=d.floor_ratio,
                   cap_points=d.cap_points, unit=d.unit, rubric=RubricLevel.levels(d.rubric),
                   relation_weights=JSON(d.relation_weights))


@strawberry.type(description="One version of a template; versions are never edited, a change writes the next one.")
class TemplateVersion:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    version: int = strawberry.field(description="1, 2, 3, …")
    reason: str = strawberry.field(description="Why it changed (required when an open cycle already used the template).")
    created_at: datetime = strawberry.field(description="When it was written.")
    weights: JSON = strawberry.field(description="Dimension code → weight, e.g. {\"results\": 40}.")
    created_by_id: strawberry.Private[UUID | None]

    @strawberry.field(description="Who wrote it (null for the system).")
    async def created_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.created_by_id)

    @classmethod
    def from_view(cls, v: VersionView) -> TemplateVersion:
        return cls(id=strawberry.ID(str(v.version.id)), version=v.version.version, reason=v.version.reason,
                   created_at=v.version.created_at, weights=JSON(v.weights), created_by_id=v.version.created_by_id)


@strawberry.type(description="Who a template applies to: everyone matching all the named criteria; the most specific assignment wins.")
class TemplateAssignment:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    job_title: str | None = strawberry.field(description="Job title to match (case-insensitive), if any.")
    level: str | None = strawberry.field(description="Level to match (case-insensitive), if any.")
    matched_count: int = strawberry.field(description="Active people this assignment decides (no more specific one wins).")
    template_id: strawberry.ID = strawberry.field(description="The template it assigns.")
    department_id: strawberry.Private[UUID | None]

    @strawberry.field(description="Department to match exactly (sub-departments are not included), if any.")
    async def department(self, info: Info) -> DepartmentRef | None:
        from schema.org.types import Department

        found = await info.context.org.department.load(self.department_id) if self.department_id else None
        return Department.from_model(found) if found else None

    @classmethod
    def from_view(cls, a: AssignmentView) -> TemplateAssignment:
        row = a.assignment
        return cls(id=strawberry.ID(str(row.id)), job_title=row.job_title, level=row.level, matched_count=a.matched_count,
                   template_id=strawberry.ID(str(row.template_id)), department_id=row.department_id)


@strawberry.type(description="A scorecard template (考核模板): weighted dimensions, versioned, assigned to people.")
class ScorecardTemplate:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    code: str = strawberry.field(description="Short code, e.g. sales.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    current_version: int = strawberry.field(description="The version new scores use.")
    active: bool = strawberry.field(description="Offered for assignment (retired templates are hidden from all but HR).")
    dimensions: list[Dimension] = strawberry.field(description="The current version's dimensions, in order.")
    versions: list[TemplateVersion] = strawberry.field(description="Every version, newest first.")
    assignments: list[TemplateAssignment] = strawberry.field(description="Who it applies to, oldest first.")

    @classmethod
    def from_view(cls, v: TemplateView) -> ScorecardTemplate:
        t = v.template
        return cls(id=strawberry.ID(str(t.id)), code=t.code, name_en=t.name_en, name_zh=t.name_zh,
                   current_version=t.current_version, active=t.active,
                   dimensions=[Dimension.from_model(d) for d in v.dimensions],
                   versions=[TemplateVersion.from_view(x) for x in v.versions],
                   assignments=[TemplateAssignment.from_view(a) for a in v.assignments])
