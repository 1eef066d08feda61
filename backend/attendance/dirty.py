"""Marking person-days whose attendance must be re-derived. A punch, an approved request, a correction
or a shift change calls `mark` inside its transaction; the debounced `recompute_attendance` job runs
after commit and derives every marked day of the organisation (a 5,000-punch burst costs few runs)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from backend.access.actor import Actor
from backend.attendance.models import AttendanceRecompute
from backend.core import clock, jobs
from backend.core.config import get_settings

RECOMPUTE_JOB = "recompute_attendance"


def job_id(tenant_id: UUID) -> str:
    # One queued recompute per organisation: a second job with this id is refused while the first
    # waits, which is what debounces a burst.
    return f"attendance:{tenant_id}"


async def mark(actor: Actor, days: Iterable[tuple[UUID, date]]) -> int:
    """Record that these (employee, day) pairs are stale and queue the recompute after commit. Marking a
    pair already marked only moves its request time. Returns how many were newly marked."""
    wanted = set(days)
    if not wanted:
        return 0
    now = clock.now()
    employees = {employee for employee, _ in wanted}
    existing = await AttendanceRecompute.of(actor).filter(employee_id__in=employees).values_list("employee_id", "day")
    already = {(e, d) for e, d in existing} & wanted
    if already:
        # One statement, not one a pair: during a shift-change burst most pairs are already marked. It may
        # also move the time of a marked pair outside `wanted` (same people, same days): harmless, it is
        # marked either way and the run that takes it reads it fresh.
        await AttendanceRecompute.of(actor).filter(employee_id__in={e for e, _ in already},
                                                   day__in={d for _, d in already}).update(requested_at=now)
    fresh = [AttendanceRecompute.build_for(actor, employee_id=e, day=d, requested_at=now)
             for e, d in wanted if (e, d) not in already]
    if fresh:
        await AttendanceRecompute.bulk_create(fresh, ignore_conflicts=True)
    jobs.enqueue_after_commit(RECOMPUTE_JOB, str(actor.tenant_id), job_id=job_id(actor.tenant_id),
                              defer_seconds=get_settings().score_debounce_seconds)
    return len(fresh)
