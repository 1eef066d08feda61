"""Check-in at a shared kiosk tablet: a person shows their QR badge or types employee number + device PIN;
the punch is stored as a raw ClockPunch of the kiosk's own clock device, exactly once per tablet-made
event id (the unique constraint decides, so concurrent replays cannot both store).

Offline queue and day closing. The tablet queues every check-in (oldest first) and drains the queue in
order, so when a punch taken at T arrives, every earlier punch of that tablet has arrived: the kiosk's
device is synced through T. Only when the tablet says nothing is left (`still_queued == 0`, on a check-in
or a heartbeat) is it synced through the server's "now". A tablet holding queued punches therefore keeps
its device's synced_through behind them, and the site's day cannot close early. Known limit: tablets
sharing one kiosk code share one device; issue one code per tablet (a late punch still reopens the day)."""
from __future__ import annotations

import hmac
import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from backend.access import throttle
from backend.access.actor import Actor, ActorKind
from backend.access.models import KioskCredential
from backend.access.permissions import Permission, require
from backend.attendance import badges, dirty
from backend.attendance.models import ClockDevice, ClockPunch, DevicePin, DirectionPolicy
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import Conflict, Forbidden, InvalidCredentials, ValidationFailed
from backend.org.models import Employee, EmployeeStatus

FUTURE_SLACK = timedelta(minutes=5)  # a tablet clock a little ahead is fine
PAST_LIMIT = timedelta(days=7)  # how long a tablet may have been offline with a queue
QUEUED_AFTER = timedelta(minutes=2)  # later than this after the punch: it waited in the offline queue
PIN_FAILURES = 5  # wrong PINs or unknown numbers per kiosk code ...
PIN_WINDOW_SECONDS = 60  # ... per minute
_DIRECTIONS = {"": "UNKNOWN", "in": "IN", "out": "OUT"}
_NUMBER = re.compile(r"^[0-9A-Za-z_-]{1,32}$")


@dataclass(frozen=True, slots=True)
class CheckIn:
    employee_name: str
    occurred_at: datetime
    direction: str
    duplicate: bool


@dataclass(frozen=True, slots=True)
class KioskInfo:
    site_name: str
    time_zone: str
    label: str
    server_time: datetime
    synced_through: datetime | None


async def _credential(actor: Actor) -> KioskCredential:
    require(actor, Permission.ATTENDANCE_CHECKIN)
    if actor.kind != ActorKind.KIOSK or actor.session_id is None:
        raise Forbidden("Only a kiosk can record check-ins.")
    credential = await KioskCredential.of(actor).filter(sessions__id=actor.session_id, revoked_at=None) \
        .select_related("site").first()
    if credential is None:
        raise Forbidden("This kiosk code was revoked.")
    return credential


async def _device(actor: Actor, credential: KioskCredential) -> ClockDevice:
    """The kiosk code's own clock, registered on first use (race-safe: the serial is unique)."""
    serial = f"kiosk-{credential.id}"
    device = await ClockDevice.of(actor).get_or_none(serial=serial)
    if device is not None:
        return device
    row = ClockDevice.build_for(actor, id=uuid.uuid4(), site_id=credential.site_id, serial=serial, vendor="kiosk",
                                name=credential.label[:120], time_zone=credential.site.time_zone,
                                direction_policy=DirectionPolicy.FIRST_IN_LAST_OUT, created_at=clock.now())
    async with db.transaction():
        await ClockDevice.bulk_create([row], ignore_conflicts=True)
        device = await ClockDevice.of(actor).get(serial=serial)
        if device.id == row.id:
            await audit.record(actor, action="clock_device.registered", entity_type="clock_device",
                               entity_id=device.id, after={"serial": serial, "vendor": "kiosk",
                                                           "site_id": str(credential.site_id)})
    return device


def _event_id(value: str) -> str:
    # A UUID made on the tablet: it can never equal a bridge's 64-hex event id, so a kiosk cannot shadow
    # a terminal's punch by sending its id first.
    try:
        return str(UUID(value.strip()))
    except ValueError:
        raise ValidationFailed("The check-in id must be a UUID.", field="eventId") from None


def _direction(value: str | None) -> str:
    key = (value or "").strip().lower()
    if key not in _DIRECTIONS:
        raise ValidationFailed("Direction is in, out or empty.", field="direction")
    return _DIRECTIONS[key]


def _when(occurred_at: datetime, now: datetime) -> datetime:
    if occurred_at.tzinfo is None:
        raise ValidationFailed("The time needs a UTC offset.", field="occurredAt")
    if occurred_at > now + FUTURE_SLACK:
        raise ValidationFailed("The tablet's clock is ahead: set its date and time.", field="occurredAt")
    if occurred_at < now - PAST_LIMIT:
        raise ValidationFailed("This check-in is more than 7 days old.", field="occurredAt")
    return occurred_at


async def _by_badge(actor: Actor, token: str) -> Employee:
    employee = await Employee.of(actor).get_or_none(id=badges.verify(actor.tenant_id, token),
                                                    status=EmployeeStatus.ACTIVE)
    if employee is None:
        raise InvalidCredentials("This badge is not valid here.", field="badgeToken")
    return employee


async def _by_pin(actor: Actor, credential: KioskCredential, number: str, pin: str) -> Employee:
    key = f"kiosk-pin:{credential.id}"
    await throttle.check(key, limit=PIN_FAILURES, window_seconds=PIN_WINDOW_SECONDS)
    number = number.strip()
    employee = await Employee.of(actor).get_or_none(employee_number=number, status=EmployeeStatus.ACTIVE) \
        if _NUMBER.match(number) else None
    known: list[str] = await DevicePin.of(actor).filter(employee_id=employee.id).values_list("pin", flat=True) \
        if employee else []  # type: ignore[assignment]
    given = pin.strip().encode()
    matched = [hmac.compare_digest(candidate.encode(), given) for candidate in known]  # every one, in constant time
    if employee is None or not any(matched):
        await throttle.record_failure(key)
        raise InvalidCredentials("That number and PIN do not match.", field="pin")
    return employee


async def _who(actor: Actor, credential: KioskCredential, badge_token: str | None,
               employee_number: str | None, pin: str | None) -> tuple[Employee, str]:
    if badge_token and not (employee_number or pin):
        return await _by_badge(actor, badge_token), "qr"
    if employee_number and pin and not badge_token:
        return await _by_pin(actor, credential, employee_number, pin), "pin"
    raise ValidationFailed("Scan a badge, or type a number and a PIN.", field="badgeToken")


def days_to_mark(occurred_at: datetime, time_zone: str) -> list[date]:
    """PURE: the site-local day of a punch, and the day before for a morning punch (it may end an
    overnight shift, which belongs to the day it started)."""
    local = occurred_at.astimezone(ZoneInfo(time_zone))
    return [local.date(), local.date() - timedelta(days=1)] if local.hour < 12 else [local.date()]


async def check_in(actor: Actor, *, event_id: str, occurred_at: datetime, badge_token: str | None = None,
                   employee_number: str | None = None, pin: str | None = None, direction: str | None = None,
                   still_queued: int | None = None) -> CheckIn:
    """Kiosk actor only. A replayed event id returns the stored punch with duplicate=True and stores nothing.
    Raises Forbidden, ValidationFailed (eventId, occurredAt, direction, badgeToken), InvalidCredentials
    (badgeToken or pin), RateLimited (5 failed PINs per kiosk code per minute), Conflict (the id belongs
    to another clock or person)."""
    credential = await _credential(actor)
    now = clock.now()
    event_id, kind, when = _event_id(event_id), _direction(direction), _when(occurred_at, now)
    employee, method = await _who(actor, credential, badge_token, employee_number, pin)
    device = await _device(actor, credential)
    if not device.active:
        raise Forbidden("HR switched this kiosk's clock off.")
    tz = credential.site.time_zone
    local = when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S")
    flags = (["queued"] if now - when > QUEUED_AFTER else []) + (["tablet_clock_ahead"] if when > now else [])
    row = ClockPunch.build_for(
        actor, id=uuid.uuid4(), event_id=event_id, device_id=device.id, employee_id=employee.id, vendor="kiosk",
        protocol="kiosk", device_sn=device.serial, employee_pin="", occurred_at=when, occurred_local=local, tz=tz,
        tz_source="site_zone", direction=kind, verify_mode=method, work_code="", received_at=now, flags=flags,
        raw_text=json.dumps({"eventId": event_id, "occurredAt": when.isoformat(), "method": method,
                             "employeeNumber": employee.employee_number, "direction": kind}),  # never the PIN
        ingested_at=now)
    async with db.transaction():
        await ClockPunch.bulk_create([row], ignore_conflicts=True)
        stored = await ClockPunch.of(actor).get(event_id=event_id)
        if stored.id == row.id:
            await dirty.mark(actor, [(employee.id, day) for day in days_to_mark(when, tz)])
    if stored.device_id != device.id or stored.employee_id != employee.id:
        raise Conflict("This check-in id was already used for someone else.", field="eventId")
    await _progress(actor, device.id, now if still_queued == 0 else min(stored.occurred_at, now), now)
    return CheckIn(employee_name=employee.name, occurred_at=stored.occurred_at, direction=stored.direction,
                   duplicate=stored.id != row.id)


async def heartbeat(actor: Actor, *, still_queued: int) -> KioskInfo:
    """The tablet is alive; with an empty queue its clock is synced through now (so days can close)."""
    credential = await _credential(actor)
    if still_queued < 0:
        raise ValidationFailed("The queue length cannot be negative.", field="stillQueued")
    device = await _device(actor, credential)
    now = clock.now()
    await _progress(actor, device.id, now if still_queued == 0 else None, now)
    return await info(actor)


async def _progress(actor: Actor, device_id: UUID, synced: datetime | None, seen: datetime) -> None:
    """Monotonic, like the bridge's device report: a conditional update only ever moves a time forward."""
    for field, value in (("last_seen_at", seen), ("synced_through", synced)):
        if value is not None:
            empty: dict[str, Any] = {f"{field}__isnull": True}
            older: dict[str, Any] = {f"{field}__lt": value}
            await ClockDevice.of(actor).filter(Q(**empty) | Q(**older), id=device_id).update(**{field: value})


async def info(actor: Actor) -> KioskInfo:
    """What the kiosk screen shows: its site, zone and label, and the server's clock (to spot a skewed
    tablet). Kiosk actor only."""
    credential = await _credential(actor)
    device = await ClockDevice.of(actor).get_or_none(serial=f"kiosk-{credential.id}")
    return KioskInfo(site_name=credential.site.name, time_zone=credential.site.time_zone, label=credential.label,
                     server_time=clock.now(), synced_through=device.synced_through if device else None)
