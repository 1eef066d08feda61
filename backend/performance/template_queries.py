"""Reading scorecard templates: each with its current dimensions, every version's weights, and its
assignments with how many active people each decides. A constant number of queries however many
templates, versions or assignments there are. Writes nothing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.core.errors import Forbidden, NotFound
from backend.org.models import Employee, EmployeeStatus
from backend.performance import assignment
from backend.performance.models import Dimension, ScorecardTemplate, TemplateAssignment, TemplateVersion
from backend.performance.template_specs import DimensionDraft


@dataclass(frozen=True, slots=True)
class VersionView:
    version: TemplateVersion
    weights: dict[str, int]  # dimension code -> weight, in template order


@dataclass(frozen=True, slots=True)
class AssignmentView:
    assignment: TemplateAssignment
    matched_count: int  # active people this assignment decides (it matches them and no more specific one does)


@dataclass(frozen=True, slots=True)
class TemplateView:
    template: ScorecardTemplate
    dimensions: list[Dimension]  # of the current version, in order
    versions: list[VersionView]  # newest first
    assignments: list[AssignmentView]  # oldest first


async def list_templates(actor: Actor, *, include_inactive: bool = False) -> list[TemplateView]:
    """Templates by name. Everyone with PERFORMANCE_REVIEW reads active ones (a statement names its
    template); retired ones need PERFORMANCE_CONFIGURE (else Forbidden)."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    query = ScorecardTemplate.of(actor)
    if include_inactive:
        if not has(actor, Permission.PERFORMANCE_CONFIGURE):
            raise Forbidden("Only HR sees retired templates.")
    else:
        query = query.filter(active=True)
    return await _views(actor, list(await query.order_by("name_en", "code")))


async def get_template(actor: Actor, template_id: UUID) -> TemplateView:
    """One template; a retired one is NotFound except for HR. Requires PERFORMANCE_REVIEW."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    template = await ScorecardTemplate.get_for(actor, template_id, what="scorecard template")
    if not template.active and not has(actor, Permission.PERFORMANCE_CONFIGURE):
        raise NotFound("No such scorecard template.")
    return (await _views(actor, [template]))[0]


async def assignment_view(actor: Actor, row: TemplateAssignment) -> AssignmentView:
    """One assignment with its matched count (after assigning)."""
    counts = assignment.matched_counts(await assignment_rules(actor), await active_people(actor))
    return AssignmentView(assignment=row, matched_count=counts.get(row.id, 0))


async def version_dimensions(actor: Actor, template_id: UUID, version: int) -> list[DimensionDraft]:
    """A stored version's dimensions in the validated shape, to compare a revision with."""
    row = await TemplateVersion.of(actor).get(template_id=template_id, version=version)
    return [_draft(d) for d in await Dimension.of(actor).filter(version_id=row.id).order_by("position")]


async def assignment_rules(actor: Actor) -> list[assignment.Rule]:
    """Every assignment of an active template, as the resolver reads them."""
    rows = await TemplateAssignment.of(actor).filter(template__active=True).values_list(
        "id", "template_id", "department_id", "job_title", "level", "created_at")
    return [assignment.Rule(id=i, template_id=t, department_id=d, job_title=j, level=lv, created_at=c)
            for i, t, d, j, lv, c in rows]


async def active_people(actor: Actor) -> list[assignment.Person]:
    rows = await Employee.of(actor).filter(status=EmployeeStatus.ACTIVE).values_list(
        "id", "department_id", "job_title", "level")
    return [assignment.Person(id=i, department_id=d, job_title=j, level=lv) for i, d, j, lv in rows]


async def _views(actor: Actor, templates: Sequence[ScorecardTemplate]) -> list[TemplateView]:
    if not templates:
        return []
    ids = [t.id for t in templates]
    versions = await TemplateVersion.of(actor).filter(template_id__in=ids).order_by("template_id", "-version")
    dimensions: dict[UUID, list[Dimension]] = {}
    for d in await Dimension.of(actor).filter(version_id__in=[v.id for v in versions]).order_by("position"):
        dimensions.setdefault(d.version_id, []).append(d)
    assigned = await TemplateAssignment.of(actor).filter(template_id__in=ids).order_by("created_at", "id")
    counts = assignment.matched_counts(await assignment_rules(actor), await active_people(actor)) if assigned else {}
    views = []
    for t in templates:
        own = [v for v in versions if v.template_id == t.id]
        current = next((v for v in own if v.version == t.current_version), None)
        views.append(TemplateView(
            template=t, dimensions=dimensions.get(current.id, []) if current else [],
            versions=[VersionView(v, {d.code: d.weight for d in dimensions.get(v.id, [])}) for v in own],
            assignments=[AssignmentView(a, counts.get(a.id, 0)) for a in assigned if a.template_id == t.id]))
    return views


def _draft(d: Dimension) -> DimensionDraft:
    return DimensionDraft(code=d.code, name_en=d.name_en, name_zh=d.name_zh, weight=d.weight, source=d.source,
                          metric_code=d.metric_code, target=d.target, direction=d.direction, floor_ratio=d.floor_ratio,
                          cap_points=d.cap_points, unit=d.unit, rubric=list(d.rubric), relation_weights=dict(d.relation_weights))
