"""Scorecard templates (考核模板): HR creates them, revises them as new versions (never editing one in
place), (de)activates them and assigns them to departments, job titles and levels. Every change that
moves someone's score marks them for recompute. Reads live in template_queries.

Deactivation is refused while a template is assigned: an active assignment to an inactive template would
silently leave people without a scorecard, so HR removes (or reassigns) the assignments first."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import db, validation
from backend.core.errors import Conflict, ValidationFailed
from backend.org.models import Department
from backend.performance import assignment, dirty
from backend.performance import template_queries as queries
from backend.performance.models import (
    CycleStatus, Dimension, ReviewCycle, Scorecard, ScorecardTemplate, TemplateAssignment, TemplateVersion,
)
from backend.performance.template_specs import CODE, DimensionDraft, validate_dimensions, weights


async def create_template(actor: Actor, *, code: str, name_en: str, name_zh: str,
                          dimensions: Sequence[DimensionDraft]) -> ScorecardTemplate:
    """HR creates a template at version 1. Requires PERFORMANCE_CONFIGURE; audited as
    scorecard_template.created. Raises Forbidden, ValidationFailed, Conflict (code taken)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    code = code.strip()
    if not CODE.fullmatch(code):
        raise ValidationFailed("A code is 1 to 40 lowercase letters, digits or underscores.", field="code")
    names = {"name_en": validation.trimmed(name_en, field="nameEn", max_length=120),
             "name_zh": validation.trimmed(name_zh, field="nameZh", max_length=120)}
    checked = validate_dimensions(dimensions)
    if await ScorecardTemplate.of(actor).filter(code=code).exists():
        raise Conflict(f"A template with the code {code} exists.", field="code")
    try:
        async with db.transaction():
            template = await ScorecardTemplate.create_for(actor, code=code, current_version=1, **names)
            await _write_version(actor, template.id, 1, checked, reason="")
            await audit.record(actor, action="scorecard_template.created", entity_type="scorecard_template",
                               entity_id=template.id, after={"code": code, **names, "version": 1, "weights": weights(checked)})
    except IntegrityError:  # a concurrent create took the code between the check and the insert
        raise Conflict(f"A template with the code {code} exists.", field="code") from None
    return template


async def revise_template(actor: Actor, *, template_id: UUID, dimensions: Sequence[DimensionDraft],
                          reason: str = "") -> ScorecardTemplate:
    """Writes version n+1 with these dimensions and makes it current. When an open cycle already scores
    people with the template, a reason is required, and those people are marked for recompute. The
    same dimensions again change nothing. Requires PERFORMANCE_CONFIGURE; audited as
    scorecard_template.revised (weights before and after). Raises Forbidden, NotFound,
    ValidationFailed (dimensions, reason), Conflict (someone revised it meanwhile)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    template = await ScorecardTemplate.get_for(actor, template_id, what="scorecard template")
    checked = validate_dimensions(dimensions)
    reason = validation.trimmed(reason, field="reason", max_length=500, required=False)
    current = await queries.version_dimensions(actor, template.id, template.current_version)
    if [d.row_values() for d in current] == [d.row_values() for d in checked]:
        return template
    scored = await _scored_in_open_cycles(actor, template.id)
    if scored and not reason:
        raise ValidationFailed("People are already scored with this template in an open cycle: say why it "
                               "changes.", field="reason")
    version = template.current_version + 1
    async with db.transaction():
        # Conditional: two HR admins revising at once must not both write version n+1.
        if not await ScorecardTemplate.of(actor).filter(id=template.id, current_version=version - 1).update(
                current_version=version):
            raise Conflict("Someone changed this template meanwhile; reload it and try again.")
        await _write_version(actor, template.id, version, checked, reason=reason)
        await audit.record(actor, action="scorecard_template.revised", entity_type="scorecard_template",
                           entity_id=template.id, before={"version": version - 1, "weights": weights(current)},
                           after={"version": version, "weights": weights(checked), "reason": reason})
        for cycle_id, people in scored.items():
            await dirty.mark(actor, cycle_id=cycle_id, employee_ids=people)
    return await ScorecardTemplate.of(actor).get(id=template.id)


async def set_template_active(actor: Actor, *, template_id: UUID, active: bool) -> ScorecardTemplate:
    """Offers a template again, or retires it (refused while assigned: see the module note). Requires
    PERFORMANCE_CONFIGURE; audited. Raises Forbidden, NotFound, Conflict."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    template = await ScorecardTemplate.get_for(actor, template_id, what="scorecard template")
    if template.active == active:
        return template
    assigned = await TemplateAssignment.of(actor).filter(template_id=template.id).count()
    if not active and assigned:
        raise Conflict(f"This template is assigned {assigned} time(s); remove those assignments first.")
    async with db.transaction():
        await ScorecardTemplate.of(actor).filter(id=template.id).update(active=active)
        await audit.record(actor, action="scorecard_template.activated" if active else "scorecard_template.deactivated",
                           entity_type="scorecard_template", entity_id=template.id,
                           before={"active": template.active}, after={"active": active})
    return await ScorecardTemplate.of(actor).get(id=template.id)


async def assign_template(actor: Actor, *, template_id: UUID, department_id: UUID | None = None,
                          job_title: str | None = None, level: str | None = None) -> TemplateAssignment:
    """Applies an active template to everyone matching all the given criteria (the most specific
    assignment wins; see backend.performance.assignment). People whose template changes are marked for
    recompute in open cycles. Requires PERFORMANCE_CONFIGURE; audited as scorecard_assignment.created.
    Raises Forbidden, NotFound (template, department), ValidationFailed (no criterion), Conflict
    (inactive template, or the same criteria are already assigned)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    template = await ScorecardTemplate.get_for(actor, template_id, what="scorecard template")
    if not template.active:
        raise Conflict("This template is retired; reactivate it before assigning it.")
    title = _criterion(job_title, "jobTitle", 120)
    grade = _criterion(level, "level", 60)
    if department_id is not None:
        department_id = (await Department.get_for(actor, department_id, what="department")).id
    if department_id is None and title is None and grade is None:
        raise ValidationFailed("Choose a department, a job title or a level (or several).", field="departmentId")
    wanted = (department_id, _folded(title), _folded(grade))
    before = await queries.assignment_rules(actor)
    if any((r.department_id, _folded(r.job_title), _folded(r.level)) == wanted for r in before):
        raise Conflict("These people already have a template assigned by exactly these criteria; remove that "
                       "assignment first.", field="departmentId")
    async with db.transaction():
        row = await TemplateAssignment.create_for(actor, template_id=template.id, department_id=department_id,
                                                  job_title=title, level=grade)
        await audit.record(actor, action="scorecard_assignment.created", entity_type="scorecard_assignment",
                           entity_id=row.id, after={"template_id": template.id, "department_id": department_id,
                                                    "job_title": title, "level": grade})
        await _mark_changed(actor, before, await queries.assignment_rules(actor))
    return row


async def remove_assignment(actor: Actor, *, assignment_id: UUID) -> UUID:
    """Stops applying a template by these criteria; people whose template changes are marked for
    recompute. Requires PERFORMANCE_CONFIGURE; audited as scorecard_assignment.removed. Raises
    Forbidden, NotFound."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    row = await TemplateAssignment.get_for(actor, assignment_id, what="template assignment")
    before = await queries.assignment_rules(actor)
    async with db.transaction():
        await TemplateAssignment.of(actor).filter(id=row.id).delete()
        await audit.record(actor, action="scorecard_assignment.removed", entity_type="scorecard_assignment",
                           entity_id=row.id, before={"template_id": row.template_id, "department_id": row.department_id,
                                                     "job_title": row.job_title, "level": row.level})
        await _mark_changed(actor, before, await queries.assignment_rules(actor))
    return row.id


async def _write_version(actor: Actor, template_id: UUID, version: int, dimensions: Sequence[DimensionDraft], *,
                         reason: str) -> TemplateVersion:
    row = await TemplateVersion.create_for(actor, template_id=template_id, version=version, reason=reason,
                                           created_by_id=actor.employee_id)
    await Dimension.bulk_create([Dimension.build_for(actor, version_id=row.id, position=position, **d.row_values())
                                 for position, d in enumerate(dimensions)])
    return row


async def _scored_in_open_cycles(actor: Actor, template_id: UUID) -> dict[UUID, list[UUID]]:
    """Open cycle id -> people whose scorecard there was computed with some version of this template."""
    rows = await Scorecard.of(actor).filter(template_version__template_id=template_id,
                                            cycle__status=CycleStatus.OPEN).values_list("cycle_id", "employee_id")
    scored: dict[UUID, list[UUID]] = {}
    for cycle_id, employee_id in rows:
        scored.setdefault(cycle_id, []).append(employee_id)
    return scored


async def _mark_changed(actor: Actor, before: Sequence[assignment.Rule], after: Sequence[assignment.Rule]) -> None:
    """Marks, in every open cycle, the people whose template differs between the two rule sets."""
    people = await queries.active_people(actor)
    old, new = _templates_of(before, people), _templates_of(after, people)
    changed = [p.id for p in people if old.get(p.id) != new.get(p.id)]
    if not changed:
        return
    for cycle in await ReviewCycle.of(actor).filter(status=CycleStatus.OPEN).only("id"):
        await dirty.mark(actor, cycle_id=cycle.id, employee_ids=changed)


def _templates_of(rules: Sequence[assignment.Rule], people: Sequence[assignment.Person]) -> dict[UUID, UUID]:
    return {person_id: match.template_id for person_id, match in assignment.resolve_all(rules, people).items()}


def _criterion(value: str | None, field: str, max_length: int) -> str | None:
    if value is None:
        return None
    cleaned = validation.trimmed(value, field=field, max_length=max_length, required=False)
    return cleaned or None


def _folded(value: str | None) -> str | None:
    return value.strip().casefold() or None if value is not None else None
