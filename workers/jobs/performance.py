"""Performance jobs: the debounced recompute of people marked dirty in a cycle, and the nightly full
recompute of every open cycle of every organisation. Both are idempotent and safe to re-run."""
from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.core import jobs
from backend.core.config import get_settings
from backend.performance import cycles, dirty, recompute

log = logging.getLogger(__name__)


async def recompute_scores(ctx: dict[str, Any], tenant_id: str, cycle_id: str) -> int:
    """Queued (debounced) by dirty.mark. While this job runs, arq refuses a second job with its id, so
    people marked meanwhile could not queue one: if marks remain, queue a follow-up under the other of
    two alternating ids."""
    actor = Actor.system(UUID(tenant_id), label="score recompute")
    cycle = UUID(cycle_id)
    written = await recompute.recompute_cycle(actor, cycle_id=cycle, only_marked=True)
    if await recompute.has_pending_marks(actor, cycle_id=cycle) and await _open(actor, cycle):
        base = dirty.job_id(cycle)
        follow_up = f"{base}:again" if ctx.get("job_id") == base else base
        await jobs.enqueue(dirty.RECOMPUTE_JOB, tenant_id, cycle_id, job_id=follow_up,
                           defer_seconds=get_settings().score_debounce_seconds)
    return written


async def _open(actor: Actor, cycle_id: UUID) -> bool:
    return cycle_id in await cycles.open_cycle_ids(actor)


async def recompute_open_cycles(ctx: dict[str, Any]) -> int:
    """Nightly: everyone in every open cycle, whatever was marked (catches anything a lost enqueue or a
    changed assignment left stale)."""
    written = 0
    for org in await Organization.all().only("id"):
        actor = Actor.system(org.id, label="nightly score recompute")
        for cycle_id in await cycles.open_cycle_ids(actor):
            written += await recompute.recompute_cycle(actor, cycle_id=cycle_id, only_marked=False)
    return written
