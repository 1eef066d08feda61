"""Transactional outbox: a use case records events in its own transaction; after commit a drain job
hands them to the event handlers. Delivery is at least once, so handlers must be idempotent."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from backend.core import clock, db, jobs
from backend.core.events import DomainEvent, RecordedEvent
from backend.core.models import OutboxEvent

DRAIN_JOB = "drain_outbox"
CLAIM_SECONDS = 60
# An event still undispatched after this long was lost between commit and enqueue (crash, Redis
# down); the sweep cron hands it to a drain. Shorter than a minute so rules still fire in time.
SWEEP_AFTER_SECONDS = 20


class HasTenant(Protocol):
    @property
    def tenant_id(self) -> UUID: ...


async def emit(actor: HasTenant, event: DomainEvent, *, dedupe_key: str | None = None) -> OutboxEvent | None:
    """Must run inside `db.transaction()`; the drain is enqueued only if that commits. With a
    dedupe key (cron-made events: a birthday, a streak), a second emit of the same key records
    nothing and returns None; the unique constraint decides, so two racing crons cannot both win."""
    values: dict[str, Any] = {"id": uuid.uuid4(), "tenant_id": actor.tenant_id, "type": event.type, "payload": event.payload(),
              "created_at": clock.now(), "dedupe_key": dedupe_key}
    if dedupe_key is None:
        row = await OutboxEvent.create(**values)
    else:
        try:
            async with db.transaction():  # a savepoint: PostgreSQL aborts the outer transaction otherwise
                row = await OutboxEvent.create(**values)
        except IntegrityError:
            return None
    jobs.enqueue_after_commit(DRAIN_JOB)
    return row


async def history(actor: HasTenant, types: list[str], *, since: datetime, until: datetime) -> list[RecordedEvent]:
    """The organisation's recorded events of these types in [since, until): what a rule preview
    replays. The outbox keeps dispatched events, so it doubles as the event log."""
    # UTC bounds: SQLite compares stored instants as text, so other offsets would cut wrongly.
    rows = await OutboxEvent.filter(tenant_id=actor.tenant_id, type__in=types, created_at__gte=since.astimezone(UTC),
                                    created_at__lt=until.astimezone(UTC)).order_by("created_at")
    return [recorded(row) for row in rows]


async def emit_many(actor: HasTenant, events: Sequence[tuple[DomainEvent, str]]) -> None:
    """Keyed events in one statement (a recompute reaching levels for many people at once). As with
    `emit(..., dedupe_key=...)`, a key recorded before records nothing. Must run inside `db.transaction()`."""
    if not events:
        return
    now = clock.now()
    await OutboxEvent.bulk_create([OutboxEvent(id=uuid.uuid4(), tenant_id=actor.tenant_id, type=event.type,
                                               payload=event.payload(), created_at=now, dedupe_key=key)
                                   for event, key in events], ignore_conflicts=True)
    jobs.enqueue_after_commit(DRAIN_JOB)


def recorded(row: OutboxEvent) -> RecordedEvent:
    return RecordedEvent(id=row.id, type=row.type, payload=row.payload, occurred_at=row.created_at)


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


async def mark_dispatched_before(actor: HasTenant, moment: datetime) -> int:
    """Imported history (the demo seed): recorded as facts, but no handler should act on it now."""
    return await OutboxEvent.filter(tenant_id=actor.tenant_id, dispatched_at=None, created_at__lt=moment).update(
        dispatched_at=clock.now())


async def pending_count() -> int:
    return await OutboxEvent.filter(dispatched_at=None).count()
