"""Which dimensions apply to each person now: the current version of the active template their
assignment picks (backend.performance.assignment decides). Metric entry, imports, the webhook and
ratings validate against it. Reads only; a constant number of queries however many people."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.core.errors import Conflict, NotFound
from backend.org.models import Employee
from backend.performance import assignment
from backend.performance.models import (
    CycleStatus, Dimension, DimensionSource, ReviewCycle, ScorecardTemplate, TemplateAssignment, TemplateVersion,
)
from backend.performance.scoring import DEFAULT_ATTENDANCE_METRIC

PERCENT_UNIT = "%"
CLOSED = "This cycle is closed; its scores are final."


@dataclass(frozen=True, slots=True)
class PersonDimensions:
    """Everyone's dimensions (template order), and every metric code some active template uses."""

    by_employee: Mapping[UUID, list[Dimension]]
    org_metric_codes: frozenset[str]

    def of(self, employee_id: UUID) -> list[Dimension]:
        return self.by_employee.get(employee_id, [])

    def metric(self, employee_id: UUID, metric_code: str) -> Dimension | None:
        """The person's METRIC or ATTENDANCE dimension fed by this metric, if their scorecard has one."""
        return next((d for d in self.of(employee_id) if metric_of(d) == metric_code), None)

    def rated(self, employee_id: UUID, dimension_code: str) -> Dimension | None:
        """The person's RATING or REVIEW_360 dimension with this code, if their scorecard has one."""
        return next((d for d in self.of(employee_id) if d.code == dimension_code
                     and d.source in (DimensionSource.RATING, DimensionSource.REVIEW_360)), None)


def metric_of(dimension: Dimension) -> str | None:
    """The metric code feeding a dimension (attendance defaults to attendance_rate), else None."""
    if dimension.source == DimensionSource.ATTENDANCE:
        return dimension.metric_code or DEFAULT_ATTENDANCE_METRIC
    return dimension.metric_code if dimension.source == DimensionSource.METRIC else None


def is_percent(dimension: Dimension | None) -> bool:
    return dimension is not None and dimension.unit.strip() == PERCENT_UNIT


async def cycle(actor: Actor, cycle_id: UUID) -> ReviewCycle:
    """Raises NotFound (also for another organisation's id)."""
    try:
        return await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    except NotFound as err:
        raise NotFound(err.message, field="cycleId") from None


async def open_cycle(actor: Actor, cycle_id: UUID) -> ReviewCycle:
    """A cycle that still takes data. Raises NotFound (also another organisation's id), Conflict (closed)."""
    found = await cycle(actor, cycle_id)
    if found.status != CycleStatus.OPEN:
        raise Conflict(CLOSED, field="cycleId")
    return found


async def employee(actor: Actor, employee_id: UUID) -> Employee:
    try:
        return await Employee.get_for(actor, employee_id, what="employee")
    except NotFound as err:
        raise NotFound(err.message, field="employeeId") from None


async def for_people(actor: Actor, people: Iterable[Employee]) -> PersonDimensions:
    """Five queries: active templates, their assignments, their versions, the current versions'
    dimensions (the people are already loaded)."""
    templates: dict[UUID, int] = {
        as_uuid(t): int(v) for t, v in await ScorecardTemplate.of(actor).filter(active=True)
        .values_list("id", "current_version")}
    if not templates:
        return PersonDimensions(by_employee={}, org_metric_codes=frozenset())
    rules = [assignment.Rule(id=as_uuid(r["id"]), template_id=as_uuid(r["template_id"]),
                             department_id=as_uuid(r["department_id"]) if r["department_id"] else None,
                             job_title=r["job_title"], level=r["level"], created_at=r["created_at"])
             for r in await TemplateAssignment.of(actor).filter(template_id__in=list(templates)).values(
                 "id", "template_id", "department_id", "job_title", "level", "created_at")]
    matches = assignment.resolve_all(rules, [
        assignment.Person(id=p.id, department_id=p.department_id, job_title=p.job_title, level=p.level) for p in people])
    current = {as_uuid(t): as_uuid(v) for v, t, n in await TemplateVersion.of(actor).filter(
        template_id__in=list(templates)).values_list("id", "template_id", "version") if templates.get(as_uuid(t)) == n}
    by_version: dict[UUID, list[Dimension]] = {}
    for d in await Dimension.of(actor).filter(version_id__in=list(current.values())).order_by("position"):
        by_version.setdefault(d.version_id, []).append(d)
    by_employee = {pid: by_version[current[m.template_id]] for pid, m in matches.items()
                   if current.get(m.template_id) in by_version}
    codes = frozenset(code for dims in by_version.values() for d in dims if (code := metric_of(d)) is not None)
    return PersonDimensions(by_employee=by_employee, org_metric_codes=codes)


async def for_person(actor: Actor, person: Employee) -> PersonDimensions:
    return await for_people(actor, [person])


def as_uuid(value: object) -> UUID:
    """Ids from .values() / .values_list(): UUIDs on PostgreSQL, sometimes text on SQLite."""
    return value if isinstance(value, UUID) else UUID(str(value))
