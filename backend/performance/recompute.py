"""Recomputing a cycle's scorecards from their inputs: set-based (a fixed number of SQL statements for
any headcount: see recompute_inputs and scorecard_store), idempotent, and the only writer of Scorecard.
The debounced job takes the people marked dirty; the nightly cron and closing take everyone."""
from __future__ import annotations

import asyncio
import gc
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
from backend.performance.recompute_inputs import CycleInputs, ExistingCard, TemplateInUse, existing_cards, load
from backend.performance.scorecard_json import content_digests, encode_cards
from backend.performance.scorecard_store import CHUNK, CardBatch, Ranks, delete, update_ranks, upsert

WRITE_CHUNK = 1000  # small enough to overlap encoding with the database's work, large enough to batch
_NOTHING = scoring.Inputs()


@dataclass(slots=True)
class _Group:
    """The people on one template, scored."""

    template: TemplateInUse
    people: list[tuple[UUID, UUID | None]]  # (employee, department)
    cards: scoring.Cards
    ranks: list[ranking.Ranks]


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
    stored = asyncio.ensure_future(existing_cards(actor, cycle.id))
    try:
        inputs = await load(actor, cycle, targets)
        groups = _score(inputs)
        existing = await stored
    finally:
        if not stored.done():
            stored.cancel()
            await asyncio.gather(stored, return_exceptions=True)
    moved, stale = _place(existing, groups, targets)
    scored = sum(len(g.people) for g in groups)
    async with db.transaction():
        await upsert(actor, cycle_id=cycle.id, batches=_batches(inputs, existing, groups), computed_at=started)
        await update_ranks(moved)
        await delete(actor, stale)
        await _consume(actor, marks, started)
        if scored or stale or moved:
            await outbox.emit(actor, ScoresRecomputed(cycle_id=str(cycle.id), count=scored))
    return scored


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A full recompute allocates some 300,000 short-lived containers and makes no reference cycles; left
    on, Python's cycle collector walked every live object several times per run (a fifth of its time).
    Reference counting still frees everything; the collector resumes (if it was on) at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _score(inputs: CycleInputs) -> list[_Group]:
    """Everyone's cards, a template at a time (scoring goes a dimension at a time over its people)."""
    people: dict[UUID, list[tuple[UUID, UUID | None]]] = {}
    for employee_id, department_id, match in inputs.people:
        people.setdefault(match.template_id, []).append((employee_id, department_id))
    found = inputs.inputs
    return [_Group(inputs.templates[t], group, scoring.score_cards(inputs.templates[t].dimensions,
                                                                    [found.get(e, _NOTHING) for e, _ in group]), [])
            for t, group in people.items()]


def _place(existing: dict[UUID, ExistingCard], groups: list[_Group],
           targets: set[UUID] | None) -> tuple[list[tuple[UUID, Ranks]], list[UUID]]:
    """Everyone's standing over the cards scored now and the untouched ones: the scored cards are written
    with theirs (`_Group.ranks`); returns the untouched cards whose stored ranks differ (one person's
    move shifts the rest), and the cards to delete: everyone targeted but not scored now (no template,
    left), and in a full run everyone with a card who is not scored now."""
    recomputed = {e for g in groups for e, _ in g.people}
    stale = {e: c.id for e, c in existing.items() if e not in recomputed and (targets is None or e in targets)}
    kept = [c for e, c in existing.items() if e not in recomputed and e not in stale]
    places = ranking.places([(d, t.total) for g in groups for (_, d), t in zip(g.people, g.cards.totals, strict=True)]
                            + [(c.department_id, c.total) for c in kept])
    at = 0
    for g in groups:
        g.ranks = places[at:at + len(g.people)]
        at += len(g.people)
    moved: list[tuple[UUID, Ranks]] = [(c.id, r) for c, r in zip(kept, places[at:], strict=True) if r != c.ranks]
    return moved, list(stale.values())


def _batches(inputs: CycleInputs, existing: dict[UUID, ExistingCard], groups: list[_Group]) -> Iterator[CardBatch]:
    """The cards that differ from the stored ones (compared by value, the dimensions by digest), up to
    WRITE_CHUNK at a time; a batch's JSON is encoded only when it is asked for, while the store sends the
    previous batch."""
    previous = inputs.previous_totals
    for g in groups:
        version = g.template.version_id
        for start in range(0, len(g.people), WRITE_CHUNK):
            stop = min(start + WRITE_CHUNK, len(g.people))
            batch, changed = CardBatch.empty(version), []
            rows = zip(range(start, stop), g.people[start:stop], g.cards.totals[start:stop], g.ranks[start:stop],
                       content_digests(g.cards, start, stop), strict=True)
            for i, (e, d), t, ranks, digest in rows:
                before = previous.get(e)
                change = scoring.change(t.total, before)
                card = existing.get(e)
                if card is not None and card.stored == (version, d, t.total, t.completion, digest, t.missing, *ranks,
                                                        before, change):
                    continue
                changed.append(i)
                batch.add(card.id if card is not None else uuid.uuid4(), employee_id=e, department_id=d, total=t,
                          content_digest=digest, ranks=ranks, previous_total=before, change=change)
            if changed:
                batch.dimensions = encode_cards(g.cards, changed)
                yield batch


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

