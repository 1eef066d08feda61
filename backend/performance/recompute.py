"""Recomputing a cycle's scorecards from their inputs: set-based (a fixed number of SQL statements for
any headcount: see recompute_inputs and scorecard_store), idempotent, and the only writer of Scorecard.
The debounced job takes the people marked dirty; the nightly cron and closing take everyone."""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, outbox
from backend.core.errors import Conflict
from backend.org.models import Employee, EmployeeStatus
from backend.performance import dirty, ranking, scoring
from backend.performance.events import ScoresRecomputed
from backend.performance.models import CycleStatus, ReviewCycle, ScoreRecompute
from backend.performance.assignment import Match
from backend.performance.recompute_inputs import CycleInputs, load
from backend.performance.scorecard_store import (
    CHUNK, CardRow, Ranks, delete, encode_dimensions, update_ranks, upsert,
)

WRITE_CHUNK = 1000  # small enough to overlap scoring with the database's work, large enough to batch
_NO_RANKS: Ranks = (None, None, None, None)


async def recompute_cycle(actor: Actor, *, cycle_id: UUID, only_marked: bool = True, force: bool = False) -> int:
    """Rewrite the scorecards of the people marked dirty in the cycle (`only_marked`) or of everyone
    active, then everyone's ranks and percentiles (one person's move shifts the rest). People without a
    template lose a stale card. Consumes the marks it read, only those requested before it started: a
    mark arriving meanwhile survives for the next run. A closed cycle is left alone unless `force`
    (closing's final run). Requires PERFORMANCE_CONFIGURE (jobs act as the system). Emits
    performance.scores_recomputed when anything changed. Returns how many cards were written."""
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
    inputs = await load(actor, cycle, targets)
    async with db.transaction():
        written = await _score_and_write(actor, cycle.id, inputs, started)
        moved, stale = _place(inputs, written, targets)
        await update_ranks(moved)
        await delete(actor, stale)
        await _consume(actor, [m for m, _ in marks], started)
        if written or stale or moved:
            await outbox.emit(actor, ScoresRecomputed(cycle_id=str(cycle.id), count=len(written)))
    return len(written)


async def _score_and_write(actor: Actor, cycle_id: UUID, inputs: CycleInputs, started: datetime) -> list[CardRow]:
    """Score everyone in chunks and send each chunk's upsert while the next one is scored, so the
    database parses one chunk's JSON while Python scores the next (two processes, two cores). Cards go
    out with the ranks they already have; `_place` then corrects only the ranks that moved, which in
    the usual run (the nightly one, or a few people marked) is few."""
    rows: list[CardRow] = []
    sending: asyncio.Task[None] | None = None
    try:
        for start in range(0, len(inputs.people), WRITE_CHUNK):
            chunk = [_card(inputs, person) for person in inputs.people[start:start + WRITE_CHUNK]]
            rows.extend(chunk)
            if sending is not None:
                await sending
            sending = asyncio.create_task(upsert(actor, cycle_id=cycle_id, rows=chunk, computed_at=started))
            for _ in range(3):  # let the task reach the socket before the next chunk's CPU work
                await asyncio.sleep(0)
        if sending is not None:
            await sending
    except BaseException:
        if sending is not None and not sending.done():
            sending.cancel()
            await asyncio.gather(sending, return_exceptions=True)
        raise
    return rows


def _card(inputs: CycleInputs, person: tuple[UUID, UUID | None, Match]) -> CardRow:
    employee_id, department_id, match = person
    template = inputs.templates[match.template_id]
    scores, total = scoring.score_card(template.dimensions, inputs.inputs.get(employee_id) or scoring.Inputs())
    previous = inputs.previous_totals.get(employee_id)
    existing = inputs.existing.get(employee_id)
    return CardRow(id=existing.id if existing else uuid.uuid4(), employee_id=employee_id,
                   template_version_id=template.version_id, department_id=department_id, total=total.total,
                   completion=total.completion, dimensions=encode_dimensions(scores), missing=total.missing,
                   ranks=existing.ranks if existing else _NO_RANKS, previous_total=previous,
                   change=scoring.change(total.total, previous))


def _place(inputs: CycleInputs, written: list[CardRow], targets: set[UUID] | None) -> tuple[list[tuple[UUID, Ranks]], list[UUID]]:
    """Everyone's standing over the written and the untouched cards; the cards whose stored ranks differ
    from it (one person's move shifts the rest); and the cards to delete: everyone targeted but not
    scored now (no template, left), and in a full run everyone with a card who is not scored now."""
    recomputed = {r.employee_id for r in written}
    stale = {e: c.id for e, c in inputs.existing.items() if e not in recomputed and (targets is None or e in targets)}
    kept = {e: c for e, c in inputs.existing.items() if e not in recomputed and e not in stale}
    places = ranking.standings([(r.employee_id, r.department_id, r.total) for r in written]
                               + [(e, c.department_id, c.total) for e, c in kept.items()])
    moved = [(r.id, ranks) for r in written if (ranks := _ranks(places[r.employee_id])) != r.ranks]
    moved += [(c.id, ranks) for e, c in kept.items() if (ranks := _ranks(places[e])) != c.ranks]
    return moved, list(stale.values())


def _ranks(standing: ranking.Standing) -> Ranks:
    return (standing.rank_department, standing.rank_organization, standing.percentile_department,
            standing.percentile_organization)


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

