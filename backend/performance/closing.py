"""Closing a review cycle: the last full recompute, final tiers, the status change and telling everyone
scored that their statement is final; and a correction arriving after closing (an upheld appeal), which
re-places the final tiers unless a bonus pool of the cycle is locked. A closed cycle is never reopened here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, outbox
from backend.core.errors import Conflict
from backend.notifications import service as notifications
from backend.performance import pools, recompute, tiering
from backend.performance.events import CycleClosed
from backend.performance.models import CycleStatus, ReviewCycle, Scorecard


async def close_cycle(actor: Actor, *, cycle_id: UUID) -> ReviewCycle:
    """HR closes an open cycle, all in one transaction: status CLOSED with closed_at (conditional, so of
    two racing closers one wins and the other gets Conflict), a forced full recompute, final tiers
    (performance.tier_reached per placement), performance.cycle_closed, an audit entry, and one
    notification per scored person (dedupe per cycle and person). Requires PERFORMANCE_CONFIGURE.
    Raises Forbidden, NotFound, Conflict (already closed); on any error nothing changes."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    if cycle.status != CycleStatus.OPEN:
        raise Conflict("This review cycle is already closed.")
    now = clock.now()
    async with db.transaction():
        # First, so a second closer waits on the row (PostgreSQL) and then finds nothing to update.
        if not await ReviewCycle.of(actor).filter(id=cycle.id, status=CycleStatus.OPEN).update(
                status=CycleStatus.CLOSED, closed_at=now):
            raise Conflict("This review cycle is already closed.")
        await recompute.recompute_cycle(actor, cycle_id=cycle.id, only_marked=False, force=True)
        placements = await tiering.place_tiers(actor, cycle_id=cycle.id, final=True)
        totals = await Scorecard.of(actor).filter(cycle_id=cycle.id).values_list("employee_id", "total")
        await outbox.emit(actor, CycleClosed(cycle_id=str(cycle.id)), dedupe_key=f"cycle_closed:{cycle.id}")
        await audit.record(actor, action="review_cycle.closed", entity_type="review_cycle", entity_id=cycle.id,
                           before={"status": CycleStatus.OPEN},
                           after={"status": CycleStatus.CLOSED, "closed_at": now, "scored": len(totals),
                                  "placements": len(placements)})
        for employee_id, total in totals:
            await notifications.notify(actor, recipient_id=employee_id, message=_final_message(cycle, total),
                                       dedupe_key=f"statement_final:{cycle.id}")
    return await ReviewCycle.of(actor).get(id=cycle.id)


CORRECTION_AFTER_LOCK = "appeal.correction_after_lock"  # the audit action recording it (appeal_queries reads it)


@dataclass(frozen=True, slots=True)
class LateCorrection:
    """What a correction to a closed cycle did besides rescoring the person."""

    after_lock: bool  # a pool of the cycle was locked: tiers and allocations stay as paid
    tiers: tiering.TierChange | None  # None when after_lock
    reopened_pool_ids: list[UUID]


async def correct_closed_cycle(actor: Actor, *, cycle_id: UUID, appeal_id: UUID) -> LateCorrection:
    """An upheld appeal corrected an input of a closed cycle (the person is marked dirty): inside the
    decision's transaction, send the cycle's previewed or approved pools back to draft (their amounts used
    the old scores), rescore the people marked (forced), then re-place the final tiers, unless a pool of
    the cycle is locked. A locked pool's allocations and the tiers it paid on stay as they are; the
    correction is recorded as appeal.correction_after_lock, which the appeal then shows. `actor` is the
    decider (for the audit); the work is done as the system. Emits performance.tier_reached for tiers
    gained; takes lost tiers off the wall."""
    system = Actor.system(actor.tenant_id, label="appeal correction")
    async with db.transaction():
        # First: a lock racing this decision either committed already (and is seen below) or now waits on
        # the pool row and then finds it in draft.
        reopened = await pools.reopen_after_correction(system, cycle_id=cycle_id, appeal_id=appeal_id)
        locked = await pools.locked_pools(system, cycle_id=cycle_id)
        await recompute.recompute_cycle(system, cycle_id=cycle_id, only_marked=True, force=True)
        if locked:
            await audit.record(actor, action=CORRECTION_AFTER_LOCK, entity_type="appeal", entity_id=appeal_id,
                               after={"cycle_id": cycle_id, "locked_pool_ids": [str(p.id) for p in locked],
                                      "locked_at": locked[0].locked_at})
            return LateCorrection(after_lock=True, tiers=None, reopened_pool_ids=reopened)
        change = await tiering.replace_final_tiers(system, cycle_id=cycle_id)
        await audit.record(actor, action="review_cycle.tiers_replaced", entity_type="review_cycle",
                           entity_id=cycle_id, after={
                               "appeal_id": appeal_id, "reopened_pool_ids": [str(p) for p in reopened],
                               "gained": [[str(e), t.value] for e, t in change.gained],
                               "lost": [[str(e), t.value] for e, t in change.lost]})
    return LateCorrection(after_lock=False, tiers=change, reopened_pool_ids=reopened)


def _final_message(cycle: ReviewCycle, total: float) -> notifications.Message:
    appeal_until = (cycle.ends_on + timedelta(days=cycle.appeal_days)).isoformat()
    return notifications.Message(
        kind="statement_final", link=f"/performance?cycle={cycle.id}",
        title_en=f"Your {cycle.name_en} results are final", title_zh=f"你的「{cycle.name_zh}」绩效结果已确定",
        body_en=f"Total {total:.2f}. Open your statement to see how each score was made; "
                f"you can appeal until {appeal_until}.",
        body_zh=f"总分 {total:.2f}。打开绩效说明可查看每一项得分的计算方式；如有异议，可在 {appeal_until} 前申诉。")
