"""Transactional outbox: a use case records events in its own transaction; after commit a drain job
hands them to the event handlers. Delivery is at least once, so handlers must be idempotent."""
from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Protocol
from uuid import UUID

from tortoise.expressions import F, Q

from backend.core import clock, jobs
from backend.core.events import DomainEvent
from backend.core.models import OutboxEvent

DRAIN_JOB = "drain_outbox"
CLAIM_SECONDS = 60
# An event still undispatched after this long was lost between commit and enqueue (crash, Redis
# down); the sweep cron hands it to a drain. Shorter than a minute so rules still fire in time.
SWEEP_AFTER_SECONDS = 20


class HasTenant(Protocol):
    @property
    def tenant_id(self) -> UUID: ...


async def emit(actor: HasTenant, event: DomainEvent) -> OutboxEvent:
    """Must run inside `db.transaction()`; the drain is enqueued only if that commits."""
    row = await OutboxEvent.create(
        id=uuid.uuid4(),
        tenant_id=actor.tenant_id,
        type=event.type,
        payload=event.payload(),
        created_at=clock.now(),
    )
    jobs.enqueue_after_commit(DRAIN_JOB)
    return row


async def claim_batch(limit: int = 100, *, older_than_seconds: float = 0) -> list[OutboxEvent]:
    """Claim undispatched events (oldest first). A claim expires, so a crashed drain's events
    come back; two drains racing for one event: only the conditional update that wins claims it."""
    now = clock.now()
    candidates = (
        await OutboxEvent.filter(dispatched_at=None, created_at__lte=now - timedelta(seconds=older_than_seconds))
        .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
        .order_by("created_at")
        .limit(limit)
    )
    claimed: list[OutboxEvent] = []
    until = now + timedelta(seconds=CLAIM_SECONDS)
    for event in candidates:
        won = await (
            OutboxEvent.filter(id=event.id, dispatched_at=None)
            .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
            .update(claimed_until=until, attempts=F("attempts") + 1)
        )
        if won:
            claimed.append(event)
    return claimed


async def mark_dispatched(event: OutboxEvent) -> None:
    await OutboxEvent.filter(id=event.id).update(dispatched_at=clock.now(), last_error=None)


async def mark_failed(event: OutboxEvent, error: str) -> None:
    """Leave it undispatched; the claim expiry and the sweep retry it."""
    await OutboxEvent.filter(id=event.id).update(last_error=error[:2000])


async def pending_count() -> int:
    return await OutboxEvent.filter(dispatched_at=None).count()
