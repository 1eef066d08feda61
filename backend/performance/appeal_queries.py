"""Reading appeals: one's own, those to decide, one by id, and which corrections came after a bonus lock.
Writes nothing: `total_after` of an upheld correction is filled in memory from the person's scorecard once
a recompute after the decision has landed."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Forbidden
from backend.performance import policy
from backend.performance.closing import CORRECTION_AFTER_LOCK
from backend.performance.models import Appeal, AppealStatus, Scorecard


def is_overdue(appeal: Appeal, now: datetime | None = None) -> bool:
    """Still open after its answer was due."""
    return appeal.status == AppealStatus.OPEN and appeal.due_at < (now or clock.now())


async def list_my_appeals(actor: Actor) -> list[Appeal]:
    """The signed-in person's appeals, newest first. Requires PERFORMANCE_REVIEW."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    return await with_totals(actor, await Appeal.of(actor).filter(employee_id=policy.person_id(actor)).order_by("-filed_at"))


async def list_appeals_to_decide(actor: Actor, *, status: AppealStatus | None = AppealStatus.OPEN) -> list[Appeal]:
    """Appeals routed to the signed-in reviewer (HR: every appeal), soonest due first; `status` None = any.
    Requires APPEALS_DECIDE. Raises Forbidden."""
    require(actor, Permission.APPEALS_DECIDE)
    query = Appeal.of(actor)
    if not policy.sees_everyone(actor):
        query = query.filter(reviewer_id=policy.person_id(actor))
    if status is not None:
        query = query.filter(status=status)
    return await with_totals(actor, await query.order_by("due_at", "filed_at"))


async def get_appeal(actor: Actor, *, appeal_id: UUID) -> Appeal:
    """The appellant, the assigned reviewer and HR. Raises NotFound (also another organisation's id), Forbidden."""
    appeal = await Appeal.get_for(actor, appeal_id, what="appeal")
    me = actor.employee_id
    if not policy.sees_everyone(actor) and me not in (appeal.employee_id, appeal.reviewer_id):
        raise Forbidden("Only the person who appealed, the reviewer and HR can see this appeal.")
    return (await with_totals(actor, [appeal]))[0]


async def with_totals(actor: Actor, appeals: Sequence[Appeal]) -> list[Appeal]:
    """Fill total_after (in memory) of upheld appeals whose correction has since been recomputed: one query."""
    waiting = [a for a in appeals if a.status == AppealStatus.UPHELD and a.total_after is None and a.decided_at]
    if waiting:
        cards = {(c, e): (total, at) for c, e, total, at in await Scorecard.of(actor).filter(
            cycle_id__in={a.cycle_id for a in waiting}, employee_id__in={a.employee_id for a in waiting},
        ).values_list("cycle_id", "employee_id", "total", "computed_at")}
        for appeal in waiting:
            found = cards.get((appeal.cycle_id, appeal.employee_id))
            if found is not None and appeal.decided_at is not None and found[1] >= appeal.decided_at:
                appeal.total_after = found[0]
    return list(appeals)


async def corrections_after_lock(actor: Actor, appeal_ids: Sequence[UUID]) -> list[bool]:
    """Per appeal (in order): its upheld correction arrived after a bonus pool of its closed cycle was
    locked, so tiers and bonus stayed as paid (recorded at the decision by backend.performance.closing).
    One query; no permission check (the caller read the appeals)."""
    if not appeal_ids:
        return []
    found = {str(entity) for entity in await AuditEntry.of(actor).filter(
        action=CORRECTION_AFTER_LOCK, entity_type="appeal", entity_id__in=[str(i) for i in appeal_ids],
    ).values_list("entity_id", flat=True)}
    return [str(i) in found for i in appeal_ids]
