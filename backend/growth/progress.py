"""Recomputing growth progress: the only writer of LevelProgress. Set-based: tracks are read once, then
each batch of up to BATCH people costs the same few statements whatever its size (memberships, records
and existing progress read; changed rows upserted, stale rows deleted, events recorded, marks consumed).
Idempotent: a second run writes nothing and emits nothing."""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.access.permissions import Permission, require
from backend.core import clock, db, outbox
from backend.growth.evaluation import LevelResult, Standing, TrackSpec, by_kind, evaluate_person
from backend.growth.events import LevelReached
from backend.growth.models import GrowthRecompute, GrowthRecord, LevelProgress, RecordStatus, TrackMembership
from backend.growth.requirements import Evidence
from backend.growth.track_queries import specs_by_track
from backend.org import calendar
from backend.org.models import EmployeeStatus

BATCH = 1000
_WRITTEN = ("percent", "complete", "requirements", "completed_at", "computed_at")


@dataclass(frozen=True, slots=True)
class _Existing:
    id: UUID
    percent: int
    complete: bool
    requirements: list[dict[str, Any]]
    completed_at: datetime | None


@dataclass(frozen=True, slots=True)
class _Member:
    track_id: UUID
    standing: Standing
    active: bool


async def recompute(actor: Actor, *, employee_ids: Collection[UUID] | None = None, only_marked: bool = False) -> int:
    """Recompute the people marked in GrowthRecompute (`only_marked`; the marks read are consumed, a mark
    made meanwhile survives for the next run), or the given people, or everyone on a track. People off
    every track lose their progress rows; people who left keep theirs untouched. Emits
    growth.level_reached once per person and level (see _reached). Requires GROWTH_MANAGE (jobs act as
    the system). Returns how many people were evaluated."""
    require(actor, Permission.GROWTH_MANAGE)
    started = clock.now()
    today = started.astimezone(await calendar.zone(actor)).date()
    marks: dict[UUID, list[UUID]] = {}
    if only_marked:
        for mark_id, employee_id in await GrowthRecompute.of(actor).filter(requested_at__lte=started).values_list(
                "id", "employee_id"):
            marks.setdefault(employee_id, []).append(mark_id)
        people = sorted(marks)
    elif employee_ids is not None:
        people = sorted(set(employee_ids))
    else:
        people = sorted({UUID(str(e)) for e in await TrackMembership.of(actor).values_list("employee_id", flat=True)})
    if not people:
        return 0
    in_use = {UUID(str(t)) for t in await TrackMembership.of(actor).distinct().values_list("track_id", flat=True)}
    specs = await specs_by_track(actor, sorted(in_use))
    evaluated = 0
    for start in range(0, len(people), BATCH):
        chunk = people[start:start + BATCH]
        evaluated += await _batch(actor, chunk, specs, today=today, started=started,
                                  mark_ids=[m for e in chunk for m in marks.get(e, [])])
    return evaluated


async def _batch(actor: Actor, people: Sequence[UUID], specs: dict[UUID, TrackSpec], *, today: date,
                 started: datetime, mark_ids: Sequence[UUID]) -> int:
    members = await _members(actor, people)
    active = [e for e, m in members.items() if m.active and m.track_id in specs]
    records = await confirmed_evidence(actor, active)
    existing = await _existing(actor, people)
    rows: list[LevelProgress] = []
    reached: list[tuple[LevelReached, str]] = []
    keep: set[UUID] = set()
    for employee_id in active:
        member = members[employee_id]
        track = specs[member.track_id]
        results = evaluate_person(track, records.get(employee_id, {}), member.standing, today=today)
        for result in results:
            before = existing.get((employee_id, result.level.id))
            if before is not None:
                keep.add(before.id)
            row, event = _row(actor, employee_id, track, result, before, started)
            if row is not None:
                rows.append(row)
            if event is not None:
                reached.append(event)
    # Rows of people who are off every track (or whose track changed) go; people who left keep theirs.
    stale = [row.id for (e, _), row in existing.items()
             if row.id not in keep and not (e in members and not members[e].active)]
    async with db.transaction():
        if rows:
            await LevelProgress.bulk_create(rows, on_conflict=("tenant_id", "employee_id", "level_id"),
                                            update_fields=_WRITTEN)
        if stale:
            await LevelProgress.of(actor).filter(id__in=stale).delete()
        await outbox.emit_many(actor, reached)
        if mark_ids:
            await GrowthRecompute.of(actor).filter(id__in=list(mark_ids), requested_at__lte=started).delete()
    return len(active)


def _row(actor: Actor, employee_id: UUID, track: TrackSpec, result: LevelResult, before: _Existing | None,
         started: datetime) -> tuple[LevelProgress | None, tuple[LevelReached, str] | None]:
    """The row to write (None when unchanged) and the LevelReached to record, if any."""
    event = _reached(employee_id, track, result, before)
    completed_at = before.completed_at if before is not None else None
    if event is not None and completed_at is None:
        completed_at = started
    requirements = [o.as_json() for o in result.outcomes]
    if before is not None and (before.percent, before.complete, before.requirements, before.completed_at) == (
            result.percent, result.complete, requirements, completed_at):
        return None, event
    same_id = {"id": before.id} if before is not None else {}
    return LevelProgress.build_for(actor, **same_id, employee_id=employee_id, level_id=result.level.id,
                                   percent=result.percent, complete=result.complete, requirements=requirements,
                                   completed_at=completed_at, computed_at=started), event


def _reached(employee_id: UUID, track: TrackSpec, result: LevelResult,
             before: _Existing | None) -> tuple[LevelReached, str] | None:
    """LevelReached the first time someone's confirmed records meet a level they do not hold yet. Never
    again for that person and level: completed_at keeps the first time even if a revoked record makes
    the level incomplete again, and the outbox dedupe key refuses a repeat even across racing runs, so
    revoking and re-confirming a record cannot earn a level's reward twice. A level HR promoted someone
    to (or past) is theirs by promotion, which PromotionRecorded already tells."""
    if not result.met or result.held or (before is not None and before.completed_at is not None):
        return None
    event = LevelReached(employee_id=str(employee_id), track_id=str(track.id), track_code=track.code,
                         level_id=str(result.level.id), level_code=result.level.code)
    return event, f"{LevelReached.type}:{employee_id}:{result.level.id}"


async def _members(actor: Actor, people: Sequence[UUID]) -> dict[UUID, _Member]:
    rows = await TrackMembership.of(actor).filter(employee_id__in=list(people)).values_list(
        "employee_id", "track_id", "current_level_id", "level_since", "employee__hire_date", "employee__status")
    return {e: _Member(track_id=t, active=str(status) == EmployeeStatus.ACTIVE.value,
                       standing=Standing(current_level_id=level, level_since=since, hire_date=hired))
            for e, t, level, since, hired, status in rows}


async def confirmed_evidence(actor: Actor, people: Sequence[UUID]) -> dict[UUID, dict[str, list[Evidence]]]:
    """People's CONFIRMED records by person and kind, in one query (read rules are the caller's)."""
    if not people:
        return {}
    found: dict[UUID, list[Evidence]] = {}
    for e, i, kind, title, occurred_on, quantity, attributes in await GrowthRecord.of(actor).filter(
            employee_id__in=list(people), status=RecordStatus.CONFIRMED).values_list(
            "employee_id", "id", "kind", "title", "occurred_on", "quantity", "attributes"):
        found.setdefault(e, []).append(Evidence(id=i, kind=str(kind), title=title, occurred_on=occurred_on,
                                                quantity=quantity, attributes=attributes or {}))
    return {e: by_kind(records) for e, records in found.items()}


async def _existing(actor: Actor, people: Sequence[UUID]) -> dict[tuple[UUID, UUID], _Existing]:
    rows = await LevelProgress.of(actor).filter(employee_id__in=list(people)).values_list(
        "id", "employee_id", "level_id", "percent", "complete", "requirements", "completed_at")
    return {(e, lv): _Existing(id=i, percent=p, complete=c, requirements=r or [], completed_at=at)
            for i, e, lv, p, c, r, at in rows}


async def has_pending_marks(actor: Actor) -> bool:
    """People still marked (e.g. marked while a recompute ran)."""
    return await GrowthRecompute.of(actor).exists()


async def recompute_every_organisation() -> int:
    """The nightly run: everyone on a track in every organisation (tenure and windows move with time,
    and it repairs anything a lost job left stale)."""
    evaluated = 0
    for org in await Organization.all().only("id"):
        evaluated += await recompute(Actor.system(org.id, label="nightly growth recompute"))
    return evaluated
