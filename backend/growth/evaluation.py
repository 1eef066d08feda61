"""One person's progress on one track: every level's requirements evaluated over their confirmed records,
with tenure placed by the level they hold. PURE; the progress job, the map and the preview call it."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from backend.growth.models import Aggregate, Comparator
from backend.growth.requirements import (
    Evidence, LevelState, Outcome, RequirementSpec, Tenure, evaluate, level_percent, next_step, path_to,
)


@dataclass(frozen=True, slots=True)
class LevelSpec:
    id: UUID
    code: str
    previous_id: UUID | None
    position: int
    requirements: tuple[RequirementSpec, ...]  # in position order


@dataclass(frozen=True, slots=True)
class TrackSpec:
    id: UUID
    code: str
    levels: tuple[LevelSpec, ...]  # in position order

    def level(self, level_id: UUID | None) -> LevelSpec | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a person stands on their track: the level HR last promoted them to (None: not yet at the
    entry level), since when, and their hire date (an entry level's tenure counts from it)."""

    current_level_id: UUID | None
    level_since: date | None
    hire_date: date


@dataclass(frozen=True, slots=True)
class LevelResult:
    level: LevelSpec
    outcomes: tuple[Outcome, ...]
    evidence_percent: int
    met: bool  # the confirmed records meet every requirement
    held: bool  # the person holds this level or one after it on their path

    @property
    def percent(self) -> int:
        return 100 if self.held else self.evidence_percent

    @property
    def complete(self) -> bool:
        return self.met or self.held


def requirement_spec(row: Sequence[Any]) -> RequirementSpec:
    """From a values_list row (id, position, evidence_kind, conditions, aggregate, measure_field,
    window_days, comparator, target)."""
    i, position, kind, conditions, aggregate, measure_field, window_days, comparator, target = row
    return RequirementSpec(id=i, position=position, kind=str(kind) if kind is not None else None,
                           conditions=conditions, aggregate=Aggregate(str(aggregate)), measure_field=measure_field,
                           window_days=window_days, comparator=Comparator(str(comparator)), target=float(target))


def by_kind(records: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    grouped: dict[str, list[Evidence]] = {}
    for r in records:
        grouped.setdefault(r.kind, []).append(r)
    return grouped


def tenure_for(track: TrackSpec, level: LevelSpec, standing: Standing, held: set[UUID]) -> Tenure:
    """Months at the previous level: served if the person holds this level (or one past it) or holds a
    level past the previous one on another branch; counting from the promotion into the previous level
    when that is the level they hold now; from the hire date for an entry level; else not started."""
    if level.id in held:
        return Tenure(passed=True)
    previous = level.previous_id
    if previous is None:
        return Tenure(since=standing.hire_date)
    if previous == standing.current_level_id:
        return Tenure(since=standing.level_since or standing.hire_date)
    if previous in held:
        return Tenure(passed=True)
    return Tenure()


def evaluate_person(track: TrackSpec, records: Mapping[str, Sequence[Evidence]], standing: Standing, *,
                    today: date) -> list[LevelResult]:
    """Every level of the track, in position order. `records` are the person's CONFIRMED records by kind."""
    by_id = {lv.id: lv for lv in track.levels}
    held = set(path_to(by_id, standing.current_level_id))
    results = []
    for level in track.levels:
        tenure = tenure_for(track, level, standing, held)
        outcomes = tuple(evaluate(spec, records.get(spec.kind or "", ()), today=today, tenure=tenure)
                         for spec in level.requirements)
        percent, met = level_percent(outcomes)
        results.append(LevelResult(level=level, outcomes=outcomes, evidence_percent=percent, met=met,
                                   held=level.id in held))
    return results


def states(results: Sequence[LevelResult]) -> list[LevelState]:
    return [LevelState(id=r.level.id, previous_id=r.level.previous_id, position=r.level.position, percent=r.percent,
                       complete=r.complete, outcomes=r.outcomes) for r in results]


def next_of(results: Sequence[LevelResult], current_level_id: UUID | None) -> tuple[LevelResult, Outcome] | None:
    """The next missing step (see requirements.next_step) with its level's result."""
    found = next_step(states(results), current_level_id)
    if found is None:
        return None
    level, outcome = found
    return next(r for r in results if r.level.id == level.id), outcome
