"""Device PIN ↔ employee mapping per organisation (the same PIN on every terminal). Setting a mapping
re-matches every unmatched punch with that PIN; valid rows are saved, bad rows are reported by index."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.attendance import dirty
from backend.attendance.derivation import candidate_days
from backend.attendance.models import ClockDevice, ClockPunch, DevicePin
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import ValidationFailed
from backend.org.models import Employee

MAX_ROWS = 1000
_PIN = re.compile(r"^[0-9A-Za-z]{1,32}$")


@dataclass(frozen=True, slots=True)
class PinRow:
    pin: str
    employee_id: str


@dataclass(frozen=True, slots=True)
class RowError:
    index: int
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class PinsSet:
    saved: int
    rematched: int
    errors: tuple[RowError, ...]


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


async def set_device_pins(actor: Actor, rows: Sequence[PinRow]) -> PinsSet:
    """Maps each PIN to its employee (replacing an earlier mapping of that PIN) and attaches that PIN's
    unmatched punches. Requires ATTENDANCE_MANAGE; audited as device_pins.set. Raises Forbidden,
    ValidationFailed (no rows or too many)."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    if not rows or len(rows) > MAX_ROWS:
        raise ValidationFailed(f"Send 1 to {MAX_ROWS} rows.", field="rows")
    wanted = {u for r in rows if (u := _uuid(r.employee_id.strip())) is not None}
    known = set(await Employee.of(actor).filter(id__in=wanted).values_list("id", flat=True))
    errors: list[RowError] = []
    mapping: dict[str, UUID] = {}
    for index, row in enumerate(rows):
        pin, employee = row.pin.strip(), _uuid(row.employee_id.strip())
        if not _PIN.match(pin):
            errors.append(RowError(index, "pin", "A PIN is 1–32 letters or digits."))
        elif pin in mapping:
            errors.append(RowError(index, "pin", f"PIN {pin} appears twice."))
        elif employee is None or employee not in known:
            errors.append(RowError(index, "employeeId", "No such employee."))
        else:
            mapping[pin] = employee
    rematched = await _save(actor, mapping) if mapping else 0
    return PinsSet(saved=len(mapping), rematched=rematched, errors=tuple(errors))


async def _save(actor: Actor, mapping: dict[str, UUID]) -> int:
    now = clock.now()
    rematched = 0
    async with db.transaction():
        await DevicePin.of(actor).filter(pin__in=list(mapping)).delete()
        await DevicePin.bulk_create([DevicePin.build_for(actor, pin=p, employee_id=e, updated_at=now)
                                     for p, e in mapping.items()])
        stray = await ClockPunch.of(actor).filter(employee_pin__in=list(mapping), employee_id=None).values_list(
            "employee_pin", "occurred_at", "device_id")
        if stray:  # their days must be derived again with these punches (see backend.attendance.daily)
            zones = {str(i): z for i, z in await ClockDevice.of(actor).filter(
                id__in={d for _, _, d in stray}).values_list("id", "time_zone")}
            await dirty.mark(actor, {(mapping[p], day) for p, at, d in stray for day in candidate_days(at, zones[str(d)])})
        for pin in sorted({p for p, _, _ in stray}):  # one statement per PIN that has punches waiting
            rematched += await ClockPunch.of(actor).filter(employee_pin=pin, employee_id=None).update(
                employee_id=mapping[pin])
        await audit.record(actor, action="device_pins.set", entity_type="device_pin", entity_id="bulk",
                           after={"pins": {p: str(e) for p, e in mapping.items()}, "rematched": rematched})
    return rematched


async def list_device_pins(actor: Actor) -> list[DevicePin]:
    """Every mapping by PIN. Requires ATTENDANCE_MANAGE."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    return list(await DevicePin.of(actor).order_by("pin"))


async def unmatched_punches(actor: Actor, *, limit: int = 200) -> list[ClockPunch]:
    """Punches whose PIN maps to nobody yet, newest first. Requires ATTENDANCE_MANAGE."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    return list(await ClockPunch.of(actor).filter(employee_id=None).order_by("-occurred_at")
                .limit(max(1, min(limit, 500))))


async def resolve_unmatched_punches(actor: Actor, *, pin: str, employee_id: str) -> PinsSet:
    """Maps one PIN to an employee and re-matches its punches. Requires ATTENDANCE_MANAGE.
    Raises Forbidden, ValidationFailed (bad PIN or employee)."""
    result = await set_device_pins(actor, [PinRow(pin=pin, employee_id=employee_id)])
    if result.errors:
        first = result.errors[0]
        raise ValidationFailed(first.message, field=first.field)
    return result
