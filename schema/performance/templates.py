"""GraphQL for scorecard templates: reads for everyone, HR's create / revise / retire / assign. Each
resolver unpacks input, calls one backend use case and maps the result."""
from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from backend.core.errors import ValidationFailed
from backend.performance import template_queries, templates
from backend.performance.models import DimensionSource, Direction
from backend.performance.template_specs import DimensionDraft
from schema.context import Info
from schema.core import enums as _registered  # noqa: F401  (the performance enums' GraphQL names)
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.performance.template_types import ScorecardTemplate, TemplateAssignment


@strawberry.input(description="One level of a rating rubric.")
class RubricLevelInput:
    score: int = strawberry.field(description="1 to 5; each once.")
    en: str = strawberry.field(description="What this level means, in English.")
    zh: str = strawberry.field(description="What this level means, in Chinese.")


@strawberry.input(description="One dimension of a template version. Fields a source does not use stay at their defaults.")
class DimensionInput:
    code: str = strawberry.field(description="Lowercase letters, digits, underscores; stable across versions.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    weight: int = strawberry.field(description="Whole percent, 1–100; all weights add up to exactly 100.")
    source: DimensionSource = strawberry.field(description="What feeds it.")
    metric_code: str | None = strawberry.field(default=None, description="Metric or attendance: the metric code "
                                                                         "(attendance defaults to attendance_rate).")
    target: float | None = strawberry.field(default=None, description="Metric or attendance: the value scoring 100 "
                                                                     "(above 0; attendance defaults to 98).")
    direction: Direction = strawberry.field(default=Direction.HIGHER, description="Higher or lower is better.")
    floor_ratio: float = strawberry.field(default=0.0, description="Share of the target below which it scores 0 (0–1).")
    cap_points: float = strawberry.field(default=100.0, description="Most points it can score (50–200).")
    unit: str = strawberry.field(default="", description="Unit shown with values (up to 20 characters).")
    rubric: list[RubricLevelInput] | None = strawberry.field(
        default=None, description="Rating: exactly five levels (required); 360: optional.")
    relation_weights: JSON | None = strawberry.field(
        default=None, description='360: weight per relation, e.g. {"self": 10, "peer": 30, "report": 20, "manager": 40}.')


@strawberry.input(description="A new scorecard template (version 1).")
class TemplateInput:
    code: str = strawberry.field(description="Short code, unique in the organisation, e.g. sales.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    dimensions: list[DimensionInput] = strawberry.field(description="1 to 12 dimensions whose weights add up to 100.")


@strawberry.type(description="A template was saved (created, revised, retired or offered again).")
class TemplateSaved:
    template: ScorecardTemplate = strawberry.field(description="The template now.")


@strawberry.type(description="A template was assigned.")
class TemplateAssigned:
    assignment: TemplateAssignment = strawberry.field(description="The new assignment.")


@strawberry.type(description="An assignment was removed.")
class AssignmentRemoved:
    id: strawberry.ID = strawberry.field(description="The removed assignment's id.")


SaveTemplateResult = Annotated[TemplateSaved | UserError, strawberry.union("SaveTemplateResult")]
AssignTemplateResult = Annotated[TemplateAssigned | UserError, strawberry.union("AssignTemplateResult")]
RemoveAssignmentResult = Annotated[AssignmentRemoved | UserError, strawberry.union("RemoveAssignmentResult")]


def _drafts(dimensions: list[DimensionInput]) -> list[DimensionDraft]:
    drafts = []
    for i, d in enumerate(dimensions):
        if d.relation_weights is not None and not isinstance(d.relation_weights, dict):
            raise ValidationFailed("Give relation weights as an object.", field=f"dimensions.{i}.relationWeights")
        rubric: list[dict[str, Any]] | None = None if d.rubric is None else [
            {"score": level.score, "en": level.en, "zh": level.zh} for level in d.rubric]
        drafts.append(DimensionDraft(
            code=d.code, name_en=d.name_en, name_zh=d.name_zh, weight=d.weight, source=d.source, metric_code=d.metric_code,
            target=d.target, direction=d.direction, floor_ratio=d.floor_ratio, cap_points=d.cap_points, unit=d.unit,
            rubric=rubric, relation_weights=d.relation_weights))
    return drafts


async def _saved(info: Info, template_id: Any) -> TemplateSaved:
    view = await template_queries.get_template(info.context.actor, template_id)
    return TemplateSaved(template=ScorecardTemplate.from_view(view))


@strawberry.type
class TemplatesQuery:
    @strawberry.field(description="Scorecard templates by name (HR: include retired ones).")
    async def scorecard_templates(self, info: Info, include_inactive: bool = False) -> list[ScorecardTemplate]:
        views = await template_queries.list_templates(info.context.actor, include_inactive=include_inactive)
        return [ScorecardTemplate.from_view(v) for v in views]

    @strawberry.field(description="One scorecard template.")
    async def scorecard_template(self, info: Info, id: strawberry.ID) -> ScorecardTemplate:
        view = await template_queries.get_template(info.context.actor, required_uuid(id, field="id"))
        return ScorecardTemplate.from_view(view)


@strawberry.type
class TemplatesMutation:
    @strawberry.mutation(description="HR: create a scorecard template (version 1).")
    async def create_scorecard_template(self, info: Info, input: TemplateInput) -> SaveTemplateResult:
        async def body() -> TemplateSaved:
            made = await templates.create_template(info.context.actor, code=input.code, name_en=input.name_en,
                                                   name_zh=input.name_zh, dimensions=_drafts(input.dimensions))
            return await _saved(info, made.id)
        return await attempt(body)

    @strawberry.mutation(description="HR: write the next version of a template's dimensions; a reason is required "
                                     "when an open cycle already scores people with it.")
    async def revise_scorecard_template(self, info: Info, id: strawberry.ID, dimensions: list[DimensionInput],
                                        reason: str = "") -> SaveTemplateResult:
        async def body() -> TemplateSaved:
            revised = await templates.revise_template(info.context.actor, template_id=required_uuid(id, field="id"),
                                                      dimensions=_drafts(dimensions), reason=reason)
            return await _saved(info, revised.id)
        return await attempt(body)

    @strawberry.mutation(description="HR: retire a template (only once it has no assignments) or offer it again.")
    async def set_scorecard_template_active(self, info: Info, id: strawberry.ID, active: bool) -> SaveTemplateResult:
        async def body() -> TemplateSaved:
            changed = await templates.set_template_active(info.context.actor, template_id=required_uuid(id, field="id"),
                                                          active=active)
            return await _saved(info, changed.id)
        return await attempt(body)

    @strawberry.mutation(description="HR: apply a template to everyone matching a department, job title and/or level.")
    async def assign_scorecard_template(self, info: Info, template_id: strawberry.ID, department_id: strawberry.ID | None = None,
                                        job_title: str | None = None, level: str | None = None) -> AssignTemplateResult:
        async def body() -> TemplateAssigned:
            row = await templates.assign_template(
                info.context.actor, template_id=required_uuid(template_id, field="templateId"),
                department_id=to_uuid(department_id, field="departmentId"), job_title=job_title, level=level)
            view = await template_queries.assignment_view(info.context.actor, row)
            return TemplateAssigned(assignment=TemplateAssignment.from_view(view))
        return await attempt(body)

    @strawberry.mutation(description="HR: stop applying a template by these criteria.")
    async def remove_template_assignment(self, info: Info, id: strawberry.ID) -> RemoveAssignmentResult:
        async def body() -> AssignmentRemoved:
            removed = await templates.remove_assignment(info.context.actor, assignment_id=required_uuid(id, field="id"))
            return AssignmentRemoved(id=strawberry.ID(str(removed)))
        return await attempt(body)
