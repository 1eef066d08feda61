"""HR's attendance setup over GraphQL: devices, bridge keys, PIN mappings and unmatched punches."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.attendance import devices, keys, pins
from schema.attendance.types import BridgeKey, ClockDevice, ClockPunch, DevicePin
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid
from schema.core.results import attempt


@strawberry.input(description="Register a time clock.")
class RegisterClockDeviceInput:
    site_id: strawberry.ID = strawberry.field(description="The site it stands at.")
    serial: str = strawberry.field(description="Its serial number.")
    vendor: str = strawberry.field(description="zkteco, hikvision, kiosk or other.")
    time_zone: str = strawberry.field(description="IANA zone of its wall clock.")
    name: str = strawberry.field(default="", description="Where it hangs.")
    direction_policy: str = strawberry.field(default="device", description="device, first_in_last_out, in_only, out_only.")


@strawberry.input(description="Change a time clock; only given fields change.")
class UpdateClockDeviceInput:
    id: strawberry.ID = strawberry.field(description="The device.")
    site_id: strawberry.ID | None = strawberry.field(default=None, description="Another site.")
    name: str | None = strawberry.field(default=None, description="A new name.")
    time_zone: str | None = strawberry.field(default=None, description="A new IANA zone.")
    direction_policy: str | None = strawberry.field(default=None, description="A new direction policy.")
    active: bool | None = strawberry.field(default=None, description="Switch it off or on.")


@strawberry.input(description="One PIN mapping.")
class DevicePinInput:
    pin: str = strawberry.field(description="The PIN terminals send.")
    employee_id: strawberry.ID = strawberry.field(description="The person.")


@strawberry.type(description="A device was registered or changed.")
class ClockDeviceSaved:
    device: ClockDevice = strawberry.field(description="The device.")


@strawberry.type(description="A bridge key was issued; copy the secret into the bridge now, it is not shown again.")
class BridgeKeyIssued:
    key: BridgeKey = strawberry.field(description="The key.")
    secret: str = strawberry.field(description="The HMAC secret for the bridge's secret file.")


@strawberry.type(description="A bridge key was revoked.")
class BridgeKeyRevoked:
    key: BridgeKey = strawberry.field(description="The key.")


@strawberry.type(description="A row of a bulk PIN update that was not saved.")
class DevicePinRowError:
    index: int = strawberry.field(description="Position in the input, from 0.")
    field: str = strawberry.field(description="pin or employeeId.")
    message: str = strawberry.field(description="English fallback text.")


@strawberry.type(description="PIN mappings were saved; unmatched punches with those PINs now belong to their people.")
class DevicePinsSet:
    saved: int = strawberry.field(description="Rows saved.")
    rematched: int = strawberry.field(description="Unmatched punches attached to a person.")
    errors: list[DevicePinRowError] = strawberry.field(description="Rows not saved, with why.")

    @classmethod
    def from_result(cls, r: pins.PinsSet) -> DevicePinsSet:
        return cls(saved=r.saved, rematched=r.rematched,
                   errors=[DevicePinRowError(index=e.index, field=e.field, message=e.message) for e in r.errors])


ClockDeviceResult = Annotated[ClockDeviceSaved | UserError, strawberry.union("ClockDeviceResult")]
BridgeKeyIssueResult = Annotated[BridgeKeyIssued | UserError, strawberry.union("BridgeKeyIssueResult")]
RevokeBridgeKeyResult = Annotated[BridgeKeyRevoked | UserError, strawberry.union("RevokeBridgeKeyResult")]
SetDevicePinsResult = Annotated[DevicePinsSet | UserError, strawberry.union("SetDevicePinsResult")]


@strawberry.type
class AttendanceQuery:
    @strawberry.field(description="HR: every registered time clock by serial.")
    async def clock_devices(self, info: Info) -> list[ClockDevice]:
        return [ClockDevice.from_model(d) for d in await devices.list_clock_devices(info.context.actor)]

    @strawberry.field(description="HR: device bridge keys, newest first (never the secrets).")
    async def bridge_keys(self, info: Info) -> list[BridgeKey]:
        return [BridgeKey.from_model(k) for k in await keys.list_bridge_keys(info.context.actor)]

    @strawberry.field(description="HR: device PIN ↔ person mappings by PIN.")
    async def device_pins(self, info: Info) -> list[DevicePin]:
        return [DevicePin.from_model(p) for p in await pins.list_device_pins(info.context.actor)]

    @strawberry.field(description="HR: punches whose PIN maps to nobody yet, newest first.")
    async def unmatched_punches(self, info: Info, limit: int = 200) -> list[ClockPunch]:
        return [ClockPunch.from_model(p) for p in await pins.unmatched_punches(info.context.actor, limit=limit)]


@strawberry.type
class AttendanceMutation:
    @strawberry.mutation(description="HR: register a time clock by serial at a site.")
    async def register_clock_device(self, info: Info, input: RegisterClockDeviceInput) -> ClockDeviceResult:
        async def body() -> ClockDeviceSaved:
            device = await devices.register_clock_device(
                info.context.actor, site_id=required_uuid(input.site_id, field="siteId"), serial=input.serial,
                vendor=input.vendor, time_zone=input.time_zone, name=input.name,
                direction_policy=input.direction_policy)
            return ClockDeviceSaved(device=ClockDevice.from_model(device))
        return await attempt(body)

    @strawberry.mutation(description="HR: change a time clock's site, name, zone, policy or state.")
    async def update_clock_device(self, info: Info, input: UpdateClockDeviceInput) -> ClockDeviceResult:
        async def body() -> ClockDeviceSaved:
            device = await devices.update_clock_device(
                info.context.actor, device_id=required_uuid(input.id, field="id"),
                site_id=required_uuid(input.site_id, field="siteId") if input.site_id else None, name=input.name,
                time_zone=input.time_zone, direction_policy=input.direction_policy, active=input.active)
            return ClockDeviceSaved(device=ClockDevice.from_model(device))
        return await attempt(body)

    @strawberry.mutation(description="HR: create a signing key for a device bridge (secret shown once).")
    async def create_bridge_key(self, info: Info, bridge_id: str) -> BridgeKeyIssueResult:
        async def body() -> BridgeKeyIssued:
            key, secret = await keys.create_bridge_key(info.context.actor, bridge_id=bridge_id)
            return BridgeKeyIssued(key=BridgeKey.from_model(key), secret=secret)
        return await attempt(body)

    @strawberry.mutation(description="HR: a second key for the same bridge; the old one works until revoked.")
    async def rotate_bridge_key(self, info: Info, id: strawberry.ID) -> BridgeKeyIssueResult:
        async def body() -> BridgeKeyIssued:
            key, secret = await keys.rotate_bridge_key(info.context.actor, key_id=required_uuid(id, field="id"))
            return BridgeKeyIssued(key=BridgeKey.from_model(key), secret=secret)
        return await attempt(body)

    @strawberry.mutation(description="HR: revoke a bridge key; requests signed with it are refused.")
    async def revoke_bridge_key(self, info: Info, id: strawberry.ID) -> RevokeBridgeKeyResult:
        async def body() -> BridgeKeyRevoked:
            key = await keys.revoke_bridge_key(info.context.actor, key_id=required_uuid(id, field="id"))
            return BridgeKeyRevoked(key=BridgeKey.from_model(key))
        return await attempt(body)

    @strawberry.mutation(description="HR: map device PINs to people in bulk; bad rows are reported, good ones saved.")
    async def set_device_pins(self, info: Info, rows: list[DevicePinInput]) -> SetDevicePinsResult:
        async def body() -> DevicePinsSet:
            result = await pins.set_device_pins(info.context.actor, [
                pins.PinRow(pin=r.pin, employee_id=str(r.employee_id)) for r in rows])
            return DevicePinsSet.from_result(result)
        return await attempt(body)

    @strawberry.mutation(description="HR: map an unmatched PIN to a person; its punches move to them.")
    async def resolve_unmatched_punches(self, info: Info, pin: str, employee_id: strawberry.ID) -> SetDevicePinsResult:
        async def body() -> DevicePinsSet:
            result = await pins.resolve_unmatched_punches(info.context.actor, pin=pin, employee_id=str(employee_id))
            return DevicePinsSet.from_result(result)
        return await attempt(body)
