"""What applies to people on days: their shift, site and time zone, approved remote days and corrections.
Reads only (the shifts and requests services write these rows); six queries for any number of people.

Rules:
- The newest (latest `created_at`) non-revoked ShiftAssignment covering the day wins.
- No assignment: the organisation's active shift with code "default", if it has one; otherwise the day is
  a rest day (an organisation that does not schedule shifts never sees anyone "absent").
- A shift applies only on its `work_days` (ISO weekdays); other days are rest days (work on them is
  overtime). An overnight shift belongs to the day it starts.
- The site is the assignment's, else the employee's own site; the zone is the site's, else the
  organisation's.
- Approved REMOTE_DAY requests cover starts_on..ends_on (one day when ends_on is empty); approved
  CORRECTION requests add their punch to the day `starts_on`. Nothing marks leave yet: on_leave stays False.
"""
from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from tortoise.expressions import Q

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.attendance.derivation import Correction, DayPlan, ShiftSpec
from backend.attendance.models import AttendanceRequest, RequestKind, RequestStatus, Shift, ShiftAssignment
from backend.org.models import Employee, Site

DEFAULT_SHIFT_CODE = "default"


def as_uuid(value: object) -> UUID:
    """Ids from values_list(): UUIDs on PostgreSQL, text on SQLite."""
    return value if isinstance(value, UUID) else UUID(str(value))


def spec_of(shift: Shift) -> ShiftSpec:
    return ShiftSpec(start_minute=shift.start_minute, end_minute=shift.end_minute, break_minutes=shift.break_minutes,
                     late_grace_minutes=shift.late_grace_minutes, early_grace_minutes=shift.early_grace_minutes,
                     half_day_minutes=shift.half_day_minutes, absent_minutes=shift.absent_minutes,
                     overtime_after_minutes=shift.overtime_after_minutes)


def _days(first_day: date, last_day: date) -> list[date]:
    return [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]


async def plans_for(actor: Actor, employee_ids: Collection[UUID], first_day: date,
                    last_day: date) -> dict[tuple[UUID, date], DayPlan]:
    """A DayPlan for every (employee, day) from first_day through last_day (inclusive). Unknown or foreign
    employee ids get no plans. No permission check: an internal read for derivation and the read services."""
    ids = sorted(set(employee_ids))
    if not ids or last_day < first_day:
        return {}
    people = {as_uuid(e): as_uuid(s) if s else None
              for e, s in await Employee.of(actor).filter(id__in=ids).values_list("id", "site_id")}
    if not people:
        return {}
    assignments = await ShiftAssignment.of(actor).filter(
        employee_id__in=list(people), revoked_at__isnull=True, starts_on__lte=last_day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first_day)).order_by("created_at").values(
        "employee_id", "shift_id", "site_id", "starts_on", "ends_on", "created_at")
    shifts = {s.id: s for s in await Shift.of(actor).all()}
    default = next((s for s in shifts.values() if s.code == DEFAULT_SHIFT_CODE and s.active), None)
    site_ids = {s for s in people.values() if s} | {as_uuid(a["site_id"]) for a in assignments if a["site_id"]}
    zones = {as_uuid(i): z for i, z in await Site.of(actor).filter(id__in=list(site_ids)).values_list(
        "id", "time_zone")} if site_ids else {}
    org_zone = (await Organization.get(id=actor.tenant_id)).time_zone
    remote, corrections = await _approved(actor, list(people), first_day, last_day)

    by_person: dict[UUID, list[dict[str, Any]]] = {}
    for a in assignments:  # oldest first, so the last covering one is the newest
        by_person.setdefault(as_uuid(a["employee_id"]), []).append(a)
    plans: dict[tuple[UUID, date], DayPlan] = {}
    for employee_id, own_site in people.items():
        mine = by_person.get(employee_id, [])
        for day in _days(first_day, last_day):
            covering = [a for a in mine if a["starts_on"] <= day and (a["ends_on"] is None or day <= a["ends_on"])]
            chosen = covering[-1] if covering else None
            shift = shifts.get(as_uuid(chosen["shift_id"])) if chosen else default
            site_id = as_uuid(chosen["site_id"]) if chosen and chosen["site_id"] else own_site
            working = shift is not None and day.isoweekday() in shift.work_days
            plans[(employee_id, day)] = DayPlan(
                day=day, tz=zones.get(site_id, org_zone) if site_id else org_zone,
                shift=spec_of(shift) if working and shift else None,
                shift_id=shift.id if working and shift else None, site_id=site_id,
                remote=(employee_id, day) in remote,
                corrections=tuple(sorted(corrections.get((employee_id, day), []), key=lambda c: c.at)))
    return plans


async def _approved(actor: Actor, people: list[UUID], first_day: date, last_day: date) -> tuple[
        set[tuple[UUID, date]], dict[tuple[UUID, date], list[Correction]]]:
    rows = await AttendanceRequest.of(actor).filter(
        employee_id__in=people, status=RequestStatus.APPROVED,
        kind__in=[RequestKind.REMOTE_DAY, RequestKind.CORRECTION],
        starts_on__lte=last_day).filter(Q(ends_on__isnull=True, starts_on__gte=first_day) | Q(ends_on__gte=first_day)
                                        ).values("employee_id", "kind", "starts_on", "ends_on", "punch_at",
                                                 "punch_direction")
    remote: set[tuple[UUID, date]] = set()
    corrections: dict[tuple[UUID, date], list[Correction]] = {}
    for r in rows:
        employee_id = as_uuid(r["employee_id"])
        if r["kind"] == RequestKind.REMOTE_DAY:
            for day in _days(max(r["starts_on"], first_day), min(r["ends_on"] or r["starts_on"], last_day)):
                remote.add((employee_id, day))
        elif isinstance(r["punch_at"], datetime) and first_day <= r["starts_on"] <= last_day:
            corrections.setdefault((employee_id, r["starts_on"]), []).append(
                Correction(at=r["punch_at"], direction=r["punch_direction"]))
    return remote, corrections
