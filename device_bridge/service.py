"""One running bridge: the outbox database, the HTTP listener, the relay task and any pull pollers,
started and stopped together. A lock file makes a second bridge on the same data directory refuse
to start (two writers would break ordering and leases)."""
from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import signal
from typing import IO, TYPE_CHECKING

from device_bridge import gapfill, routes
from device_bridge.app import Bridge
from device_bridge.client import BackendClient
from device_bridge.config import BridgeConfig
from device_bridge.db import Database
from device_bridge.httpserver import HttpServer, Request, Response
from device_bridge.relay import DAY, Relay

if TYPE_CHECKING:
    from device_bridge.pull import Poller

log = logging.getLogger("device_bridge.service")
DB_FILE = "outbox.sqlite3"


class AlreadyRunning(Exception):
    pass


class Service:
    def __init__(self, config: BridgeConfig) -> None:
        self.config = config
        self.db = Database(config.data_dir / DB_FILE, min_free_bytes=config.min_free_disk_bytes)
        client = BackendClient(backend_url=config.backend_url, bridge_id=config.bridge_id, key_id=config.key_id,
                               secret=config.read_secret(), timeout=config.relay.request_timeout_seconds,
                               proxy=config.proxy)
        self.relay = Relay(config.relay, self.db, client, retention_seconds=config.relay.retention_days * DAY)
        self.bridge = Bridge(config, self.db, wake=self.relay.wake, relay_status=self.relay.status)
        self.http = HttpServer(self._handle, admit=self.bridge.admit, max_body_bytes=config.max_body_bytes)
        self._lock: IO[bytes] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._pollers: list[Poller] = []
        self._stopping = asyncio.Event()
        self.port = 0

    async def _handle(self, request: Request) -> Response:
        return await routes.route(self.bridge, request)

    def _take_lock(self) -> None:
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.config.data_dir / "bridge.lock", "ab")  # noqa: SIM115 - held for the bridge's life
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise AlreadyRunning(f"another bridge is running on {self.config.data_dir}") from None
        self._lock = handle

    async def start(self) -> int:
        self._take_lock()
        await self.db.open()
        self.port = await self.http.start(self.config.listen_host, self.config.listen_port)
        self._tasks.append(asyncio.create_task(self.relay.run(), name="relay"))
        if self.config.gap_fill_daily_at is not None:
            self._tasks.append(asyncio.create_task(gapfill.run(self.bridge, self.config.gap_fill_daily_at,
                                                               self._stopping), name="gap-fill"))
        self._start_pollers()
        log.info("bridge %s listening on %s:%d, relaying to %s (%d device(s) configured)", self.config.bridge_id,
                 self.config.listen_host, self.port, self.config.backend_url, len(self.config.devices))
        return self.port

    def _start_pollers(self) -> None:
        pulls = [d for d in self.config.devices if d.protocol == "pull"]
        if not pulls:
            return
        from device_bridge import pull  # needs the optional pyzk extra

        loop = asyncio.get_running_loop()
        self._pollers = [pull.Poller(device, self.bridge, loop) for device in pulls]
        for poller in self._pollers:
            poller.start()

    async def stop(self) -> None:
        await self.http.stop()
        for poller in self._pollers:
            await asyncio.to_thread(poller.stop)
        self.relay.stop()
        self._stopping.set()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.db.close()
        if self._lock is not None:
            self._lock.close()
        log.info("bridge stopped")


async def serve(config: BridgeConfig) -> None:
    """Run until SIGTERM or SIGINT, then stop cleanly (a SIGKILL loses nothing either: acknowledged
    punches are committed, in-flight batches are re-sent and deduplicated by the backend)."""
    service = Service(config)
    await service.start()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    await stopping.wait()
    await service.stop()
