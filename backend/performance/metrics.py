"""Metric values (指标数据): the one writer of MetricValue and its history. Managers and HR type values in
here; imports, the webhook and appeal corrections write through `write_values` / `put_value`. Every write
keeps who or what supplied it and when, and marks the person's scores stale."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import ValidationFailed
from backend.performance import dirty, person_dimensions, policy
from backend.performance.models import MetricValue, MetricValueChange, ValueSource
from backend.performance.person_dimensions import as_uuid

MAX_ABS_VALUE = 1e12
_BATCH = 1000
_CURRENT_FIELDS = ["value", "source", "source_label", "supplied_by_id", "updated_at"]


class ValueProblem(StrEnum):
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"


@dataclass(frozen=True, slots=True)
class Supplied:
    """One value for one person's metric in one cycle, and who or what supplied it."""

    cycle_id: UUID
    employee_id: UUID
    metric_code: str
    value: float
    source: ValueSource
    source_label: str = ""
    supplied_by_id: UUID | None = None
    metric_source_id: UUID | None = None
    external_id: str | None = None


def value_problem(value: object, *, percent: bool) -> ValueProblem | None:
    """Why a value cannot be stored, or None: a finite number within ±1e12 (0..100 for a % metric)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return ValueProblem.NOT_A_NUMBER
    if abs(value) > MAX_ABS_VALUE or (percent and not 0 <= value <= 100):
        return ValueProblem.OUT_OF_RANGE
    return None


def problem_text(problem: ValueProblem, *, percent: bool) -> tuple[str, str]:
    """(English, Chinese) explanation of a value problem."""
    if problem == ValueProblem.NOT_A_NUMBER:
        return "The value is not a number.", "数值不是有效数字。"
    if percent:
        return "A percentage must be between 0 and 100.", "百分比须在 0 到 100 之间。"
    return "The value is out of range (at most ±1,000,000,000,000).", "数值超出范围（绝对值不超过 1 万亿）。"


async def write_values(actor: Actor, supplied: Sequence[Supplied]) -> int:
    """INTERNAL, set-based (callers validated and checked permissions): appends one history row per
    value, upserts the current values (the last of several for the same key wins) and marks the people
    stale. A constant number of statements per 1,000 values. Raises IntegrityError when an external id
    was already recorded (the history insert comes first, so nothing else is written). Returns the
    number of values written."""
    if not supplied:
        return 0
    now = clock.now()
    async with db.transaction():
        previous = await _current_values(actor, supplied)
        changes = []
        for n, s in enumerate(supplied):
            key = (s.cycle_id, s.employee_id, s.metric_code)
            # A microsecond apart, so several values for one key in one batch keep their order in the history.
            changes.append(MetricValueChange.build_for(
                actor, cycle_id=s.cycle_id, employee_id=s.employee_id, metric_code=s.metric_code, value=s.value,
                previous_value=previous.get(key), source=s.source, source_label=s.source_label[:200],
                supplied_by_id=s.supplied_by_id, metric_source_id=s.metric_source_id, external_id=s.external_id,
                recorded_at=now + timedelta(microseconds=n)))
            previous[key] = s.value
        await MetricValueChange.bulk_create(changes, batch_size=_BATCH)
        latest = {(s.cycle_id, s.employee_id, s.metric_code): s for s in supplied}
        await MetricValue.bulk_create(
            [MetricValue.build_for(actor, cycle_id=s.cycle_id, employee_id=s.employee_id, metric_code=s.metric_code,
                                   value=s.value, source=s.source, source_label=s.source_label[:200],
                                   supplied_by_id=s.supplied_by_id, updated_at=now) for s in latest.values()],
            batch_size=_BATCH, on_conflict=["cycle_id", "employee_id", "metric_code"], update_fields=_CURRENT_FIELDS)
        for cycle_id in {s.cycle_id for s in supplied}:
            await dirty.mark(actor, cycle_id=cycle_id, employee_ids={s.employee_id for s in supplied if s.cycle_id == cycle_id})
    return len(supplied)


async def put_value(
    actor: Actor, *, cycle_id: UUID, employee_id: UUID, metric_code: str, value: float, source: ValueSource,
    source_label: str = "", supplied_by_id: UUID | None = None, metric_source_id: UUID | None = None,
    external_id: str | None = None,
) -> MetricValue | None:
    """INTERNAL (no permission check: callers validated): records one value (history row, current value,
    stale mark) in the caller's transaction or its own. Returns None, changing nothing, when
    (metric_source_id, external_id) was already recorded: the unique constraint decides, so two racing
    retries cannot both write."""
    entry = Supplied(cycle_id=cycle_id, employee_id=employee_id, metric_code=metric_code, value=value, source=source,
                     source_label=source_label, supplied_by_id=supplied_by_id, metric_source_id=metric_source_id,
                     external_id=external_id)
    try:
        async with db.transaction():  # a savepoint when nested: a replay must not abort the caller's work
            await write_values(actor, [entry])
    except IntegrityError:
        if external_id is None or not await MetricValueChange.of(actor).filter(
                metric_source_id=metric_source_id, external_id=external_id).exists():
            raise
        return None
    return await MetricValue.of(actor).get(cycle_id=cycle_id, employee_id=employee_id, metric_code=metric_code)


async def record_metric_value(actor: Actor, *, cycle_id: UUID, employee_id: UUID, metric_code: str,
                              value: float) -> MetricValue:
    """A manager (for people below them) or HR (for anyone) types in a value of a metric on the person's
    scorecard, in an open cycle. Audited as metric_value.recorded; queues a recompute. Raises NotFound,
    Forbidden, Conflict (cycle closed), ValidationFailed (metric not on the scorecard, value)."""
    cycle = await person_dimensions.open_cycle(actor, cycle_id)
    person = await person_dimensions.employee(actor, employee_id)
    await policy.require_assessor(actor, person.id)
    code = metric_code.strip().lower()
    dimension = (await person_dimensions.for_person(actor, person)).metric(person.id, code)
    if dimension is None:
        raise ValidationFailed(f"{person.name}'s scorecard has no metric “{code}”.", field="metricCode")
    percent = person_dimensions.is_percent(dimension)
    if (problem := value_problem(value, percent=percent)) is not None:
        raise ValidationFailed(problem_text(problem, percent=percent)[0], field="value")
    async with db.transaction():
        before = await MetricValue.of(actor).get_or_none(cycle_id=cycle.id, employee_id=person.id, metric_code=code)
        saved = await put_value(actor, cycle_id=cycle.id, employee_id=person.id, metric_code=code, value=float(value),
                                source=ValueSource.MANUAL, source_label=actor.label, supplied_by_id=actor.employee_id)
        assert saved is not None  # no external id: never a replay
        await audit.record(actor, action="metric_value.recorded", entity_type="metric_value", entity_id=saved.id,
                           before={"value": before.value} if before else None,
                           after={"cycle_id": cycle.id, "employee_id": person.id, "metric_code": code, "value": saved.value})
    return saved


async def list_metric_values(actor: Actor, *, cycle_id: UUID, employee_id: UUID) -> list[MetricValue]:
    """A person's current values in a cycle, by metric code. Seen by the person, their managers and HR.
    Raises NotFound, Forbidden."""
    cycle, person = await _readable(actor, cycle_id, employee_id)
    return list(await MetricValue.of(actor).filter(cycle_id=cycle, employee_id=person).order_by("metric_code"))


async def metric_value_history(actor: Actor, *, cycle_id: UUID, employee_id: UUID,
                               metric_code: str) -> list[MetricValueChange]:
    """Every value ever supplied for one metric of a person in a cycle, newest first. Same readers as
    list_metric_values."""
    cycle, person = await _readable(actor, cycle_id, employee_id)
    return list(await MetricValueChange.of(actor).filter(
        cycle_id=cycle, employee_id=person, metric_code=metric_code.strip().lower()).order_by("-recorded_at", "-id"))


async def recorded_external_ids(actor: Actor, metric_source_id: UUID, external_ids: Sequence[str]) -> list[str]:
    """Which of these external ids the source already sent (one query)."""
    return [str(e) for e in await MetricValueChange.of(actor).filter(
        metric_source_id=metric_source_id, external_id__in=list(set(external_ids))).values_list("external_id", flat=True)]


async def _readable(actor: Actor, cycle_id: UUID, employee_id: UUID) -> tuple[UUID, UUID]:
    cycle = await person_dimensions.cycle(actor, cycle_id)
    person = await person_dimensions.employee(actor, employee_id)
    await policy.require_may_see(actor, person.id)
    return cycle.id, person.id


async def _current_values(actor: Actor, supplied: Sequence[Supplied]) -> dict[tuple[UUID, UUID, str], float]:
    wanted = {(s.cycle_id, s.employee_id, s.metric_code) for s in supplied}
    rows = await MetricValue.of(actor).filter(
        cycle_id__in=list({s.cycle_id for s in supplied}), employee_id__in=list({s.employee_id for s in supplied}),
        metric_code__in=list({s.metric_code for s in supplied})).values_list("cycle_id", "employee_id", "metric_code", "value")
    found = {(as_uuid(c), as_uuid(e), str(m)): float(v) for c, e, m, v in rows}
    return {k: v for k, v in found.items() if k in wanted}
