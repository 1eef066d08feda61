"""Everything the bridge keeps about terminals besides punches: last seen, upload stamps, feature
flags, unknown serials knocking, the command queue (allow-listed types only, re-checked when
sent), counters, quarantined ATTLOG lines and OPLOG audit lines. Runs on the database thread."""
from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable

from device_bridge.commands import DeviceCommand, ForbiddenCommand
from device_bridge.db import transaction
from device_bridge.outbox import bump

log = logging.getLogger("device_bridge.registry")


def touch(conn: sqlite3.Connection, serial: str, vendor: str, now: float, *,
          stamp: tuple[str, str] | None = None, options: dict[str, str] | None = None) -> None:
    """Record that the terminal spoke; optionally its latest upload stamp for a table or options."""
    with transaction(conn):
        conn.execute("INSERT INTO devices (serial, vendor, last_seen) VALUES (?, ?, ?)"
                     " ON CONFLICT (serial) DO UPDATE SET last_seen = excluded.last_seen", (serial, vendor, now))
        if stamp is not None:
            stamps = json.loads(conn.execute("SELECT stamps FROM devices WHERE serial = ?", (serial,)).fetchone()[0])
            stamps[stamp[0]] = stamp[1]
            conn.execute("UPDATE devices SET stamps = ? WHERE serial = ?", (json.dumps(stamps), serial))
        if options:
            current = json.loads(conn.execute("SELECT options FROM devices WHERE serial = ?", (serial,)).fetchone()[0])
            current.update(options)
            conn.execute("UPDATE devices SET options = ? WHERE serial = ?", (json.dumps(current), serial))


def stamps(conn: sqlite3.Connection, serial: str) -> dict[str, str]:
    row = conn.execute("SELECT stamps FROM devices WHERE serial = ?", (serial,)).fetchone()
    return dict(json.loads(row[0])) if row else {}


def serial_gap(conn: sqlite3.Connection, serial: str, serial_no: int) -> int:
    """Track Hikvision's per-device serialNo; return how many numbers were skipped (lost events)."""
    with transaction(conn):
        row = conn.execute("SELECT last_serial_no FROM devices WHERE serial = ?", (serial,)).fetchone()
        last = row[0] if row else None
        gap = serial_no - last - 1 if last is not None and serial_no > last + 1 else 0
        if last is None or serial_no > last:
            conn.execute("UPDATE devices SET last_serial_no = ? WHERE serial = ?", (serial_no, serial))
        if gap:
            bump(conn, "serial_gaps", gap)
        return gap


def unknown(conn: sqlite3.Connection, serial: str, remote: str, now: float) -> bool:
    """Note a refused serial; True the first time it is seen (log once, not every poll)."""
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO unknown_devices (serial, remote, first_seen, last_seen, requests) VALUES (?, ?, ?, ?, 1)"
            " ON CONFLICT (serial) DO NOTHING", (serial[:64], remote, now, now))
        if cursor.rowcount == 0:
            conn.execute("UPDATE unknown_devices SET last_seen = ?, remote = ?, requests = requests + 1"
                         " WHERE serial = ?", (now, remote, serial[:64]))
        return cursor.rowcount == 1


def count(conn: sqlite3.Connection, changes: dict[str, int]) -> None:
    with transaction(conn):
        for name, by in changes.items():
            if by:
                bump(conn, name, by)


def quarantine(conn: sqlite3.Connection, serial: str, lines: Iterable[tuple[str, str]], now: float) -> int:
    """Malformed ATTLOG lines, kept for a human (a replay of the same line is stored once)."""
    added = 0
    with transaction(conn):
        for line, reason in lines:
            added += conn.execute("INSERT INTO quarantine (device_sn, line, reason, received_at) VALUES (?, ?, ?, ?)"
                                  " ON CONFLICT (device_sn, line) DO NOTHING", (serial, line, reason, now)).rowcount
        bump(conn, "quarantined", added)
    return added


def keep_oplog(conn: sqlite3.Connection, serial: str, lines: Iterable[str], now: float) -> None:
    with transaction(conn):
        conn.executemany("INSERT INTO oplog (device_sn, line, received_at) VALUES (?, ?, ?)"
                         " ON CONFLICT (device_sn, line) DO NOTHING", [(serial, line, now) for line in lines])


def queue_command(conn: sqlite3.Connection, serial: str, command: DeviceCommand, now: float) -> int:
    """The only way in: a DeviceCommand, which cannot hold anything off the allow-list."""
    if not isinstance(command, DeviceCommand):
        raise ForbiddenCommand("only DeviceCommand values can be queued")
    with transaction(conn):
        cursor = conn.execute("INSERT INTO commands (device_sn, command, created_at) VALUES (?, ?, ?)",
                              (serial, command.text, now))
        return int(cursor.lastrowid or 0)


def take_commands(conn: sqlite3.Connection, serial: str, now: float, limit: int = 10) -> list[str]:
    """Queued commands as `C:<id>:<cmd>` lines, marked sent. Each row is re-validated, so a row
    written into the file by anything else is refused rather than sent."""
    lines: list[str] = []
    with transaction(conn):
        rows = conn.execute("SELECT id, command FROM commands WHERE device_sn = ? AND state = 'queued'"
                            " ORDER BY id LIMIT ?", (serial, limit)).fetchall()
        for command_id, text in rows:
            try:
                lines.append(DeviceCommand(text).wire(command_id))
                conn.execute("UPDATE commands SET state = 'sent', sent_at = ? WHERE id = ?", (now, command_id))
            except ForbiddenCommand:
                log.error("refused to send command %d to %s: not on the allow-list", command_id, serial)
                conn.execute("UPDATE commands SET state = 'refused' WHERE id = ?", (command_id,))
    return lines


def command_results(conn: sqlite3.Connection, serial: str, results: Iterable[tuple[int, str, str]],
                    now: float) -> None:
    with transaction(conn):
        conn.executemany("UPDATE commands SET state = 'done', done_at = ?, return_code = ? WHERE id = ?"
                         " AND device_sn = ?", [(now, code, cid, serial) for cid, code, _ in results])


def devices(conn: sqlite3.Connection) -> list[tuple[str, str, float | None, str]]:
    """(serial, vendor, last_seen, options JSON) for every terminal that has spoken."""
    return [(r[0], r[1], r[2], r[3]) for r in
            conn.execute("SELECT serial, vendor, last_seen, options FROM devices ORDER BY serial")]


def counters(conn: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT name, value FROM counters ORDER BY name")}


def unknown_devices(conn: sqlite3.Connection) -> list[dict[str, object]]:
    return [{"serial": r[0], "remote": r[1], "lastSeen": r[2], "requests": r[3]} for r in
            conn.execute("SELECT serial, remote, last_seen, requests FROM unknown_devices ORDER BY last_seen DESC"
                         " LIMIT 50")]


def queued_commands(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM commands WHERE state IN ('queued', 'sent')").fetchone()[0])
