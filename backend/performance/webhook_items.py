"""The values of one verified webhook request: each checked on its own (shape, allowed metric, person,
scorecard, value, the open cycle its date falls in), the good ones written together. Idempotent by the
(source, external id) unique constraint. Called by backend.performance.webhook only."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.core import clock, db
from backend.org import calendar
from backend.org.models import Employee
from backend.performance import metrics, person_dimensions
from backend.performance.models import CycleStatus, MetricSource, ReviewCycle, ValueSource
from backend.performance.person_dimensions import PersonDimensions

MAX_EXTERNAL_ID = 120


class ItemStatus(StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"  # this external id was recorded before: nothing changed
    REJECTED = "rejected"


class ItemCode(StrEnum):
    INVALID = "invalid"  # not an object, or a field missing or of the wrong type
    METRIC_NOT_ALLOWED = "metric_not_allowed"  # the source may not write this metric
    UNKNOWN_EMPLOYEE = "unknown_employee"
    UNKNOWN_METRIC = "unknown_metric"  # no active template uses it
    NOT_ON_SCORECARD = "not_on_scorecard"  # the person's template does not use it
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    NO_OPEN_CYCLE = "no_open_cycle"  # no open cycle contains the date (or the named cycle is not open)
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class ItemResult:
    external_id: str | None
    status: ItemStatus
    code: ItemCode | None = None
    message: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"external_id": self.external_id, "status": self.status.value,
                "code": self.code.value if self.code else None, "message": self.message}


@dataclass(frozen=True, slots=True)
class _Item:
    external_id: str
    employee_number: str
    metric_code: str
    value: Any
    day: date | None
    cycle_id: str | None


@dataclass(frozen=True, slots=True)
class _Known:
    people: dict[str, Employee]
    dimensions: PersonDimensions
    open_cycles: list[ReviewCycle]  # the shortest first when several contain a day (as currentReviewCycle)
    today: date
    recorded: set[str]  # external ids this source already sent


async def record_items(actor: Actor, source: MetricSource, values: Sequence[Any]) -> list[ItemResult]:
    results: list[ItemResult | None] = [None] * len(values)
    items: list[tuple[int, _Item]] = []
    for n, raw in enumerate(values):
        parsed = _parse(raw)
        if isinstance(parsed, ItemResult):
            results[n] = parsed
        else:
            items.append((n, parsed))
    if not items:
        return [r for r in results if r is not None]
    known = await _load(actor, source, [i for _, i in items])
    accepted: list[tuple[int, metrics.Supplied]] = []
    for n, item in items:
        if item.external_id in known.recorded:
            results[n] = _duplicate(item.external_id)
            continue
        checked = _check(item, known, source)
        if isinstance(checked, ItemResult):
            results[n] = checked
        else:
            known.recorded.add(item.external_id)  # a second value with this id in the same request is a replay
            accepted.append((n, checked))
            results[n] = ItemResult(item.external_id, ItemStatus.CREATED)
    for n, replayed in await _write(actor, accepted):
        results[n] = _duplicate(replayed)
    return [r for r in results if r is not None]


def _parse(raw: Any) -> _Item | ItemResult:
    if not isinstance(raw, dict):
        return _rejected(None, ItemCode.INVALID, "Each value is an object.")
    external = raw.get("external_id")
    external_id = str(external).strip() if isinstance(external, str | int) and not isinstance(external, bool) else ""
    if not 1 <= len(external_id) <= MAX_EXTERNAL_ID:
        return _rejected(None, ItemCode.INVALID, f"external_id is required text of at most {MAX_EXTERNAL_ID} characters.")
    number, code = raw.get("employee_number"), raw.get("metric_code")
    if not isinstance(number, str | int) or isinstance(number, bool) or not str(number).strip():
        return _rejected(external_id, ItemCode.INVALID, "employee_number is required.")
    if not isinstance(code, str) or not code.strip():
        return _rejected(external_id, ItemCode.INVALID, "metric_code is required.")
    day, cycle_id = raw.get("date"), raw.get("cycle_id")
    try:
        parsed_day = date.fromisoformat(day) if day is not None else None
    except (TypeError, ValueError):
        return _rejected(external_id, ItemCode.INVALID, "date is YYYY-MM-DD.")
    return _Item(external_id=external_id, employee_number=str(number).strip(), metric_code=code.strip().lower(),
                 value=raw.get("value"), day=parsed_day, cycle_id=str(cycle_id) if cycle_id is not None else None)


async def _load(actor: Actor, source: MetricSource, items: list[_Item]) -> _Known:
    people = {e.employee_number: e for e in await Employee.of(actor).filter(
        employee_number__in=list({i.employee_number for i in items}))}
    cycles = list(await ReviewCycle.of(actor).filter(status=CycleStatus.OPEN).order_by("-starts_on", "ends_on", "id"))
    today = clock.now().astimezone(await calendar.zone(actor)).date()
    recorded = set(await metrics.recorded_external_ids(actor, source.id, [i.external_id for i in items]))
    return _Known(people=people, dimensions=await person_dimensions.for_people(actor, people.values()),
                  open_cycles=cycles, today=today, recorded=recorded)


def _check(item: _Item, known: _Known, source: MetricSource) -> metrics.Supplied | ItemResult:
    eid = item.external_id
    if source.allowed_metrics and item.metric_code not in source.allowed_metrics:
        return _rejected(eid, ItemCode.METRIC_NOT_ALLOWED, f"This source may not send “{item.metric_code}”.")
    person = known.people.get(item.employee_number)
    if person is None:
        return _rejected(eid, ItemCode.UNKNOWN_EMPLOYEE, f"No employee has number {item.employee_number}.")
    if item.metric_code not in known.dimensions.org_metric_codes:
        return _rejected(eid, ItemCode.UNKNOWN_METRIC, f"No scorecard template uses “{item.metric_code}”.")
    dimension = known.dimensions.metric(person.id, item.metric_code)
    if dimension is None:
        return _rejected(eid, ItemCode.NOT_ON_SCORECARD, f"This person's scorecard has no “{item.metric_code}”.")
    percent = person_dimensions.is_percent(dimension)
    if (problem := metrics.value_problem(item.value, percent=percent)) is not None:
        return _rejected(eid, ItemCode(problem.value), metrics.problem_text(problem, percent=percent)[0])
    cycle = _cycle(item, known)
    if cycle is None:
        return _rejected(eid, ItemCode.NO_OPEN_CYCLE, f"No open review cycle contains {item.day or known.today}.")
    return metrics.Supplied(cycle_id=cycle.id, employee_id=person.id, metric_code=item.metric_code,
                            value=float(item.value), source=ValueSource.WEBHOOK, source_label=source.name,
                            metric_source_id=source.id, external_id=eid)


def _cycle(item: _Item, known: _Known) -> ReviewCycle | None:
    if item.cycle_id is not None:
        return next((c for c in known.open_cycles if str(c.id) == item.cycle_id), None)
    day = item.day or known.today
    return next((c for c in known.open_cycles if c.starts_on <= day <= c.ends_on), None)


async def _write(actor: Actor, accepted: list[tuple[int, metrics.Supplied]]) -> list[tuple[int, str]]:
    """Writes the accepted values; returns those a concurrent retry recorded first, as (index, external id)."""
    if not accepted:
        return []
    async with db.transaction():
        try:
            async with db.transaction():  # a savepoint: a racing retry must not abort the rest
                await metrics.write_values(actor, [s for _, s in accepted])
            return []
        except IntegrityError:
            pass
        # One at a time, so the unique constraint names exactly the values the other request wrote.
        replayed = []
        for n, supplied in accepted:
            if await metrics.put_value(actor, **asdict(supplied)) is None:
                replayed.append((n, str(supplied.external_id)))
        return replayed


def _rejected(external_id: str | None, code: ItemCode, message: str) -> ItemResult:
    return ItemResult(external_id, ItemStatus.REJECTED, code, message)


def _duplicate(external_id: str) -> ItemResult:
    return ItemResult(external_id, ItemStatus.DUPLICATE, ItemCode.DUPLICATE, "Already recorded; nothing changed.")
