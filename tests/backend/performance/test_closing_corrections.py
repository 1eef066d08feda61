"""A correction arriving after a cycle closed (an upheld appeal): the person is rescored at once and the final
tiers are placed again (a lost tier leaves the wall, a gained one is announced, previewed or approved pools go
back to draft), unless a bonus pool of the cycle is locked: then tiers and allocations stay as paid, the
correction is recorded and the appeal (and the appellant's notice) says so."""
from __future__ import annotations

from typing import Any

from backend.achievements.models import Achievement
from backend.audit.models import AuditEntry
from backend.core import clock, outbox
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.performance import anomalies, appeals, closing, handlers, pools, recompute
from backend.performance.models import (
    AnomalyFlag, AppealStatus, BonusAllocation, BonusPool, FlagStatus, PoolStatus, TierCode, TierPlacement,
)
from schema.build import build_schema
from schema.context import Context
from tests.factories.performance import put_value
from tests.factories.performance_review import IN_WINDOW, AppealScene, appeal_scene, file, total_of

SCHEMA = build_schema()
REASON = "The CRM export shows both deals were signed in November."
APPEAL = "query($id: ID!) { appeal(id: $id) { status totalBefore totalAfter correctionAfterLock } }"


async def _closed_scene() -> AppealScene:
    """November closed with final tiers: the worker 77 (top 10 %), the peer 50, the manager 0; anyone scored
    may be placed (min_group_size 1). The worker's award is on the wall."""
    scene = await appeal_scene(tier_policy={"min_group_size": 1})
    c = scene.company
    await put_value(c.system, scene.cycle, c.peer.employee.id, "retention", 90)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False, force=True)
    await closing.close_cycle(c.hr.actor, cycle_id=scene.cycle.id)
    row = await OutboxEvent.get(type="performance.tier_reached")
    await handlers.on_tier_reached(c.system, outbox.recorded(row))
    return scene


async def _pool(scene: AppealScene, *, lock: bool) -> BonusPool:
    c = scene.company
    pool = await pools.create_bonus_pool(c.hr.actor, cycle_id=scene.cycle.id, name="November", amount_minor=300_000)
    await pools.preview_bonus_pool(c.hr.actor, pool_id=pool.id)
    for flag in await AnomalyFlag.of(c.system).filter(cycle_id=scene.cycle.id, status=FlagStatus.OPEN):
        await anomalies.resolve_flag(c.hr.actor, flag_id=flag.id, outcome=FlagStatus.JUSTIFIED,
                                     note="Checked with the department head.")
    await pools.approve_bonus_pool(c.owner.actor, pool_id=pool.id)
    if lock:
        await pools.lock_bonus_pool(c.hr.actor, pool_id=pool.id)
    return await BonusPool.get(id=pool.id)


async def _peer_appeal_upheld(scene: AppealScene) -> Any:
    """The peer's results corrected from 100 to 200 of 200: 60 + 20 + 0 = 80, above the worker's 77."""
    c = scene.company
    appeal = await file(c.peer, scene, "results", reason=REASON)
    return await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD,
                                       decision="Agreed: both deals count.", corrected_value=200)


async def _tiers(scene: AppealScene) -> list[tuple[str, TierCode]]:
    rows = await TierPlacement.filter(cycle_id=scene.cycle.id).prefetch_related("employee")
    return sorted((r.employee.name, r.tier) for r in rows)


async def _appeal(scene: AppealScene, appeal_id: Any) -> dict[str, Any]:
    result = await SCHEMA.execute(APPEAL, variable_values={"id": str(appeal_id)},
                                  context_value=Context(request=None, response=None, actor=scene.company.hr.actor))  # type: ignore[arg-type]
    assert result.errors is None and result.data is not None, result.errors
    return result.data["appeal"]


async def test_a_correction_after_closing_places_the_tiers_again(db):
    # given November closed with the worker in the top tier and an approved (not locked) pool
    with clock.frozen_at(IN_WINDOW):
        scene = await _closed_scene()
        pool = await _pool(scene, lock=False)
        c = scene.company
        worker_award = await Achievement.get(employee_id=c.employee.employee.id)
        # when the peer's appeal is upheld with a correction that puts them above the worker
        decided = await _peer_appeal_upheld(scene)
    # then the peer is rescored at once and now holds the top tier; the worker lost it
    assert await total_of(scene, c.peer) == 80.0
    assert await _tiers(scene) == [("Acme Peer", TierCode.TOP10)]
    # and the worker's award left the wall, the peer's tier is announced
    assert (await Achievement.get(id=worker_award.id)).revoked_at is not None
    events = [e.payload for e in await OutboxEvent.filter(type="performance.tier_reached")]
    assert {(p["employee_id"], p["tier"]) for p in events} == {
        (str(c.employee.employee.id), "top10"), (str(c.peer.employee.id), "top10")}
    # and the approved pool went back to draft without its allocations (its amounts used the old scores)
    reopened = await BonusPool.get(id=pool.id)
    assert (reopened.status, reopened.approved_by_id, reopened.previewed_at) == (PoolStatus.DRAFT, None, None)
    assert await BonusAllocation.filter(pool_id=pool.id).count() == 0
    # and it is audited, and the appeal shows the new total and no lock
    entry = await AuditEntry.get(action="review_cycle.tiers_replaced")
    assert entry.after == {"appeal_id": str(decided.id), "reopened_pool_ids": [str(pool.id)],
                           "gained": [[str(c.peer.employee.id), "top10"]],
                           "lost": [[str(c.employee.employee.id), "top10"]]}
    assert await _appeal(scene, decided.id) == {"status": "UPHELD", "totalBefore": 50.0, "totalAfter": 80.0,
                                                "correctionAfterLock": False}


async def test_a_person_who_keeps_their_tier_keeps_the_placement_and_the_award(db):
    # given the worker in the top tier with their award on the wall
    with clock.frozen_at(IN_WINDOW):
        scene = await _closed_scene()
        c = scene.company
        before = await TierPlacement.get(cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
        # when the peer's correction does not reach the worker (100 → 150: 45 + 20 = 65)
        appeal = await file(c.peer, scene, "results", reason=REASON)
        await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD,
                                    decision="Partly: one deal counts.", corrected_value=150)
    # then the same placement row stands and the award is still on the wall
    after = await TierPlacement.get(cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
    assert (after.id, after.tier) == (before.id, TierCode.TOP10)
    assert (await Achievement.get(employee_id=c.employee.employee.id)).revoked_at is None
    assert await total_of(scene, c.peer) == 65.0


async def test_after_a_lock_the_score_is_corrected_but_tiers_and_bonus_stay_as_paid(db):
    # given November closed and its pool locked (paid on the worker's top tier)
    with clock.frozen_at(IN_WINDOW):
        scene = await _closed_scene()
        pool = await _pool(scene, lock=True)
        c = scene.company
        paid = sorted(await BonusAllocation.filter(pool_id=pool.id).values_list("employee_id", "amount_minor"))
        # when the peer's appeal is upheld with a correction
        decided = await _peer_appeal_upheld(scene)
    # then the peer's score is corrected
    assert await total_of(scene, c.peer) == 80.0
    # but the tiers and the locked allocations are exactly as paid
    assert await _tiers(scene) == [("Acme Worker", TierCode.TOP10)]
    assert sorted(await BonusAllocation.filter(pool_id=pool.id).values_list("employee_id", "amount_minor")) == paid
    assert (await BonusPool.get(id=pool.id)).status == PoolStatus.LOCKED
    assert (await Achievement.get(employee_id=c.employee.employee.id, source_type="tier_placement")).revoked_at is None
    # and the late correction is recorded, shown on the appeal and told to the appellant
    entry = await AuditEntry.get(action=closing.CORRECTION_AFTER_LOCK)
    assert (entry.entity_id, entry.after["locked_pool_ids"]) == (str(decided.id), [str(pool.id)])
    assert await AuditEntry.filter(action="review_cycle.tiers_replaced").count() == 0
    assert await _appeal(scene, decided.id) == {"status": "UPHELD", "totalBefore": 50.0, "totalAfter": 80.0,
                                                "correctionAfterLock": True}
    note = await Notification.get(recipient_id=c.peer.employee.id, kind="appeal_decided")
    assert "already locked" in note.body_en and "已锁定" in note.body_zh


async def test_a_rejected_appeal_after_a_lock_is_not_a_late_correction(db):
    # given a locked pool
    with clock.frozen_at(IN_WINDOW):
        scene = await _closed_scene()
        await _pool(scene, lock=True)
        c = scene.company
        appeal = await file(c.peer, scene, "results", reason=REASON)
        # when
        await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.REJECTED,
                                    decision="The deals were signed in December.")
    # then
    assert (await _appeal(scene, appeal.id))["correctionAfterLock"] is False
    assert await AuditEntry.filter(action=closing.CORRECTION_AFTER_LOCK).count() == 0
