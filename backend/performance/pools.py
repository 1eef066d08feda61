"""Bonus pools: draft → previewed → approved → locked. Drafting and previewing (allocations computed from
scorecards and tiers, detectors run), moving fen between two people, the second-person approval and the
lock that pays. Locked pools refuse every change here and, as a backstop, in the database (migration
0008). Reads live in backend.performance.pool_queries; the split itself in backend.performance.allocation."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements import record
from backend.audit import service as audit
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.org.models import Department, Employee
from backend.performance import anomalies, tiering
from backend.performance.allocation import Formula, Member, allocate
from backend.performance.events import BonusPoolLocked
from backend.performance.models import (
    BonusAllocation, BonusPool, CycleStatus, PoolStatus, ReviewCycle, Scorecard, TierCode,
    TierPlacement,
)
from backend.performance.policy import person_id

MAX_AMOUNT_MINOR = 10**12  # ¥10 billion: far above any real pool, far below BIGINT
_EDITABLE = (PoolStatus.DRAFT, PoolStatus.PREVIEWED)
_REOPENED = (PoolStatus.PREVIEWED, PoolStatus.APPROVED)  # what a late score correction sends back to draft


async def create_bonus_pool(actor: Actor, *, cycle_id: UUID, name: str, amount_minor: int,
                            formula: Mapping[str, Any] | None = None) -> BonusPool:
    """A draft pool for a cycle. Requires BONUS_MANAGE. Raises Forbidden, NotFound (cycle),
    ValidationFailed (name, amountMinor, formula)."""
    require(actor, Permission.BONUS_MANAGE)
    values = await _values(actor, cycle_id=cycle_id, name=name, amount_minor=amount_minor, formula=formula)
    async with db.transaction():
        pool = await BonusPool.create_for(actor, **values, status=PoolStatus.DRAFT, created_by_id=actor.employee_id)
        await audit.record(actor, action="bonus_pool.created", entity_type="bonus_pool", entity_id=pool.id,
                           after={**values, "status": PoolStatus.DRAFT})
    return pool


async def update_bonus_pool(actor: Actor, *, pool_id: UUID, cycle_id: UUID, name: str, amount_minor: int,
                            formula: Mapping[str, Any] | None = None) -> BonusPool:
    """Change a draft or previewed pool; it goes back to draft and its allocations are dropped (they no
    longer match). Requires BONUS_MANAGE. Raises Forbidden, NotFound, ValidationFailed, Conflict."""
    require(actor, Permission.BONUS_MANAGE)
    pool = await _pool(actor, pool_id, _EDITABLE)
    values = await _values(actor, cycle_id=cycle_id, name=name, amount_minor=amount_minor, formula=formula)
    async with db.transaction():
        await _move(actor, pool, _EDITABLE, status=PoolStatus.DRAFT, previewed_at=None, **values)
        await BonusAllocation.of(actor).filter(pool_id=pool.id).delete()
        before = {"cycle_id": pool.cycle_id, "name": pool.name, "amount_minor": pool.amount_minor,
                  "formula": pool.formula, "status": pool.status}
        changed_before, changed_after = audit.diff(before, {**values, "status": PoolStatus.DRAFT})
        await audit.record(actor, action="bonus_pool.updated", entity_type="bonus_pool", entity_id=pool.id,
                           before=changed_before, after=changed_after)
    return await BonusPool.of(actor).get(id=pool.id)


async def preview_bonus_pool(actor: Actor, *, pool_id: UUID) -> BonusPool:
    """Compute every allocation from the cycle's scorecards and tiers (placed provisionally when the
    cycle is still open), replace the pool's allocations, mark it PREVIEWED and run the anomaly
    detectors for the cycle and pool. Requires BONUS_MANAGE. Raises Forbidden, NotFound, Conflict
    (approved or locked), ValidationFailed (no scorecards, nobody can receive a share)."""
    require(actor, Permission.BONUS_MANAGE)
    pool = await _pool(actor, pool_id, _EDITABLE)
    cycle = await ReviewCycle.of(actor).get(id=pool.cycle_id)
    async with db.transaction():
        if cycle.status == CycleStatus.OPEN:
            await tiering.place_tiers(actor, cycle_id=cycle.id, final=False)
        split = allocate(pool.amount_minor, Formula.parse(pool.formula), await _members(actor, cycle.id))
        await _move(actor, pool, _EDITABLE, status=PoolStatus.PREVIEWED, previewed_at=clock.now())
        await BonusAllocation.of(actor).filter(pool_id=pool.id).delete()
        await BonusAllocation.bulk_create([BonusAllocation.build_for(
            actor, pool_id=pool.id, employee_id=a.employee_id, department_id=a.department_id,
            amount_minor=a.amount_minor, basis=a.basis) for a in split.allocations])
        await audit.record(actor, action="bonus_pool.previewed", entity_type="bonus_pool", entity_id=pool.id,
                           before={"status": pool.status},
                           after={"status": PoolStatus.PREVIEWED, "people": len(split.allocations),
                                  "allocated_minor": sum(a.amount_minor for a in split.allocations),
                                  "cycle_status": cycle.status})
        await anomalies.run_detectors(actor, cycle_id=cycle.id, pool_id=pool.id)
    return await BonusPool.of(actor).get(id=pool.id)


async def adjust_bonus_allocation(actor: Actor, *, pool_id: UUID, employee_id: UUID, from_employee_id: UUID,
                                  amount_minor: int, reason: str) -> BonusPool:
    """Move `amount_minor` fen from one person of a previewed pool to another, saying why (how HR resolves
    a flag by an adjustment); the pool's sum is unchanged. Requires BONUS_MANAGE. Raises Forbidden,
    NotFound (pool, or a person not in it), ValidationFailed (amount, reason, same person), Conflict."""
    require(actor, Permission.BONUS_MANAGE)
    text = validation.trimmed(reason, field="reason", max_length=500)
    if isinstance(amount_minor, bool) or not isinstance(amount_minor, int) or amount_minor < 1:
        raise ValidationFailed("Move at least 1 fen.", field="amountMinor")
    if employee_id == from_employee_id:
        raise ValidationFailed("Choose two different people.", field="fromEmployeeId")
    pool = await _pool(actor, pool_id, (PoolStatus.PREVIEWED,))
    rows = {a.employee_id: a for a in await BonusAllocation.of(actor).filter(
        pool_id=pool.id, employee_id__in=[employee_id, from_employee_id])}
    for person, field in ((employee_id, "employeeId"), (from_employee_id, "fromEmployeeId")):
        if person not in rows:
            raise NotFound("This person has no share in this pool.", field=field)
    giver, taker = rows[from_employee_id], rows[employee_id]
    async with db.transaction():
        await _move(actor, pool, (PoolStatus.PREVIEWED,), status=PoolStatus.PREVIEWED)
        # Conditional: two racing adjustments cannot take the same fen twice.
        if not await BonusAllocation.of(actor).filter(id=giver.id, amount_minor__gte=amount_minor).update(
                amount_minor=F("amount_minor") - amount_minor, adjusted_by_id=actor.employee_id):
            raise ValidationFailed(f"That person has only {giver.amount_minor} fen in this pool.", field="amountMinor")
        await BonusAllocation.of(actor).filter(id=taker.id).update(
            amount_minor=F("amount_minor") + amount_minor, adjusted_by_id=actor.employee_id)
        await audit.record(actor, action="bonus_allocation.adjusted", entity_type="bonus_pool", entity_id=pool.id,
                           before={"from_minor": giver.amount_minor, "to_minor": taker.amount_minor},
                           after={"from_employee_id": from_employee_id, "employee_id": employee_id,
                                  "moved_minor": amount_minor, "from_minor": giver.amount_minor - amount_minor,
                                  "to_minor": taker.amount_minor + amount_minor, "reason": text})
    return await BonusPool.of(actor).get(id=pool.id)


async def approve_bonus_pool(actor: Actor, *, pool_id: UUID) -> BonusPool:
    """The second review: a person other than the pool's creator approves a previewed pool of a closed
    cycle, previewed after it closed, with no open anomaly flag (of this pool or pool-less) in the
    cycle. Requires BONUS_MANAGE and being a person. Raises Forbidden, NotFound, Conflict."""
    require(actor, Permission.BONUS_MANAGE)
    me = person_id(actor)
    pool = await _pool(actor, pool_id, (PoolStatus.PREVIEWED,))
    if pool.created_by_id == me:
        raise Forbidden("Second review: the person who created a pool cannot approve it. Ask another HR "
                        "admin or the owner.")
    cycle = await ReviewCycle.of(actor).get(id=pool.cycle_id)
    if cycle.status != CycleStatus.CLOSED or cycle.closed_at is None:
        raise Conflict("Close the review cycle first: a pool is approved on final scores and tiers.")
    if pool.previewed_at is None or pool.previewed_at < cycle.closed_at:
        raise Conflict("The cycle closed after this preview: preview again so the amounts use the final "
                       "scores and tiers.")
    open_flags = await anomalies.open_flag_count(actor, cycle_id=cycle.id, pool_id=pool.id)
    if open_flags:
        raise Conflict(f"{open_flags} anomaly flag{'s are' if open_flags > 1 else ' is'} still open: resolve "
                       "each with a justification or an adjustment first.")
    async with db.transaction():
        await _move(actor, pool, (PoolStatus.PREVIEWED,), status=PoolStatus.APPROVED, approved_by_id=me,
                    approved_at=clock.now())
        await audit.record(actor, action="bonus_pool.approved", entity_type="bonus_pool", entity_id=pool.id,
                           before={"status": PoolStatus.PREVIEWED},
                           after={"status": PoolStatus.APPROVED, "approved_by_id": me})
    return await BonusPool.of(actor).get(id=pool.id)


async def lock_bonus_pool(actor: Actor, *, pool_id: UUID) -> BonusPool:
    """Make an approved pool final: LOCKED with locked_at, a bonus line per person paid (for payroll and
    the wall), performance.bonus_pool_locked. Nothing about the pool can change afterwards. Requires
    BONUS_MANAGE. Raises Forbidden, NotFound, Conflict."""
    require(actor, Permission.BONUS_MANAGE)
    pool = await _pool(actor, pool_id, (PoolStatus.APPROVED,))
    cycle = await ReviewCycle.of(actor).get(id=pool.cycle_id)
    paid = await BonusAllocation.of(actor).filter(pool_id=pool.id, amount_minor__gt=0).values_list(
        "employee_id", "amount_minor")
    if sum(amount for _, amount in paid) != pool.amount_minor:
        raise Conflict("The allocations no longer add up to the pool: preview it again.")
    async with db.transaction():
        await _move(actor, pool, (PoolStatus.APPROVED,), status=PoolStatus.LOCKED, locked_at=clock.now())
        for employee_id, amount in paid:
            await record.add_bonus_line(actor, employee_id=employee_id, amount_minor=amount,
                                        reason=f"{pool.name} · {cycle.name_en}", source_type="bonus_pool",
                                        source_id=pool.id)
        await outbox.emit(actor, BonusPoolLocked(pool_id=str(pool.id), cycle_id=str(cycle.id),
                                                 amount_minor=pool.amount_minor), dedupe_key=f"pool_locked:{pool.id}")
        await audit.record(actor, action="bonus_pool.locked", entity_type="bonus_pool", entity_id=pool.id,
                           before={"status": PoolStatus.APPROVED},
                           after={"status": PoolStatus.LOCKED, "people_paid": len(paid)})
    return await BonusPool.of(actor).get(id=pool.id)


async def reopen_after_correction(actor: Actor, *, cycle_id: UUID, appeal_id: UUID) -> list[UUID]:
    """An upheld appeal changed a score of the closed cycle: its previewed and approved pools go back to draft
    (allocations dropped: preview and approve again), since their amounts used the old scores. Locked pools
    are never touched. Each move is conditional, so a lock racing it either wins (the pool stays locked)
    or finds the pool in draft and is refused. Audited as bonus_pool.reopened. No permission check: for
    backend.performance.closing, inside the decision's transaction. Returns the pools reopened."""
    candidates = [UUID(str(i)) for i in await BonusPool.of(actor).filter(
        cycle_id=cycle_id, status__in=_REOPENED).order_by("created_at", "id").values_list("id", flat=True)]
    reopened = []
    async with db.transaction():
        for pool_id in candidates:
            if not await BonusPool.of(actor).filter(id=pool_id, status__in=_REOPENED).update(
                    status=PoolStatus.DRAFT, previewed_at=None, approved_by_id=None, approved_at=None):
                continue
            await BonusAllocation.of(actor).filter(pool_id=pool_id).delete()
            await audit.record(actor, action="bonus_pool.reopened", entity_type="bonus_pool", entity_id=pool_id,
                               after={"status": PoolStatus.DRAFT, "appeal_id": appeal_id})
            reopened.append(pool_id)
    return reopened


async def locked_pools(actor: Actor, *, cycle_id: UUID) -> list[BonusPool]:
    """The cycle's locked pools, first locked first. No permission check (for the correction path)."""
    return list(await BonusPool.of(actor).filter(cycle_id=cycle_id, status=PoolStatus.LOCKED).order_by("locked_at", "id"))


async def _values(actor: Actor, *, cycle_id: UUID, name: str, amount_minor: int,
                  formula: Mapping[str, Any] | None) -> dict[str, Any]:
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    text = validation.trimmed(name, field="name", max_length=120)
    if isinstance(amount_minor, bool) or not isinstance(amount_minor, int) or not 1 <= amount_minor <= MAX_AMOUNT_MINOR:
        raise ValidationFailed(f"The amount is a whole number of fen from 1 to {MAX_AMOUNT_MINOR}.", field="amountMinor")
    parsed = Formula.parse(formula or {})
    named = {UUID(d) for d in parsed.department_weights}
    if named:
        found = set(await Department.of(actor).filter(id__in=list(named)).values_list("id", flat=True))
        if missing := sorted(str(d) for d in named - found):
            raise ValidationFailed(f"department_weights names unknown department(s): {', '.join(missing)}.",
                                   field="formula")
    return {"cycle_id": cycle.id, "name": text, "amount_minor": amount_minor, "formula": parsed.as_json()}


async def _pool(actor: Actor, pool_id: UUID, allowed: tuple[PoolStatus, ...]) -> BonusPool:
    pool = await BonusPool.get_for(actor, pool_id, what="bonus pool")
    if pool.status not in allowed:
        raise Conflict(_NOT_NOW[pool.status])
    return pool


_NOT_NOW = {
    PoolStatus.DRAFT: "Preview the pool first.",
    PoolStatus.PREVIEWED: "The pool must be approved first.",
    PoolStatus.APPROVED: "This pool is approved: it can only be locked now.",
    PoolStatus.LOCKED: "This pool is locked: its amounts are final and cannot change.",
}


async def _move(actor: Actor, pool: BonusPool, allowed: tuple[PoolStatus, ...], **values: Any) -> None:
    # Conditional on the status read: of two racing changes the second finds nothing and gets Conflict
    # (PostgreSQL re-checks the condition once the first commits; SQLite runs one writer at a time).
    if not await BonusPool.of(actor).filter(id=pool.id, status__in=allowed).update(**values):
        raise Conflict("Someone changed this pool just now; reload it.")


async def _members(actor: Actor, cycle_id: UUID) -> list[Member]:
    cards = await Scorecard.of(actor).filter(cycle_id=cycle_id).values_list("employee_id", "department_id", "total")
    if not cards:
        raise ValidationFailed("Nobody has a scorecard in this cycle yet.", field="cycleId")
    people = [e for e, _, _ in cards]
    numbers = dict(await Employee.of(actor).filter(id__in=people).values_list("id", "employee_number"))
    tiers: dict[UUID, set[TierCode]] = defaultdict(set)
    for employee_id, tier in await TierPlacement.of(actor).filter(cycle_id=cycle_id).values_list("employee_id", "tier"):
        tiers[employee_id].add(TierCode(tier))
    return [Member(employee_id=e, employee_number=str(numbers.get(e, "")), department_id=d, score=t,
                   tiers=frozenset(tiers.get(e, ()))) for e, d, t in cards]
