"""PURE: one person's attendance on one day, derived from raw punches, the day's plan and approved
corrections. No I/O; table-tested in tests/backend/attendance/test_derivation.py.

Rules (why in the comments below):
- A day is the shift's START day in the site's zone; an overnight shift (end <= start) ends the next day.
  Shift start/end are wall-clock times turned into instants with zoneinfo, so a 23-h or 25-h night gives
  real elapsed minutes. A start inside a DST gap resolves as zoneinfo's fold=0 does (the pre-gap offset).
- Punch windows partition time: each day owns [boundary(day), boundary(day + 1)), so two days never
  claim the same punch. boundary(D) is
    * D has a shift starting at S: S − 4 h, unless the previous day's shift ended at E less than 12 h
      before S (its own E + 8 h window would overlap): then the midpoint of E and S;
    * D is a rest day after a shift day ending at E: E + 8 h (late leavers stay on their shift day);
    * D is a rest day after a rest day: local midnight of D.
- Direction: the device's policy decides (device: as reported; first_in_last_out: ignored; in_only /
  out_only: fixed). first_in is the earliest punch that may be an "in", last_out the latest that may be
  an "out" (a different, later punch). Using an unknown direction flags "direction_inferred". A single
  unknown punch is an in before the shift's midpoint, else an out.
- Repeats: a punch within 60 s of the previous kept one (same or unknown direction) is ignored
  ("duplicate_punches_ignored"): people press twice.
- Corrections (approved missed punches) count as punches with their explicit direction ("corrected").
- Worked = last_out − first_in, minus the unpaid break when the stay is longer than half the scheduled
  span (someone leaving at lunch took no break). Late/early minutes are the full minutes past the start /
  before the end, zero within the grace. Overtime is the whole time past the end once it exceeds
  overtime_after_minutes; on a rest day all worked time is overtime under the same threshold.
- Status precedence: on leave > remote > (rest day) > absent (no punches) > missing punch (one side only)
  > absent / half day by worked minutes > late and early > late > early leave > present.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.attendance.models import DayStatus, DirectionPolicy

EARLY_WINDOW = timedelta(hours=4)  # an arrival this long before the start still belongs to the day
LATE_WINDOW = timedelta(hours=8)  # a departure this long after the end still belongs to the day
OVERLAP_GAP = EARLY_WINDOW + LATE_WINDOW
DUPLICATE_WITHIN = timedelta(seconds=60)

IN, OUT, UNKNOWN = "in", "out", "unknown"
DIRECTION_INFERRED = "direction_inferred"
CORRECTED = "corrected"
DUPLICATES_IGNORED = "duplicate_punches_ignored"
INCOMPLETE = "incomplete_punches"  # a rest day with a single punch: nothing can be counted


@dataclass(frozen=True, slots=True)
class ShiftSpec:
    """A shift's wall-clock rule (backend.attendance.models.Shift without the bookkeeping)."""

    start_minute: int
    end_minute: int
    break_minutes: int = 60
    late_grace_minutes: int = 5
    early_grace_minutes: int = 5
    half_day_minutes: int = 240
    absent_minutes: int = 60
    overtime_after_minutes: int = 30

    @property
    def overnight(self) -> bool:
        return self.end_minute <= self.start_minute


@dataclass(frozen=True, slots=True)
class Correction:
    at: datetime  # aware
    direction: str  # "in" | "out"


@dataclass(frozen=True, slots=True)
class DayPlan:
    """What applies to a person on a day (backend.attendance.schedule builds these). `shift` None is a
    rest day; `shift_id` / `site_id` are only carried for storage."""

    day: date
    tz: str
    shift: ShiftSpec | None = None
    shift_id: UUID | None = None
    site_id: UUID | None = None
    remote: bool = False
    on_leave: bool = False
    corrections: tuple[Correction, ...] = ()

    @property
    def working(self) -> bool:
        return self.shift is not None


@dataclass(frozen=True, slots=True)
class Punch:
    at: datetime  # aware
    direction: str = UNKNOWN  # "in" | "out" | "unknown" as the device reported it
    policy: DirectionPolicy = DirectionPolicy.DEVICE


@dataclass(frozen=True, slots=True)
class DayInputs:
    plan: DayPlan
    punches: tuple[Punch, ...] = ()  # may include the neighbours' punches: only the window's are used
    previous: DayPlan | None = None  # the day before (None: treated as a rest day)
    next: DayPlan | None = None  # the day after


@dataclass(frozen=True, slots=True)
class DayResult:
    status: DayStatus
    window_start: datetime
    window_end: datetime
    first_in: datetime | None = None
    last_out: datetime | None = None
    late_minutes: int = 0
    early_leave_minutes: int = 0
    worked_minutes: int = 0
    overtime_minutes: int = 0
    punch_count: int = 0
    flags: tuple[str, ...] = field(default=())


def wall(day: date, minute: int, tz: str) -> datetime:
    """The instant (in UTC) of `minute` after local midnight of `day` in `tz` (minute may exceed a day).
    UTC because Python subtracts two datetimes sharing one tzinfo as wall clocks, which loses DST hours."""
    extra, minute = divmod(minute, 24 * 60)
    return datetime.combine(day + timedelta(days=extra), time(minute // 60, minute % 60), ZoneInfo(tz)).astimezone(UTC)


def shift_bounds(plan: DayPlan) -> tuple[datetime, datetime] | None:
    """Scheduled start and end instants (end on the next day for an overnight shift)."""
    if plan.shift is None:
        return None
    s = plan.shift
    end_day = plan.day + timedelta(days=1) if s.overnight else plan.day
    return wall(plan.day, s.start_minute, plan.tz), wall(end_day, s.end_minute, plan.tz)


def boundary(plan: DayPlan, previous: DayPlan | None) -> datetime:
    """Where `plan.day`'s punch window starts (see the module rules)."""
    mine = shift_bounds(plan)
    before = shift_bounds(previous) if previous is not None and previous.day == plan.day - timedelta(days=1) else None
    if mine is not None:
        start = mine[0]
        if before is not None and start - before[1] < OVERLAP_GAP:
            return before[1] + (start - before[1]) / 2
        return start - EARLY_WINDOW
    if before is not None:
        return max(before[1] + LATE_WINDOW, wall(plan.day, 0, plan.tz))
    return wall(plan.day, 0, plan.tz)


def punch_window(plan: DayPlan, previous: DayPlan | None, next_plan: DayPlan | None) -> tuple[datetime, datetime]:
    """[start, end) of the punches that belong to the day. Neighbours missing count as rest days."""
    following = next_plan if next_plan is not None and next_plan.day == plan.day + timedelta(days=1) \
        else DayPlan(day=plan.day + timedelta(days=1), tz=plan.tz)
    return boundary(plan, previous), boundary(following, plan)


def candidate_days(moment: datetime, tz: str) -> list[date]:
    """Days a punch at `moment` may belong to, whatever the shifts: its local day, the day before when
    it is before noon (overnight shifts, late leavers) and the day after from 20:00 (early arrivals for a
    shift starting near midnight). Marking a day too many only costs a recompute."""
    local = moment.astimezone(ZoneInfo(tz))
    days = [local.date()]
    if local.hour < 12:
        days.insert(0, local.date() - timedelta(days=1))
    if local.hour >= 20:
        days.append(local.date() + timedelta(days=1))
    return days


def _effective(p: Punch) -> str:
    if p.policy == DirectionPolicy.FIRST_IN_LAST_OUT:
        return UNKNOWN
    if p.policy == DirectionPolicy.IN_ONLY:
        return IN
    if p.policy == DirectionPolicy.OUT_ONLY:
        return OUT
    return p.direction if p.direction in (IN, OUT) else UNKNOWN


def _dedupe(punches: Sequence[tuple[datetime, str]]) -> tuple[list[tuple[datetime, str]], bool]:
    kept: list[tuple[datetime, str]] = []
    dropped = False
    for at, direction in sorted(punches):
        previous = kept[-1] if kept else None
        if previous is not None and at - previous[0] <= DUPLICATE_WITHIN \
                and (direction == previous[1] or UNKNOWN in (direction, previous[1])):
            dropped = True
            continue
        kept.append((at, direction))
    return kept, dropped


def _minutes(delta: timedelta) -> int:
    return max(0, int(delta.total_seconds() // 60))


def _pick(punches: list[tuple[datetime, str]], midpoint: datetime | None) -> tuple[
        tuple[datetime, str] | None, tuple[datetime, str] | None]:
    """(first in, last out) among the kept punches, each with the direction it was taken from."""
    ins = [p for p in punches if p[1] in (IN, UNKNOWN)]
    first = ins[0] if ins else None
    outs = [p for p in punches if p[1] in (OUT, UNKNOWN) and (first is None or p[0] > first[0])]
    last = outs[-1] if outs else None
    if first is not None and last is None and first[1] == UNKNOWN and len(punches) == 1 \
            and midpoint is not None and first[0] >= midpoint:
        return None, first  # a lone unknown punch late in the shift is a departure
    return first, last


def derive_day(inputs: DayInputs) -> DayResult:
    plan = inputs.plan
    start, end = punch_window(plan, inputs.previous, inputs.next)
    raw = [(moment, _effective(p)) for p in inputs.punches if start <= (moment := p.at.astimezone(UTC)) < end]
    kept, dropped = _dedupe(raw)
    flags: set[str] = {DUPLICATES_IGNORED} if dropped else set()
    if plan.corrections:
        flags.add(CORRECTED)
        kept = sorted(kept + [(c.at.astimezone(UTC), c.direction if c.direction in (IN, OUT) else UNKNOWN)
                              for c in plan.corrections])
    bounds = shift_bounds(plan)
    midpoint = bounds[0] + (bounds[1] - bounds[0]) / 2 if bounds else None
    first, last = _pick(kept, midpoint)
    if UNKNOWN in {x[1] for x in (first, last) if x is not None}:
        flags.add(DIRECTION_INFERRED)
    first_in = first[0] if first else None
    last_out = last[0] if last else None
    span = _minutes(last_out - first_in) if first_in and last_out else 0

    if bounds is None or plan.shift is None:  # a rest day: any work is overtime
        if kept and not (first_in and last_out):
            flags.add(INCOMPLETE)
        overtime_after = plan.shift.overtime_after_minutes if plan.shift else 30
        status = DayStatus.ON_LEAVE if plan.on_leave else DayStatus.REST_DAY
        return DayResult(status=status, window_start=start, window_end=end, first_in=first_in, last_out=last_out,
                         worked_minutes=span, overtime_minutes=span if span > overtime_after else 0,
                         punch_count=len(kept), flags=tuple(sorted(flags)))

    shift = plan.shift
    scheduled = _minutes(bounds[1] - bounds[0])
    worked = max(0, span - shift.break_minutes) if span > scheduled / 2 else span
    late = _minutes(first_in - bounds[0]) if first_in else 0
    late = late if late > shift.late_grace_minutes else 0
    early = _minutes(bounds[1] - last_out) if last_out else 0
    early = early if early > shift.early_grace_minutes else 0
    past_end = _minutes(last_out - bounds[1]) if last_out else 0
    overtime = past_end if past_end > shift.overtime_after_minutes else 0
    status = _status(plan, kept, first_in, last_out, worked, late, early)
    if status in (DayStatus.ON_LEAVE, DayStatus.REMOTE):
        late = early = 0
    return DayResult(status=status, window_start=start, window_end=end, first_in=first_in, last_out=last_out,
                     late_minutes=late, early_leave_minutes=early, worked_minutes=worked, overtime_minutes=overtime,
                     punch_count=len(kept), flags=tuple(sorted(flags)))


def _status(plan: DayPlan, kept: list[tuple[datetime, str]], first_in: datetime | None, last_out: datetime | None,
            worked: int, late: int, early: int) -> DayStatus:
    assert plan.shift is not None
    if plan.on_leave:
        return DayStatus.ON_LEAVE
    if plan.remote:
        return DayStatus.REMOTE
    if not kept:
        return DayStatus.ABSENT
    if first_in is None or last_out is None:
        return DayStatus.MISSING_PUNCH
    if worked < plan.shift.absent_minutes:
        return DayStatus.ABSENT
    if worked < plan.shift.half_day_minutes:
        return DayStatus.HALF_DAY
    if late and early:
        return DayStatus.LATE_AND_EARLY
    if late:
        return DayStatus.LATE
    if early:
        return DayStatus.EARLY_LEAVE
    return DayStatus.PRESENT
