"""Shifts and the organisation's flexible-hours options. HR saves a shift by its code (create or update);
times are wall-clock "HH:MM" in the site's zone, stored as minutes after midnight; an end at or before
the start makes the shift overnight (it belongs to the day it starts). Every change is audited.
Everyone may read shifts: employees pick a flexible option from them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.attendance import assignments, dirty
from backend.attendance.models import Shift, ShiftAssignment
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import Conflict, Forbidden, ValidationFailed

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class ShiftDraft:
    code: str
    name_en: str
    name_zh: str
    start_time: str  # "08:00"
    end_time: str  # "17:00"; at or before the start: overnight
    break_minutes: int = 60
    late_grace_minutes: int = 5
    early_grace_minutes: int = 5
    half_day_minutes: int = 240
    absent_minutes: int = 60
    overtime_after_minutes: int = 30
    work_days: Sequence[int] = field(default=(1, 2, 3, 4, 5))
    flexible_option: bool = False
    active: bool = True


def parse_time(value: str, *, field: str) -> int:
    """"HH:MM" (24-hour) to minutes after midnight."""
    found = _TIME.match(value.strip())
    if not found:
        raise ValidationFailed("Give a time as HH:MM, e.g. 08:00.", field=field)
    return int(found.group(1)) * 60 + int(found.group(2))


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def is_overnight(shift: Shift) -> bool:
    return bool(shift.end_minute <= shift.start_minute)


def length_minutes(start: int, end: int) -> int:
    """Scheduled length; an end at or before the start runs past midnight (equal: a 24-hour shift)."""
    return end - start if end > start else end + MINUTES_PER_DAY - start


def _minutes(value: int, *, field: str, low: int, high: int) -> int:
    if not low <= value <= high:
        raise ValidationFailed(f"Give {low} to {high} minutes.", field=field)
    return value


def _work_days(days: Sequence[int]) -> list[int]:
    unique = sorted(set(days))
    if not unique or any(d < 1 or d > 7 for d in unique):
        raise ValidationFailed("Choose working days from 1 (Monday) to 7 (Sunday).", field="workDays")
    return unique


def validated(draft: ShiftDraft) -> dict[str, Any]:
    """The columns a draft sets, or ValidationFailed naming the first bad field."""
    code = draft.code.strip().lower()
    if not _CODE.match(code):
        raise ValidationFailed("A code is 1–40 lowercase letters, digits, '-' or '_'.", field="code")
    start = parse_time(draft.start_time, field="startTime")
    end = parse_time(draft.end_time, field="endTime")
    length = length_minutes(start, end)
    values: dict[str, Any] = {
        "code": code,
        "name_en": validation.trimmed(draft.name_en, field="nameEn", max_length=120),
        "name_zh": validation.trimmed(draft.name_zh, field="nameZh", max_length=120),
        "start_minute": start, "end_minute": end,
        "break_minutes": _minutes(draft.break_minutes, field="breakMinutes", low=0, high=max(0, length - 60)),
        "late_grace_minutes": _minutes(draft.late_grace_minutes, field="lateGraceMinutes", low=0, high=120),
        "early_grace_minutes": _minutes(draft.early_grace_minutes, field="earlyGraceMinutes", low=0, high=120),
        "half_day_minutes": _minutes(draft.half_day_minutes, field="halfDayMinutes", low=0, high=length),
        "absent_minutes": _minutes(draft.absent_minutes, field="absentMinutes", low=0, high=length),
        "overtime_after_minutes": _minutes(draft.overtime_after_minutes, field="overtimeAfterMinutes", low=0, high=720),
        "work_days": _work_days(draft.work_days),
        "flexible_option": bool(draft.flexible_option), "active": bool(draft.active),
    }
    if values["absent_minutes"] > values["half_day_minutes"]:
        raise ValidationFailed("The absent threshold must not exceed the half-day threshold.", field="absentMinutes")
    return values


def _audited(values: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in values.items() if k not in ("start_minute", "end_minute")}
    return {**shown, "start_time": format_time(values["start_minute"]), "end_time": format_time(values["end_minute"])}


async def save_shift(actor: Actor, draft: ShiftDraft) -> Shift:
    """HR (ATTENDANCE_MANAGE): create the shift with this code, or update it. Audited as shift.created /
    shift.updated (changed fields only). A changed shift marks today of everyone it applies to for
    recompute (past days keep what they were computed with until something else touches them).
    Raises Forbidden, ValidationFailed, Conflict (a concurrent create of the same code)."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    values = validated(draft)
    async with db.transaction():
        existing = await Shift.of(actor).filter(code=values["code"]).select_for_update().first()
        if existing is None:
            try:
                async with db.transaction():  # a savepoint: the unique code decides a create race
                    shift = await Shift.create_for(actor, created_at=clock.now(), **values)
            except IntegrityError:
                raise Conflict("A shift with this code was just created; reload and try again.", field="code") from None
            await audit.record(actor, action="shift.created", entity_type="shift", entity_id=shift.id,
                               after=_audited(values))
            return shift
        before = _audited({k: getattr(existing, k) for k in values})
        changed_before, changed_after = audit.diff(before, _audited(values))
        if not changed_after:
            return existing
        await Shift.of(actor).filter(id=existing.id).update(**values)
        await audit.record(actor, action="shift.updated", entity_type="shift", entity_id=existing.id,
                           before=changed_before, after=changed_after)
        await _mark_today(actor, existing.id)
        return await Shift.of(actor).get(id=existing.id)


async def _mark_today(actor: Actor, shift_id: UUID) -> None:
    today = await assignments.local_today(actor)
    rows = await ShiftAssignment.of(actor).filter(shift_id=shift_id, revoked_at=None, starts_on__lte=today)
    people = {a.employee_id for a in rows if assignments.covers(a, today)}
    await dirty.mark(actor, [(person, today) for person in people])


async def list_shifts(actor: Actor, *, include_inactive: bool = False) -> list[Shift]:
    """Every person of the organisation may read shifts; HR adds inactive ones to see them all."""
    _person_or_hr(actor)
    query = Shift.of(actor)
    if not include_inactive:
        query = query.filter(active=True)
    return list(await query.order_by("start_minute", "code"))


async def flexible_options(actor: Actor) -> list[Shift]:
    """Active shifts offered as flexible hours (what an employee may request)."""
    _person_or_hr(actor)
    return list(await Shift.of(actor).filter(active=True, flexible_option=True).order_by("start_minute", "code"))


def _person_or_hr(actor: Actor) -> None:
    # A kiosk or a device bridge has no business reading the organisation's working hours.
    if actor.employee_id is None and not has(actor, Permission.ATTENDANCE_MANAGE):
        raise Forbidden("Only people of the organisation can see its shifts.")


async def shifts_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Shift | None]:
    """In the order of `ids`; None for unknown ids. For loaders."""
    found = {s.id: s for s in await Shift.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]
