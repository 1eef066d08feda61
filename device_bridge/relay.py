"""Relay from the outbox to the backend: ordered batches; per-event results applied (CREATED and
DUPLICATE delivered, REJECTED retried or parked); a refused batch (400 or GraphQL errors without
data) bisected down to the poison events, which are parked; full-jitter exponential backoff on
network errors, 408, 429 and 5xx (Retry-After honoured); 401/403 pause and alert, dropping nothing."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from device_bridge import outbox, registry
from device_bridge.client import BackendClient, Reply
from device_bridge.config import RelayConfig
from device_bridge.db import Database

log = logging.getLogger("device_bridge.relay")
DELIVERED = {"CREATED", "DUPLICATE"}
REFUSED = {400, 413, 422}
TRANSIENT = {408, 429}
DAY = 86400.0


@dataclass(slots=True)
class RelayStatus:
    last_success_at: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    paused: bool = False
    consecutive_failures: int = 0
    next_attempt_at: float | None = None


@dataclass(frozen=True, slots=True)
class Backoff:
    delay: float


def iso(moment: float | None) -> str | None:
    return None if moment is None else datetime.fromtimestamp(moment, UTC).replace(microsecond=0).isoformat()


def full_jitter(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    return rng.uniform(0, min(cap, base * 2 ** min(attempt, 32)))


@dataclass
class Relay:
    config: RelayConfig
    db: Database
    client: BackendClient
    status: RelayStatus = field(default_factory=RelayStatus)
    clock: Callable[[], float] = time.time
    rng: random.Random = field(default_factory=random.Random)
    retention_seconds: float = 90 * DAY

    def __post_init__(self) -> None:
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._last_report: tuple[Any, ...] | None = None
        self._last_report_at = 0.0
        self._last_prune = 0.0

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    async def run(self) -> None:
        reset = await self.db.run(outbox.reset_leases)
        if reset:
            log.info("%d event(s) were in flight when the bridge stopped: queued again", reset)
        while not self._stop.is_set():
            try:
                delay = await self.cycle()
            except Exception:  # process edge: keep relaying whatever went wrong in one cycle
                log.exception("relay cycle failed")
                delay = Backoff(self.config.backoff_cap_seconds / 10)
            if isinstance(delay, Backoff):
                self.status.next_attempt_at = self.clock() + delay.delay
                await self._sleep(delay.delay, wakeable=False)
                self.status.next_attempt_at = None
            elif delay is not None:
                await self._sleep(delay, wakeable=True)

    async def cycle(self) -> Backoff | float | None:
        """One step: send a due batch (None: go on at once), or report status and say how long to idle."""
        now = self.clock()
        batch = await self.db.run(outbox.claim, now, self.config.batch_size, self.config.lease_seconds)
        if batch:
            return await self.deliver(batch)
        if now - self._last_prune > DAY / 4:
            self._last_prune = now
            await self.db.run(outbox.prune_delivered, now - self.retention_seconds)
        outcome = await self.report_devices()
        if isinstance(outcome, Backoff):
            return outcome
        due = await self.db.run(outbox.next_due)
        idle = min(1.0, self.config.status_interval_seconds)
        return max(0.0, min(idle, due - now)) if due is not None else idle

    async def _sleep(self, seconds: float, *, wakeable: bool) -> None:
        waiters = [asyncio.ensure_future(self._stop.wait())]
        if wakeable:
            waiters.append(asyncio.ensure_future(self._wake.wait()))
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
        self._wake.clear()

    async def devices(self) -> list[dict[str, Any]]:
        def collect(conn: Any) -> list[dict[str, Any]]:
            return [{"deviceSn": serial, "lastSeenAt": iso(last_seen),
                     "syncedThrough": outbox.synced_through(conn, serial)}
                    for serial, _, last_seen, _ in registry.devices(conn)]
        return await self.db.run(collect)

    async def report_devices(self) -> Backoff | None:
        """A status-only request (no events) when a device's last seen or synced-through moved."""
        devices = await self.devices()
        snapshot = tuple((d["deviceSn"], d["lastSeenAt"], d["syncedThrough"]) for d in devices)
        if not devices or snapshot == self._last_report or \
                self.clock() - self._last_report_at < self.config.status_interval_seconds:
            return None
        reply = await self.client.ingest([], devices)
        if reply.status == 200 and "errors" not in _json(reply):
            self._success(len(devices), 0)
            self._last_report, self._last_report_at = snapshot, self.clock()
            return None
        return self._failure(reply, "device status report")

    async def deliver(self, batch: list[outbox.Claimed]) -> Backoff | None:
        devices = await self.devices()
        reply = await self.client.ingest([c.payload for c in batch], devices)
        document = _json(reply) if reply.status == 200 else None
        results = _results(document)
        if reply.status == 200 and results is not None:
            await self._apply(batch, results)
            self._success(len(devices), len(batch))
            self._last_report, self._last_report_at = None, 0.0  # synced-through moved: report again
            return None
        if reply.status in REFUSED or (reply.status == 200 and document is not None):
            return await self._bisect(batch, reply, document)
        await self.db.run(outbox.release, [c.seq for c in batch])
        return self._failure(reply, f"batch of {len(batch)}")

    async def _bisect(self, batch: list[outbox.Claimed], reply: Reply, document: Any) -> Backoff | None:
        if len(batch) == 1:
            code = _error_code(document) or f"HTTP_{reply.status}"
            await self.db.run(outbox.park, [(batch[0].seq, code)])
            log.error("event %s from %s refused by the backend (%s): parked; fix the cause, then "
                      "`seen-bridge redrive --event-id %s`", batch[0].event_id, batch[0].device_sn, code,
                      batch[0].event_id)
            return None
        log.warning("backend refused a batch of %d (%s): bisecting to isolate the poison event(s)", len(batch),
                    _error_code(document) or f"HTTP {reply.status}")
        middle = len(batch) // 2
        for index, half in enumerate((batch[:middle], batch[middle:])):
            outcome = await self.deliver(half)
            if isinstance(outcome, Backoff):
                rest = batch[middle:] if index == 0 else []
                await self.db.run(outbox.release, [c.seq for c in rest])
                return outcome
        return None

    async def _apply(self, batch: list[outbox.Claimed], results: dict[str, dict[str, Any]]) -> None:
        now = self.clock()
        done: list[int] = []
        retry: list[tuple[int, str, float]] = []
        parked: list[tuple[int, str]] = []
        for claimed in batch:
            result = results.get(claimed.event_id) or {}
            status = str(result.get("status", ""))
            code = str(result.get("code") or status or "NO_RESULT")
            if status in DELIVERED:
                done.append(claimed.seq)
            elif status == "REJECTED" and not result.get("retryable"):
                parked.append((claimed.seq, code))
            else:  # retryable rejection, or the backend forgot this event: try again later
                wait = full_jitter(claimed.attempts, self.config.backoff_base_seconds,
                                   self.config.backoff_cap_seconds, self.rng)
                retry.append((claimed.seq, code, now + wait))
        if done:
            await self.db.run(outbox.delivered, done, now)
        if retry:
            await self.db.run(outbox.retry_later, retry)
        if parked:
            await self.db.run(outbox.park, parked)
            log.error("%d event(s) rejected by the backend and parked (%s); re-drive with `seen-bridge redrive`",
                      len(parked), ", ".join(sorted({c for _, c in parked}))[:200])

    def _success(self, devices: int, events: int) -> None:
        if self.status.paused:
            log.info("backend accepts the bridge's credentials again: relay resumed")
        self.status.paused = False
        self.status.consecutive_failures = 0
        self.status.last_success_at = self.clock()
        log.debug("delivered %d event(s), reported %d device(s)", events, devices)

    def _failure(self, reply: Reply, what: str) -> Backoff:
        self.status.last_error_at = self.clock()
        if reply.status in (401, 403):
            self.status.paused = True
            self.status.last_error = f"HTTP {reply.status}: backend refused the bridge's credentials"
            log.error("%s: %s; paused, nothing dropped; check bridge_id, key_id and the secret file", what,
                      self.status.last_error)
            return Backoff(self.config.auth_pause_seconds)
        self.status.consecutive_failures += 1
        self.status.last_error = reply.error or f"HTTP {reply.status}"
        delay = full_jitter(self.status.consecutive_failures, self.config.backoff_base_seconds,
                            self.config.backoff_cap_seconds, self.rng)
        if reply.retry_after is not None:
            delay = max(delay, reply.retry_after)
        if reply.status and reply.status not in TRANSIENT and reply.status < 500:
            log.error("%s: unexpected HTTP %d from the backend; retrying in %.1fs", what, reply.status, delay)
        else:
            log.warning("%s: %s; retrying in %.1fs", what, self.status.last_error, delay)
        return Backoff(delay)


def _json(reply: Reply) -> Any:
    try:
        return reply.json()
    except ValueError:
        return None


def _results(document: Any) -> dict[str, dict[str, Any]] | None:
    """Per-event results by id, or None when the answer holds no result list (a refused batch)."""
    try:
        items = document["data"]["ingestClockEvents"]["results"]
    except (KeyError, TypeError):
        return None
    if not isinstance(items, list):
        return None
    return {str(r.get("eventId")): r for r in items if isinstance(r, dict)}


def _error_code(document: Any) -> str | None:
    try:
        error = document["errors"][0]
    except (KeyError, TypeError, IndexError):
        return None
    code = (error.get("extensions") or {}).get("code") if isinstance(error, dict) else None
    return str(code)[:64] if code else "GRAPHQL_ERROR"
