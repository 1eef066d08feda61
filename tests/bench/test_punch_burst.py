"""A shift-change burst: 5,000 punches from 10 simulated ZKTeco terminals pushed at once through a real
`seen-bridge` process into a real `seen serve` on PostgreSQL. Prints end-to-end events per second and the
time to drain (from the last terminal acknowledgement to the last punch stored), compared in the same run
with inserting the same rows by PostgreSQL COPY into a copy of the punch table (the floor). Asserts zero
loss and zero duplicates, never time. Run with `pytest tests/bench/test_punch_burst.py -m bench -s`."""
from __future__ import annotations

import asyncio
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BACKENDS
from tests.device_bridge.support import exchange, request, spawn_bridge, wait_for_port
from tests.e2e.bridge_stack import Backend, bridge_config, bridge_health, database_url, register_terminals, sql

pytestmark = pytest.mark.bench
TERMINALS, PER_TERMINAL, CHUNK = 10, 500, 50  # a terminal uploads its ATTLOG backlog 50 lines a request
BURST_ROWS = "SELECT {what} FROM attendance_clock_punch WHERE device_sn LIKE 'ZKB%'"  # not the demo's history


def _lines(pins: list[str], day: str) -> list[str]:
    # 500 punches per terminal inside ten minutes of a shift change, distinct (PIN, second) per terminal
    return [f"{pins[i % len(pins)]}\t{day} 07:{50 + i // 60 % 10:02d}:{i % 60:02d}\t0\t1\n" for i in range(PER_TERMINAL)]


class Burst(threading.Thread):
    def __init__(self, port: int, serial: str, lines: list[str]) -> None:
        super().__init__(daemon=True)
        self.port, self.serial, self.lines, self.done_at = port, serial, lines, 0.0

    def run(self) -> None:
        for start in range(0, len(self.lines), CHUNK):
            body = "".join(self.lines[start:start + CHUNK]).encode()
            while True:
                answer = exchange(self.port, request("POST", f"/iclock/cdata?SN={self.serial}&table=ATTLOG", body))
                if answer.text.startswith("OK:"):
                    break
                time.sleep(0.05)
        self.done_at = time.perf_counter()


def _copy_floor(db_url: str, rows: list[tuple[Any, ...]]) -> float:
    """COPY the same rows into a fresh table shaped like the punch table (same indexes and constraints)."""
    import asyncpg

    async def run() -> float:
        connection = await asyncpg.connect(db_url)
        try:
            await connection.execute("DROP TABLE IF EXISTS punch_copy_floor")
            await connection.execute("CREATE TABLE punch_copy_floor (LIKE attendance_clock_punch INCLUDING ALL)")
            columns = ["id", "tenant_id", "event_id", "device_id", "employee_id", "vendor", "protocol", "device_sn",
                       "employee_pin", "occurred_at", "occurred_local", "tz", "tz_source", "direction",
                       "verify_mode", "work_code", "received_at", "flags", "raw_text", "ingested_at"]
            started = time.perf_counter()
            await connection.copy_records_to_table("punch_copy_floor", records=rows, columns=columns)
            elapsed = time.perf_counter() - started
            await connection.execute("DROP TABLE punch_copy_floor")
            return elapsed
        finally:
            await connection.close()

    return asyncio.run(run())


def test_shift_change_burst(tmp_path: Path) -> None:
    if "postgres" not in BACKENDS:
        pytest.skip("the burst runs on PostgreSQL")
    backend = Backend(workdir=tmp_path, db_url=database_url("punch_burst"))
    backend.prepare()
    backend.start()
    try:
        backend.sign_in()
        serials = [f"ZKB{n:03d}" for n in range(TERMINALS)]
        terminals = register_terminals(backend, serials, people=None)  # every plant worker
        config = bridge_config(tmp_path, backend, terminals)
        port = int(config.read_text().split("listen: 127.0.0.1:")[1].split()[0])
        bridge = spawn_bridge(config, tmp_path / "bridge.log")
        try:
            wait_for_port(config, bridge)
            day = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
            pins = sorted(terminals.pins)
            bursts = [Burst(port, serial, _lines(pins, day)) for serial in serials]
            started = time.perf_counter()
            for burst in bursts:
                burst.start()
            for burst in bursts:
                burst.join(timeout=120)
            acknowledged = max(b.done_at for b in bursts)
            total = TERMINALS * PER_TERMINAL
            deadline = time.monotonic() + 120
            count = 0
            while time.monotonic() < deadline:
                count = sql(backend.db_url, BURST_ROWS.format(what="COUNT(*)"))[0][0]
                if count >= total:
                    break
                time.sleep(0.05)
            stored = time.perf_counter()
            health = bridge_health(port)
        finally:
            bridge.kill()
            bridge.wait(timeout=10)
        distinct = sql(backend.db_url, BURST_ROWS.format(what="COUNT(DISTINCT event_id), COUNT(*)"))[0]
        assert distinct == (total, total), "zero loss, zero duplicates"
        assert health["outbox"]["parked"] == 0
        rows = sql(backend.db_url, BURST_ROWS.format(what="*"))
        floor_rows = [(uuid.uuid4(), *r[1:]) for r in _with_columns(backend.db_url, rows)]
        floor = _copy_floor(backend.db_url, floor_rows)
    finally:
        backend.stop()
    elapsed, drain = stored - started, stored - acknowledged
    print(f"\npunch burst: {total} punches from {TERMINALS} terminals through the bridge into PostgreSQL")
    print(f"  terminals acknowledged after {acknowledged - started:.2f} s; all stored after {elapsed:.2f} s "
          f"({total / elapsed:,.0f} events/s); drain after the last ack {drain:.2f} s")
    print(f"  floor: COPY of the same {total} rows {floor:.3f} s ({total / floor:,.0f} rows/s); "
          f"end to end / floor = {elapsed / floor:.1f}x; target: whole burst < 10 s -> "
          f"{'met' if elapsed < 10 else 'NOT met'}")


def _with_columns(db_url: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows in the column order the floor copies (SELECT * order may differ from the model's)."""
    names = [r[0] for r in sql(db_url, "SELECT column_name FROM information_schema.columns WHERE table_name = "
                                       "'attendance_clock_punch' ORDER BY ordinal_position")]
    wanted = ["id", "tenant_id", "event_id", "device_id", "employee_id", "vendor", "protocol", "device_sn",
              "employee_pin", "occurred_at", "occurred_local", "tz", "tz_source", "direction", "verify_mode",
              "work_code", "received_at", "flags", "raw_text", "ingested_at"]
    positions = [names.index(column) for column in wanted]
    return [tuple(row[p] for p in positions) for row in rows]
