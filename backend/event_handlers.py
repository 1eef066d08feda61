"""The one explicit table of event type -> handlers, and the outbox drain that feeds it.
Handlers run after the emitting transaction committed, at least once: each must be idempotent.
Feature modules add their rows here (rules engine, feed, notifications)."""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from uuid import UUID

from backend.access.actor import Actor
from backend.core import outbox
from backend.community.recognition_posts import RECOGNITION_POST_HANDLERS
from backend.core.events import RecordedEvent
from backend.growth.notify import EVIDENCE_HANDLERS
from backend.growth.sources import GROWTH_HANDLERS
from backend.notifications import delivery
from backend.notifications.events import NotificationCreated
from backend.performance.handlers import PERFORMANCE_HANDLERS
from backend.rules.handlers import RULE_HANDLERS

log = logging.getLogger(__name__)

Handler = Callable[[Actor, RecordedEvent], Awaitable[None]]

# event type -> handlers, in the order they run. An event with no handler is marked dispatched
# (recorded, nothing to do). The rules engine reacts to every event its trigger catalogue names.
HANDLERS: dict[str, list[Handler]] = {event_type: list(handlers) for event_type, handlers in RULE_HANDLERS.items()}
# A final tier or bonus goes on the wall and into the inbox.
for _event_type, _handlers in PERFORMANCE_HANDLERS.items():
    HANDLERS.setdefault(_event_type, []).extend(_handlers)
# Tiers, praise tied to a dimension, completed key results and badges become growth evidence.
for _event_type, _growth in GROWTH_HANDLERS.items():
    HANDLERS.setdefault(_event_type, []).extend(_growth)
# Reaching a level tells the person and their manager.
for _event_type, _evidence in EVIDENCE_HANDLERS.items():
    HANDLERS.setdefault(_event_type, []).extend(_evidence)
# Public praise becomes a recognition post in the community feed.
for _event_type, _posts in RECOGNITION_POST_HANDLERS.items():
    HANDLERS.setdefault(_event_type, []).extend(_posts)
# Every new inbox row goes out on the person's other channels (Web Push, the chat robot).
HANDLERS.setdefault(NotificationCreated.type, []).append(delivery.on_notification_created)


async def drain(*, limit: int = 100, older_than_seconds: float = 0) -> int:
    """Dispatch a batch of undispatched events; returns how many were handled. A handler error
    leaves its event undispatched for a retry and is logged with the tenant and event."""
    handled = 0
    for event in await outbox.claim_batch(limit, older_than_seconds=older_than_seconds):
        actor = Actor.system(UUID(str(event.tenant_id)), label=f"event:{event.type}")
        try:
            for handler in HANDLERS.get(event.type, []):
                await handler(actor, outbox.recorded(event))
        except Exception as err:  # process edge: one bad event must not block the rest
            log.exception("handler failed for %s (tenant %s, event %s)", event.type, event.tenant_id, event.id)
            await outbox.mark_failed(event, repr(err))
            continue
        await outbox.mark_dispatched(event)
        handled += 1
    return handled


async def sweep() -> int:
    """Cron: dispatch events that waited too long (their drain was never enqueued: crash, queue down)."""
    total = 0
    while batch := await drain(older_than_seconds=outbox.SWEEP_AFTER_SECONDS):
        total += batch
    return total
