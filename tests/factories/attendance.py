"""Attendance factories: a registered clock device, a bridge key, and bridge events as the bridge sends them."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from backend.access.actor import Actor
from backend.attendance import devices, keys
from backend.attendance.ingest import EventIn
from backend.attendance.models import BridgeKey, ClockDevice
from backend.org.models import Site


async def make_device(hr: Actor, site: Site, *, serial: str = "CQZ7224460246", time_zone: str = "Asia/Shanghai") -> ClockDevice:
    return await devices.register_clock_device(hr, site_id=site.id, serial=serial, vendor="zkteco",
                                               time_zone=time_zone, name="Gate 1")


async def make_key(hr: Actor, *, bridge_id: str = "suzhou-plant-1") -> tuple[BridgeKey, str]:
    return await keys.create_bridge_key(hr, bridge_id=bridge_id)


def event_input(serial: str, pin: str, at: datetime, *, direction: str = "IN", **overrides: Any) -> dict[str, Any]:
    """One event in the bridge's camelCase ClockEventInput shape (device_bridge.events.ClockEvent.as_input)."""
    local = (at + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
    data = {"eventId": hashlib.sha256(f"v1|zkteco|{serial}|{pin}|{local}".encode()).hexdigest(), "vendor": "zkteco",
            "protocol": "adms", "deviceSn": serial, "employeePin": pin, "occurredAt": at.isoformat(),
            "occurredLocal": local, "tz": "Asia/Shanghai", "tzSource": "configured_zone", "direction": direction,
            "verifyMode": "1", "workCode": "0", "receivedAt": at.isoformat(), "flags": [],
            "raw": f"{pin}\t{local}\t0\t1\t0\t0\t0"}
    return {**data, **overrides}


def event_in(serial: str, pin: str, at: datetime, **overrides: Any) -> EventIn:
    d = event_input(serial, pin, at, **overrides)
    return EventIn(event_id=d["eventId"], vendor=d["vendor"], protocol=d["protocol"], device_sn=d["deviceSn"],
                   employee_pin=d["employeePin"], occurred_at=d["occurredAt"], occurred_local=d["occurredLocal"],
                   tz=d["tz"], tz_source=d["tzSource"], direction=d["direction"], verify_mode=d["verifyMode"],
                   work_code=d["workCode"], received_at=d["receivedAt"], flags=tuple(d["flags"]), raw=d["raw"])
