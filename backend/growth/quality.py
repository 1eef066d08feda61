"""Freshness of evidence: HR's data-quality view (pending confirmations with their age, disputed and
rejected records, how many track members have gone stale) and the staleness test the weekly reminder
shares. A member is stale when no CONFIRMED record of theirs occurred in the last 90 days. Writes
nothing; a constant number of queries."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock
from backend.growth.models import GrowthRecord, RecordStatus, TrackMembership
from backend.org.models import Employee, EmployeeStatus
from backend.org.queries import get_organization

STALE_AFTER = timedelta(days=90)
LIST_LIMIT = 100


@dataclass(frozen=True, slots=True)
class DataQuality:
    pending: list[GrowthRecord]  # CLAIMED, oldest first
    disputed: list[GrowthRecord]  # oldest first: HR decides these
    rejected: list[GrowthRecord]  # most recent first
    oldest_pending_days: int | None  # days since the oldest claim, in the organisation's calendar
    stale_members: int


async def data_quality(actor: Actor) -> DataQuality:
    """Requires GROWTH_READ_ANY (HR). At most 100 records per list."""
    require(actor, Permission.GROWTH_READ_ANY)
    organization = await get_organization(actor)
    zone = ZoneInfo(organization.time_zone)
    today = clock.now().astimezone(zone).date()
    records = GrowthRecord.of(actor)
    pending = await records.filter(status=RecordStatus.CLAIMED).order_by("created_at", "id").limit(LIST_LIMIT)
    disputed = await records.filter(status=RecordStatus.DISPUTED).order_by("updated_at", "id").limit(LIST_LIMIT)
    rejected = await records.filter(status=RecordStatus.REJECTED).order_by("-updated_at", "id").limit(LIST_LIMIT)
    oldest = (today - pending[0].created_at.astimezone(zone).date()).days if pending else None
    members = await active_members(actor)
    return DataQuality(pending=pending, disputed=disputed, rejected=rejected, oldest_pending_days=oldest,
                       stale_members=len(await stale_among(actor, members, today=today)))


async def active_members(actor: Actor) -> set[UUID]:
    """People on a career track who still work here."""
    on_track = await TrackMembership.of(actor).values_list("employee_id", flat=True)
    if not on_track:
        return set()
    active = await Employee.of(actor).filter(id__in=list(on_track), status=EmployeeStatus.ACTIVE).values_list(
        "id", flat=True)
    return {UUID(str(i)) for i in active}


async def stale_among(actor: Actor, employee_ids: Collection[UUID], *, today: date) -> set[UUID]:
    """Those of `employee_ids` with no CONFIRMED record that occurred in the last 90 days (one query)."""
    if not employee_ids:
        return set()
    fresh = await GrowthRecord.of(actor).filter(employee_id__in=list(employee_ids), status=RecordStatus.CONFIRMED,
                                                occurred_on__gte=today - STALE_AFTER).distinct().values_list(
        "employee_id", flat=True)
    return set(employee_ids) - {UUID(str(i)) for i in fresh}
