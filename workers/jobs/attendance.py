"""Attendance jobs: the debounced recompute of the person-days marked in an organisation, the nightly pass
over everyone's recent days, and the hourly closing of days whose devices have caught up. All idempotent."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.attendance import daily, dirty, nightly
from backend.core import jobs
from backend.core.config import get_settings


async def recompute_attendance(ctx: dict[str, Any], tenant_id: str) -> int:
    """Queued (debounced) by dirty.mark. While this job runs its id refuses a second job, so days marked
    meanwhile could not queue one: if marks remain, queue a follow-up under the other of two alternating ids."""
    actor = Actor.system(UUID(tenant_id), label="attendance recompute")
    derived = await daily.recompute_marked(actor)
    if await daily.has_pending_marks(actor):
        base = dirty.job_id(actor.tenant_id)
        follow_up = f"{base}:again" if ctx.get("job_id") == base else base
        await jobs.enqueue(dirty.RECOMPUTE_JOB, tenant_id, job_id=follow_up,
                           defer_seconds=get_settings().score_debounce_seconds)
    return derived


async def attendance_nightly(ctx: dict[str, Any]) -> int:
    """Nightly: mark and derive everyone's recent working days in every organisation, close ready days."""
    return await nightly.run_every_organisation()


async def close_attendance_days(ctx: dict[str, Any]) -> int:
    """Hourly: close days whose site's devices are now synced through their end."""
    return await nightly.close_every_organisation()
