"""Anomaly flags: running the detectors over a cycle (and a bonus pool's allocations) and HR's resolution of
what they raise. Loads everything set-based (a fixed number of queries whatever the headcount); the
judgement itself lives in detectors.py. Only HR reads or writes flags.

A rerun is idempotent on (cycle, kind, subject): an open flag gets the new numbers, a resolved one stays
resolved, and an open flag whose pattern has gone is kept (HR still says why: evidence "present" = false)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from backend.access.actor import Actor
from backend.access.permissions import Permission, has
from backend.audit import service as audit
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.org.models import Department, Employee
from backend.performance import card_scores, detectors, tiers
from backend.performance.detectors import Finding, Labels, PersonScore, PoolShare, RatingGiven, Thresholds
from backend.performance.events import AnomalyFlagged
from backend.performance.scoring import DimensionScore
from backend.performance.models import (
    AnomalyFlag, BonusAllocation, BonusPool, DimensionSource, FlagStatus, Rating, RaterRelation, ReviewCycle,
    Scorecard, TierCode, TierPlacement,
)

HISTORY_CYCLES = 3  # sudden_jump compares with the mean of up to this many earlier cycles
OBJECTIVE_SOURCES = frozenset({DimensionSource.METRIC.value, DimensionSource.ATTENDANCE.value, DimensionSource.OKR.value})
RESOLUTIONS = (FlagStatus.JUSTIFIED, FlagStatus.ADJUSTED)
MIN_NOTE = 10


@dataclass(frozen=True, slots=True)
class DetectorRun:
    flags: list[AnomalyFlag]  # the cycle's flags (pool-less and, when given, the pool's), open first
    raised: int  # flags new in this run


def require_hr(actor: Actor) -> None:
    if not (has(actor, Permission.BONUS_MANAGE) or has(actor, Permission.PERFORMANCE_CONFIGURE)):
        raise Forbidden("Only HR can review anomaly flags.")


async def detect_anomalies(actor: Actor, *, cycle_id: UUID, pool_id: UUID | None = None) -> DetectorRun:
    """Run every detector over the cycle's scorecards, ratings and earlier totals (and the pool's allocations)
    with the cycle's thresholds; store new findings as open flags, refresh open ones. HR only (BONUS_MANAGE or
    PERFORMANCE_CONFIGURE). Emits performance.anomaly_flagged per new flag. Raises Forbidden, NotFound,
    ValidationFailed (a pool of another cycle)."""
    require_hr(actor)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="cycle")
    pool = await BonusPool.get_for(actor, pool_id, what="bonus pool") if pool_id is not None else None
    if pool is not None and pool.cycle_id != cycle.id:
        raise ValidationFailed("That bonus pool belongs to another cycle.", field="poolId")
    people = await _people(actor, cycle)
    ratings = [RatingGiven(rater, ratee, RaterRelation(relation), score) for rater, ratee, relation, score
               in await Rating.of(actor).filter(cycle_id=cycle.id).values_list("rater_id", "employee_id", "relation", "score")]
    shares = await _pool_shares(actor, pool, people) if pool is not None else None
    labels = await _labels(actor, people, ratings)
    findings = detectors.run_all(people, ratings, Thresholds.parse(cycle.anomaly_thresholds), labels,
                                 pool=(pool.id, shares) if pool is not None and shares is not None else None)
    async with db.transaction():
        raised = await _store(actor, cycle.id, pool.id if pool else None, findings)
    return DetectorRun(flags=await _flags(actor, cycle.id, pool.id if pool else None, None), raised=raised)


async def run_detectors(actor: Actor, *, cycle_id: UUID, pool_id: UUID | None = None) -> list[AnomalyFlag]:
    """detect_anomalies, returning only the flags (what a bonus pool preview calls)."""
    return (await detect_anomalies(actor, cycle_id=cycle_id, pool_id=pool_id)).flags


async def list_flags(actor: Actor, *, cycle_id: UUID, pool_id: UUID | None = None,
                     status: FlagStatus | None = None) -> list[AnomalyFlag]:
    """The cycle's flags, open first then by severity: every one, or with a pool the pool-less ones and that
    pool's. HR only. Raises Forbidden, NotFound."""
    require_hr(actor)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="cycle")
    if pool_id is not None:
        await BonusPool.get_for(actor, pool_id, what="bonus pool")
    return await _flags(actor, cycle.id, pool_id, status)


async def open_flag_count(actor: Actor, *, cycle_id: UUID, pool_id: UUID | None = None) -> int:
    """Open flags blocking a pool's approval (pool-less ones of the cycle and the pool's own). No permission
    check: for the pool use cases, which checked theirs."""
    query = AnomalyFlag.of(actor).filter(cycle_id=cycle_id, status=FlagStatus.OPEN)
    if pool_id is not None:
        query = query.filter(Q(pool_id=None) | Q(pool_id=pool_id))
    return await query.count()


async def resolve_flag(actor: Actor, *, flag_id: UUID, outcome: FlagStatus, note: str) -> AnomalyFlag:
    """HR closes an open flag as JUSTIFIED (why it is fine) or ADJUSTED (what was changed), with a note of at
    least 10 characters. Audited as anomaly_flag.resolved. Raises Forbidden, NotFound, ValidationFailed
    (outcome, note), Conflict (already resolved)."""
    require_hr(actor)
    if outcome not in RESOLUTIONS:
        raise ValidationFailed("Resolve a flag as justified or adjusted.", field="outcome")
    text = validation.trimmed(note, field="note", max_length=1000)
    if len(text) < MIN_NOTE:
        raise ValidationFailed(f"Say why in at least {MIN_NOTE} characters.", field="note")
    flag = await AnomalyFlag.get_for(actor, flag_id, what="anomaly flag")
    now = clock.now()
    async with db.transaction():
        if not await AnomalyFlag.of(actor).filter(id=flag.id, status=FlagStatus.OPEN).update(
                status=outcome, resolution=text, resolved_by_id=actor.employee_id, resolved_at=now):
            raise Conflict("This flag was already resolved.")
        await audit.record(actor, action="anomaly_flag.resolved", entity_type="anomaly_flag", entity_id=flag.id,
                           before={"status": FlagStatus.OPEN},
                           after={"status": outcome, "resolution": text, "kind": flag.kind, "subject": flag.subject_key})
    return await AnomalyFlag.of(actor).get(id=flag.id)


async def _flags(actor: Actor, cycle_id: UUID, pool_id: UUID | None, status: FlagStatus | None) -> list[AnomalyFlag]:
    query = AnomalyFlag.of(actor).filter(cycle_id=cycle_id)
    if pool_id is not None:
        query = query.filter(Q(pool_id=None) | Q(pool_id=pool_id))
    if status is not None:
        query = query.filter(status=status)
    flags = await query
    return sorted(flags, key=lambda f: (f.status != FlagStatus.OPEN, -f.severity, f.kind.value, f.subject_key))


async def _store(actor: Actor, cycle_id: UUID, pool_id: UUID | None, findings: list[Finding]) -> int:
    # In scope: the pool-less flags and this pool's, never another pool's.
    in_scope = await AnomalyFlag.of(actor).filter(Q(pool_id=None) | Q(pool_id=pool_id), cycle_id=cycle_id) \
        if pool_id is not None else await AnomalyFlag.of(actor).filter(cycle_id=cycle_id, pool_id=None)
    existing = {(f.kind.value, f.subject_key): f for f in in_scope}
    seen: set[tuple[str, str]] = set()
    raised = 0
    for finding in findings:
        key = (finding.kind.value, finding.subject_key)
        seen.add(key)
        flag = existing.get(key)
        if flag is None:
            raised += await _raise(actor, cycle_id, pool_id, finding)
        elif flag.status == FlagStatus.OPEN:
            await AnomalyFlag.of(actor).filter(id=flag.id).update(severity=finding.severity, evidence=_evidence(finding))
    for key, flag in existing.items():
        if key not in seen and flag.status == FlagStatus.OPEN and flag.evidence.get("present", True):
            await AnomalyFlag.of(actor).filter(id=flag.id).update(evidence={**flag.evidence, "present": False})
    return raised


async def _raise(actor: Actor, cycle_id: UUID, pool_id: UUID | None, finding: Finding) -> int:
    flag_id = uuid.uuid4()
    pool_scoped = finding.subject_key.startswith("pool:")
    try:
        async with db.transaction():  # a savepoint: a concurrent run may have raised it a moment ago
            await AnomalyFlag.create_for(
                actor, id=flag_id, cycle_id=cycle_id, pool_id=pool_id if pool_scoped else None, kind=finding.kind,
                subject_key=finding.subject_key, department_id=finding.department_id, employee_id=finding.employee_id,
                other_employee_id=finding.other_employee_id, severity=finding.severity, evidence=_evidence(finding),
                raised_at=clock.now())
    except IntegrityError:
        return 0
    await outbox.emit(actor, AnomalyFlagged(flag_id=str(flag_id), cycle_id=str(cycle_id), kind=finding.kind.value))
    return 1


def _evidence(finding: Finding) -> dict[str, Any]:
    return {"numbers": finding.evidence, "explanation_en": finding.explanation_en,
            "explanation_zh": finding.explanation_zh, "present": True}


async def _people(actor: Actor, cycle: ReviewCycle) -> list[PersonScore]:
    rows = await Scorecard.of(actor).filter(cycle_id=cycle.id).values_list(
        "employee_id", "department_id", "total", "dimension_scores", "dimension_notes")
    history = await _history(actor, cycle, [r[0] for r in rows])
    top = set(await TierPlacement.of(actor).filter(cycle_id=cycle.id, tier=TierCode.TOP10).values_list("employee_id", flat=True))
    people = [PersonScore(employee_id=employee, department_id=department, total=total,
                          rating_points=_mean_points(dimensions, {DimensionSource.RATING.value}),
                          objective_points=_mean_points(dimensions, OBJECTIVE_SOURCES),
                          previous_totals=tuple(history.get(employee, ())), top_tier=employee in top)
              for employee, department, total, dimensions in
              ((e, d, t, card_scores.unpack(s, n)) for e, d, t, s, n in rows)]
    if not top and people:  # tiers are placed when the cycle closes: until then, the policy's top band by total
        share = tiers.TierPolicy.parse(cycle.tier_policy).top10_percent / 100
        provisional = detectors.top_share_of(people, share)
        people = [PersonScore(p.employee_id, p.department_id, p.total, p.rating_points, p.objective_points,
                              p.previous_totals, p.employee_id in provisional) for p in people]
    return people


async def _history(actor: Actor, cycle: ReviewCycle, employee_ids: list[UUID]) -> dict[UUID, list[float]]:
    """Each person's totals in the up-to-3 cycles before this one (newest first), following `previous`."""
    links: dict[UUID, UUID | None] = dict(await ReviewCycle.of(actor).values_list("id", "previous_id"))
    chain: list[UUID] = []
    current = cycle.previous_id
    while current is not None and current not in chain and len(chain) < HISTORY_CYCLES:
        chain.append(current)
        current = links.get(current)
    if not chain or not employee_ids:
        return {}
    order = {cycle_id: i for i, cycle_id in enumerate(chain)}
    rows = await Scorecard.of(actor).filter(cycle_id__in=chain, employee_id__in=employee_ids).values_list(
        "cycle_id", "employee_id", "total")
    history: dict[UUID, list[tuple[int, float]]] = {}
    for cycle_id, employee, total in rows:
        history.setdefault(employee, []).append((order[cycle_id], total))
    return {e: [t for _, t in sorted(found)] for e, found in history.items()}


def _mean_points(dimensions: list[DimensionScore], sources: set[str] | frozenset[str]) -> float | None:
    points = [d.points for d in dimensions if d.source in sources and not d.missing and d.points is not None]
    return sum(points) / len(points) if points else None


async def _pool_shares(actor: Actor, pool: BonusPool, people: list[PersonScore]) -> list[PoolShare]:
    totals = {p.employee_id: p.total for p in people}
    rows = await BonusAllocation.of(actor).filter(pool_id=pool.id).values_list("employee_id", "department_id", "amount_minor")
    return [PoolShare(employee, department, amount, totals.get(employee, 0.0)) for employee, department, amount in rows]


async def _labels(actor: Actor, people: list[PersonScore], ratings: list[RatingGiven]) -> Labels:
    ids = {p.employee_id for p in people} | {r.rater_id for r in ratings}
    names = dict(await Employee.of(actor).filter(id__in=ids).values_list("id", "name")) if ids else {}
    return Labels(departments=dict(await Department.of(actor).values_list("id", "name")), people=names)
