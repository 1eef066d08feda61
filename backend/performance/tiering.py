"""Placing a cycle's tiers from its scorecards (the pure rules live in backend.performance.tiers) and
reading them back. The only writer of TierPlacement rows.

"Earlier cycles" for the improved tier are the closed cycles of the same kind that ended before this
one starts (a monthly cycle is not compared with a quarter), newest first; each person's own last
`baseline_cycles` scorecards among them form the baseline."""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.achievements import record
from backend.core import clock, db, outbox
from backend.core.errors import Conflict, Forbidden
from backend.org.models import Employee
from backend.org.views import Visibility
from backend.performance import policy as seeing
from backend.performance.events import TierReached
from backend.performance.models import CycleStatus, ReviewCycle, Scorecard, TierCode, TierPlacement
from backend.performance.tiers import Candidate, TierPolicy, place

_HISTORY_LIMIT = 12  # TierPolicy.baseline_cycles is at most 12
WALL_SOURCE = "tier_placement"  # the wall award's source_type (backend.performance.handlers)


@dataclass(frozen=True, slots=True)
class TierChange:
    """What a re-placement of a closed cycle's tiers changed, as (employee, tier) pairs."""

    gained: list[tuple[UUID, TierCode]]
    lost: list[tuple[UUID, TierCode]]
    lost_placement_ids: list[UUID]


async def place_tiers(actor: Actor, *, cycle_id: UUID, final: bool) -> list[TierPlacement]:
    """Replace the cycle's placements from its current scorecards. `final` (closing a cycle) also emits
    performance.tier_reached once per (cycle, person, tier); provisional placements (a pool preview of an
    open cycle) emit nothing and are refused on a closed cycle, whose tiers are final. Requires
    PERFORMANCE_CONFIGURE or BONUS_MANAGE. Raises Forbidden, NotFound, Conflict."""
    if not (has(actor, Permission.PERFORMANCE_CONFIGURE) or has(actor, Permission.BONUS_MANAGE)):
        raise Forbidden("Only HR can place tiers.")
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    if not final and cycle.status == CycleStatus.CLOSED:
        raise Conflict("This cycle is closed: its tiers are final.")
    rows, _ = await _replace(actor, cycle, final=final)
    return rows


async def replace_final_tiers(actor: Actor, *, cycle_id: UUID) -> TierChange:
    """A closed cycle's scores changed after closing (an upheld appeal's correction): place its final tiers
    again. A person keeping a tier keeps the placement row (so their wall award stays valid); a tier lost
    takes its award off the wall; a tier gained emits performance.tier_reached (once per cycle, person and
    tier). The caller decides whether the tiers may still move (no locked bonus pool). Requires
    PERFORMANCE_CONFIGURE or BONUS_MANAGE. Raises Forbidden, NotFound, Conflict (the cycle is open)."""
    if not (has(actor, Permission.PERFORMANCE_CONFIGURE) or has(actor, Permission.BONUS_MANAGE)):
        raise Forbidden("Only HR can place tiers.")
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    if cycle.status != CycleStatus.CLOSED:
        raise Conflict("Only a closed cycle's final tiers are placed again.")
    async with db.transaction():
        _, change = await _replace(actor, cycle, final=True)
        for placement_id in change.lost_placement_ids:
            await record.revoke_from_source(actor, source_type=WALL_SOURCE, source_id=placement_id)
    return change


async def _replace(actor: Actor, cycle: ReviewCycle, *, final: bool) -> tuple[list[TierPlacement], TierChange]:
    tier_policy = TierPolicy.parse(cycle.tier_policy)
    candidates = await _candidates(actor, cycle, tier_policy)
    before = {(UUID(str(e)), TierCode(t)): UUID(str(i)) for i, e, t in await TierPlacement.of(actor).filter(
        cycle_id=cycle.id).values_list("id", "employee_id", "tier")}
    now = clock.now()
    # A pair placed before keeps its row id: the wall award of a final tier points at it.
    rows = [TierPlacement.build_for(actor, id=before.get((p.employee_id, p.tier)) or uuid.uuid4(),
                                    cycle_id=cycle.id, employee_id=p.employee_id, tier=p.tier, position=p.position,
                                    basis=p.basis, placed_at=now)
            for p in place(tier_policy, candidates)]
    after = {(r.employee_id, r.tier) for r in rows}
    totals = {c.employee_id: c.total for c in candidates}
    async with db.transaction():
        await TierPlacement.of(actor).filter(cycle_id=cycle.id).delete()
        if rows:
            await TierPlacement.bulk_create(rows)
        if final:
            for row in rows:
                await outbox.emit(actor, TierReached(employee_id=str(row.employee_id), cycle_id=str(cycle.id),
                                                     tier=row.tier.value, total=round(totals[row.employee_id], 2)),
                                  dedupe_key=f"tier:{cycle.id}:{row.employee_id}:{row.tier.value}")
    lost = sorted((pair for pair in before if pair not in after), key=str)
    return rows, TierChange(gained=sorted((pair for pair in after if pair not in before), key=str), lost=lost,
                            lost_placement_ids=[before[pair] for pair in lost])


async def _candidates(actor: Actor, cycle: ReviewCycle, tier_policy: TierPolicy) -> list[Candidate]:
    cards = await Scorecard.of(actor).filter(cycle_id=cycle.id).values_list(
        "employee_id", "department_id", "total", "completion")
    people = [row[0] for row in cards]
    numbers = dict(await Employee.of(actor).filter(id__in=people).values_list("id", "employee_number")) if people else {}
    history = await _history(actor, cycle, people, tier_policy.baseline_cycles)
    return [Candidate(employee_id=e, employee_number=str(numbers.get(e, "")), department_id=d, total=t, completion=c,
                      history=history.get(e, ())) for e, d, t, c in cards]


async def _history(actor: Actor, cycle: ReviewCycle, people: list[UUID], depth: int) -> dict[UUID, tuple[float, ...]]:
    """Each person's totals in the earlier closed cycles, newest first, at most `depth` of them."""
    earlier = await ReviewCycle.of(actor).filter(
        kind=cycle.kind, status=CycleStatus.CLOSED, ends_on__lt=cycle.starts_on).exclude(id=cycle.id).order_by(
        "-ends_on").limit(_HISTORY_LIMIT).values_list("id", flat=True)
    if not earlier or not people:
        return {}
    order = {cycle_id: i for i, cycle_id in enumerate(earlier)}
    totals: dict[UUID, list[tuple[int, float]]] = defaultdict(list)
    for employee_id, cycle_id, total in await Scorecard.of(actor).filter(
            cycle_id__in=list(earlier), employee_id__in=people).values_list("employee_id", "cycle_id", "total"):
        totals[employee_id].append((order[cycle_id], total))
    return {e: tuple(t for _, t in sorted(found)[:depth]) for e, found in totals.items()}


async def list_tiers(actor: Actor, *, cycle_id: UUID) -> list[tuple[TierPlacement, bool]]:
    """The cycle's placements, tier then position, each with whether the viewer may see the person's
    score (the basis). Everyone in the organisation sees a closed cycle's tiers (they are on the wall);
    an open cycle's provisional tiers only HR. Requires PERFORMANCE_REVIEW (people, not kiosks). Raises
    Forbidden, NotFound."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    hr = seeing.sees_everyone(actor) or has(actor, Permission.BONUS_MANAGE)
    if cycle.status != CycleStatus.CLOSED and not hr:
        return []
    rows = await TierPlacement.of(actor).filter(cycle_id=cycle.id)
    rank = {tier: i for i, tier in enumerate(TierCode)}  # top10, top20, improved
    rows.sort(key=lambda r: (rank[r.tier], r.position))
    if hr:
        return [(row, True) for row in rows]
    below = await Visibility(actor).subordinates()
    return [(row, row.employee_id in below or row.employee_id == actor.employee_id) for row in rows]
