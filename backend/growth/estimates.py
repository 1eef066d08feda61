"""What completes a requirement and when: how much remains, and an estimated date from tenure (exact),
an upcoming internal session that would complete it, or the person's recent pace. PURE: no I/O."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from backend.core.conditions import matches
from backend.growth.models import Aggregate, Comparator
from backend.growth.requirements import (
    Evidence, Outcome, RequirementSpec, Tenure, add_months, aggregate, distinct_key, matching, measure,
)

PACE_DAYS = 180
_WHOLE = (Aggregate.COUNT, Aggregate.DISTINCT, Aggregate.MONTHS_AT_PREVIOUS_LEVEL)
TENURE, SESSION, RECENT_PACE = "tenure", "session", "recent_pace"


@dataclass(frozen=True, slots=True)
class UpcomingSession:
    """A scheduled internal session that has not started yet."""

    id: UUID
    starts_on: date  # in the organisation's time zone
    kind: str
    attributes: dict[str, Any]
    hours: float
    requirement_id: UUID | None


@dataclass(frozen=True, slots=True)
class Estimate:
    on: date | None
    basis: str | None  # "tenure" | "session" | "recent_pace" | None


NO_ESTIMATE = Estimate(on=None, basis=None)


def remaining(spec: RequirementSpec, outcome: Outcome) -> float:
    """How much is still missing (0 once met; 0 for "at most" and "exactly" requirements that are over)."""
    if outcome.done:
        return 0.0
    if spec.comparator == Comparator.GT and spec.aggregate in _WHOLE:
        return max(math.floor(spec.target) + 1 - outcome.current, 0.0)
    if spec.comparator == Comparator.LTE:
        return 0.0
    return max(spec.target - outcome.current, 0.0)


def sessions_for(spec: RequirementSpec, sessions: Sequence[UpcomingSession]) -> list[UpcomingSession]:
    """Upcoming sessions that would count toward a requirement: linked to it, or of its kind with
    attributes its conditions accept. Soonest first."""
    if spec.aggregate == Aggregate.MONTHS_AT_PREVIOUS_LEVEL:
        return []
    found = [s for s in sessions if s.requirement_id == spec.id
             or (s.kind == spec.kind and matches(spec.conditions, s.attributes))]
    return sorted(found, key=lambda s: (s.starts_on, str(s.id)))


def estimate(spec: RequirementSpec, outcome: Outcome, records: Sequence[Evidence], *, today: date, tenure: Tenure,
             sessions: Sequence[UpcomingSession]) -> Estimate:
    """When the requirement would be met: exact for tenure; else the day of the upcoming session that
    would complete it; else the person's pace over the last PACE_DAYS days projected forward; else none."""
    left = remaining(spec, outcome)
    if left <= 0 or spec.comparator not in (Comparator.GTE, Comparator.GT):
        return NO_ESTIMATE
    if spec.aggregate == Aggregate.MONTHS_AT_PREVIOUS_LEVEL:
        if tenure.since is None:
            return NO_ESTIMATE
        whole = math.floor(spec.target) + 1 if spec.comparator == Comparator.GT else math.ceil(spec.target - 1e-9)
        return Estimate(on=max(add_months(tenure.since, whole), today), basis=TENURE)
    by_session = _by_sessions(spec, left, sessions_for(spec, sessions))
    if by_session is not None:
        return Estimate(on=by_session, basis=SESSION)
    return _by_pace(spec, left, records, today=today)


def _by_sessions(spec: RequirementSpec, left: float, sessions: Sequence[UpcomingSession]) -> date | None:
    if spec.aggregate == Aggregate.COUNT:
        needed = math.ceil(left - 1e-9)
        return sessions[needed - 1].starts_on if 0 < needed <= len(sessions) else None
    if spec.aggregate == Aggregate.SUM and (spec.measure_field or "quantity") == "quantity":
        total = 0.0
        for s in sessions:
            total += s.hours
            if total >= left - 1e-9:
                return s.starts_on
    return None


def _by_pace(spec: RequirementSpec, left: float, records: Sequence[Evidence], *, today: date) -> Estimate:
    since = today - timedelta(days=PACE_DAYS - 1)
    counted = matching(spec, records, today=today, windowed=False)
    if spec.aggregate == Aggregate.DISTINCT:
        # Only values seen for the first time recently are progress.
        name = spec.measure_field or "title"
        first: dict[str, date] = {}
        for r in counted:
            key = distinct_key(measure(r, name))
            if key is not None and (key not in first or r.occurred_on < first[key]):
                first[key] = r.occurred_on
        gained = float(sum(1 for day in first.values() if day >= since))
    else:
        gained, _ = aggregate(spec, [r for r in counted if r.occurred_on >= since])
    per_day = gained / PACE_DAYS
    if per_day <= 0:
        return NO_ESTIMATE
    if spec.window_days and per_day * spec.window_days < spec.target:
        return NO_ESTIMATE  # at this pace old records drop out of the window faster than new ones arrive
    return Estimate(on=today + timedelta(days=math.ceil(left / per_day - 1e-9)), basis=RECENT_PACE)
