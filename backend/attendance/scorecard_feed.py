"""Attendance into the scorecard: after a recompute, each touched person's attendance rate and punctuality
over each open review cycle (from its first day through today) are written as the metrics
"attendance_rate" and "punctuality" (percent, 0..100), through performance's metric writer so their
scores recompute. Only people whose scorecard has such a metric get a value, only when it changed
(idempotent: a repeat writes nothing), and only when the cycle holds a planned working day.

- Planned working days: every derived day except rest days and leave.
- Attendance rate = attended / planned × 100, where present, late, early leave, late-and-early and
  remote days count 1, half days and days with a missing punch ½ (there, but not a full day), absence 0.
- Punctuality = on-time arrivals / days arrived on site × 100: of the days with a punch-in (present, late,
  early leave, late-and-early), those not late."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from backend.access.actor import Actor
from backend.attendance.models import DailyAttendance, DayStatus
from backend.attendance.schedule import as_uuid
from backend.core import clock
from backend.org.models import Employee
from backend.performance import metrics, person_dimensions
from backend.performance.models import CycleStatus, MetricValue, ReviewCycle, ValueSource

ATTENDANCE_RATE = "attendance_rate"
PUNCTUALITY = "punctuality"
SOURCE_LABEL = "attendance"
_FULL = frozenset({DayStatus.PRESENT, DayStatus.LATE, DayStatus.EARLY_LEAVE, DayStatus.LATE_AND_EARLY,
                   DayStatus.REMOTE})
_HALF = frozenset({DayStatus.HALF_DAY, DayStatus.MISSING_PUNCH})
_UNPLANNED = frozenset({DayStatus.REST_DAY, DayStatus.ON_LEAVE})
_ARRIVED = frozenset({DayStatus.PRESENT, DayStatus.LATE, DayStatus.EARLY_LEAVE, DayStatus.LATE_AND_EARLY})
_ON_TIME = frozenset({DayStatus.PRESENT, DayStatus.EARLY_LEAVE})


@dataclass(frozen=True, slots=True)
class Rates:
    attendance_rate: float | None  # None: no planned working day
    punctuality: float | None  # None: never arrived on site


def rates(statuses: Sequence[DayStatus]) -> Rates:
    """PURE: the two percentages (rounded to 0.1) over a person's derived days."""
    planned = [s for s in statuses if s not in _UNPLANNED]
    attended = sum(1.0 if s in _FULL else 0.5 if s in _HALF else 0.0 for s in planned)
    arrived = [s for s in planned if s in _ARRIVED]
    return Rates(attendance_rate=round(100 * attended / len(planned), 1) if planned else None,
                 punctuality=round(100 * sum(s in _ON_TIME for s in arrived) / len(arrived), 1) if arrived else None)


async def feed(actor: Actor, employee_ids: Iterable[UUID]) -> int:
    """Write the touched people's attendance metrics in every open cycle. A constant number of statements
    plus the metric writer's when something changed. Returns how many values were written."""
    people_ids = sorted(set(employee_ids))
    cycles = await ReviewCycle.of(actor).filter(status=CycleStatus.OPEN).values_list("id", "starts_on", "ends_on") \
        if people_ids else []
    if not cycles:
        return 0
    people = await Employee.of(actor).filter(id__in=people_ids)
    dims = await person_dimensions.for_people(actor, people)
    fed = {p.id: [c for c in (ATTENDANCE_RATE, PUNCTUALITY) if dims.metric(p.id, c) is not None] for p in people}
    fed = {e: codes for e, codes in fed.items() if codes}
    if not fed:
        return 0
    today = clock.now().date()
    first = min(s for _, s, _ in cycles)
    last = min(max(e for _, _, e in cycles), today)
    days: dict[UUID, list[tuple[date, DayStatus]]] = {}
    for employee_id, day, status in await DailyAttendance.of(actor).filter(
            employee_id__in=list(fed), day__gte=first, day__lte=last).values_list("employee_id", "day", "status"):
        days.setdefault(as_uuid(employee_id), []).append((day, DayStatus(status)))
    wanted: list[metrics.Supplied] = []
    for cycle_id, starts_on, ends_on in cycles:
        for employee_id, codes in fed.items():
            found = rates([s for d, s in days.get(employee_id, []) if starts_on <= d <= min(ends_on, today)])
            values = {ATTENDANCE_RATE: found.attendance_rate, PUNCTUALITY: found.punctuality}
            wanted += [metrics.Supplied(cycle_id=as_uuid(cycle_id), employee_id=employee_id, metric_code=code,
                                        value=value, source=ValueSource.SYSTEM, source_label=SOURCE_LABEL)
                       for code in codes if (value := values[code]) is not None]
    if not wanted:
        return 0
    current = {(as_uuid(c), as_uuid(e), str(m)): float(v) for c, e, m, v in await MetricValue.of(actor).filter(
        cycle_id__in=[as_uuid(c) for c, _, _ in cycles], employee_id__in=list(fed),
        metric_code__in=[ATTENDANCE_RATE, PUNCTUALITY]).values_list("cycle_id", "employee_id", "metric_code", "value")}
    changed = [s for s in wanted if current.get((s.cycle_id, s.employee_id, s.metric_code)) != s.value]
    return await metrics.write_values(actor, changed) if changed else 0
