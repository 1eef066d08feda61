"""Ingest of raw punches from a device bridge: per event CREATED / DUPLICATE / REJECTED, idempotent on
event_id by the unique constraint, set-based (a constant number of statements per batch plus two per
reported device). Unknown PINs are stored unmatched, never dropped. The bridge's devices report moves
last_seen_at / synced_through forward only."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.attendance import dirty
from backend.attendance.derivation import candidate_days
from backend.attendance.models import ClockDevice, ClockPunch, DevicePin
from backend.core import clock, db
from backend.core.errors import ValidationFailed

MAX_EVENTS = 100
DIRECTIONS = frozenset({"IN", "OUT", "BREAK_OUT", "BREAK_IN", "OVERTIME_IN", "OVERTIME_OUT", "UNKNOWN"})


class Outcome(StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class RejectCode(StrEnum):
    UNKNOWN_DEVICE = "UNKNOWN_DEVICE"
    INVALID_TIME = "INVALID_TIME"
    INVALID_EVENT = "INVALID_EVENT"


@dataclass(frozen=True, slots=True)
class EventIn:
    event_id: str
    vendor: str
    protocol: str
    device_sn: str
    employee_pin: str
    occurred_at: str
    occurred_local: str
    tz: str
    tz_source: str
    direction: str
    verify_mode: str = ""
    work_code: str = ""
    received_at: str | None = None
    flags: tuple[str, ...] = ()
    raw: str = ""


@dataclass(frozen=True, slots=True)
class DeviceStatusIn:
    device_sn: str
    last_seen_at: str | None = None
    synced_through: str | None = None


@dataclass(frozen=True, slots=True)
class EventResult:
    event_id: str
    outcome: Outcome
    code: str | None = None
    retryable: bool = False


def parse_time(value: str | None) -> datetime | None:
    """PURE: an RFC 3339 time with an offset, or None (naive and malformed times are refused)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _shape_error(e: EventIn) -> RejectCode | None:
    """PURE: what makes an event unstorable, before any lookup."""
    if not e.event_id or len(e.event_id) > 128 or not e.employee_pin or len(e.employee_pin) > 32 \
            or len(e.device_sn) > 64 or e.direction not in DIRECTIONS or len(e.occurred_local) > 32:
        return RejectCode.INVALID_EVENT
    if parse_time(e.occurred_at) is None:
        return RejectCode.INVALID_TIME
    return None


def _punch(actor: Actor, e: EventIn, device: ClockDevice, employee_id: uuid.UUID | None) -> ClockPunch:
    return ClockPunch.build_for(
        actor, id=uuid.uuid4(), event_id=e.event_id, device_id=device.id, employee_id=employee_id,
        vendor=e.vendor[:32], protocol=e.protocol[:16], device_sn=e.device_sn, employee_pin=e.employee_pin,
        occurred_at=parse_time(e.occurred_at), occurred_local=e.occurred_local, tz=e.tz[:64],
        tz_source=e.tz_source[:32], direction=e.direction, verify_mode=e.verify_mode[:32],
        work_code=e.work_code[:32], received_at=parse_time(e.received_at), flags=list(e.flags),
        raw_text=e.raw, ingested_at=clock.now())


async def ingest_clock_events(actor: Actor, events: Sequence[EventIn],
                              devices: Sequence[DeviceStatusIn] = ()) -> list[EventResult]:
    """One result per event, in order. Requires ATTENDANCE_INGEST. Raises Forbidden, ValidationFailed
    (more than 100 events: the whole batch is refused)."""
    require(actor, Permission.ATTENDANCE_INGEST)
    if len(events) > MAX_EVENTS:
        raise ValidationFailed(f"Send at most {MAX_EVENTS} events per request.", field="events")
    serials = {e.device_sn for e in events} | {d.device_sn for d in devices}
    known = {d.serial: d for d in await ClockDevice.of(actor).filter(serial__in=serials, active=True)} \
        if serials else {}
    results: dict[int, EventResult] = {}
    fresh: dict[str, tuple[int, EventIn]] = {}
    for index, e in enumerate(events):
        problem = _shape_error(e) or (None if e.device_sn in known else RejectCode.UNKNOWN_DEVICE)
        if problem is not None:
            results[index] = EventResult(e.event_id, Outcome.REJECTED, problem.value, False)
        elif e.event_id in fresh:
            results[index] = EventResult(e.event_id, Outcome.DUPLICATE)
        else:
            fresh[e.event_id] = (index, e)
    if fresh:
        results |= await _store(actor, fresh, known)
    await _report_devices(actor, devices, known)
    return [results[i] for i in range(len(events))]


async def _store(actor: Actor, fresh: dict[str, tuple[int, EventIn]],
                 known: dict[str, ClockDevice]) -> dict[int, EventResult]:
    pins = {e.employee_pin for _, e in fresh.values()}
    employee_of = dict(await DevicePin.of(actor).filter(pin__in=pins).values_list("pin", "employee_id"))
    held: set[str] = {str(v) for v in await ClockPunch.of(actor).filter(event_id__in=list(fresh))
                      .values_list("event_id", flat=True)}
    rows = [_punch(actor, e, known[e.device_sn], employee_of.get(e.employee_pin))
            for event_id, (_, e) in fresh.items() if event_id not in held]
    zones = {d.id: d.time_zone for d in known.values()}
    if rows:
        # A concurrent request may insert the same event_id first: the constraint keeps one row, and
        # the re-read below tells ours (our generated id) from theirs.
        async with db.transaction():  # the punches and their days' recompute marks commit together
            await ClockPunch.bulk_create(rows, ignore_conflicts=True)
            await dirty.mark(actor, {(r.employee_id, day) for r in rows if r.employee_id is not None
                                     for day in candidate_days(r.occurred_at, zones[r.device_id])})
    ours = {r.id for r in rows}
    stored: dict[str, object] = {str(e): i for e, i in await ClockPunch.of(actor).filter(
        event_id__in=[r.event_id for r in rows]).values_list("event_id", "id")} if rows else {}
    out: dict[int, EventResult] = {}
    for event_id, (index, _) in fresh.items():
        created = event_id not in held and stored.get(event_id) in ours
        out[index] = EventResult(event_id, Outcome.CREATED if created else Outcome.DUPLICATE)
    return out


async def _report_devices(actor: Actor, devices: Sequence[DeviceStatusIn], known: dict[str, ClockDevice]) -> None:
    """Monotonic: a conditional update only ever moves a time forward (races included)."""
    for status in devices:
        device = known.get(status.device_sn)
        if device is None:
            continue
        for field, value in (("last_seen_at", parse_time(status.last_seen_at)),
                             ("synced_through", parse_time(status.synced_through))):
            if value is not None:
                empty: dict[str, Any] = {f"{field}__isnull": True}
                older: dict[str, Any] = {f"{field}__lt": value}
                await ClockDevice.of(actor).filter(Q(**empty) | Q(**older), id=device.id).update(**{field: value})
