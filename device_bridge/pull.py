"""ZKTeco pull (TCP 4370) through pyzk (the optional `bridge-pull` extra), one thread per terminal.
pyzk blocks, re-reads the whole log every time and returns naive device-local times; stable event
ids make the re-reads free. Only connect, get_attendance and disconnect are ever called: nothing
that clears, disables or writes to the terminal."""
from __future__ import annotations

import asyncio
import logging
import threading
from datetime import datetime
from typing import Any

from device_bridge import outbox, registry
from device_bridge.app import Bridge
from device_bridge.config import DeviceConfig
from device_bridge.events import ClockEvent, Protocol
from device_bridge.timezones import LOCAL_FORMAT
from device_bridge.zkteco import PunchContext, build

log = logging.getLogger("device_bridge.pull")


def to_events(records: list[Any], ctx: PunchContext) -> list[ClockEvent]:
    """pyzk's names are confusing: `punch` is the in/out state (the ADMS Status) and `status` is
    the verify method."""
    events = []
    for record in records:
        pin = str(record.user_id).strip()
        when = record.timestamp
        if not pin or not isinstance(when, datetime):
            continue
        status, verify = str(record.punch), str(record.status)
        raw = f"{pin}\t{when:{LOCAL_FORMAT}}\t{status}\t{verify}"
        events.append(build(ctx, pin=pin, local=when.replace(microsecond=0), status=status, verify=verify,
                            work_code="", raw=raw))
    return events


class Poller:
    def __init__(self, device: DeviceConfig, bridge: Bridge, loop: asyncio.AbstractEventLoop) -> None:
        self.device = device
        self.bridge = bridge
        self.loop = loop
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"pull-{device.serial}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception as err:  # thread edge: a terminal being offline must not end polling
                log.warning("pull from %s (%s) failed: %s: %s", self.device.serial, self.device.address,
                            type(err).__name__, err)
            self._stop.wait(self.device.poll_interval_seconds)

    def _call(self, fn: Any, *args: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(self.bridge.db.run(fn, *args), self.loop).result(timeout=120)

    def poll_once(self) -> int:
        """Read the terminal's whole attendance log and store it; returns how many were new."""
        from zk import ZK

        assert self.device.address is not None
        host, port = self.device.address
        terminal = ZK(host, port=port, timeout=10, password=self.device.comm_key, ommit_ping=True)
        connection = terminal.connect()
        try:
            records = connection.get_attendance()
        finally:
            connection.disconnect()
        ctx = self.bridge.punch_context(self.device.serial, "zkteco", Protocol.PULL)
        assert ctx is not None
        events = to_events(records, ctx)
        self.bridge.db.check_free_space()
        now = self.bridge.clock()
        stored: outbox.Stored = self._call(outbox.store, events, now)
        self._call(registry.touch, self.device.serial, "zkteco", now)
        if stored.inserted:
            self.loop.call_soon_threadsafe(self.bridge.wake)
            log.info("pulled %d record(s) from %s: %d new", len(events), self.device.serial, stored.inserted)
        return stored.inserted
