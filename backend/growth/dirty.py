"""Marking people whose growth progress must be recomputed. Every use case that changes evidence,
tracks or memberships calls `mark` inside its transaction; the debounced `recompute_growth` job runs
once after commit and takes everyone marked in the organisation (a 500-row import costs one run)."""
from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from backend.access.actor import Actor
from backend.core import clock, jobs
from backend.core.config import get_settings
from backend.growth.models import GrowthRecompute

RECOMPUTE_JOB = "recompute_growth"


def job_id(tenant_id: UUID) -> str:
    # One queued recompute per organisation: a second job with this id is refused while the first
    # waits, which is what debounces a burst.
    return f"growth:{tenant_id}"


async def mark(actor: Actor, employee_ids: Iterable[UUID]) -> int:
    """Record that these people's progress is stale and queue the recompute after commit. Marking
    someone already marked only moves their request time. Returns how many were newly marked."""
    wanted = set(employee_ids)
    if not wanted:
        return 0
    now = clock.now()
    already = set(await GrowthRecompute.of(actor).filter(employee_id__in=wanted).values_list("employee_id", flat=True))
    if already:
        await GrowthRecompute.of(actor).filter(employee_id__in=already).update(requested_at=now)
    fresh = [GrowthRecompute.build_for(actor, employee_id=e, requested_at=now) for e in wanted if e not in already]
    if fresh:
        await GrowthRecompute.bulk_create(fresh, ignore_conflicts=True)
    jobs.enqueue_after_commit(RECOMPUTE_JOB, str(actor.tenant_id), job_id=job_id(actor.tenant_id),
                              defer_seconds=get_settings().score_debounce_seconds)
    return len(fresh)
