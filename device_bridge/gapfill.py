"""Nightly gap filling for ZKTeco ADMS terminals: once a day, after `gap_fill_daily_at` on the
terminal's own clock, queue one DATA QUERY ATTLOG for the previous day. The terminal re-uploads
that day; stable event ids make it free, and anything lost on the way is filled in."""
from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from device_bridge import registry
from device_bridge.app import Bridge
from device_bridge.commands import DeviceCommand
from device_bridge.config import DeviceConfig

log = logging.getLogger("device_bridge.gapfill")
CHECK_EVERY_SECONDS = 60.0


def due(devices: Iterable[DeviceConfig], now: datetime, daily_at: time) -> list[tuple[str, DeviceCommand]]:
    """For each ADMS terminal whose local clock has passed `daily_at` today: yesterday's re-upload."""
    found = []
    for device in devices:
        if device.vendor != "zkteco" or device.protocol != "push":
            continue
        local = now.astimezone(device.time_zone)
        if local.time() < daily_at:
            continue
        day = datetime.combine(local.date() - timedelta(days=1), time(0, 0, 0))
        end = day + timedelta(hours=23, minutes=59, seconds=59)
        found.append((device.serial, DeviceCommand.query_attlog(day, end)))
    return found


def queue_once(conn: sqlite3.Connection, items: list[tuple[str, DeviceCommand]], now: float) -> int:
    """Queue each command unless the same command for the same terminal exists already."""
    queued = 0
    for serial, command in items:
        exists = conn.execute("SELECT 1 FROM commands WHERE device_sn = ? AND command = ?",
                              (serial, command.text)).fetchone()
        if exists is None:
            registry.queue_command(conn, serial, command, now)
            queued += 1
    return queued


async def step(bridge: Bridge, daily_at: time) -> int:
    items = due(bridge.config.devices, bridge.now(), daily_at)
    queued = await bridge.db.run(queue_once, items, bridge.clock()) if items else 0
    if queued:
        log.info("queued %d nightly gap-fill request(s) (DATA QUERY ATTLOG for the previous day)", queued)
    return queued


async def run(bridge: Bridge, daily_at: time, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await step(bridge, daily_at)
        except Exception:  # task edge: gap filling is best effort and must not end the bridge
            log.exception("gap fill step failed")
        try:
            await asyncio.wait_for(stop.wait(), CHECK_EVERY_SECONDS)
        except TimeoutError:
            pass
