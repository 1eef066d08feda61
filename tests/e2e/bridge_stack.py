"""A real stack for the time-clock path: `seen serve` on a fresh PostgreSQL database (migrated and seeded with
the demo company) and a real `seen-bridge` process relaying to it, set up the way HR would: a bridge key, the
terminals and the PIN mappings created through GraphQL. Used by the end-to-end kill test and the burst bench."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from tests.device_bridge.support import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("SEEN_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/seen_test")
HR_LOGIN, DEMO_PASSWORD = "hr@demo.local", "seen-demo"
SEEN = Path(sys.executable).parent / "seen"


def database_url(suffix: str) -> str:
    """A database of its own next to the test database (same server, name + suffix)."""
    parsed = urlparse(POSTGRES_URL)
    return POSTGRES_URL.replace(parsed.path, f"{parsed.path}_{suffix}")


async def _recreate(url: str) -> None:
    import asyncpg

    name = urlparse(url).path.lstrip("/")
    admin = await asyncpg.connect(url.replace(f"/{name}", "/postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


def sql(url: str, query: str, *args: Any) -> list[tuple[Any, ...]]:
    """Reads the backend's database directly (what is stored, not what the API says)."""
    import asyncpg

    async def run() -> list[tuple[Any, ...]]:
        connection = await asyncpg.connect(url)
        try:
            return [tuple(row) for row in await connection.fetch(query, *args)]
        finally:
            await connection.close()

    return asyncio.run(run())


@dataclass
class Backend:
    """`seen serve` as a process that can be killed (SIGKILL) and started again on the same port."""

    workdir: Path
    db_url: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    token: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "SEEN_DATABASE_URL": self.db_url, "SEEN_DATA_DIR": str(self.workdir / "data"),
                "SEEN_ENV": "test", "SEEN_PUBLIC_URL": self.url, "SEEN_SCORE_DEBOUNCE_SECONDS": "1",
                "SEEN_REDIS_URL": ""}

    def prepare(self) -> None:
        asyncio.run(_recreate(self.db_url))
        for step in (["migrate"], ["seed"]):
            done = subprocess.run([str(SEEN), *step], env=self.env, cwd=REPO_ROOT, capture_output=True, text=True,
                                  timeout=300)
            if done.returncode != 0:
                raise RuntimeError(f"seen {step[0]} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        log = open(self.workdir / "serve.log", "ab")  # noqa: SIM115 - the process owns it until it exits
        self.process = subprocess.Popen([str(SEEN), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                        env=self.env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"seen serve exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as res:
                    if res.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"seen serve not healthy:\n{self.log_tail()}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self) -> str:
        path = self.workdir / "serve.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def sign_in(self) -> None:
        body = json.dumps({"login": HR_LOGIN, "password": DEMO_PASSWORD, "client": "api"}).encode()
        request = urllib.request.Request(f"{self.url}/auth/login", data=body,
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as res:
            self.token = json.loads(res.read())["token"]

    def graphql(self, query: str, **variables: Any) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(f"{self.url}/graphql", data=body, headers={
            "content-type": "application/json", "authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as res:
            answer = json.loads(res.read())
        assert not answer.get("errors"), answer["errors"]
        return dict(answer["data"])


@dataclass(frozen=True)
class Terminals:
    serials: tuple[str, ...]
    pins: dict[str, str]  # PIN → employee id
    site_id: str
    time_zone: str


def register_terminals(backend: Backend, serials: list[str], *, people: int | None, site_name: str = "Plant") -> Terminals:
    """What HR does before a bridge goes live: terminals at a site and PINs for `people` employees working
    there (the PIN is the staff number, as most factories enrol it). The demo's office has no
    seeded punches, so a test's punches are the only ones of its people."""
    sites = backend.graphql("{ sites { edges { node { id name timeZone } } } }")["sites"]["edges"]
    site = next(s["node"] for s in sites if site_name in s["node"]["name"])
    for serial in serials:
        done = backend.graphql("""mutation($input: RegisterClockDeviceInput!) { registerClockDevice(input: $input) {
            __typename ... on UserError { message } } }""", input={
            "siteId": site["id"], "serial": serial, "vendor": "zkteco", "timeZone": site["timeZone"]})
        assert done["registerClockDevice"]["__typename"] != "UserError", done
    employees: list[dict[str, Any]] = []
    after = None
    while True:
        page = backend.graphql("""query($after: String) { employees(first: 200, after: $after, status: ACTIVE) {
            edges { node { id employeeNumber site { id } } } pageInfo { hasNextPage endCursor } } }""",
                               after=after)["employees"]
        employees += page["edges"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    pins = {e["node"]["employeeNumber"]: e["node"]["id"] for e in employees
            if (e["node"]["site"] or {}).get("id") == site["id"]}
    pins = dict(sorted(pins.items())[:people])
    assert len(pins) == people or people is None, f"only {len(pins)} people work at {site['name']}"
    done = backend.graphql("""mutation($rows: [DevicePinInput!]!) { setDevicePins(rows: $rows) {
        __typename ... on DevicePinsSet { saved errors { index message } } } }""",
                           rows=[{"pin": pin, "employeeId": employee} for pin, employee in pins.items()])
    assert done["setDevicePins"]["__typename"] == "DevicePinsSet" and not done["setDevicePins"]["errors"], done
    return Terminals(tuple(serials), pins, site["id"], site["timeZone"])


def bridge_config(workdir: Path, backend: Backend, terminals: Terminals, **relay: Any) -> Path:
    """A bridge key issued through GraphQL (the secret shown once goes into the secret file)."""
    issued = backend.graphql("""mutation { createBridgeKey(bridgeId: "plant-e2e") {
        ... on BridgeKeyIssued { secret key { keyId } } ... on UserError { message } } }""")["createBridgeKey"]
    secret_file = workdir / "bridge.secret"
    secret_file.write_text(issued["secret"] + "\n")
    secret_file.chmod(0o600)
    port = free_port()
    document = {
        "bridge_id": "plant-e2e", "backend_url": backend.url, "key_id": issued["key"]["keyId"],
        "secret_file": str(secret_file), "data_dir": str(workdir / "bridge-data"), "listen": f"127.0.0.1:{port}",
        "allowed_subnets": ["127.0.0.0/8"], "default_time_zone": terminals.time_zone, "gap_fill_daily_at": None,
        "relay": {"backoff_base_seconds": 0.05, "backoff_cap_seconds": 0.5, "auth_pause_seconds": 0.3,
                  "request_timeout_seconds": 10, "status_interval_seconds": 0.5, **relay},
        "devices": [{"serial": s, "vendor": "zkteco", "time_zone": terminals.time_zone} for s in terminals.serials],
    }
    path = workdir / "seen-bridge.yaml"
    path.write_text(yaml.safe_dump(document))
    return path


def bridge_health(port: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as res:
        return dict(json.loads(res.read()))
