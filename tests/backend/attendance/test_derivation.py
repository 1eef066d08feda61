"""derive_day, table-tested without a database: time zones (Shanghai, Berlin and New York across both DST
changes), overnight shifts, missing and duplicate punches, direction policies, rest days, remote and leave
days, corrections, and the punch windows that keep neighbouring days from stealing each other's punches."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backend.attendance.derivation import (
    Correction, DayInputs, DayPlan, Punch, ShiftSpec, candidate_days, derive_day, punch_window,
)
from backend.attendance.models import DayStatus, DirectionPolicy

P = DayStatus
DEVICE, FILO = DirectionPolicy.DEVICE, DirectionPolicy.FIRST_IN_LAST_OUT
IN_ONLY, OUT_ONLY = DirectionPolicy.IN_ONLY, DirectionPolicy.OUT_ONLY
DAY = ShiftSpec(start_minute=9 * 60, end_minute=18 * 60)  # 09:00–18:00, 60 min break, 5 min graces
NIGHT = ShiftSpec(start_minute=22 * 60, end_minute=6 * 60)  # 22:00–06:00 next morning
NY_DAY = ShiftSpec(start_minute=8 * 60, end_minute=17 * 60)
NY_NIGHT = ShiftSpec(start_minute=20 * 60, end_minute=4 * 60)
MON = date(2026, 12, 7)


def at(local: str, tz: str) -> datetime:
    """'2026-12-07 08:55[:30]' read in `tz` (first occurrence in a DST overlap)."""
    fmt = "%Y-%m-%d %H:%M:%S" if local.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(local, fmt).replace(tzinfo=ZoneInfo(tz))


def punches(tz: str, *items: tuple[str, str] | tuple[str, str, DirectionPolicy]) -> tuple[Punch, ...]:
    return tuple(Punch(at=at(i[0], tz), direction=i[1], policy=i[2] if len(i) == 3 else DEVICE) for i in items)


# id, tz, day, shift, punches [(local, direction[, policy])], plan extras,
# expected (status, late, early, worked, overtime, flags)
ROWS = [
    ("on-time", "Asia/Shanghai", MON, DAY, [("2026-12-07 08:55", "in"), ("2026-12-07 18:05", "out")], {},
     (P.PRESENT, 0, 0, 490, 0, ())),
    ("late-20", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:20", "in"), ("2026-12-07 18:00", "out")], {},
     (P.LATE, 20, 0, 460, 0, ())),
    ("within-grace", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:04", "in"), ("2026-12-07 18:00", "out")], {},
     (P.PRESENT, 0, 0, 476, 0, ())),
    ("early-leave", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:00", "in"), ("2026-12-07 17:30", "out")], {},
     (P.EARLY_LEAVE, 0, 30, 450, 0, ())),
    ("late-and-early", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:30", "in"), ("2026-12-07 17:00", "out")], {},
     (P.LATE_AND_EARLY, 30, 60, 390, 0, ())),
    ("half-day-no-break", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:00", "in"), ("2026-12-07 12:00", "out")], {},
     (P.HALF_DAY, 0, 360, 180, 0, ())),
    ("absent-by-minutes", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:00", "in"), ("2026-12-07 09:30", "out")], {},
     (P.ABSENT, 0, 510, 30, 0, ())),
    ("no-punches", "Asia/Shanghai", MON, DAY, [], {}, (P.ABSENT, 0, 0, 0, 0, ())),
    ("only-in", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:10", "in")], {}, (P.MISSING_PUNCH, 10, 0, 0, 0, ())),
    ("only-out", "Asia/Shanghai", MON, DAY, [("2026-12-07 18:00", "out")], {}, (P.MISSING_PUNCH, 0, 0, 0, 0, ())),
    ("lone-unknown-evening-is-out", "Asia/Shanghai", MON, DAY, [("2026-12-07 17:50", "unknown", FILO)], {},
     (P.MISSING_PUNCH, 0, 10, 0, 0, ("direction_inferred",))),
    ("lone-unknown-morning-is-in", "Asia/Shanghai", MON, DAY, [("2026-12-07 08:50", "unknown")], {},
     (P.MISSING_PUNCH, 0, 0, 0, 0, ("direction_inferred",))),
    ("first-in-last-out-ignores-device", "Asia/Shanghai", MON, DAY,
     [("2026-12-07 08:58", "out", FILO), ("2026-12-07 12:00", "in", FILO), ("2026-12-07 18:02", "in", FILO)], {},
     (P.PRESENT, 0, 0, 484, 0, ("direction_inferred",))),
    ("entrance-and-exit-devices", "Asia/Shanghai", MON, DAY,
     [("2026-12-07 08:58", "unknown", IN_ONLY), ("2026-12-07 18:01", "unknown", OUT_ONLY)], {},
     (P.PRESENT, 0, 0, 483, 0, ())),
    ("swapped-directions-miss-a-side", "Asia/Shanghai", MON, DAY,
     [("2026-12-07 09:00", "out"), ("2026-12-07 18:00", "in")], {}, (P.MISSING_PUNCH, 540, 0, 0, 0, ())),
    ("double-press-ignored", "Asia/Shanghai", MON, DAY,
     [("2026-12-07 08:58:00", "in"), ("2026-12-07 08:58:40", "in"), ("2026-12-07 18:00", "out")], {},
     (P.PRESENT, 0, 0, 482, 0, ("duplicate_punches_ignored",))),
    ("overtime-past-threshold", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:00", "in"), ("2026-12-07 20:00", "out")],
     {}, (P.PRESENT, 0, 0, 600, 120, ())),
    ("overtime-within-threshold", "Asia/Shanghai", MON, DAY,
     [("2026-12-07 09:00", "in"), ("2026-12-07 18:25", "out")], {}, (P.PRESENT, 0, 0, 505, 0, ())),
    ("remote-without-punches", "Asia/Shanghai", MON, DAY, [], {"remote": True}, (P.REMOTE, 0, 0, 0, 0, ())),
    ("remote-with-late-punch", "Asia/Shanghai", MON, DAY, [("2026-12-07 10:00", "in"), ("2026-12-07 18:00", "out")],
     {"remote": True}, (P.REMOTE, 0, 0, 420, 0, ())),
    ("on-leave", "Asia/Shanghai", MON, DAY, [], {"on_leave": True}, (P.ON_LEAVE, 0, 0, 0, 0, ())),
    ("rest-day-work-is-overtime", "Asia/Shanghai", date(2026, 12, 12), None,
     [("2026-12-12 10:00", "in"), ("2026-12-12 14:00", "out")], {}, (P.REST_DAY, 0, 0, 240, 240, ())),
    ("rest-day-single-punch", "Asia/Shanghai", date(2026, 12, 12), None, [("2026-12-12 10:00", "in")], {},
     (P.REST_DAY, 0, 0, 0, 0, ("incomplete_punches",))),
    ("rest-day-quiet", "Asia/Shanghai", date(2026, 12, 12), None, [], {}, (P.REST_DAY, 0, 0, 0, 0, ())),
    ("overnight-shanghai", "Asia/Shanghai", MON, NIGHT, [("2026-12-07 21:50", "in"), ("2026-12-08 06:10", "out")], {},
     (P.PRESENT, 0, 0, 440, 0, ())),
    ("overnight-late-arrival-after-midnight", "Asia/Shanghai", MON, NIGHT,
     [("2026-12-08 00:30", "in"), ("2026-12-08 06:00", "out")], {}, (P.LATE, 150, 0, 270, 0, ())),
    # Berlin: clocks go forward 2026-03-29 02:00 → 03:00; the 22:00–06:00 night is 7 real hours.
    ("berlin-spring-forward-night", "Europe/Berlin", date(2026, 3, 28), NIGHT,
     [("2026-03-28 21:58", "in"), ("2026-03-29 06:02", "out")], {}, (P.PRESENT, 0, 0, 364, 0, ())),
    # Clocks go back 2026-10-25 03:00 → 02:00; the same night is 9 real hours.
    ("berlin-fall-back-night", "Europe/Berlin", date(2026, 10, 24), NIGHT,
     [("2026-10-24 21:58", "in"), ("2026-10-25 06:02", "out")], {}, (P.PRESENT, 0, 0, 484, 0, ())),
    ("berlin-fall-back-leaves-an-hour-early", "Europe/Berlin", date(2026, 10, 24), NIGHT,
     [("2026-10-24 22:00", "in"), ("2026-10-25 05:00", "out")], {}, (P.EARLY_LEAVE, 0, 60, 420, 0, ())),
    ("berlin-summer-day", "Europe/Berlin", date(2026, 7, 6), DAY,
     [("2026-07-06 09:12", "in"), ("2026-07-06 18:00", "out")], {}, (P.LATE, 12, 0, 468, 0, ())),
    # New York: forward 2026-03-08 02:00; the day shift starts 08:00 EDT (12:00 UTC).
    ("new-york-spring-forward-day", "America/New_York", date(2026, 3, 8), NY_DAY,
     [("2026-03-08 08:10", "in"), ("2026-03-08 17:00", "out")], {}, (P.LATE, 10, 0, 470, 0, ())),
    ("new-york-fall-back-night", "America/New_York", date(2026, 10, 31), NY_NIGHT,
     [("2026-10-31 19:55", "in"), ("2026-11-01 04:00", "out")], {}, (P.PRESENT, 0, 0, 485, 0, ())),
    ("correction-supplies-the-missed-out", "Asia/Shanghai", MON, DAY, [("2026-12-07 09:00", "in")],
     {"corrections": (Correction(at("2026-12-07 18:00", "Asia/Shanghai"), "out"),)},
     (P.PRESENT, 0, 0, 480, 0, ("corrected",))),
    ("correction-without-any-punch", "Asia/Shanghai", MON, DAY, [],
     {"corrections": (Correction(at("2026-12-07 09:00", "Asia/Shanghai"), "in"),
                      Correction(at("2026-12-07 17:00", "Asia/Shanghai"), "out"))},
     (P.EARLY_LEAVE, 0, 60, 420, 0, ("corrected",))),
]


@pytest.mark.parametrize(("tz", "day", "shift", "items", "extra", "expected"), [r[1:] for r in ROWS],
                         ids=[r[0] for r in ROWS])
def test_derive_day(tz, day, shift, items, extra, expected):
    # given the day's plan and punches
    plan = DayPlan(day=day, tz=tz, shift=shift, **extra)
    # when
    result = derive_day(DayInputs(plan=plan, punches=punches(tz, *items)))
    # then
    status, late, early, worked, overtime, flags = expected
    assert (result.status, result.late_minutes, result.early_leave_minutes, result.worked_minutes,
            result.overtime_minutes, result.flags) == (status, late, early, worked, overtime, flags)


def test_first_in_and_last_out_are_the_instants_punched():
    tz = "America/New_York"
    plan = DayPlan(day=date(2026, 3, 8), tz=tz, shift=NY_DAY)
    result = derive_day(DayInputs(plan=plan, punches=punches(tz, ("2026-03-08 17:00", "out"),
                                                                ("2026-03-08 07:59", "in"))))
    assert result.first_in == datetime(2026, 3, 8, 11, 59, tzinfo=UTC)  # EDT is UTC−4 after 02:00
    assert result.last_out == datetime(2026, 3, 8, 21, 0, tzinfo=UTC)
    assert result.punch_count == 2


# Windows: (tz, previous shift, day shift, next shift) -> expected local [start, end)
WINDOWS = [
    ("day-after-day", "Asia/Shanghai", DAY, DAY, DAY, "2026-12-07 05:00", "2026-12-08 05:00"),
    ("night-after-night", "Asia/Shanghai", NIGHT, NIGHT, NIGHT, "2026-12-07 18:00", "2026-12-08 18:00"),
    ("rest-then-day-then-rest", "Asia/Shanghai", None, DAY, None, "2026-12-07 05:00", "2026-12-08 02:00"),
    ("rest-after-night", "Asia/Shanghai", NIGHT, None, None, "2026-12-07 14:00", "2026-12-08 00:00"),
    ("rest-between-rests", "Asia/Shanghai", None, None, None, "2026-12-07 00:00", "2026-12-08 00:00"),
    ("late-then-early-shift-splits-the-gap", "Asia/Shanghai", None, ShiftSpec(start_minute=14 * 60, end_minute=22 * 60),
     ShiftSpec(start_minute=6 * 60, end_minute=14 * 60), "2026-12-07 10:00", "2026-12-08 02:00"),
]


@pytest.mark.parametrize(("tz", "before", "shift", "after", "start", "end"), [w[1:] for w in WINDOWS],
                         ids=[w[0] for w in WINDOWS])
def test_punch_windows_partition_time(tz, before, shift, after, start, end):
    plans = [DayPlan(day=MON + timedelta(days=n), tz=tz, shift=s) for n, s in ((-1, before), (0, shift), (1, after))]
    window = punch_window(plans[1], plans[0], plans[2])
    assert window == (at(start, tz), at(end, tz))
    # and the next day's window starts exactly where this one ends (no punch belongs to two days)
    following = DayPlan(day=MON + timedelta(days=2), tz=tz, shift=None)
    assert punch_window(plans[2], plans[1], following)[0] == window[1]


def test_consecutive_nights_do_not_steal_each_others_punches():
    # given two nights in a row and all four punches offered to both days
    tz = "Asia/Shanghai"
    monday, tuesday = (DayPlan(day=MON + timedelta(days=n), tz=tz, shift=NIGHT) for n in (0, 1))
    both = punches(tz, ("2026-12-07 21:55", "unknown", FILO), ("2026-12-08 06:05", "unknown", FILO),
                   ("2026-12-08 21:57", "unknown", FILO), ("2026-12-09 06:03", "unknown", FILO))
    # when
    first = derive_day(DayInputs(plan=monday, punches=both, next=tuesday))
    second = derive_day(DayInputs(plan=tuesday, punches=both, previous=monday))
    # then each night keeps its own in and out
    assert (first.first_in, first.last_out) == (at("2026-12-07 21:55", tz), at("2026-12-08 06:05", tz))
    assert (second.first_in, second.last_out) == (at("2026-12-08 21:57", tz), at("2026-12-09 06:03", tz))
    assert first.status == second.status == DayStatus.PRESENT


def test_a_punch_outside_the_window_is_not_counted():
    tz = "Asia/Shanghai"
    plan = DayPlan(day=MON, tz=tz, shift=DAY)
    result = derive_day(DayInputs(plan=plan, punches=punches(tz, ("2026-12-07 04:30", "in"), ("2026-12-08 02:30", "out"))))
    assert result.status == DayStatus.ABSENT and result.punch_count == 0


@pytest.mark.parametrize(("local", "expected"), [
    ("2026-12-07 03:00", [date(2026, 12, 6), date(2026, 12, 7)]),
    ("2026-12-07 13:00", [date(2026, 12, 7)]),
    ("2026-12-07 22:00", [date(2026, 12, 7), date(2026, 12, 8)]),
])
def test_candidate_days_cover_spill_over(local, expected):
    assert candidate_days(at(local, "Asia/Shanghai").astimezone(UTC), "Asia/Shanghai") == expected
