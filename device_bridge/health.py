"""`GET /healthz`: outbox depth by state, oldest pending age, parked count, per-device last seen and
synced-through, the relay's last success and error, counters. 200 when healthy or degraded (parked
events, retries), 503 when the relay is paused by the backend or the disk is nearly full."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from device_bridge import outbox, registry
from device_bridge.app import Bridge
from device_bridge.db import StorageFull
from device_bridge.httpserver import Response
from device_bridge.relay import iso


def snapshot(conn: sqlite3.Connection) -> dict[str, Any]:
    devices = []
    for serial, vendor, last_seen, options in registry.devices(conn):
        devices.append({"serial": serial, "vendor": vendor, "lastSeen": iso(last_seen),
                        "syncedThrough": outbox.synced_through(conn, serial),
                        "options": json.loads(options)})
    return {"outbox": outbox.depth(conn), "oldestPendingReceived": outbox.oldest_pending_received(conn),
            "devices": devices, "counters": registry.counters(conn),
            "unknownDevices": registry.unknown_devices(conn), "commandsOutstanding": registry.queued_commands(conn)}


async def report(bridge: Bridge) -> dict[str, Any]:
    data = await bridge.db.run(snapshot)
    now = bridge.clock()
    oldest = data.pop("oldestPendingReceived")
    relay = bridge.relay_status
    try:
        free = bridge.db.check_free_space()
        disk_ok = True
    except StorageFull:
        free, disk_ok = -1, False
    configured = {d.serial: d.vendor for d in bridge.config.devices}
    for device in data["devices"]:
        device["configured"] = device["serial"] in configured
    for serial in sorted(set(configured) - {d["serial"] for d in data["devices"]}):
        data["devices"].append({"serial": serial, "vendor": configured[serial], "lastSeen": None,
                                "syncedThrough": None, "options": {}, "configured": True})
    status = "paused" if relay.paused else "disk_full" if not disk_ok else \
        "degraded" if data["outbox"]["parked"] or relay.consecutive_failures else "ok"
    return {
        "status": status, "bridgeId": bridge.config.bridge_id, "now": iso(now),
        "uptimeSeconds": round(now - bridge.started_at, 1), **data,
        "oldestPendingAgeSeconds": None if oldest is None else round(now - oldest, 1),
        "parked": data["outbox"]["parked"],
        "relay": {"lastSuccessAt": iso(relay.last_success_at), "lastError": relay.last_error,
                  "lastErrorAt": iso(relay.last_error_at), "paused": relay.paused,
                  "consecutiveFailures": relay.consecutive_failures, "nextAttemptAt": iso(relay.next_attempt_at)},
        "diskFreeBytes": free,
    }


async def handle(bridge: Bridge) -> Response:
    body = await report(bridge)
    status = 503 if body["status"] in ("paused", "disk_full") else 200
    return Response(status, json.dumps(body, indent=1).encode("utf-8"), content_type="application/json")
