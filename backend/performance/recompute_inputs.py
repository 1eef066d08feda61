"""Loading everything a cycle's recompute needs in a fixed number of set-based reads (values_list, no
model instances), whatever the headcount. Reads only; backend.performance.recompute decides and writes."""
from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, cast
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
from backend.performance.scorecard_store import STORED, Ranks

# Past this many people an IN (...) list costs more than reading the whole cycle and filtering here
# (and stays clear of the databases' bound-parameter limits).
IN_LIST_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class TemplateInUse:
    version_id: UUID
    dimensions: tuple[scoring.DimensionConfig, ...]


class ExistingCard(NamedTuple):  # a tuple: 10,000 of them per full recompute
    id: UUID
    department_id: UUID | None
    total: float
    ranks: Ranks  # (department rank, organisation rank, department percentile, organisation percentile)
    stored: tuple[Any, ...]  # everything a recompute writes, as scorecard_store.STORED lists it


@dataclass
class CycleInputs:
    people: list[tuple[UUID, UUID | None, assignment.Match]]  # (employee, department, template match)
    templates: dict[UUID, TemplateInUse]  # by template id: its current version
    inputs: dict[UUID, scoring.Inputs]
    previous_totals: dict[UUID, float]


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
    """What scoring needs. `employee_ids` None: everyone active; else only those people (who may have
    left: then absent). The reads are independent: on PostgreSQL they run at once on pooled connections
    (in a transaction, on its one connection: one after the other)."""
    wanted = _wanted(employee_ids)
    people, (templates, rules), inputs, previous = await asyncio.gather(
        _people(actor, cycle, employee_ids, wanted), _templates(actor), _inputs(actor, cycle.id, employee_ids, wanted),
        _previous(actor, cycle, employee_ids))
    return CycleInputs(people=_matched(people, templates, rules), templates=templates, inputs=inputs,
                       previous_totals=previous)


_Employed = tuple[UUID, UUID | None, str, str]  # (employee, department, job title, level)


def _matched(people: Sequence[_Employed], templates: dict[UUID, TemplateInUse],
             rules: Sequence[assignment.Rule]) -> list[tuple[UUID, UUID | None, assignment.Match]]:
    # The match depends only on (department, job title, level), which most people share with others.
    resolver = assignment.Resolver(rules)
    matches: dict[tuple[UUID | None, str, str], assignment.Match | None] = {}
    matched = []
    for employee_id, department_id, job_title, level in people:
        key = (department_id, job_title, level)
        if key in matches:
            match = matches[key]
        else:
            match = matches[key] = resolver.resolve(assignment.Person(id=employee_id, department_id=department_id,
                                                                      job_title=job_title, level=level))
        if match is not None and match.template_id in templates:
            matched.append((employee_id, department_id, match))
    return matched


async def _previous(actor: Actor, cycle: ReviewCycle, employee_ids: Collection[UUID] | None) -> dict[UUID, float]:
    if cycle.previous_id is None:
        return {}
    rows = await _fetch(_scoped(Scorecard.of(actor).filter(cycle_id=cycle.previous_id), employee_ids).values_list(
        "employee_id", "total"))
    return dict(rows)  # type: ignore[arg-type]


async def _people(actor: Actor, cycle: ReviewCycle, employee_ids: Collection[UUID] | None,
                  wanted: set[UUID] | None) -> list[_Employed]:
    # Whoever worked during the cycle: hired by its last day, and still here or left after its first day
    # (someone hired in October has no September score; someone who left in December keeps November's).
    employed = Employee.of(actor).filter(hire_date__lte=cycle.ends_on).filter(
        Q(status=EmployeeStatus.ACTIVE) | Q(left_on__gte=cycle.starts_on))
    query = _scoped(employed, employee_ids, key="id")
    rows: ValuesListQuery[Any] = query.values_list("id", "department_id", "job_title", "level")
    return [(i, d, t, lv) for i, d, t, lv in await _fetch(rows) if wanted is None or i in wanted]


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
    values, ratings, objectives = await asyncio.gather(
        _fetch_by_person(_scoped(MetricValue.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list(
            "employee_id", "metric_code", "value")),
        _fetch_by_person(_scoped(Rating.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list(
            "employee_id", "dimension_code", "relation", "score")),
        _fetch(_scoped(Objective.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list(
            "id", "employee_id", "weight")))
    # A person's metric values arrive in one row: one dict each, made in C.
    found = {e: scoring.Inputs(values=dict(zip(metrics, numbers))) for e, metrics, numbers in values
             if wanted is None or e in wanted}

    def of(employee_id: UUID) -> scoring.Inputs | None:
        if wanted is not None and employee_id not in wanted:
            return None
        person = found.get(employee_id)
        if person is None:
            person = found[employee_id] = scoring.Inputs()
        return person

    for e, codes, relations, scores in ratings:
        if (p := of(e)) is not None:
            for code, relation, score in zip(codes, relations, scores):
                p.ratings.setdefault(code, []).append((str(relation), score))
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


async def existing_cards(actor: Actor, cycle_id: UUID) -> dict[UUID, ExistingCard]:
    """The cycle's scorecards now, by employee, with what they hold (scorecard_store.STORED: the dimensions
    by their digest, 32 characters a card)."""
    cards = {}
    for row in await _fetch(Scorecard.of(actor).filter(cycle_id=cycle_id).values_list("id", "employee_id", *STORED)):
        stored = tuple(row[2:])
        cards[row[1]] = ExistingCard(row[0], stored[1], stored[2], stored[6:10], stored)
    return cards

