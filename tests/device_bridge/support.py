"""Test plumbing for the bridge: raw HTTP over a socket (no client library, so quirks survive), a
config writer, an in-process bridge on its own event-loop thread, a subprocess bridge, and a log
collector for proving what never reaches the logs."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from device_bridge.config import load
from device_bridge.service import Service

ROOT = Path(__file__).resolve().parents[2]
SECRET = b"s3cret-for-tests-only-0123456789abcdef"
KEY_ID = "k1"


@dataclass
class RawResponse:
    status: int
    reason: str
    version: str
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def exchange(port: int, data: bytes, *, timeout: float = 10.0, half_close: bool = True) -> RawResponse:
    """Send raw bytes, read until the server closes, parse the first response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return parse_response(b"".join(chunks))


def parse_response(raw: bytes) -> RawResponse:
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    version, status, reason = (lines[0].split(" ", 2) + [""])[:3]
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", len(rest)))
    return RawResponse(int(status), reason, version, headers, rest[:length])


def request(method: str, target: str, body: bytes = b"", *, version: str = "HTTP/1.1", host: bool = True,
            headers: dict[str, str] | None = None, eol: bytes = b"\r\n", length: bool = True) -> bytes:
    lines = [f"{method} {target} {version}".encode()]
    if host:
        lines.append(b"Host: bridge.local:8090")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}".encode())
    if length and (body or method == "POST"):
        lines.append(f"Content-Length: {len(body)}".encode())
    return eol.join(lines) + eol + eol + body


def write_secret(directory: Path) -> Path:
    path = directory / "bridge.secret"
    path.write_bytes(SECRET + b"\n")
    path.chmod(0o600)
    return path


def write_config(directory: Path, backend_url: str, **overrides: Any) -> Path:
    write_secret(directory)
    document: dict[str, Any] = {
        "bridge_id": "plant-1", "backend_url": backend_url, "key_id": KEY_ID, "secret_file": "bridge.secret",
        "data_dir": "data", "listen": "127.0.0.1:0", "allowed_subnets": ["127.0.0.0/8"],
        "default_time_zone": "Asia/Shanghai", "gap_fill_daily_at": None,
        "relay": {"backoff_base_seconds": 0.05, "backoff_cap_seconds": 0.5, "auth_pause_seconds": 0.3,
                  "request_timeout_seconds": 5, "status_interval_seconds": 0.2},
        "devices": [
            {"serial": "ZK0001", "vendor": "zkteco", "time_zone": "Asia/Shanghai"},
            {"serial": "ZKNY01", "vendor": "zkteco", "time_zone": "America/New_York"},
            {"serial": "ZKIN01", "vendor": "zkteco", "time_zone": "Asia/Kolkata"},
            {"serial": "HIK0001", "vendor": "hikvision", "time_zone": "Asia/Shanghai", "mac": "aa:bb:cc:dd:ee:ff"},
        ],
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(document.get(key), dict):
            document[key] = {**document[key], **value}
        else:
            document[key] = value
    path = directory / "seen-bridge.yaml"
    path.write_text(yaml.safe_dump(document))
    return path


class InProcessBridge:
    """The real Service on a private event loop in a thread; `port` is the bound listener."""

    def __init__(self, config_path: Path) -> None:
        self.config = load(config_path)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.service = Service(self.config)
        self.port = self.call(self.service.start())
        self.db_path = self.config.data_dir / "outbox.sqlite3"

    def call(self, coroutine: Any, timeout: float = 30.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def send(self, data: bytes, **kwargs: Any) -> RawResponse:
        return exchange(self.port, data, **kwargs)

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        self.call(self.service.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()

    def sql(self, query: str, *args: Any) -> list[tuple[Any, ...]]:
        import sqlite3

        conn = sqlite3.connect(self.db_path)
        try:
            return conn.execute(query, args).fetchall()
        finally:
            conn.close()

    def health(self) -> dict[str, Any]:
        import json

        return dict(json.loads(self.send(request("GET", "/healthz")).body))

    def wait(self, predicate: Any, timeout: float = 10.0, what: str = "condition") -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            time.sleep(0.02)
        raise AssertionError(f"timed out waiting for {what}")


class LogCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def spawn_bridge(config_path: Path, log_path: Path) -> subprocess.Popen[bytes]:
    """`python -m device_bridge.cli run` as a real process, logging at DEBUG to a file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(log_path, "ab") as log_file:
        return subprocess.Popen([sys.executable, "-m", "device_bridge.cli", "--config", str(config_path),
                                 "--log-level", "DEBUG", "run"], stdout=log_file, stderr=log_file, env=env, cwd=ROOT)


def wait_for_port(config_path: Path, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    config = load(config_path)
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert process.poll() is None, "bridge process exited"
        try:
            socket.create_connection((config.listen_host, config.listen_port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("bridge did not start listening")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
