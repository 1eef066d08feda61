"""The bridge as a real process, killed with SIGKILL mid-stream and restarted (the backend restarts
too): every punch the terminal pushed reaches the backend exactly once."""
from __future__ import annotations

import hashlib
import signal
import socket
import subprocess
import threading
import time

from tests.device_bridge.support import exchange, free_port, request, spawn_bridge, wait_for_port, write_config

PUNCHES = 400
CHUNK = 20


def _line(i: int) -> str:
    return f"{1000 + i}\t2026-03-02 {7 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}\t{i % 2}\t1\n"


def _expected_ids() -> set[str]:
    # straight from DEVICES.md, not through device_bridge.events
    return {hashlib.sha256(f"v1|zkteco|ZK0001|{1000 + i}|{_line(i).split(chr(9))[1]}".encode()).hexdigest()
            for i in range(PUNCHES)}


class Terminal(threading.Thread):
    """Pushes chunks; re-sends a chunk until it sees OK (as a real terminal does)."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.sent_chunks = 0
        self.resends = 0

    def run(self) -> None:
        for start in range(0, PUNCHES, CHUNK):
            body = "".join(_line(i) for i in range(start, start + CHUNK)).encode()
            while True:
                try:
                    answer = exchange(self.port, request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", body),
                                      timeout=3)
                    if answer.text == f"OK:{CHUNK}":
                        break
                except (OSError, ValueError, IndexError):
                    pass
                self.resends += 1
                time.sleep(0.05)
            self.sent_chunks += 1
            time.sleep(0.01)


def test_sigkill_and_backend_restart_lose_nothing_and_duplicate_nothing(tmp_path, backend):
    # given a real bridge process relaying in small batches to a slowish backend
    port = free_port()
    config = write_config(tmp_path, backend.url, listen=f"127.0.0.1:{port}", relay={"batch_size": 10})
    backend.script.delay = 0.02
    log_path = tmp_path / "bridge.log"
    process = spawn_bridge(config, log_path)
    wait_for_port(config, process)
    terminal = Terminal(port)
    terminal.start()
    try:
        # when the bridge is killed while batches are in flight, and restarted
        deadline = time.time() + 15
        while len(backend.events) < 60 and time.time() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(5)
        at_kill = (len(backend.events), terminal.sent_chunks)
        time.sleep(0.3)
        process = spawn_bridge(config, log_path)
        wait_for_port(config, process)
        # and the backend restarts mid-stream as well
        while terminal.sent_chunks < PUNCHES // CHUNK // 2 and time.time() < deadline:
            time.sleep(0.01)
        backend.restart(down_for=0.3)
        terminal.join(30)
        backend.wait_for(PUNCHES, timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(10)
    # then every punch is stored exactly once
    assert not terminal.is_alive()
    assert set(backend.events) == _expected_ids()
    assert set(backend.created.values()) == {1}
    assert exit_code == 0
    # and the kill really landed mid-stream, with a second process finishing the job
    assert 0 < at_kill[0] < PUNCHES and at_kill[1] < PUNCHES // CHUNK
    assert log_path.read_text().count("listening on") == 2


def test_a_second_bridge_on_the_same_data_directory_refuses_to_start(tmp_path, backend):
    # given a running bridge
    port = free_port()
    config = write_config(tmp_path, backend.url, listen=f"127.0.0.1:{port}")
    first = spawn_bridge(config, tmp_path / "first.log")
    wait_for_port(config, first)
    try:
        # when another starts on the same data directory
        second = subprocess.run([*first.args[:-1], "run"], capture_output=True, timeout=20)
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(10)
    # then it refuses
    assert second.returncode == 1
    assert b"another bridge is running" in second.stderr


def test_unacknowledged_connection_drop_is_safe_to_resend(tmp_path, backend):
    # given a terminal that hangs up right after sending (it never sees the OK)
    port = free_port()
    config = write_config(tmp_path, backend.url, listen=f"127.0.0.1:{port}")
    process = spawn_bridge(config, tmp_path / "bridge.log")
    wait_for_port(config, process)
    body = "".join(_line(i) for i in range(5)).encode()
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", body))
        # when it re-sends the same upload
        answer = exchange(port, request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", body))
        backend.wait_for(5)
        time.sleep(0.3)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)
    # then
    assert answer.text == "OK:5"
    assert len(backend.events) == 5 and set(backend.created.values()) == {1}
