"""Recomputing a cycle's scorecards from their inputs: set-based (a fixed number of SQL statements for
any headcount: see recompute_inputs and scorecard_store), column-wise in numpy (recompute_plan), idempotent,
and the only writer of Scorecard.
The debounced job takes the people marked dirty; the nightly cron and closing take everyone."""
from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, outbox
from backend.core.errors import Conflict
from backend.org.models import Employee, EmployeeStatus
from backend.performance import dirty, recompute_plan
from backend.performance.events import ScoresRecomputed
from backend.performance.models import CycleStatus, ReviewCycle, ScoreRecompute
from backend.performance.recompute_inputs import ExistingCard, StoredDigests, existing_cards, load, stored_digests
from backend.performance.scorecard_store import CHUNK, delete, update_ranks, upsert


async def recompute_cycle(actor: Actor, *, cycle_id: UUID, only_marked: bool = True, force: bool = False) -> int:
    """Rewrite the scorecards of the people marked dirty in the cycle (`only_marked`) or of everyone
    active, then everyone's ranks and percentiles (one person's move shifts the rest). People without a
    template lose a stale card. Consumes the marks it read, only those requested before it started: a
    mark arriving meanwhile survives for the next run. A closed cycle is left alone unless `force`
    (closing's final run). Requires PERFORMANCE_CONFIGURE (jobs act as the system). Emits
    performance.scores_recomputed when anyone was scored or a card moved or went. Returns how many cards
    were computed (a card equal to the stored one is not rewritten)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    if cycle.status == CycleStatus.CLOSED and not force:
        return 0
    started = clock.now()
    marks = await ScoreRecompute.of(actor).filter(cycle_id=cycle.id, requested_at__lte=started).values_list(
        "id", "employee_id")
    if only_marked and not marks:
        return 0
    targets = {e for _, e in marks} if only_marked else None
    with _collector_paused():  # resumed once _recompute's data is freed
        return await _recompute(actor, cycle, targets, [m for m, _ in marks], started)


async def _recompute(actor: Actor, cycle: ReviewCycle, targets: set[UUID] | None, marks: list[UUID],
                     started: datetime) -> int:
    # A full run compares digests only; a marked run also re-ranks the cards it does not rescore.
    stored: asyncio.Future[StoredDigests | dict[UUID, ExistingCard]] = asyncio.ensure_future(
        stored_digests(actor, cycle.id) if targets is None else existing_cards(actor, cycle.id))
    try:
        inputs = await load(actor, cycle, targets)
        groups = recompute_plan.score(inputs)
        found = await stored
    finally:
        if not stored.done():
            stored.cancel()
            await asyncio.gather(stored, return_exceptions=True)
    plan = recompute_plan.plan(inputs, groups, found, targets)
    scored = len(inputs.people)
    async with db.transaction():
        await upsert(actor, cycle_id=cycle.id, changes=plan.changes, computed_at=started)
        await update_ranks(plan.moved)
        await delete(actor, cycle_id=cycle.id, employee_ids=plan.stale)
        await _consume(actor, marks, started)
        if scored or plan.stale or plan.moved:
            await outbox.emit(actor, ScoresRecomputed(cycle_id=str(cycle.id), count=scored))
    return scored


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A recompute allocates many short-lived containers and makes no reference cycles; left on, Python's
    cycle collector walked every live object several times per run. Reference counting still frees
    everything; the collector resumes (if it was on) at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def _consume(actor: Actor, mark_ids: Sequence[UUID], started: datetime) -> None:
    # Only the marks read, and only if nobody re-marked them since the run started.
    for start in range(0, len(mark_ids), CHUNK):
        await ScoreRecompute.of(actor).filter(id__in=list(mark_ids[start:start + CHUNK]), requested_at__lte=started).delete()


async def has_pending_marks(actor: Actor, *, cycle_id: UUID) -> bool:
    """People still marked dirty in the cycle (e.g. marked while a recompute ran)."""
    return await ScoreRecompute.of(actor).filter(cycle_id=cycle_id).exists()


async def queue_recompute(actor: Actor, *, cycle_id: UUID) -> int:
    """HR asks for a fresh recompute of everyone active in an open cycle: everyone is marked and the
    debounced job queued after commit. Requires PERFORMANCE_CONFIGURE. Audited. Raises NotFound,
    Conflict (closed cycle). Returns how many people were queued."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    if cycle.status == CycleStatus.CLOSED:
        raise Conflict("This cycle is closed; its scores are final.", field="cycleId")
    rows = await Employee.of(actor).filter(status=EmployeeStatus.ACTIVE).values_list("id", flat=True)
    people = [UUID(str(row)) for row in rows]
    async with db.transaction():
        await dirty.mark(actor, cycle_id=cycle.id, employee_ids=people)
        await audit.record(actor, action="scores.recompute_requested", entity_type="review_cycle", entity_id=cycle.id,
                           after={"people": len(people)})
    return len(people)

