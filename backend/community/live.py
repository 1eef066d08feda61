"""Live feed changes: after a use case commits, its change ("post_created", "post_changed") is published to
every open feed of the organisation. This module is the in-process broker (one web process, the embedded
mode); a Redis fan-out for several processes plugs in behind `configure_fanout`. Only ids travel: each
client refetches what it may see, so no content can leak past the GraphQL permission checks."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.core import db

log = logging.getLogger(__name__)
QUEUE_SIZE = 100  # a client this far behind misses changes and is told to refetch ("resync")


@dataclass(frozen=True, slots=True)
class Change:
    type: str  # "post_created" | "post_changed" | "resync"
    post_id: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {"type": self.type, "postId": self.post_id}


Fanout = Callable[[UUID, Change], Awaitable[None]]
_listeners: dict[UUID, set[asyncio.Queue[Change]]] = {}
_fanout: Fanout | None = None


def configure_fanout(fanout: Fanout | None) -> None:
    """With a fan-out set (Redis pub/sub), publishing goes through it and it calls `deliver_local`."""
    global _fanout
    _fanout = fanout


def deliver_local(tenant_id: UUID, change: Change) -> None:
    for queue in list(_listeners.get(tenant_id, ())):
        try:
            queue.put_nowait(change)
        except asyncio.QueueFull:  # a stalled client: drop its backlog and ask it to refetch
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(Change("resync"))


def deliver_everywhere(change: Change) -> None:
    """To every open feed of this process (after a lost fan-out connection: "resync")."""
    for tenant_id in list(_listeners):
        deliver_local(tenant_id, change)


def listener_count(tenant_id: UUID | None = None) -> int:
    """Open feeds in this process (of one organisation, or all): for health checks and tests."""
    if tenant_id is not None:
        return len(_listeners.get(tenant_id, ()))
    return sum(len(queues) for queues in _listeners.values())


async def publish(tenant_id: UUID, change: Change) -> None:
    if _fanout is None:
        deliver_local(tenant_id, change)
        return
    try:
        await _fanout(tenant_id, change)
    except Exception:  # live updates are best effort: the feed still polls; never fail the use case
        log.warning("live fan-out failed; delivering locally only", exc_info=True)
        deliver_local(tenant_id, change)


def publish_after_commit(actor: Actor, change_type: str, post_id: UUID | str) -> None:
    """Call inside the use case's transaction: published only if it commits."""
    tenant_id = actor.tenant_id
    change = Change(change_type, str(post_id))
    db.after_commit(lambda: publish(tenant_id, change))


@asynccontextmanager
async def listen(tenant_id: UUID) -> AsyncIterator[asyncio.Queue[Change]]:
    queue: asyncio.Queue[Change] = asyncio.Queue(maxsize=QUEUE_SIZE)
    _listeners.setdefault(tenant_id, set()).add(queue)
    try:
        yield queue
    finally:
        listeners = _listeners.get(tenant_id)
        if listeners is not None:
            listeners.discard(queue)
            if not listeners:
                del _listeners[tenant_id]
