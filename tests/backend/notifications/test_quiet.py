"""Quiet hours, pure: inside or outside a window (also across midnight) and when the window ends."""
from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from backend.notifications.quiet import in_quiet_hours, quiet_until

NIGHT = (time(22, 0), time(7, 30))  # crosses midnight
LUNCH = (time(12, 0), time(13, 0))


@pytest.mark.parametrize(("at", "window", "quiet"), [
    (time(21, 59), NIGHT, False),
    (time(22, 0), NIGHT, True),  # the start is inside
    (time(23, 59), NIGHT, True),
    (time(0, 0), NIGHT, True),
    (time(7, 29), NIGHT, True),
    (time(7, 30), NIGHT, False),  # the end is outside
    (time(12, 0), NIGHT, False),
    (time(11, 59), LUNCH, False),
    (time(12, 30), LUNCH, True),
    (time(13, 0), LUNCH, False),
    (time(3, 0), (None, None), False),  # no window
    (time(3, 0), (time(3, 0), time(3, 0)), False),  # an empty window is never quiet
    (time(23, 0, tzinfo=UTC), (time(22, 0, tzinfo=UTC), time(7, 30, tzinfo=UTC)), True),  # ORM-labelled times
])
def test_in_quiet_hours(at, window, quiet):
    assert in_quiet_hours(at, *window) is quiet


@pytest.mark.parametrize(("now", "zone", "window", "until"), [
    # 23:00 in Shanghai (UTC+8): quiet until 07:30 the next morning there
    (datetime(2026, 11, 2, 15, 0, tzinfo=UTC), "Asia/Shanghai", NIGHT, datetime(2026, 11, 2, 23, 30, tzinfo=UTC)),
    # 02:00 in Shanghai, after midnight: until 07:30 the same day
    (datetime(2026, 11, 2, 18, 0, tzinfo=UTC), "Asia/Shanghai", NIGHT, datetime(2026, 11, 2, 23, 30, tzinfo=UTC)),
    # 09:00 in Shanghai: not quiet
    (datetime(2026, 11, 3, 1, 0, tzinfo=UTC), "Asia/Shanghai", NIGHT, None),
    # the same instant is 18:00 in Berlin: not quiet there
    (datetime(2026, 11, 2, 17, 0, tzinfo=UTC), "Europe/Berlin", NIGHT, None),
    # 12:30 in Berlin in winter (UTC+1): until 13:00 there
    (datetime(2026, 12, 1, 11, 30, tzinfo=UTC), "Europe/Berlin", LUNCH, datetime(2026, 12, 1, 12, 0, tzinfo=UTC)),
    # a night that ends after the clocks went forward (Berlin, 29 March 2026): 07:30 is UTC+2 by then
    (datetime(2026, 3, 28, 22, 0, tzinfo=UTC), "Europe/Berlin", NIGHT, datetime(2026, 3, 29, 5, 30, tzinfo=UTC)),
    # no window
    (datetime(2026, 11, 2, 15, 0, tzinfo=UTC), "Asia/Shanghai", (None, None), None),
])
def test_quiet_until(now, zone, window, until):
    assert quiet_until(now, zone, *window) == until


def test_quiet_until_is_aware_utc():
    # when
    until = quiet_until(datetime(2026, 11, 2, 15, 0, tzinfo=UTC), "Asia/Shanghai", *NIGHT)
    # then
    assert until is not None and until.utcoffset() is not None and until.utcoffset().total_seconds() == 0
