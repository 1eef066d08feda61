"""What the achievement wall and the inbox show when a cycle's outcome is final: a tier placement becomes an
award on the wall, a locked bonus becomes a (private) bonus entry. Run after commit from the outbox, at
least once: the wall's (employee, source, kind) key and the notification dedupe keys make repeats harmless."""
from __future__ import annotations

from uuid import UUID

from backend.access.actor import Actor
from backend.achievements import record
from backend.achievements.models import AchievementKind
from backend.core import db
from backend.core.events import RecordedEvent
from backend.notifications import service as notifications
from backend.org.queries import get_organization
from backend.performance.events import BonusPoolLocked, TierReached
from backend.performance.models import BonusAllocation, BonusPool, ReviewCycle, TierPlacement

TIER_NAMES = {
    "top10": ("Top 10 %", "卓越"),
    "top20": ("Top 20 %", "优秀"),
    "improved": ("Most improved", "进步最快"),
}


async def on_tier_reached(actor: Actor, event: RecordedEvent) -> None:
    payload = event.payload
    placement = await TierPlacement.of(actor).get_or_none(
        cycle_id=UUID(payload["cycle_id"]), employee_id=UUID(payload["employee_id"]), tier=payload["tier"])
    if placement is None:  # placements were replaced since (a reopened, re-closed cycle emits again)
        return
    cycle = await ReviewCycle.of(actor).get(id=placement.cycle_id)
    name_en, name_zh = TIER_NAMES[payload["tier"]]
    async with db.transaction():
        earned = await record.record_once(actor, record.Earned(
            employee_id=placement.employee_id, kind=AchievementKind.AWARD,
            title_en=f"{name_en} · {cycle.name_en}", title_zh=f"{name_zh} · {cycle.name_zh}",
            detail=f"{placement.basis:.2f}", source_type="tier_placement", source_id=placement.id,
        ))
        if earned is not None:
            await notifications.notify(actor, recipient_id=placement.employee_id, dedupe_key=f"tier:{placement.id}",
                                       message=notifications.Message(
                                           kind="tier_reached", link="/performance",
                                           title_en=f"You are in the {name_en} tier for {cycle.name_en}",
                                           title_zh=f"你在「{cycle.name_zh}」中获评「{name_zh}」"))


async def on_bonus_pool_locked(actor: Actor, event: RecordedEvent) -> None:
    pool = await BonusPool.of(actor).get(id=UUID(event.payload["pool_id"]))
    cycle = await ReviewCycle.of(actor).get(id=pool.cycle_id)
    currency = (await get_organization(actor)).currency
    rows = await BonusAllocation.of(actor).filter(pool_id=pool.id, amount_minor__gt=0).values_list(
        "id", "employee_id", "amount_minor")
    async with db.transaction():
        for allocation_id, employee_id, amount in rows:
            earned = await record.record_once(actor, record.Earned(
                employee_id=employee_id, kind=AchievementKind.BONUS, title_en=f"{pool.name} · {cycle.name_en}",
                title_zh=f"{pool.name} · {cycle.name_zh}", amount_minor=amount, is_public=False,
                source_type="bonus_allocation", source_id=allocation_id,
            ))
            if earned is not None:
                await notifications.notify(actor, recipient_id=employee_id, dedupe_key=f"bonus:{allocation_id}",
                                           message=notifications.Message(
                                               kind="bonus_locked", link="/performance",
                                               title_en=f"Your {cycle.name_en} bonus is final",
                                               title_zh=f"你的「{cycle.name_zh}」奖金已确定",
                                               body_en=_money(amount, currency), body_zh=_money(amount, currency)))


def _money(amount_minor: int, currency: str) -> str:
    whole, cents = divmod(amount_minor, 100)  # integer maths: fen never pass through a float
    symbol = "¥" if currency == "CNY" else f"{currency} "
    return f"{symbol}{whole:,}.{cents:02d}"


PERFORMANCE_HANDLERS = {
    TierReached.type: [on_tier_reached],
    BonusPoolLocked.type: [on_bonus_pool_locked],
}
