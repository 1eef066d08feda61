"""The punch outbox. States: pending -> sending (leased; an expired lease is claimable again after a
crash) -> delivered | retry (with a next attempt time) | parked (permanently rejected, re-driven by
hand). Functions take the connection and run on the database thread (device_bridge.db)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from device_bridge.db import transaction
from device_bridge.events import ClockEvent

UNDELIVERED = ("pending", "sending", "retry", "parked")


@dataclass(frozen=True, slots=True)
class Stored:
    inserted: int
    already_present: int
    conflicts: list[tuple[str, str, str, str]]  # (pin, occurred_local, kept status, dropped status)


@dataclass(frozen=True, slots=True)
class Claimed:
    seq: int
    event_id: str
    device_sn: str
    payload: dict[str, object]
    attempts: int


def utc_key(occurred_at: str) -> str:
    """A lexicographically sortable UTC form of an RFC 3339 instant."""
    return datetime.fromisoformat(occurred_at).astimezone(UTC).isoformat()


def store(conn: sqlite3.Connection, events: Sequence[ClockEvent], now: float) -> Stored:
    """Insert idempotently in one transaction. A re-send of a punch (same id) is a no-op; one with a
    different status for the same person, device and second is a conflict: the first is kept."""
    inserted = 0
    conflicts: list[tuple[str, str, str, str]] = []
    with transaction(conn):
        for event in events:
            cursor = conn.execute(
                "INSERT INTO events (event_id, device_sn, occurred_at_utc, status_code, payload, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                (event.event_id, event.device_sn, utc_key(event.occurred_at), event.status_code,
                 json.dumps(event.as_input(), ensure_ascii=False), now))
            if cursor.rowcount == 1:
                inserted += 1
                continue
            row = conn.execute("SELECT status_code FROM events WHERE event_id = ?", (event.event_id,)).fetchone()
            if row is not None and row[0] != event.status_code:
                conflicts.append((event.employee_pin, event.occurred_local, row[0], event.status_code))
        if conflicts:
            bump(conn, "conflicts", len(conflicts))
    return Stored(inserted, len(events) - inserted, conflicts)


def bump(conn: sqlite3.Connection, name: str, by: int = 1) -> None:
    """Add to a named counter (caller owns the transaction)."""
    conn.execute("INSERT INTO counters (name, value) VALUES (?, ?)"
                 " ON CONFLICT (name) DO UPDATE SET value = value + excluded.value", (name, by))


def claim(conn: sqlite3.Connection, now: float, limit: int, lease_seconds: float) -> list[Claimed]:
    """The next events in outbox order that are due, leased to the caller."""
    with transaction(conn):
        rows = conn.execute(
            "SELECT seq, event_id, device_sn, payload, attempts FROM events"
            " WHERE state = 'pending' OR (state = 'retry' AND next_attempt_at <= ?)"
            " OR (state = 'sending' AND lease_until < ?) ORDER BY seq LIMIT ?", (now, now, limit)).fetchall()
        conn.executemany("UPDATE events SET state = 'sending', lease_until = ? WHERE seq = ?",
                         [(now + lease_seconds, r[0]) for r in rows])
    return [Claimed(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]


def release(conn: sqlite3.Connection, seqs: Iterable[int]) -> None:
    """Give leased events back untouched (the whole request failed; the relay backs off)."""
    with transaction(conn):
        conn.executemany("UPDATE events SET state = 'pending', lease_until = NULL WHERE seq = ? AND state = 'sending'",
                         [(s,) for s in seqs])


def delivered(conn: sqlite3.Connection, seqs: Iterable[int], now: float) -> None:
    with transaction(conn):
        conn.executemany("UPDATE events SET state = 'delivered', lease_until = NULL, delivered_at = ?,"
                         " attempts = attempts + 1 WHERE seq = ?", [(now, s) for s in seqs])


def retry_later(conn: sqlite3.Connection, items: Iterable[tuple[int, str, float]]) -> None:
    """(seq, code, next attempt time) for per-event retryable rejections."""
    with transaction(conn):
        conn.executemany("UPDATE events SET state = 'retry', lease_until = NULL, last_code = ?,"
                         " next_attempt_at = ?, attempts = attempts + 1 WHERE seq = ?",
                         [(code, when, seq) for seq, code, when in items])


def park(conn: sqlite3.Connection, items: Iterable[tuple[int, str]]) -> None:
    """(seq, code): permanently refused; kept until re-driven."""
    with transaction(conn):
        conn.executemany("UPDATE events SET state = 'parked', lease_until = NULL, last_code = ?,"
                         " attempts = attempts + 1 WHERE seq = ?", [(code, seq) for seq, code in items])


def redrive(conn: sqlite3.Connection, event_id: str | None = None) -> int:
    """Parked events (all, or one by id) back to pending; returns how many."""
    with transaction(conn):
        sql = "UPDATE events SET state = 'pending', next_attempt_at = 0, last_code = NULL WHERE state = 'parked'"
        cursor = conn.execute(sql + " AND event_id = ?", (event_id,)) if event_id else conn.execute(sql)
        return cursor.rowcount


def reset_leases(conn: sqlite3.Connection) -> int:
    """At start-up no request can be in flight: every 'sending' row goes back to pending."""
    with transaction(conn):
        return conn.execute("UPDATE events SET state = 'pending', lease_until = NULL WHERE state = 'sending'").rowcount


def next_due(conn: sqlite3.Connection) -> float | None:
    """When the earliest waiting retry becomes due (None when nothing waits)."""
    row = conn.execute("SELECT MIN(next_attempt_at) FROM events WHERE state = 'retry'").fetchone()
    return float(row[0]) if row and row[0] is not None else None


def synced_through(conn: sqlite3.Connection, device_sn: str) -> str | None:
    """The newest occurred_at such that every event of the device received so far up to it is delivered."""
    row = conn.execute(
        "SELECT MAX(occurred_at_utc) FROM events WHERE device_sn = ? AND state = 'delivered'"
        " AND occurred_at_utc < COALESCE((SELECT MIN(occurred_at_utc) FROM events"
        " WHERE device_sn = ? AND state != 'delivered'), '9999')", (device_sn, device_sn)).fetchone()
    return row[0] if row and row[0] else None


def parked(conn: sqlite3.Connection, limit: int = 1000) -> list[dict[str, object]]:
    rows = conn.execute("SELECT event_id, device_sn, occurred_at_utc, last_code, attempts, payload FROM events"
                        " WHERE state = 'parked' ORDER BY seq LIMIT ?", (limit,)).fetchall()
    return [{"eventId": r[0], "deviceSn": r[1], "occurredAt": r[2], "code": r[3], "attempts": r[4],
             "employeePin": json.loads(r[5]).get("employeePin")} for r in rows]


def depth(conn: sqlite3.Connection) -> dict[str, int]:
    counts = {state: 0 for state in ("pending", "sending", "retry", "delivered", "parked")}
    counts.update({r[0]: r[1] for r in conn.execute("SELECT state, COUNT(*) FROM events GROUP BY state")})
    return counts


def oldest_pending_received(conn: sqlite3.Connection) -> float | None:
    row = conn.execute("SELECT MIN(received_at) FROM events WHERE state IN ('pending', 'sending', 'retry')").fetchone()
    return float(row[0]) if row and row[0] is not None else None


def prune_delivered(conn: sqlite3.Connection, older_than: float) -> int:
    """Forget long-delivered events, except each device's newest delivered one (synced-through)."""
    with transaction(conn):
        return conn.execute(
            "DELETE FROM events WHERE state = 'delivered' AND delivered_at < ? AND seq NOT IN"
            # SQLite returns the bare `seq` of the row holding the MAX: the newest delivered punch.
            " (SELECT seq FROM (SELECT seq, MAX(occurred_at_utc) FROM events WHERE state = 'delivered'"
            " GROUP BY device_sn))", (older_than,)).rowcount
