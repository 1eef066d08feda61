"""The bridge's SQLite file: schema, pragmas (WAL, synchronous=FULL) and the single writer thread
every statement runs on, so the event loop never blocks on fsync and there is exactly one writer."""
from __future__ import annotations

import asyncio
import functools
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    device_sn TEXT NOT NULL,
    occurred_at_utc TEXT NOT NULL,
    status_code TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'retry', 'delivered', 'parked')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    lease_until REAL,
    last_code TEXT,
    received_at REAL NOT NULL,
    delivered_at REAL
);
CREATE INDEX IF NOT EXISTS events_by_state ON events (state, seq);
CREATE INDEX IF NOT EXISTS events_by_device ON events (device_sn, state, occurred_at_utc);
CREATE TABLE IF NOT EXISTS devices (
    serial TEXT PRIMARY KEY,
    vendor TEXT NOT NULL,
    last_seen REAL,
    stamps TEXT NOT NULL DEFAULT '{}',
    options TEXT NOT NULL DEFAULT '{}',
    last_serial_no INTEGER
);
CREATE TABLE IF NOT EXISTS unknown_devices (
    serial TEXT PRIMARY KEY,
    remote TEXT NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS commands (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_sn TEXT NOT NULL,
    command TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'done', 'refused')),
    created_at REAL NOT NULL,
    sent_at REAL,
    done_at REAL,
    return_code TEXT
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_sn TEXT NOT NULL,
    line TEXT NOT NULL,
    reason TEXT NOT NULL,
    received_at REAL NOT NULL,
    UNIQUE (device_sn, line)
);
CREATE TABLE IF NOT EXISTS oplog (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_sn TEXT NOT NULL,
    line TEXT NOT NULL,
    received_at REAL NOT NULL,
    UNIQUE (device_sn, line)
);
"""


class StorageFull(Exception):
    """Free disk below the configured floor, or SQLite reported the disk full: answer 503."""


def connect(path: Path) -> sqlite3.Connection:
    """Autocommit connection (transactions are explicit, see `transaction`) with durable pragmas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.executescript(SCHEMA)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; the COMMIT has returned (and, with synchronous=FULL, reached the
    disk) before the block's caller can acknowledge anything."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Database:
    """One connection, one thread. `await db.run(fn, *args)` calls `fn(conn, *args)` on that thread."""

    def __init__(self, path: Path, *, min_free_bytes: int = 0) -> None:
        self.path = path
        self.min_free_bytes = min_free_bytes
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bridge-db")
        self._conn: sqlite3.Connection | None = None

    async def open(self) -> None:
        self._conn = await asyncio.get_running_loop().run_in_executor(self._executor, connect, self.path)

    async def run(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        call = functools.partial(self._call, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def _call(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        if self._conn is None:
            raise RuntimeError("database is not open")
        try:
            return fn(self._conn, *args, **kwargs)
        except sqlite3.OperationalError as err:
            if "full" in str(err).lower():
                raise StorageFull(str(err)) from err
            raise

    def check_free_space(self) -> int:
        """Raise StorageFull when the data directory's disk is below the floor; return free bytes."""
        free = shutil.disk_usage(self.path.parent).free
        if free < self.min_free_bytes:
            raise StorageFull(f"only {free} bytes free, below the configured {self.min_free_bytes}")
        return free

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            await asyncio.get_running_loop().run_in_executor(self._executor, conn.close)
        self._executor.shutdown(wait=True)
