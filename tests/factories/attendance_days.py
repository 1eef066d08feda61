"""Factories for daily-attendance tests: shifts, assignments, approved requests and raw punches written
directly as rows (the shifts/requests services are another module's subject)."""
from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.attendance.models import (
    AttendanceRequest, ClockDevice, ClockPunch, DirectionPolicy, RequestKind, RequestStatus, Shift, ShiftAssignment,
)
from backend.core import clock
from backend.org.models import Site


async def make_shift(actor: Actor, code: str = "day", *, start: str = "09:00", end: str = "18:00",
                     work_days: list[int] | None = None, **values: object) -> Shift:
    sh, sm = (int(x) for x in start.split(":"))
    eh, em = (int(x) for x in end.split(":"))
    return await Shift.create_for(actor, code=code, name_en=code.title(), name_zh=code, start_minute=sh * 60 + sm,
                                  end_minute=eh * 60 + em, work_days=work_days or [1, 2, 3, 4, 5],
                                  created_at=clock.now(), **values)


async def assign(actor: Actor, employee_id: uuid.UUID, shift: Shift, starts_on: date, ends_on: date | None = None, *,
                 site: Site | None = None, revoked: bool = False, created_at: datetime | None = None) -> ShiftAssignment:
    return await ShiftAssignment.create_for(actor, employee_id=employee_id, shift_id=shift.id,
                                            site_id=site.id if site else None, starts_on=starts_on, ends_on=ends_on,
                                            created_at=created_at or clock.now(),
                                            revoked_at=clock.now() if revoked else None)


async def approved_remote(actor: Actor, employee_id: uuid.UUID, starts_on: date, ends_on: date | None = None, *,
                          status: RequestStatus = RequestStatus.APPROVED) -> AttendanceRequest:
    return await AttendanceRequest.create_for(actor, employee_id=employee_id, kind=RequestKind.REMOTE_DAY, status=status,
                                              starts_on=starts_on, ends_on=ends_on, created_at=clock.now())


async def approved_correction(actor: Actor, employee_id: uuid.UUID, day: date, punch_at: datetime,
                              direction: str, *, status: RequestStatus = RequestStatus.APPROVED) -> AttendanceRequest:
    return await AttendanceRequest.create_for(actor, employee_id=employee_id, kind=RequestKind.CORRECTION, status=status,
                                              starts_on=day, punch_at=punch_at, punch_direction=direction,
                                              created_at=clock.now())


async def make_clock(actor: Actor, site: Site, *, serial: str | None = None, time_zone: str = "Asia/Shanghai",
                     policy: DirectionPolicy = DirectionPolicy.DEVICE, synced_through: datetime | None = None,
                     active: bool = True) -> ClockDevice:
    return await ClockDevice.create_for(actor, site_id=site.id, serial=serial or f"SN{uuid.uuid4().hex[:10]}",
                                        vendor="zkteco", time_zone=time_zone, direction_policy=policy, active=active,
                                        synced_through=synced_through, created_at=clock.now())


async def punch(actor: Actor, device: ClockDevice, employee_id: uuid.UUID | None, local: str, direction: str = "IN",
                *, pin: str = "1") -> ClockPunch:
    """A stored raw punch at device-local wall time 'YYYY-MM-DD HH:MM'."""
    moment = datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(device.time_zone))
    event_id = hashlib.sha256(f"{device.serial}|{pin}|{local}|{uuid.uuid4()}".encode()).hexdigest()
    return await ClockPunch.create_for(
        actor, event_id=event_id, device_id=device.id, employee_id=employee_id, vendor="zkteco", protocol="adms",
        device_sn=device.serial, employee_pin=pin, occurred_at=moment, occurred_local=f"{local}:00",
        tz=device.time_zone, tz_source="configured_zone", direction=direction, verify_mode="1", work_code="0",
        flags=[], raw_text="", ingested_at=clock.now())
