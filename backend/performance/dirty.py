"""Marking people whose scores must be recomputed. Every use case that changes a scoring input calls
`mark` inside its transaction; the debounced recompute job runs once after commit and takes everyone
marked in the cycle (so a burst of 200 edits costs one recompute, not 200)."""
from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from backend.access.actor import Actor
from backend.core import clock, jobs
from backend.core.config import get_settings
from backend.performance.models import ScoreRecompute

RECOMPUTE_JOB = "recompute_scores"


def job_id(cycle_id: UUID) -> str:
    # One queued recompute per cycle: arq (and the in-process runner) refuse a second job with this id
    # while the first waits, which is what debounces a burst.
    return f"recompute:{cycle_id}"


async def mark(actor: Actor, *, cycle_id: UUID, employee_ids: Iterable[UUID]) -> int:
    """Record that these people's scores in the cycle are stale and queue the recompute after commit.
    Marking someone already marked is harmless. Returns how many were newly marked."""
    wanted = set(employee_ids)
    if not wanted:
        return 0
    already = set(await ScoreRecompute.of(actor).filter(cycle_id=cycle_id, employee_id__in=wanted)
                  .values_list("employee_id", flat=True))
    now = clock.now()
    fresh = [ScoreRecompute.build_for(actor, cycle_id=cycle_id, employee_id=e, requested_at=now)
             for e in wanted if e not in already]
    if fresh:
        await ScoreRecompute.bulk_create(fresh, ignore_conflicts=True)
    jobs.enqueue_after_commit(RECOMPUTE_JOB, str(actor.tenant_id), str(cycle_id), job_id=job_id(cycle_id),
                              defer_seconds=get_settings().score_debounce_seconds)
    return len(fresh)
