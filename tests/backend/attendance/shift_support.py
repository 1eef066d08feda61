"""Shared set-up for the shift and request tests: a frozen Wednesday, the three demo shifts, an entitlement."""
from __future__ import annotations

from datetime import UTC, date, datetime

from backend.access.actor import Actor
from backend.attendance import shifts
from backend.attendance.models import Shift
from backend.core import clock
from backend.rewards.models import Entitlement, EntitlementKind

# 2026-12-09 10:00 in Shanghai, a Wednesday.
NOW = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)
TODAY = date(2026, 12, 9)


def frozen():  # type: ignore[no-untyped-def]
    return clock.frozen_at(NOW)


async def make_shifts(hr: Actor) -> dict[str, Shift]:
    made = {}
    for code, start, end, flexible in (("default", "08:00", "17:00", True), ("late", "09:00", "18:00", True),
                                       ("night", "22:00", "06:00", False)):
        made[code] = await shifts.save_shift(hr, shifts.ShiftDraft(
            code=code, name_en=code.title(), name_zh=code, start_time=start, end_time=end, flexible_option=flexible))
    return made


async def give_remote_days(system: Actor, employee_id, days: int, *, valid_until: date | None = date(2027, 6, 30),
                           ) -> Entitlement:  # type: ignore[no-untyped-def]
    return await Entitlement.create_for(system, employee_id=employee_id, kind=EntitlementKind.REMOTE_DAYS, days=days,
                                        valid_until=valid_until, created_at=clock.now())
