"""Evaluating level requirements over a person's confirmed evidence, a level's percent, and the next
missing step on their path. PURE: dataclasses in, dataclasses out; no I/O, no clock (callers pass
`today` in the organisation's time zone). The progress job, the map and the tracks preview share it."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from backend.core.conditions import matches
from backend.growth.models import Aggregate, Comparator

EPSILON = 1e-9
# A requirement that is not met never shows as full, whatever its ratio (e.g. "more than 2" at 2).
NOT_MET_CAP = 0.99


class RequirementStatus(StrEnum):
    DONE = "done"
    PARTIAL = "partial"  # some progress, e.g. 2 of 3
    MISSING = "missing"  # nothing yet


@dataclass(frozen=True, slots=True)
class RequirementSpec:
    id: UUID
    position: int
    kind: str | None  # an EvidenceKind value; None only for tenure
    conditions: Mapping[str, Any] | None
    aggregate: Aggregate
    measure_field: str | None
    window_days: int | None
    comparator: Comparator
    target: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """One CONFIRMED record (callers never pass other states)."""

    id: UUID
    kind: str
    title: str
    occurred_on: date
    quantity: float | None
    attributes: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Tenure:
    """Where the person stands for "N months at the previous level": `since` is the day they entered
    the previous level (their hire date for an entry level), None while they have not reached it;
    `passed` when they already hold this level or one after it (HR promoted them: the time was served)."""

    since: date | None = None
    passed: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    requirement_id: UUID
    current: float
    target: float
    status: RequirementStatus
    fraction: float  # 0..1, 1 only when met
    record_ids: tuple[UUID, ...] = ()

    @property
    def done(self) -> bool:
        return self.status == RequirementStatus.DONE

    def as_json(self) -> dict[str, Any]:
        """The LevelProgress.requirements entry."""
        return {"requirement_id": str(self.requirement_id), "current": self.current, "target": self.target,
                "status": self.status.value, "record_ids": [str(r) for r in self.record_ids]}


@dataclass(frozen=True, slots=True)
class LevelState:
    """A level's evaluated state, as the next-step walk needs it."""

    id: UUID
    previous_id: UUID | None
    position: int
    percent: int
    complete: bool
    outcomes: Sequence[Outcome] = field(default_factory=tuple)  # in requirement position order


# --- dates ---------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 January + 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (0 when end is before start): a month is complete on the same
    day of the next month, or on its last day when that month is shorter."""
    if end <= start:
        return 0
    n = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, n) > end:
        n -= 1
    return max(n, 0)


def _expired(attributes: Mapping[str, Any], today: date) -> bool:
    # A certificate (or any record carrying expires_on) counts up to and including its expiry day.
    value = attributes.get("expires_on")
    if not isinstance(value, str):
        return False
    try:
        return date.fromisoformat(value) < today
    except ValueError:
        return False


# --- one requirement ------------------------------------------------------------------------------


def matching(spec: RequirementSpec, records: Iterable[Evidence], *, today: date, windowed: bool = True) -> list[Evidence]:
    """The records a requirement counts: its kind, its conditions, not expired, and (if it has a window
    and `windowed`) occurred in the last `window_days` days, today included."""
    earliest = today - timedelta(days=spec.window_days - 1) if windowed and spec.window_days else None
    return [r for r in records
            if r.kind == spec.kind and (earliest is None or r.occurred_on >= earliest)
            and not _expired(r.attributes, today) and matches(spec.conditions, r.attributes)]


def measure(record: Evidence, name: str) -> Any:
    """A record's value of a measure field: quantity, title, or an attribute."""
    if name == "quantity":
        return record.quantity
    if name == "title":
        return record.title
    return record.attributes.get(name)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def distinct_key(value: Any) -> str | None:
    """The value as DISTINCT compares it: text without surrounding blanks; blanks and nulls do not count."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def aggregate(spec: RequirementSpec, records: Sequence[Evidence]) -> tuple[float, tuple[UUID, ...]]:
    """The aggregate over already-matched records and the records that contributed to it."""
    if spec.aggregate == Aggregate.SUM:
        name = spec.measure_field or "quantity"
        values = [(r.id, v) for r in records if (v := _number(measure(r, name))) is not None]
        return float(sum(v for _, v in values)), tuple(i for i, _ in values)
    if spec.aggregate == Aggregate.DISTINCT:
        seen: set[str] = set()
        used = []
        for r in records:
            key = distinct_key(measure(r, spec.measure_field or "title"))
            if key is not None:
                seen.add(key)
                used.append(r.id)
        return float(len(seen)), tuple(used)
    return float(len(records)), tuple(r.id for r in records)


def met(current: float, comparator: Comparator, target: float) -> bool:
    if comparator == Comparator.GT:
        return current > target + EPSILON
    if comparator == Comparator.EQ:
        return abs(current - target) <= EPSILON
    if comparator == Comparator.LTE:
        return current <= target + EPSILON
    return current >= target - EPSILON


def _fraction(current: float, comparator: Comparator, target: float) -> float:
    """How close an unmet requirement is, below 1."""
    if comparator == Comparator.LTE:
        ratio = target / current if current > 0 else 0.0
    elif comparator == Comparator.EQ and current > target:
        ratio = 0.0
    else:
        ratio = current / target if target > 0 else 0.0
    return min(max(ratio, 0.0), NOT_MET_CAP)


def evaluate(spec: RequirementSpec, records: Iterable[Evidence], *, today: date, tenure: Tenure = Tenure()) -> Outcome:
    """One requirement for one person over their confirmed records."""
    if spec.aggregate == Aggregate.MONTHS_AT_PREVIOUS_LEVEL:
        if tenure.passed:
            current = max(spec.target, 0.0)
        else:
            current = float(months_between(tenure.since, today)) if tenure.since is not None else 0.0
        used: tuple[UUID, ...] = ()
    else:
        current, used = aggregate(spec, matching(spec, records, today=today))
    if met(current, spec.comparator, spec.target):
        status, fraction = RequirementStatus.DONE, 1.0
    else:
        status = RequirementStatus.MISSING if current == 0 else RequirementStatus.PARTIAL
        fraction = _fraction(current, spec.comparator, spec.target)
    return Outcome(requirement_id=spec.id, current=current, target=spec.target, status=status, fraction=fraction,
                   record_ids=used)


# --- a level and the path --------------------------------------------------------------------------


def level_percent(outcomes: Sequence[Outcome]) -> tuple[int, bool]:
    """(percent, complete): the mean of the capped fractions, rounded down, so 100 only when every
    requirement is met. A level without requirements is complete."""
    if not outcomes:
        return 100, True
    complete = all(o.done for o in outcomes)
    if complete:
        return 100, True
    mean = sum(o.fraction for o in outcomes) / len(outcomes)
    return min(99, math.floor(mean * 100 + EPSILON)), False


def path_to(levels: Mapping[UUID, LevelState] | Mapping[UUID, Any], level_id: UUID | None) -> list[UUID]:
    """The level and every level before it, entry level first (safe on corrupt, cyclic data)."""
    path: list[UUID] = []
    current = level_id
    while current is not None and current in levels and current not in path:
        path.append(current)
        current = levels[current].previous_id
    return path[::-1]


def next_level(levels: Sequence[LevelState], current_level_id: UUID | None) -> LevelState | None:
    """The first incomplete level after the current one on the person's path (from the entry level when
    they hold none). Where the path branches, it follows the branch with the higher percent (ties: the
    lower position), through complete levels. None when everything ahead is complete or nothing is."""
    children: dict[UUID | None, list[LevelState]] = {}
    for level in levels:
        children.setdefault(level.previous_id, []).append(level)
    visited: set[UUID] = set()
    here = current_level_id
    while True:
        candidates = children.get(here, [])
        if not candidates:
            return None
        pick = max(candidates, key=lambda lv: (lv.percent, -lv.position))
        if pick.id in visited:  # corrupt (cyclic) data
            return None
        visited.add(pick.id)
        if not pick.complete:
            return pick
        here = pick.id


def next_step(levels: Sequence[LevelState], current_level_id: UUID | None) -> tuple[LevelState, Outcome] | None:
    """The next missing step: the first unmet requirement (by position) of `next_level`."""
    level = next_level(levels, current_level_id)
    if level is None:
        return None
    unmet = next((o for o in level.outcomes if not o.done), None)
    return (level, unmet) if unmet is not None else None
