"""Attendance output types: devices, bridge keys (never the secret), PIN mappings and raw punches."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import strawberry
from strawberry.dataloader import DataLoader

from backend.attendance import devices
from backend.attendance.models import BridgeKey as BridgeKeyModel
from backend.attendance.models import ClockDevice as ClockDeviceModel
from backend.attendance.models import ClockPunch as ClockPunchModel
from backend.attendance.models import DevicePin as DevicePinModel
from schema.context import Info
from schema.org.types import Employee, Site


@strawberry.type(description="A time clock registered by its serial number at a site.")
class ClockDevice:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    serial: str = strawberry.field(description="The terminal's serial number, as it reports it.")
    vendor: str = strawberry.field(description="zkteco, hikvision, kiosk or other.")
    name: str = strawberry.field(description="Where it hangs, e.g. 'Gate 1'.")
    time_zone: str = strawberry.field(description="IANA zone of the terminal's wall clock.")
    direction_policy: str = strawberry.field(description="device, first_in_last_out, in_only or out_only.")
    active: bool = strawberry.field(description="Inactive devices' punches are rejected.")
    last_seen_at: datetime | None = strawberry.field(description="When the bridge last heard from it.")
    synced_through: datetime | None = strawberry.field(description="Every punch up to this time has arrived.")
    site_id: strawberry.Private[UUID]

    @strawberry.field(description="The site it stands at.")
    async def site(self, info: Info) -> Site | None:
        found = await info.context.org.site.load(self.site_id)
        return Site.from_model(found) if found else None

    @classmethod
    def from_model(cls, d: ClockDeviceModel) -> ClockDevice:
        return cls(id=strawberry.ID(str(d.id)), serial=d.serial, vendor=d.vendor, name=d.name, time_zone=d.time_zone,
                   direction_policy=d.direction_policy.value, active=d.active, last_seen_at=d.last_seen_at,
                   synced_through=d.synced_through, site_id=d.site_id)


@strawberry.type(description="A device bridge's signing key (the secret is shown only once).")
class BridgeKey:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    bridge_id: str = strawberry.field(description="The bridge's id from its configuration.")
    key_id: str = strawberry.field(description="The key id the bridge sends in X-Bridge-Key-Id.")
    active: bool = strawberry.field(description="False once revoked.")
    created_at: datetime = strawberry.field(description="When it was created.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if it was.")
    last_used_at: datetime | None = strawberry.field(description="Last accepted request signed with it.")

    @classmethod
    def from_model(cls, k: BridgeKeyModel) -> BridgeKey:
        return cls(id=strawberry.ID(str(k.id)), bridge_id=k.bridge_id, key_id=k.key_id, active=k.active,
                   created_at=k.created_at, revoked_at=k.revoked_at, last_used_at=k.last_used_at)


@strawberry.type(description="A device PIN and the person it belongs to, on every terminal of the organisation.")
class DevicePin:
    pin: str = strawberry.field(description="The PIN as terminals send it.")
    employee_id: strawberry.ID = strawberry.field(description="The person.")
    updated_at: datetime = strawberry.field(description="When the mapping was last set.")

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> Employee | None:
        view = await info.context.org.employee.load(UUID(str(self.employee_id)))
        return Employee.from_view(view) if view else None

    @classmethod
    def from_model(cls, p: DevicePinModel) -> DevicePin:
        return cls(pin=p.pin, employee_id=strawberry.ID(str(p.employee_id)), updated_at=p.updated_at)


@strawberry.type(description="A raw punch as the device bridge delivered it.")
class ClockPunch:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    event_id: str = strawberry.field(description="The bridge's deterministic event id.")
    device_sn: str = strawberry.field(description="The terminal's serial.")
    employee_pin: str = strawberry.field(description="The PIN as the terminal sent it.")
    occurred_at: datetime = strawberry.field(description="When it happened (UTC).")
    occurred_local: str = strawberry.field(description="The terminal's wall-clock time as sent.")
    tz: str = strawberry.field(description="The zone the wall clock was read in.")
    direction: str = strawberry.field(description="IN, OUT, BREAK_OUT, BREAK_IN, OVERTIME_IN, OVERTIME_OUT or UNKNOWN.")
    verify_mode: str = strawberry.field(description="The vendor's raw verification code.")
    flags: list[str] = strawberry.field(description="tz_ambiguous, tz_nonexistent, clock_skew_suspect, …")
    device_id: strawberry.Private[UUID]

    @classmethod
    def from_model(cls, p: ClockPunchModel) -> ClockPunch:
        return cls(id=strawberry.ID(str(p.id)), event_id=p.event_id, device_sn=p.device_sn,
                   employee_pin=p.employee_pin, occurred_at=p.occurred_at, occurred_local=p.occurred_local,
                   tz=p.tz, direction=p.direction, verify_mode=p.verify_mode, flags=list(p.flags),
                   device_id=p.device_id)

    @strawberry.field(description="The terminal's name (e.g. 'Gate 1'), or its serial when it has none.")
    async def device_name(self, info: Info) -> str:
        device = await _device_loader(info).load(self.device_id)
        return (device.name.strip() or device.serial) if device else self.device_sn


_DEVICE_LOADER = "_attendance_device_loader"


def _device_loader(info: Info) -> DataLoader[UUID, ClockDeviceModel | None]:
    """The request's device loader, made on first use and kept on the context object (as shift_types does),
    so a month of punches names its devices in one query."""
    context = info.context
    loader: DataLoader[UUID, ClockDeviceModel | None] | None = context.__dict__.get(_DEVICE_LOADER)
    if loader is None:
        actor = context.actor

        async def load(ids: list[UUID]) -> list[ClockDeviceModel | None]:
            return await devices.devices_by_ids(actor, ids)

        loader = DataLoader(load_fn=load)
        context.__dict__[_DEVICE_LOADER] = loader
    return loader
