"""Loading everything a cycle's recompute needs in a fixed number of set-based reads (no model instances),
whatever the headcount, as numpy columns by position (column_reads): people grouped by template, each
metric's values, the previous cycle's totals. Reads only; backend.performance.recompute decides and writes."""
from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, cast
from uuid import UUID

import numpy as np
from numpy.typing import NDArray
from tortoise.expressions import Q
from tortoise.queryset import ValuesListQuery

from backend.access.actor import Actor
from backend.org.models import Employee, EmployeeStatus
from backend.performance import assignment, scoring
from backend.performance.column_reads import Keys, as_ids, grouped
from backend.performance.models import (
    Dimension, KeyResult, MetricValue, Objective, Rating, ReviewCycle, Scorecard, ScorecardTemplate,
    TemplateAssignment, TemplateVersion,
)
from backend.performance.score_matrix import F64, Mask
from backend.performance.scorecard_store import STORED, Ranks

# Past this many people an IN (...) list costs more than reading the whole cycle and filtering here
# (and stays clear of the databases' bound-parameter limits).
IN_LIST_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class TemplateInUse:
    version_id: UUID
    dimensions: tuple[scoring.DimensionConfig, ...]


class ExistingCard(NamedTuple):  # a tuple: one per card of a marked run
    id: UUID
    department_id: UUID | None
    total: float
    ranks: Ranks  # (department rank, organisation rank, department percentile, organisation percentile)
    stored: tuple[Any, ...]  # everything a recompute writes, as scorecard_store.STORED lists it


@dataclass
class CycleInputs:
    """Everyone to score, by position, grouped by template (each group's positions are contiguous)."""

    people: Keys
    departments: NDArray[np.int64]  # index into department_ids; -1: none
    department_ids: list[UUID]
    groups: list[tuple[TemplateInUse, slice]]
    metrics: dict[str, tuple[F64, Mask]]  # each metric's value by position, and whether there is one
    others: dict[int, scoring.Inputs]  # ratings and objectives, for the positions that have any
    previous_totals: tuple[F64, Mask]  # the previous cycle's total by position, and whether there is one


@dataclass
class StoredDigests:
    """The cycle's cards now: employee and content digest (S32; blank for none)."""

    employees: Keys
    digests: NDArray[np.bytes_]


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


async def load(actor: Actor, cycle: ReviewCycle, employee_ids: Collection[UUID] | None) -> CycleInputs:
    """What scoring needs. `employee_ids` None: everyone active; else only those people (who may have
    left: then absent). The reads are independent: on PostgreSQL they run at once on pooled connections
    (in a transaction, on its one connection: one after the other)."""
    wanted = None if employee_ids is None else Keys.of(list(employee_ids))
    people, (templates, rules), values, others, previous = await asyncio.gather(
        _people(actor, cycle, employee_ids), _templates(actor), _metric_values(actor, cycle.id, employee_ids),
        _others(actor, cycle.id, employee_ids), _previous(actor, cycle, employee_ids))
    found = _matched(people, templates, rules, wanted)
    keys = found.people
    last: tuple[Any, NDArray[np.int64]] | None = None
    for code, (employees, numbers) in values.items():
        # Each metric's people usually come in the same order (the table's): look them up once.
        if last is None or not np.array_equal(last[0], employees):
            last = (employees, keys.find(employees))
        at = last[1]
        here = at >= 0
        column, present = np.zeros(len(keys)), np.zeros(len(keys), dtype=np.bool_)
        column[at[here]], present[at[here]] = numbers[here], True
        found.metrics[code] = (column, present)
    if others:
        ids = list(others)
        for employee, at in zip(ids, keys.find(as_ids(ids)).tolist(), strict=True):
            if at >= 0:
                found.others[at] = others[employee]
    employees, totals = previous
    at = keys.find(employees)
    here = at >= 0
    before, present = np.zeros(len(keys)), np.zeros(len(keys), dtype=np.bool_)
    before[at[here]], present[at[here]] = totals[here], True
    found.previous_totals = (before, present)
    return found


_Group = tuple[UUID | None, str, str]  # (department, job title, level): what decides a person's template


def _matched(people: list[tuple[_Group, Any]], templates: dict[UUID, TemplateInUse], rules: Sequence[assignment.Rule],
             wanted: Keys | None) -> CycleInputs:
    # The match depends only on (department, job title, level), which most people share with others.
    resolver = assignment.Resolver(rules)
    by_template: dict[UUID, list[tuple[UUID | None, Any]]] = {}
    for (department_id, job_title, level), ids in people:
        if wanted is not None:
            ids = ids[wanted.find(ids) >= 0]
        if not len(ids):
            continue
        match = resolver.resolve(assignment.Person(id=UUID(bytes=bytes(16)), department_id=department_id,
                                                   job_title=job_title, level=level))
        if match is not None and match.template_id in templates:
            by_template.setdefault(match.template_id, []).append((department_id, ids))
    department_ids = list(dict.fromkeys(d for rows in by_template.values() for d, _ in rows if d is not None))
    number = {d: i for i, d in enumerate(department_ids)}
    raw, departments, groups, at = [], [], [], 0
    for template_id, rows in by_template.items():
        size = sum(len(ids) for _, ids in rows)
        groups.append((templates[template_id], slice(at, at + size)))
        at += size
        for department_id, ids in rows:
            raw.append(ids)
            departments.append(np.full(len(ids), -1 if department_id is None else number[department_id], dtype=np.int64))
    keys = Keys(np.concatenate(raw) if raw else np.zeros(0, dtype="S16"))
    return CycleInputs(people=keys, departments=np.concatenate(departments) if departments else np.zeros(0, dtype=np.int64),
                       department_ids=department_ids, groups=groups, metrics={}, others={},
                       previous_totals=(np.zeros(0), np.zeros(0, dtype=np.bool_)))


async def _previous(actor: Actor, cycle: ReviewCycle, employee_ids: Collection[UUID] | None) -> tuple[Any, F64]:
    if cycle.previous_id is None:
        return np.zeros(0, dtype="S16"), np.zeros(0)
    [(_, (employees, totals))] = await grouped(_scoped(Scorecard.of(actor).filter(cycle_id=cycle.previous_id),
                                                       employee_ids).values_list("employee_id", "total"), 0, ["uuid", "float"])
    return employees, totals


async def _people(actor: Actor, cycle: ReviewCycle, employee_ids: Collection[UUID] | None) -> list[tuple[_Group, Any]]:
    # Whoever worked during the cycle: hired by its last day, and still here or left after its first day
    # (someone hired in October has no September score; someone who left in December keeps November's).
    employed = Employee.of(actor).filter(hire_date__lte=cycle.ends_on).filter(
        Q(status=EmployeeStatus.ACTIVE) | Q(left_on__gte=cycle.starts_on))
    query = _scoped(employed, employee_ids, key="id")
    rows: ValuesListQuery[Any] = query.values_list("department_id", "job_title", "level", "id")
    return [(cast(_Group, key), ids) for key, (ids,) in await grouped(rows, 3, ["uuid"])]


async def _metric_values(actor: Actor, cycle_id: UUID, employee_ids: Collection[UUID] | None) -> dict[str, tuple[Any, F64]]:
    """Each metric's (employees, values)."""
    query = _scoped(MetricValue.of(actor).filter(cycle_id=cycle_id), employee_ids)
    return {code: (employees, values) for (code,), (employees, values) in
            await grouped(query.values_list("metric_code", "employee_id", "value"), 1, ["uuid", "float"])}


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


async def _others(actor: Actor, cycle_id: UUID, employee_ids: Collection[UUID] | None) -> dict[UUID, scoring.Inputs]:
    """Ratings and objectives (with their key results), for the people who have any."""
    ratings, objectives = await asyncio.gather(
        _fetch_by_person(_scoped(Rating.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list(
            "employee_id", "dimension_code", "relation", "score")),
        _fetch(_scoped(Objective.of(actor).filter(cycle_id=cycle_id), employee_ids).values_list(
            "id", "employee_id", "weight")))
    found: dict[UUID, scoring.Inputs] = {}
    for e, codes, relations, scores in ratings:
        person = found.setdefault(e, scoring.Inputs())
        for code, relation, score in zip(codes, relations, scores):
            person.ratings.setdefault(code, []).append((str(relation), score))
    key_results: dict[UUID, list[scoring.KeyResultInput]] = {}
    if objectives:
        for o, start, current, target, weight in await _fetch(_scoped(
                KeyResult.of(actor).filter(objective__cycle_id=cycle_id), employee_ids, key="objective__employee_id"
        ).values_list("objective_id", "start_value", "current_value", "target_value", "weight")):
            key_results.setdefault(o, []).append(scoring.KeyResultInput(start=start, current=current, target=target,
                                                                        weight=weight))
    for o, e, weight in objectives:
        found.setdefault(e, scoring.Inputs()).objectives.append(
            scoring.ObjectiveInput(weight=weight, key_results=tuple(key_results.get(o, ()))))
    return found


async def stored_digests(actor: Actor, cycle_id: UUID) -> StoredDigests:
    """Every card of the cycle: whose it is and its content digest (what a full run compares)."""
    [(_, (employees, digests))] = await grouped(Scorecard.of(actor).filter(cycle_id=cycle_id).values_list(
        "employee_id", "content_digest"), 0, ["uuid", "text32"])
    return StoredDigests(Keys(employees), digests)


async def existing_cards(actor: Actor, cycle_id: UUID) -> dict[UUID, ExistingCard]:
    """The cycle's scorecards now, by employee, with what they hold (scorecard_store.STORED: the dimensions
    by their digest, 32 characters a card)."""
    cards = {}
    for row in await _fetch(Scorecard.of(actor).filter(cycle_id=cycle_id).values_list("id", "employee_id", *STORED)):
        stored = tuple(row[2:])
        cards[row[1]] = ExistingCard(row[0], stored[1], stored[2], stored[6:10], stored)
    return cards

