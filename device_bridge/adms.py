"""ZKTeco ADMS endpoints (/iclock/...). A terminal is told `OK:<n>` only after its records are
committed, 503 when they could not be; biometric uploads are acknowledged and discarded unread;
logs name counts and serials, never line contents."""
from __future__ import annotations

import logging

from device_bridge import outbox, registry, zkteco
from device_bridge.app import Bridge
from device_bridge.db import StorageFull
from device_bridge.httpserver import Request, Response

log = logging.getLogger("device_bridge.adms")
OUT_OF_SCOPE = {"/iclock/exchange", "/iclock/registry", "/iclock/rtlog", "/iclock/push", "/iclock/querydata"}
DISCARDED_TABLES = {"ATTPHOTO", "BIODATA", "IDCARD", "FACE", "FINGERTMP", "USERPIC", "BIOPHOTO", "ERRORLOG"}


async def handle(bridge: Bridge, request: Request) -> Response:
    if request.path in OUT_OF_SCOPE:
        log.warning("%s is not supported (encrypted/access-control ADMS variant) from %s, SN %r",
                    request.path, request.remote, request.query.get("sn", "")[:64])
        return Response.text(404, "NOT SUPPORTED")
    serial = request.query.get("sn", "").strip()
    if not serial:
        return Response.text(400, "MISSING SN")
    ctx = bridge.punch_context(serial, "zkteco")
    if ctx is None:
        return await bridge.refuse_unknown(serial, request.remote, "zkteco")
    endpoint = request.path.removeprefix("/iclock/")
    try:
        if endpoint == "cdata" and request.method == "GET":
            return await _initialise(bridge, serial)
        if endpoint == "cdata" and request.method == "POST":
            return await _upload(bridge, request, serial)
        await bridge.db.run(registry.touch, serial, "zkteco", bridge.clock())
        if endpoint == "getrequest":
            return await _poll(bridge, request, serial)
        if endpoint == "devicecmd" and request.method == "POST":
            results = zkteco.parse_devicecmd(zkteco.decode(request.body))
            await bridge.db.run(registry.command_results, serial, results, bridge.clock())
            return Response.text(200, "OK")
        if endpoint in ("ping", "fdata"):
            return Response.text(200, "OK")  # fdata carries photos/templates: acknowledged, discarded
    except StorageFull as err:
        log.error("storage full, refusing data from %s: %s", serial, err)
        return Response.text(503, "STORAGE FULL")
    return Response.text(404, "NOT FOUND")


async def _initialise(bridge: Bridge, serial: str) -> Response:
    await bridge.db.run(registry.touch, serial, "zkteco", bridge.clock())
    stamps = await bridge.db.run(registry.stamps, serial)
    ctx = bridge.punch_context(serial, "zkteco")
    assert ctx is not None
    return Response.text(200, zkteco.init_answer(serial, ctx.zone, bridge.now(), stamps))


async def _poll(bridge: Bridge, request: Request, serial: str) -> Response:
    if "info" in request.query:
        await bridge.db.run(registry.touch, serial, "zkteco", bridge.clock(),
                            options={"INFO": request.query["info"][:256]})
    lines = await bridge.db.run(registry.take_commands, serial, bridge.clock())
    return Response.text(200, "\n".join(lines) + "\n" if lines else "OK")


async def _upload(bridge: Bridge, request: Request, serial: str) -> Response:
    table = request.query.get("table", "").strip().upper()
    stamp = request.query.get("stamp", "").strip()
    if table == "ATTLOG":
        return await _attlog(bridge, request, serial, stamp)
    if table == "OPERLOG":
        return await _operlog(bridge, request, serial, stamp)
    await bridge.db.run(registry.touch, serial, "zkteco", bridge.clock())
    if table == "OPTIONS":
        options = zkteco.parse_options(zkteco.decode(request.body))
        await bridge.db.run(registry.touch, serial, "zkteco", bridge.clock(), options=options)
        return Response.text(200, "OK")
    if table not in DISCARDED_TABLES:
        log.info("discarding unknown table %r from %s (%d bytes)", table[:32], serial, len(request.body))
    await bridge.db.run(registry.count, {"discarded_uploads": 1})
    return Response.text(200, "OK")


async def _attlog(bridge: Bridge, request: Request, serial: str, stamp: str) -> Response:
    bridge.db.check_free_space()
    ctx = bridge.punch_context(serial, "zkteco")
    assert ctx is not None
    parsed = zkteco.parse_attlog(zkteco.decode(request.body), ctx)
    now = bridge.clock()
    stored = await bridge.db.run(outbox.store, parsed.events, now)
    if parsed.quarantined:
        await bridge.db.run(registry.quarantine, serial, parsed.quarantined, now)
        log.warning("%s: %d malformed ATTLOG line(s) quarantined (%s)", serial, len(parsed.quarantined),
                    "; ".join(sorted({reason for _, reason in parsed.quarantined}))[:300])
    if parsed.dropped:
        await bridge.db.run(registry.count, {"dropped_lines": parsed.dropped})
        log.warning("%s: %d non-punch line(s) in ATTLOG dropped unread", serial, parsed.dropped)
    for pin, local, kept, dropped in stored.conflicts:
        log.warning("%s: conflicting punch for PIN %s at %s: kept status %s, ignored %s", serial, pin, local,
                    kept, dropped)
    await bridge.db.run(registry.touch, serial, "zkteco", now, stamp=("ATTLOG", stamp) if stamp else None)
    if stored.inserted:
        bridge.wake()
    log.info("%s: ATTLOG %d line(s): %d new, %d already stored", serial, parsed.lines, stored.inserted,
             stored.already_present)
    return Response.text(200, f"OK:{parsed.lines}")


async def _operlog(bridge: Bridge, request: Request, serial: str, stamp: str) -> Response:
    bridge.db.check_free_space()
    triage = zkteco.triage_operlog(zkteco.decode(request.body))
    now = bridge.clock()
    if triage.oplog:
        await bridge.db.run(registry.keep_oplog, serial, triage.oplog, now)
    await bridge.db.run(registry.count, {"oplog_lines": len(triage.oplog), "biometric_dropped": triage.biometric,
                                         "user_lines_dropped": triage.users, "other_lines_ignored": triage.other})
    await bridge.db.run(registry.touch, serial, "zkteco", now, stamp=("OPERLOG", stamp) if stamp else None)
    if triage.biometric:
        log.info("%s: %d biometric record(s) in OPERLOG dropped unread", serial, triage.biometric)
    return Response.text(200, f"OK:{triage.lines}")
