"""Growth jobs: the debounced recompute of the people marked in an organisation, and the nightly recompute
of everyone on a track in every organisation (tenure and windows move with time). Both idempotent."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.core import jobs
from backend.core.config import get_settings
from backend.growth import dirty, progress


async def recompute_growth(ctx: dict[str, Any], tenant_id: str) -> int:
    """Queued (debounced) by dirty.mark. While this job runs, its id refuses a second job, so people marked
    meanwhile could not queue one: if marks remain, queue a follow-up under the other of two alternating ids."""
    actor = Actor.system(UUID(tenant_id), label="growth recompute")
    evaluated = await progress.recompute(actor, only_marked=True)
    if await progress.has_pending_marks(actor):
        base = dirty.job_id(actor.tenant_id)
        follow_up = f"{base}:again" if ctx.get("job_id") == base else base
        await jobs.enqueue(dirty.RECOMPUTE_JOB, tenant_id, job_id=follow_up,
                           defer_seconds=get_settings().score_debounce_seconds)
    return evaluated


async def recompute_growth_all(ctx: dict[str, Any]) -> int:
    """Nightly: everyone on a track, whatever was marked."""
    return await progress.recompute_every_organisation()
