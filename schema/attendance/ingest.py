"""ingestClockEvents: the device bridge's one mutation, shaped exactly as device_bridge/client.py sends it."""
from __future__ import annotations

from enum import Enum

import strawberry

from backend.attendance import ingest
from schema.context import Info


@strawberry.enum(description="What became of one delivered event.")
class ClockEventStatus(Enum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@strawberry.input(description="One normalised punch (DEVICES.md ClockEvent).")
class ClockEventInput:
    event_id: str = strawberry.field(description="sha256 identity; the same punch always has the same id.")
    vendor: str = strawberry.field(description="zkteco, hikvision, …")
    protocol: str = strawberry.field(description="adms, isapi or pull.")
    device_sn: str = strawberry.field(description="The terminal's serial.")
    employee_pin: str = strawberry.field(description="The PIN verbatim (not our employee id).")
    occurred_at: str = strawberry.field(description="RFC 3339 with the real offset.")
    occurred_local: str = strawberry.field(description="The terminal's wall clock as sent.")
    tz: str = strawberry.field(description="IANA zone or offset used to read the wall clock.")
    tz_source: str = strawberry.field(description="device_offset, configured_zone or default_zone.")
    direction: str = strawberry.field(description="IN, OUT, BREAK_OUT, BREAK_IN, OVERTIME_IN, OVERTIME_OUT, UNKNOWN.")
    verify_mode: str = strawberry.field(default="", description="The vendor's raw verification code.")
    work_code: str = strawberry.field(default="", description="The terminal's work code.")
    received_at: str | None = strawberry.field(default=None, description="When the bridge received it.")
    flags: list[str] = strawberry.field(default_factory=list, description="Time and verification flags.")
    raw: str = strawberry.field(default="", description="The terminal's record, biometric-free, ≤ 2 KB.")


@strawberry.input(description="A terminal's progress as the bridge sees it.")
class ClockDeviceStatusInput:
    device_sn: str = strawberry.field(description="The terminal's serial.")
    last_seen_at: str | None = strawberry.field(default=None, description="When the bridge last heard from it.")
    synced_through: str | None = strawberry.field(default=None, description="Every punch up to here is delivered.")


@strawberry.input(description="A batch of at most 100 punches and the bridge's device report.")
class IngestClockEventsInput:
    bridge_id: str = strawberry.field(description="The sending bridge (must match its key).")
    events: list[ClockEventInput] = strawberry.field(description="At most 100 events, in order.")
    devices: list[ClockDeviceStatusInput] = strawberry.field(default_factory=list, description="Device report.")


@strawberry.type(description="The answer for one event.")
class ClockEventResult:
    event_id: str = strawberry.field(description="The event's id.")
    status: ClockEventStatus = strawberry.field(description="CREATED, DUPLICATE or REJECTED.")
    code: str | None = strawberry.field(description="Why it was rejected, e.g. UNKNOWN_DEVICE, INVALID_TIME.")
    retryable: bool = strawberry.field(description="Whether sending it again later may succeed.")


@strawberry.type(description="Per-event answers, in the order sent.")
class IngestClockEventsResult:
    results: list[ClockEventResult] = strawberry.field(description="One per event.")


def _event(e: ClockEventInput) -> ingest.EventIn:
    return ingest.EventIn(event_id=e.event_id, vendor=e.vendor, protocol=e.protocol, device_sn=e.device_sn,
                          employee_pin=e.employee_pin, occurred_at=e.occurred_at, occurred_local=e.occurred_local,
                          tz=e.tz, tz_source=e.tz_source, direction=e.direction, verify_mode=e.verify_mode,
                          work_code=e.work_code, received_at=e.received_at, flags=tuple(e.flags), raw=e.raw)


@strawberry.type
class IngestMutation:
    @strawberry.mutation(description="Device bridge only: deliver raw punches; idempotent on eventId.")
    async def ingest_clock_events(self, info: Info, input: IngestClockEventsInput) -> IngestClockEventsResult:
        results = await ingest.ingest_clock_events(
            info.context.actor, [_event(e) for e in input.events],
            [ingest.DeviceStatusIn(d.device_sn, d.last_seen_at, d.synced_through) for d in input.devices])
        return IngestClockEventsResult(results=[
            ClockEventResult(event_id=r.event_id, status=ClockEventStatus(r.outcome.value), code=r.code,
                             retryable=r.retryable) for r in results])
