"""The clock-device registry: HR registers each terminal by serial at a site, with its time zone and
direction policy. last_seen_at / synced_through are moved only by ingest (never backwards)."""
from __future__ import annotations

from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.attendance.models import ClockDevice, DirectionPolicy
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import Conflict, ValidationFailed
from backend.org import validation as org_validation
from backend.org.models import Site

VENDORS = ("zkteco", "hikvision", "kiosk", "other")


def _policy(value: str) -> DirectionPolicy:
    try:
        return DirectionPolicy(value)
    except ValueError:
        raise ValidationFailed("Choose device, first_in_last_out, in_only or out_only.",
                               field="directionPolicy") from None


def _vendor(value: str) -> str:
    vendor = value.strip().lower()
    if vendor not in VENDORS:
        raise ValidationFailed(f"Choose one of {', '.join(VENDORS)}.", field="vendor")
    return vendor


async def register_clock_device(actor: Actor, *, site_id: UUID, serial: str, vendor: str, time_zone: str,
                                name: str = "", direction_policy: str = DirectionPolicy.DEVICE) -> ClockDevice:
    """Requires ATTENDANCE_MANAGE; audited as clock_device.registered. Raises Forbidden, NotFound (site),
    ValidationFailed, Conflict (the serial is registered already)."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    site = await Site.get_for(actor, site_id, what="site")
    values = {"serial": validation.trimmed(serial, field="serial", max_length=64), "vendor": _vendor(vendor),
              "time_zone": org_validation.time_zone(time_zone),
              "name": validation.trimmed(name, field="name", max_length=120, required=False),
              "direction_policy": _policy(direction_policy)}
    try:
        async with db.transaction():
            device = await ClockDevice.create_for(actor, site_id=site.id, created_at=clock.now(), **values)
            await audit.record(actor, action="clock_device.registered", entity_type="clock_device",
                               entity_id=device.id, after={**values, "site_id": str(site.id)})
    except IntegrityError:
        raise Conflict(f"A device with serial “{values['serial']}” is registered already.", field="serial") from None
    return device


async def update_clock_device(actor: Actor, *, device_id: UUID, site_id: UUID | None = None,
                              name: str | None = None, time_zone: str | None = None,
                              direction_policy: str | None = None, active: bool | None = None) -> ClockDevice:
    """Changes only what is given. Requires ATTENDANCE_MANAGE; audited as clock_device.updated.
    Raises Forbidden, NotFound, ValidationFailed."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    device = await ClockDevice.get_for(actor, device_id, what="clock device")
    changes: dict[str, object] = {}
    if site_id is not None:
        changes["site_id"] = (await Site.get_for(actor, site_id, what="site")).id
    if name is not None:
        changes["name"] = validation.trimmed(name, field="name", max_length=120, required=False)
    if time_zone is not None:
        changes["time_zone"] = org_validation.time_zone(time_zone)
    if direction_policy is not None:
        changes["direction_policy"] = _policy(direction_policy)
    if active is not None:
        changes["active"] = active
    changed = {k: v for k, v in changes.items() if getattr(device, k) != v}
    if changed:
        async with db.transaction():
            await ClockDevice.of(actor).filter(id=device.id).update(**changed)
            await audit.record(actor, action="clock_device.updated", entity_type="clock_device", entity_id=device.id,
                               before={k: str(getattr(device, k)) for k in changed},
                               after={k: str(v) for k, v in changed.items()})
    return await ClockDevice.of(actor).get(id=device.id)


async def list_clock_devices(actor: Actor) -> list[ClockDevice]:
    """Every device by serial. Requires ATTENDANCE_READ_ANY."""
    require(actor, Permission.ATTENDANCE_READ_ANY)
    return list(await ClockDevice.of(actor).order_by("serial"))


async def devices_by_ids(actor: Actor, ids: list[UUID]) -> list[ClockDevice | None]:
    """Devices by id, for naming the device on a punch wherever the punch itself may be seen (the caller
    has already decided that): no permission of its own."""
    found = {d.id: d for d in await ClockDevice.of(actor).filter(id__in=ids)} if ids else {}
    return [found.get(i) for i in ids]
