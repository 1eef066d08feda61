"""A final tier placement becomes an award on the wall and a locked bonus a private bonus entry, each with
one notification, however often the event is handed over."""
from __future__ import annotations

from backend.achievements.models import Achievement, AchievementKind
from backend.core import clock, db, outbox
from backend.notifications.models import Notification
from backend.performance import handlers
from backend.performance.events import BonusPoolLocked, TierReached
from backend.performance.models import BonusAllocation, BonusPool, PoolStatus, TierCode, TierPlacement
from tests.factories.org import make_company
from tests.factories.performance import make_cycle


async def _recorded(actor, event):  # type: ignore[no-untyped-def]
    async with db.transaction():
        row = await outbox.emit(actor, event)
    assert row is not None
    return outbox.recorded(row)


async def test_a_tier_placement_is_recorded_on_the_wall_once(db):
    # given a final top-10 % placement and its event
    company = await make_company()
    cycle = await make_cycle(company.system)
    worker = company.employee.employee.id
    placement = await TierPlacement.create_for(company.system, cycle_id=cycle.id, employee_id=worker,
                                               tier=TierCode.TOP10, position=1, basis=96.5, placed_at=clock.now())
    event = await _recorded(company.system, TierReached(employee_id=str(worker), cycle_id=str(cycle.id),
                                                        tier="top10", total=96.5))
    # when handled twice (delivery is at least once)
    await handlers.on_tier_reached(company.system, event)
    await handlers.on_tier_reached(company.system, event)
    # then one public award and one notification
    award = await Achievement.get(employee_id=worker)
    assert (award.kind, award.title_en, award.title_zh, award.source_id, award.is_public) == (
        AchievementKind.AWARD, "Top 10 % · November 2026", "卓越 · November 2026", placement.id, True)
    assert await Notification.filter(recipient_id=worker, kind="tier_reached").count() == 1


async def test_a_locked_bonus_is_a_private_wall_entry_per_paid_person(db):
    # given a locked pool paying one person 1,234.50 yuan and another nothing
    company = await make_company()
    cycle = await make_cycle(company.system)
    pool = await BonusPool.create_for(company.system, cycle_id=cycle.id, name="Q4 bonus", amount_minor=123_450,
                                      status=PoolStatus.APPROVED)
    paid, unpaid = company.employee.employee.id, company.peer.employee.id
    await BonusAllocation.create_for(company.system, pool_id=pool.id, employee_id=paid, amount_minor=123_450)
    await BonusAllocation.create_for(company.system, pool_id=pool.id, employee_id=unpaid, amount_minor=0)
    await BonusPool.of(company.system).filter(id=pool.id).update(status=PoolStatus.LOCKED)  # allocations freeze now
    event = await _recorded(company.system, BonusPoolLocked(pool_id=str(pool.id), cycle_id=str(cycle.id),
                                                            amount_minor=123_450))
    # when handled twice
    await handlers.on_bonus_pool_locked(company.system, event)
    await handlers.on_bonus_pool_locked(company.system, event)
    # then the paid person has one private bonus entry and one notification with the exact amount
    entry = await Achievement.get(employee_id=paid)
    assert (entry.kind, entry.amount_minor, entry.is_public) == (AchievementKind.BONUS, 123_450, False)
    note = await Notification.get(recipient_id=paid, kind="bonus_locked")
    assert note.body_en == "¥1,234.50"
    assert await Achievement.filter(employee_id=unpaid).count() == 0
