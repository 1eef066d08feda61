"""The whole time-clock path on real processes: a simulated ZKTeco terminal pushes a day of punches for the
plant to a real `seen-bridge`, which relays them to a real `seen serve` on PostgreSQL. The backend is killed
(SIGKILL) and restarted mid-stream, and the bridge is killed with SIGKILL once. Afterwards every punch is
stored exactly once, on the right person, and the day's attendance has been derived from them."""
from __future__ import annotations

import hashlib
import random
import threading
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import BACKENDS, service_unavailable
from tests.device_bridge.support import exchange, request, spawn_bridge, wait_for_port
from tests.e2e.bridge_stack import Backend, bridge_config, bridge_health, database_url, register_terminals, sql

PEOPLE, CHUNK, SERIAL = 25, 10, "ZK0E2E"


def _punch_lines(day: date, pins: list[str], seed: int = 7) -> list[tuple[str, str]]:
    """(PIN, local time) for a day shift: in between 07:40 and 08:25 (a few late), out between 16:50 and
    17:40, and one forgetful person who never punches out. Sorted by time as a terminal uploads them."""
    rng = random.Random(seed)
    punches = []
    for index, pin in enumerate(pins):
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=7, minutes=40)
        punches.append((pin, (start + timedelta(seconds=rng.randrange(0, 45 * 60))).strftime("%Y-%m-%d %H:%M:%S")))
        if index != 0:
            out = datetime.combine(day, datetime.min.time()) + timedelta(hours=16, minutes=50)
            punches.append((pin, (out + timedelta(seconds=rng.randrange(0, 50 * 60))).strftime("%Y-%m-%d %H:%M:%S")))
    return sorted(punches, key=lambda p: p[1])


def _event_id(pin: str, local: str) -> str:
    # straight from DEVICES.md (v1 id), not through device_bridge.events
    return hashlib.sha256(f"v1|zkteco|{SERIAL}|{pin}|{local}".encode()).hexdigest()


class Terminal(threading.Thread):
    """Pushes ATTLOG chunks and re-sends a chunk until the bridge answers OK, as a real terminal does."""

    def __init__(self, port: int, lines: list[tuple[str, str]]) -> None:
        super().__init__(daemon=True)
        self.port, self.lines, self.sent, self.resends = port, lines, 0, 0

    def run(self) -> None:
        for start in range(0, len(self.lines), CHUNK):
            chunk = self.lines[start:start + CHUNK]
            body = "".join(f"{pin}\t{local}\t255\t1\n" for pin, local in chunk).encode()
            while True:
                try:
                    answer = exchange(self.port, request("POST", f"/iclock/cdata?SN={SERIAL}&table=ATTLOG", body),
                                      timeout=3)
                    if answer.text == f"OK:{len(chunk)}":
                        break
                except (OSError, ValueError, IndexError):
                    pass
                self.resends += 1
                time.sleep(0.05)
            self.sent += len(chunk)
            time.sleep(0.03)


def _wait(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def backend(tmp_path: Path):  # type: ignore[no-untyped-def]
    if "postgres" not in BACKENDS:
        pytest.skip("the end-to-end bridge test runs on PostgreSQL")
    stack = Backend(workdir=tmp_path, db_url=database_url("bridge_e2e"))
    try:
        stack.prepare()
    except OSError as err:
        service_unavailable("PostgreSQL", f"{stack.db_url} ({err})")
    stack.start()
    stack.sign_in()
    yield stack
    stack.stop()


def test_a_day_of_punches_survives_backend_and_bridge_kills(tmp_path: Path, backend: Backend) -> None:
    terminals = register_terminals(backend, [SERIAL], people=PEOPLE, site_name="Office")
    day = datetime.now(ZoneInfo(terminals.time_zone)).date() - timedelta(days=1)
    while day.isoweekday() > 5:  # the last working day of the plant's day shift
        day -= timedelta(days=1)
    lines = _punch_lines(day, sorted(terminals.pins))
    config = bridge_config(tmp_path, backend, terminals, batch_size=10)
    port = int(config.read_text().split("listen: 127.0.0.1:")[1].split()[0])
    bridge = spawn_bridge(config, tmp_path / "bridge.log")
    try:
        wait_for_port(config, bridge)
        terminal = Terminal(port, lines)
        terminal.start()
        _wait(lambda: terminal.sent >= len(lines) // 3, 60, "a third of the punches")
        backend.kill()  # mid-stream: the bridge keeps accepting and retries against a dead backend
        time.sleep(1.0)
        backend.start()
        _wait(lambda: terminal.sent >= 2 * len(lines) // 3, 60, "two thirds of the punches")
        bridge.kill()  # SIGKILL: what it acknowledged to the terminal is in its SQLite outbox
        bridge.wait(timeout=10)
        bridge = spawn_bridge(config, tmp_path / "bridge.log")
        wait_for_port(config, bridge)
        terminal.join(timeout=120)
        assert terminal.sent == len(lines)

        def drained() -> bool:
            outbox = bridge_health(port)["outbox"]
            return outbox["pending"] + outbox["sending"] + outbox["retry"] + outbox["parked"] == 0
        _wait(drained, 90, "the bridge outbox to drain")
    finally:
        bridge.kill()
        bridge.wait(timeout=10)

    stored = sql(backend.db_url, "SELECT event_id, employee_pin, employee_id FROM attendance_clock_punch "
                                 "WHERE device_sn = $1", SERIAL)
    assert len(stored) == len(lines), "every punch stored exactly once"
    assert {row[0] for row in stored} == {_event_id(pin, local) for pin, local in lines}
    assert all(str(row[2]) == terminals.pins[row[1]] for row in stored), "each punch on its person"

    people = [uuid.UUID(e) for e in terminals.pins.values()]

    def derived() -> bool:
        rows = sql(backend.db_url, "SELECT COUNT(*), SUM(punch_count) FROM attendance_day WHERE day = $1 "
                                   "AND employee_id = ANY($2::uuid[])", day, people)
        return rows[0] == (PEOPLE, len(lines))
    _wait(derived, 60, "the day's attendance derived from every punch")
    days = {str(r[0]): r for r in sql(backend.db_url, "SELECT employee_id, status, first_in, punch_count FROM "
                                                       "attendance_day WHERE day = $1 AND employee_id = ANY($2::uuid[])",
                                      day, people)}
    zone = ZoneInfo(terminals.time_zone)
    for pin, employee in terminals.pins.items():
        theirs = sorted(local for p, local in lines if p == pin)
        row = days[employee]
        assert row[3] == len(theirs)
        assert row[2].astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") == theirs[0], "first in is the earliest punch"
    forgetful = terminals.pins[sorted(terminals.pins)[0]]
    assert days[forgetful][1] == "missing_punch"
    statuses = {row[1] for employee, row in days.items() if employee != forgetful}
    assert statuses <= {"present", "late", "early_leave", "late_and_early"} and "late" in statuses
