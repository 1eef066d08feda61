"""Review cycles (考核周期): HR creates and edits them, everyone in the organisation reads them. Closing a
cycle (final scores, tiers) is backend.performance.closing's job, not this module's."""
from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypedDict, Unpack
from uuid import UUID

from tortoise.functions import Count

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import Conflict, ValidationFailed
from backend.org import calendar as org_calendar
from backend.performance.detectors import Thresholds
from backend.performance.models import CycleKind, CycleStatus, ReviewCycle, Scorecard
from backend.performance.tiers import TierPolicy

DEFAULT_APPEAL_DAYS = 5
MAX_APPEAL_DAYS = 60
MAX_CUSTOM_DAYS = 366
QUARTER_STARTS = (1, 4, 7, 10)
CLOSED = "This cycle is closed; its scores are final."
QUARTERLY = "A quarterly cycle runs from 1 January, April, July or October to the last day of that quarter."


class CycleFields(TypedDict, total=False):
    """Optional settings of a cycle; absent or None policies mean the defaults."""

    tier_policy: Mapping[str, Any] | None
    anomaly_thresholds: Mapping[str, Any] | None
    appeal_days: int


async def create_cycle(actor: Actor, *, name_en: str, name_zh: str, kind: CycleKind, starts_on: date, ends_on: date,
                       **settings: Unpack[CycleFields]) -> ReviewCycle:
    """HR opens a cycle. `previous` becomes the latest earlier cycle of the same kind (what "change vs
    previous" and "most improved" compare against). Requires PERFORMANCE_CONFIGURE; audited as
    review_cycle.created. Raises Forbidden, ValidationFailed, Conflict (an open cycle of the same kind
    overlaps the dates)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    values = _validated(name_en, name_zh, kind, starts_on, ends_on, settings)
    async with db.transaction():
        await _serialise(actor, values["kind"])
        await _refuse_overlap(actor, values, exclude=None)
        values["previous_id"] = await _previous_id(actor, values["kind"], values["starts_on"])
        cycle = await ReviewCycle.create_for(actor, **values)
        await audit.record(actor, action="review_cycle.created", entity_type="review_cycle", entity_id=cycle.id,
                           after=values)
    return await ReviewCycle.of(actor).get(id=cycle.id)


async def update_cycle(actor: Actor, *, cycle_id: UUID, name_en: str, name_zh: str, kind: CycleKind, starts_on: date,
                       ends_on: date, **settings: Unpack[CycleFields]) -> ReviewCycle:
    """HR edits an open cycle (a closed one is final); every setting is replaced (absent policies
    return to the defaults). Changing the dates re-picks `previous`. Requires
    PERFORMANCE_CONFIGURE; audited as review_cycle.updated with the changed fields. Raises Forbidden,
    NotFound, ValidationFailed, Conflict (closed, or overlapping another open cycle of the same kind)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    values = _validated(name_en, name_zh, kind, starts_on, ends_on, settings)
    if cycle.status != CycleStatus.OPEN:
        raise Conflict(CLOSED)
    async with db.transaction():
        await _serialise(actor, values["kind"])
        await _refuse_overlap(actor, values, exclude=cycle.id)
        values["previous_id"] = await _previous_id(actor, values["kind"], values["starts_on"])
        before, after = audit.diff({name: getattr(cycle, name) for name in values}, values)
        if not after:
            return cycle
        # Conditional: a close committed meanwhile wins, and the edit is refused.
        if not await ReviewCycle.of(actor).filter(id=cycle.id, status=CycleStatus.OPEN).update(**after):
            raise Conflict(CLOSED)
        await audit.record(actor, action="review_cycle.updated", entity_type="review_cycle", entity_id=cycle.id,
                           before=before, after=after)
    return await ReviewCycle.of(actor).get(id=cycle.id)


async def list_cycles(actor: Actor, *, status: CycleStatus | None = None) -> list[ReviewCycle]:
    """The organisation's cycles, newest first. Everyone with PERFORMANCE_REVIEW (every person) may read."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    query = ReviewCycle.of(actor)
    if status is not None:
        query = query.filter(status=status)
    return list(await query.order_by("-starts_on", "ends_on", "-created_at", "id"))


async def get_cycle(actor: Actor, cycle_id: UUID) -> ReviewCycle:
    """One cycle. Requires PERFORMANCE_REVIEW; raises NotFound (also for another organisation's id)."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    return await ReviewCycle.get_for(actor, cycle_id, what="review cycle")


async def current_cycle(actor: Actor) -> ReviewCycle | None:
    """The open cycle containing today in the organisation's time zone (the shortest when a month and a
    quarter both do), else the latest open one; None when nothing is open."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    today = clock.now().astimezone(await org_calendar.zone(actor)).date()
    open_cycles = ReviewCycle.of(actor).filter(status=CycleStatus.OPEN)
    containing = await open_cycles.filter(starts_on__lte=today, ends_on__gte=today).order_by(
        "-starts_on", "ends_on", "id").first()
    return containing or await open_cycles.order_by("-ends_on", "-starts_on", "id").first()


async def open_cycle_ids(actor: Actor) -> list[UUID]:
    """Every open cycle's id, for the recompute jobs (system actors; no permission check)."""
    return [UUID(str(c)) for c in await ReviewCycle.of(actor).filter(status=CycleStatus.OPEN).values_list("id", flat=True)]


async def cycles_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[ReviewCycle | None]:
    """In the order of `ids`; for loaders of types that name their cycle."""
    found = {c.id: c for c in await ReviewCycle.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]


async def scored_counts(actor: Actor, cycle_ids: Sequence[UUID]) -> list[int]:
    """How many scorecards each cycle has, in the order of `cycle_ids`; one query."""
    if not cycle_ids:
        return []
    rows = await (Scorecard.of(actor).filter(cycle_id__in=list(cycle_ids)).group_by("cycle_id")
                  .annotate(n=Count("id")).values_list("cycle_id", "n"))
    counts = {UUID(str(cycle)): int(n) for cycle, n in rows}
    return [counts.get(i, 0) for i in cycle_ids]


def _validated(name_en: str, name_zh: str, kind_value: Any, starts_value: Any, ends_value: Any,
               settings: CycleFields) -> dict[str, Any]:
    kind = _kind(kind_value)
    starts_on, ends_on = _day(starts_value, "startsOn"), _day(ends_value, "endsOn")
    if starts_on > ends_on:
        raise ValidationFailed("The cycle must end on or after the day it starts.", field="endsOn")
    _check_span(kind, starts_on, ends_on)
    appeal_days = settings.get("appeal_days", DEFAULT_APPEAL_DAYS)
    if isinstance(appeal_days, bool) or not isinstance(appeal_days, int) or not 0 <= appeal_days <= MAX_APPEAL_DAYS:
        raise ValidationFailed(f"Appeals stay open 0 to {MAX_APPEAL_DAYS} days after the cycle ends.", field="appealDays")
    return {
        "name_en": validation.trimmed(name_en, field="nameEn", max_length=120),
        "name_zh": validation.trimmed(name_zh, field="nameZh", max_length=120),
        "kind": kind, "starts_on": starts_on, "ends_on": ends_on,
        "tier_policy": TierPolicy.parse(_object(settings.get("tier_policy"), "tierPolicy")).as_json(),
        "anomaly_thresholds": Thresholds.parse(_object(settings.get("anomaly_thresholds"), "anomalyThresholds")).as_json(),
        "appeal_days": appeal_days,
    }


def _check_span(kind: CycleKind, starts_on: date, ends_on: date) -> None:
    if kind == CycleKind.MONTHLY:
        last = date(starts_on.year, starts_on.month, calendar.monthrange(starts_on.year, starts_on.month)[1])
        if starts_on.day != 1 or ends_on != last:
            raise ValidationFailed("A monthly cycle runs from the first to the last day of one calendar month.",
                                   field="startsOn" if starts_on.day != 1 else "endsOn")
    elif kind == CycleKind.QUARTERLY:
        if starts_on.day != 1 or starts_on.month not in QUARTER_STARTS:
            raise ValidationFailed(QUARTERLY, field="startsOn")
        last_month = starts_on.month + 2
        if ends_on != date(starts_on.year, last_month, calendar.monthrange(starts_on.year, last_month)[1]):
            raise ValidationFailed(QUARTERLY, field="endsOn")
    elif (ends_on - starts_on).days + 1 > MAX_CUSTOM_DAYS:
        raise ValidationFailed(f"A custom cycle lasts at most {MAX_CUSTOM_DAYS} days.", field="endsOn")


async def _serialise(actor: Actor, kind: CycleKind) -> None:
    """Creates and date edits of one organisation's cycles of one kind queue behind each other until commit,
    so two cannot both pass the overlap check. PostgreSQL: a transaction-scoped advisory lock (the check after
    it reads what the previous holder committed). SQLite runs one write transaction at a time already."""
    connection = ReviewCycle._meta.db  # the surrounding transaction's connection
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                                       [f"review_cycle:{actor.tenant_id}:{kind}"])


async def _refuse_overlap(actor: Actor, values: Mapping[str, Any], *, exclude: UUID | None) -> None:
    overlapping = ReviewCycle.of(actor).filter(kind=values["kind"], status=CycleStatus.OPEN,
                                               starts_on__lte=values["ends_on"], ends_on__gte=values["starts_on"])
    if exclude is not None:
        overlapping = overlapping.exclude(id=exclude)
    clash = await overlapping.order_by("starts_on").first()
    if clash is not None:
        raise Conflict(f"The open cycle “{clash.name_en}” ({clash.starts_on} to {clash.ends_on}) already covers "
                       "some of these days.", field="startsOn")


async def _previous_id(actor: Actor, kind: CycleKind, starts_on: date) -> UUID | None:
    earlier = await ReviewCycle.of(actor).filter(kind=kind, ends_on__lt=starts_on).order_by(
        "-ends_on", "-starts_on", "id").first()
    return earlier.id if earlier else None


def _kind(value: Any) -> CycleKind:
    try:
        return CycleKind(value)
    except ValueError:
        raise ValidationFailed("A cycle is monthly, quarterly or custom.", field="kind") from None


def _day(value: Any, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):  # a datetime is a date too; refuse it
        raise ValidationFailed("Give a calendar day.", field=field)
    return value


def _object(value: Mapping[str, Any] | None, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationFailed("Give a JSON object.", field=field)
    return dict(value)
