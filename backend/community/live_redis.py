"""Live feed changes across processes: with Redis configured, every publish (from any web process or the
worker) goes to one pub/sub channel, and each web process relays what arrives to its own open feeds
(`live.deliver_local`). One channel for every organisation: messages are a few bytes of ids, and each
process drops what no local feed of that organisation listens to. Pub/sub keeps nothing: a process that
was disconnected tells its feeds to refetch ("resync") once it is back."""
from __future__ import annotations

import asyncio
import json
import logging
import os
from uuid import UUID

from redis.asyncio import Redis

from backend.community import live

log = logging.getLogger(__name__)
CHANNEL = "seen:live:feed"
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0)  # reconnect back-off, last value repeated
IDLE_SECONDS = 30  # a silent subscription is pinged this often, so a dead connection is noticed


class RedisFanout:
    """`publish` is the fan-out `live.configure_fanout` takes; `start` (web processes only) subscribes."""

    def __init__(self, redis_url: str) -> None:
        # Short timeouts: a publish runs after a use case commits, and must not hold the request up.
        self._redis = Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
        # The subscriber waits on a quiet channel for long: no read timeout, a ping while idle instead.
        self.client_name = f"seen-live-{os.getpid()}-{id(self):x}"  # findable in CLIENT LIST
        self._subscriber = Redis.from_url(redis_url, socket_connect_timeout=2, socket_keepalive=True,
                                          health_check_interval=IDLE_SECONDS, client_name=self.client_name)
        self._listener: asyncio.Task[None] | None = None
        self.subscribed = asyncio.Event()

    async def publish(self, tenant_id: UUID, change: live.Change) -> None:
        await self._redis.publish(CHANNEL, json.dumps({"tenant": str(tenant_id), **change.as_json()}))

    async def start(self) -> None:
        """Subscribe in the background (retrying for as long as Redis is away); returns once subscribed,
        or after 2 s at most."""
        self._listener = asyncio.get_running_loop().create_task(self._listen_forever(), name="live-redis")
        waiter = asyncio.ensure_future(self.subscribed.wait())
        # Not longer: a web process must start even when Redis is down (the PWA polls meanwhile).
        await asyncio.wait({waiter, self._listener}, timeout=2, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)
            self._listener = None
        await self._redis.aclose()
        await self._subscriber.aclose()

    async def _listen_forever(self) -> None:
        failures = 0
        while True:
            try:
                await self._listen(resync=failures > 0)
            except asyncio.CancelledError:
                raise
            except Exception:
                self.subscribed.clear()
                delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning("live feed subscription lost; retrying in %.1f s", delay, exc_info=failures == 1)
                await asyncio.sleep(delay)

    async def _listen(self, *, resync: bool) -> None:
        pubsub = self._subscriber.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(CHANNEL)
            self.subscribed.set()
            if resync:  # changes published while we were away are lost: every open feed refetches
                live.deliver_everywhere(live.Change("resync"))
            while True:
                # Returns None after a quiet while; the next call pings first (health_check_interval).
                message = await pubsub.get_message(timeout=IDLE_SECONDS)
                if message is not None:
                    _relay(message.get("data"))
        finally:
            await pubsub.aclose()


def _relay(data: object) -> None:
    try:
        if not isinstance(data, (bytes, str)):
            raise TypeError(type(data).__name__)
        payload = json.loads(data)
        tenant_id, change = UUID(payload["tenant"]), live.Change(str(payload["type"]), payload.get("postId"))
    except (TypeError, ValueError, KeyError):
        log.warning("ignoring a malformed live feed message: %r", data)
        return
    live.deliver_local(tenant_id, change)


async def start(redis_url: str | None, *, subscribe: bool = True) -> RedisFanout | None:
    """At process start: with Redis, publish through it (and, in web processes, relay what arrives)."""
    if not redis_url:
        return None
    fanout = RedisFanout(redis_url)
    if subscribe:
        await fanout.start()
    live.configure_fanout(fanout.publish)
    return fanout


async def stop(fanout: RedisFanout | None) -> None:
    if fanout is not None:
        live.configure_fanout(None)
        await fanout.close()
