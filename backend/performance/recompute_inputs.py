"""Loading everything a cycle's recompute needs in a fixed number of set-based reads (values_list, no
model instances), whatever the headcount. Reads only; backend.performance.recompute decides and writes."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import ValuesListQuery

from backend.access.actor import Actor
from backend.org.models import Employee, EmployeeStatus
from backend.performance import assignment, scoring
from backend.performance.models import (
    Dimension, KeyResult, MetricValue, Objective, Rating, ReviewCycle, Scorecard, ScorecardTemplate,
    TemplateAssignment, TemplateVersion,
)

# Past this many people an IN (...) list costs more than reading the whole cycle and filtering here
# (and stays clear of the databases' bound-parameter limits).
IN_LIST_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class TemplateInUse:
    version_id: UUID
    dimensions: tuple[scoring.DimensionConfig, ...]


Ranks = tuple[int | None, int | None, float | None, float | None]


@dataclass(frozen=True, slots=True)
class ExistingCard:
    id: UUID
    department_id: UUID | None
    total: float
    ranks: Ranks  # (department rank, organisation rank, department percentile, organisation percentile)


@dataclass
class CycleInputs:
    people: list[tuple[UUID, UUID | None, assignment.Match]]  # (employee, department, template match)
    templates: dict[UUID, TemplateInUse]  # by template id: its current version
    inputs: dict[UUID, scoring.Inputs]
    previous_totals: dict[UUID, float]
    existing: dict[UUID, ExistingCard]  # the cycle's scorecards now, by employee


def _scoped(query: Any, employee_ids: Collection[UUID] | None, key: str = "employee_id") -> Any:
    if employee_ids is None or len(employee_ids) > IN_LIST_LIMIT:
        return query
    return query.filter(**{f"{key}__in": list(employee_ids)})


async def _fetch(query: ValuesListQuery[Any]) -> Sequence[Sequence[Any]]:
    """The rows of a scoped values_list query. On PostgreSQL the driver's records are used as they come
    (asyncpg already decodes UUIDs, numbers and text; enum columns stay plain strings): Tortoise's
    per-value conversion cost more than the query itself for 120,000 metric values."""
    connection = query.model._meta.db
    if connection.capabilities.dialect != "postgres":
        rows: Sequence[Sequence[Any]] = await query
        return rows
    sql = query.sql()
    _, params = query.query.get_parameterized_sql()
    _, records = await connection.execute_query(sql, params)
    return cast(Sequence[Sequence[Any]], records)


async def _fetch_by_person(query: ValuesListQuery[Any]) -> Iterable[Sequence[Any]]:
    """A values_list query whose first column is the employee, as one row per person: (employee, [column 2
    values], [column 3 values], ...). On PostgreSQL the scoped query runs inside array_agg(...) GROUP BY, so
    10,000 rows cross the wire instead of 120,000 and arrays decode in the driver; elsewhere it is grouped
    here. The inner query is the scoped one, so tenancy is unchanged."""
    connection = query.model._meta.db
    if connection.capabilities.dialect != "postgres":
        grouped: dict[Any, list[list[Any]]] = {}
        for row in await query:
            columns = grouped.get(row[0])
            if columns is None:
                columns = grouped[row[0]] = [[] for _ in row[1:]]
            for column, value in zip(columns, row[1:], strict=True):
                column.append(value)
        return [(key, *columns) for key, columns in grouped.items()]
    width = len(query.fields)
    inner = query.sql()
    _, params = query.query.get_parameterized_sql()
    aggregates = ", ".join(f'array_agg(q."{i}")' for i in range(1, width))
    _, records = await connection.execute_query(f'SELECT q."0", {aggregates} FROM ({inner}) AS q GROUP BY q."0"', params)
    return cast(Iterable[Sequence[Any]], records)


def _wanted(employee_ids: Collection[UUID] | None) -> set[UUID] | None:
    return None if employee_ids is None else set(employee_ids)


async def load(actor: Actor, cycle: ReviewCycle, employee_ids: Collection[UUID] | None) -> CycleInputs:
    """`employee_ids` None: everyone active; else only those people (who may have left: then absent)."""
    wanted = _wanted(employee_ids)
    people = await _people(actor, cycle, employee_ids, wanted)
    templates, rules = await _templates(actor)
    resolver = assignment.Resolver(rules)
    matched = [(p.id, p.department_id, m) for p in people if (m := resolver.resolve(p)) is not None
               and m.template_id in templates]
    inputs = await _inputs(actor, cycle.id, employee_ids, wanted)
    previous: dict[UUID, float] = {}
    if cycle.previous_id is not None:
        rows = await _fetch(_scoped(Scorecard.of(actor).filter(cycle_id=cycle.previous_id), employee_ids).values_list(
            "employee_id", "total"))
        previous = {e: t for e, t in rows}
    return CycleInputs(people=matched, templates=templates, inputs=inputs, previous_totals=previous,
                       existing=await _existing(actor, cycle.id))


async def _people(actor: Actor, cycle: ReviewCycle, employee_ids: Collection[UUID] | None,
                  wanted: set[UUID] | None) -> list[assignment.Person]:
    # Whoever worked during the cycle: hired by its last day, and still here or left after its first day
    # (someone hired in October has no September score; someone who left in December keeps November's).
    employed = Employee.of(actor).filter(hire_date__lte=cycle.ends_on).filter(
        Q(status=EmployeeStatus.ACTIVE) | Q(left_on__gte=cycle.starts_on))
    query = _scoped(employed, employee_ids, key="id")
    rows: ValuesListQuery[Any] = query.values_list("id", "department_id", "job_title", "level")
    return [assignment.Person(id=i, department_id=d, job_title=t, level=lv) for i, d, t, lv in await _fetch(rows)
            if wanted is None or i in wanted]


async def _templates(actor: Actor) -> tuple[dict[UUID, TemplateInUse], list[assignment.Rule]]:
    current = dict(await ScorecardTemplate.of(actor).filter(active=True).values_list("id", "current_version"))
    rules = [assignment.Rule(id=i, template_id=t, department_id=d, job_title=jt, level=lv, created_at=c)
             for i, t, d, jt, lv, c in await TemplateAssignment.of(actor).filter(template_id__in=list(current))
             .values_list("id", "template_id", "department_id", "job_title", "level", "created_at")] if current else []
    versions = {v: t for v, t, n in await TemplateVersion.of(actor).filter(template_id__in=list(current))
                .values_list("id", "template_id", "version") if current.get(t) == n} if current else {}
    configs: dict[UUID, list[scoring.DimensionConfig]] = {}
    if versions:
        for row in await Dimension.of(actor).filter(version_id__in=list(versions)).order_by("version_id", "position").values_list(
                "version_id", "code", "weight", "source", "metric_code", "target", "direction", "floor_ratio",
                "cap_points", "relation_weights"):
            configs.setdefault(row[0], []).append(dimension_config(*row[1:]))
    templates = {t: TemplateInUse(version_id=v, dimensions=tuple(configs.get(v, ()))) for v, t in versions.items()}
    return templates, rules


def dimension_config(code: str, weight: int, source: str, metric_code: str | None, target: float | None,
                     direction: str, floor_ratio: float, cap_points: float,
                     relation_weights: dict[str, int] | None) -> scoring.DimensionConfig:
    return scoring.DimensionConfig(
        code=code, weight=weight, source=str(source), metric_code=metric_code,
        curve=scoring.Curve(target=target, direction=str(direction), floor_ratio=floor_ratio, cap_points=cap_points),
        relation_weights=relation_weights or {})


async def _inputs(actor: Actor, cycle_id: UUID, employee_ids: Collection[UUID] | None,
                  wanted: set[UUID] | None) -> dict[UUID, scoring.Inputs]:
    found: dict[UUID, scoring.Inputs] = {}

    def of(employee_id: UUID) -> scoring.Inputs | None:
        if wanted is not None and employee_id not in wanted:
            return None
        person = found.get(employee_id)
        if person is None:
            person = found[employee_id] = scoring.Inputs()
        return person

    for e, metrics, values in await _fetch_by_person(_scoped(
            MetricValue.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list("employee_id", "metric_code", "value")):
        if (p := of(e)) is not None:
            p.values.update(zip(metrics, values))
    for e, codes, relations, scores in await _fetch_by_person(_scoped(
            Rating.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list(
            "employee_id", "dimension_code", "relation", "score")):
        if (p := of(e)) is not None:
            for code, relation, score in zip(codes, relations, scores):
                p.ratings.setdefault(code, []).append((str(relation), score))
    objectives = await _fetch(_scoped(Objective.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list(
        "id", "employee_id", "weight"))
    key_results: dict[UUID, list[scoring.KeyResultInput]] = {}
    if objectives:
        for o, start, current, target, weight in await _fetch(_scoped(
                KeyResult.of(actor).filter(objective__cycle_id=cycle_id), employee_ids, key="objective__employee_id"
        ).values_list("objective_id", "start_value", "current_value", "target_value", "weight")):
            key_results.setdefault(o, []).append(scoring.KeyResultInput(start=start, current=current, target=target,
                                                                        weight=weight))
    for o, e, weight in objectives:
        if (p := of(e)) is not None:
            p.objectives.append(scoring.ObjectiveInput(weight=weight, key_results=tuple(key_results.get(o, ()))))
    return found


async def _existing(actor: Actor, cycle_id: UUID) -> dict[UUID, ExistingCard]:
    rows = await _fetch(Scorecard.of(actor).filter(cycle_id=cycle_id).values_list(
        "id", "employee_id", "department_id", "total", "rank_department", "rank_organization",
        "percentile_department", "percentile_organization"))
    return {e: ExistingCard(id=i, department_id=d, total=t, ranks=(rd, ro, pd, po))
            for i, e, d, t, rd, ro, pd, po in rows}
