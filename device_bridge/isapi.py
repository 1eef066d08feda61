"""Hikvision ISAPI event push endpoint (`POST /isapi/events[/<serial>]` or `?SN=`; otherwise the
terminal is found by its MAC address). Punches are committed before the 200; heartbeats and
non-punch events are acknowledged and not stored; pictures are never read."""
from __future__ import annotations

import json
import logging

from device_bridge import hikvision, outbox, registry
from device_bridge.app import Bridge
from device_bridge.db import StorageFull
from device_bridge.events import Protocol
from device_bridge.httpserver import Request, Response
from device_bridge.zkteco import PunchContext

log = logging.getLogger("device_bridge.isapi")
ACK = json.dumps({"statusCode": 1, "statusString": "OK", "subStatusCode": "ok"}).encode()


def _ack() -> Response:
    return Response(200, ACK, content_type="application/json")


def serial_for(bridge: Bridge, request: Request, note: hikvision.Notification) -> str:
    if request.query.get("sn"):
        return request.query["sn"].strip()
    parts = [p for p in request.path.split("/") if p]
    if len(parts) >= 3 and parts[1] == "events":
        return request.path.rsplit("/", 1)[1].strip()  # already lower-cased by the server
    by_mac = next((d.serial for d in bridge.config.devices if note.mac and d.mac == note.mac), None)
    return by_mac or ""


async def handle(bridge: Bridge, request: Request) -> Response:
    if request.method != "POST":
        return Response.text(405, "METHOD NOT ALLOWED")
    try:
        note = hikvision.parse_body(request.body, request.header("content-type"))
    except hikvision.NotAnEvent as err:
        # Acknowledged so the terminal does not re-send a body nobody can read; counted for health.
        log.warning("unreadable ISAPI push from %s: %s", request.remote, err)
        await bridge.db.run(registry.count, {"isapi_unreadable": 1})
        return _ack()
    serial = _known_spelling(bridge, serial_for(bridge, request, note))
    if not serial:
        log.warning("ISAPI push from %s names no known terminal (mac %s): use /isapi/events/<serial>",
                    request.remote, note.mac)
        return Response.text(403, "UNKNOWN DEVICE")
    ctx = bridge.punch_context(serial, "hikvision", Protocol.ISAPI)
    if ctx is None:
        return await bridge.refuse_unknown(serial, request.remote, "hikvision")
    try:
        return await _event(bridge, serial, note, ctx)
    except StorageFull as err:
        log.error("storage full, refusing event from %s: %s", serial, err)
        return Response.text(503, "STORAGE FULL")


async def _event(bridge: Bridge, serial: str, note: hikvision.Notification, ctx: PunchContext) -> Response:
    now = bridge.clock()
    await bridge.db.run(registry.touch, serial, "hikvision", now)
    if not note.is_access_event:
        return _ack()  # heartbeats and other event types: nothing to store
    if note.serial_no is not None:
        gap = await bridge.db.run(registry.serial_gap, serial, note.serial_no)
        if gap:
            log.warning("%s: serialNo jumped to %d, %d event(s) lost on the terminal side", serial,
                        note.serial_no, gap)
    try:
        event = hikvision.punch(note, ctx)
    except hikvision.NotAnEvent as err:
        log.warning("%s: unusable authentication event: %s", serial, err)
        await bridge.db.run(registry.count, {"isapi_unreadable": 1})
        return _ack()
    if event is None:
        await bridge.db.run(registry.count, {"non_punch_events": 1})
        return _ack()
    bridge.db.check_free_space()
    stored = await bridge.db.run(outbox.store, [event], now)
    for pin, local, kept, dropped in stored.conflicts:
        log.warning("%s: conflicting punch for PIN %s at %s: kept %s, ignored %s", serial, pin, local, kept, dropped)
    if stored.inserted:
        bridge.wake()
    return _ack()


def _known_spelling(bridge: Bridge, serial: str) -> str:
    """Paths are lower-cased by the server; give back the configured spelling of the serial."""
    return next((d.serial for d in bridge.config.devices if d.serial.lower() == serial.lower()), serial)
