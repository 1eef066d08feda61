"""The nightly attendance pass: every active person's recent working (or remote) days are marked, derived
and, where the devices allow, closed. It catches what no punch marks (an absence is the lack of a punch)
and repairs anything a lost job left stale. Idempotent: a repeat derives the same rows."""
from __future__ import annotations

from datetime import timedelta

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.access.permissions import Permission, require
from backend.attendance import daily, dirty
from backend.attendance.schedule import as_uuid, plans_for
from backend.core import clock, db
from backend.org.models import Employee, EmployeeStatus

RECENT_DAYS = 3  # the day before yesterday through today (UTC), which covers yesterday in every zone


async def mark_recent_days(actor: Actor) -> int:
    """Mark (person, day) for every active person with a working or remote day among the recent days that
    has begun in their site's zone. Requires ATTENDANCE_MANAGE. Returns how many were newly marked."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    active = await Employee.of(actor).filter(status=EmployeeStatus.ACTIVE).values_list("id", flat=True)
    people = [as_uuid(i) for i in active]
    if not people:
        return 0
    last = clock.now().date() + timedelta(days=1)
    plans = await plans_for(actor, people, last - timedelta(days=RECENT_DAYS), last)
    due = [key for key, plan in plans.items() if (plan.working or plan.remote) and plan.day <= clock.today_in(plan.tz)]
    async with db.transaction():
        return await dirty.mark(actor, due)


async def run(actor: Actor) -> tuple[int, int]:
    """Mark, derive and close one organisation. Returns (days derived, days closed)."""
    await mark_recent_days(actor)
    return await daily.recompute_marked(actor), await daily.close_ready_days(actor)


async def run_every_organisation() -> int:
    derived = 0
    for org in await Organization.all().only("id"):
        derived += (await run(Actor.system(org.id, label="nightly attendance")))[0]
    return derived


async def close_every_organisation() -> int:
    closed = 0
    for org in await Organization.all().only("id"):
        closed += await daily.close_ready_days(Actor.system(org.id, label="attendance close"))
    return closed
