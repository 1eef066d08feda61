"""Delivering inbox rows to phones: plan Delivery rows when a notification is created (the outbox
handler), then claim due rows and send them through the channels, outside any transaction."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from uuid import UUID

import httpx
from tortoise.expressions import F, Q

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.core import clock, db, jobs
from backend.core.events import RecordedEvent
from backend.notifications.channels import Channel, SendResult, SendStatus
from backend.notifications.chat_channel import ChatChannel
from backend.notifications.models import Delivery, DeliveryChannel, DeliveryStatus, Notification
from backend.notifications.preferences import Preferences, preferences_of
from backend.notifications.quiet import quiet_until
from backend.notifications.webpush_channel import PushChannel
from backend.org.models import Employee, EmployeeStatus

log = logging.getLogger(__name__)

SEND_JOB = "send_deliveries"
LEASE_SECONDS = 60  # a claimed row is left alone this long (one send takes at most 15 s); a crashed sender's come back
MAX_ATTEMPTS = 6
MAX_BACKOFF_SECONDS = 3600
HTTP_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def build_channels(client: httpx.AsyncClient | None = None) -> list[Channel]:
    """Without a client the channels can plan (targets) but not send."""
    return [PushChannel(client), ChatChannel(client)]


def skip_reason(channel: DeliveryChannel, kind: str, prefs: Preferences) -> str | None:
    """Why a person's preferences keep this kind off this channel (it stays in the inbox), or None."""
    if not prefs.allows(kind):
        return "muted"
    if channel is DeliveryChannel.PUSH and not prefs.push_enabled:
        return "push switched off"
    if channel is DeliveryChannel.CHAT and not prefs.chat_enabled:
        return "chat switched off"
    return None


def retry_delay(attempts: int, retry_after: float | None) -> float:
    """Seconds until the next try: exponential from 60 s, at least what the receiver asked, at most an hour."""
    return float(min(MAX_BACKOFF_SECONDS, max(retry_after or 0.0, 30.0 * 2 ** attempts)))


async def on_notification_created(actor: Actor, event: RecordedEvent) -> None:
    """Outbox handler for notifications.created: one Delivery row per channel and target, pending
    (from the end of quiet hours) or skipped with the reason. Safe to run twice: the unique
    (notification, channel, target) keeps the first rows. Enqueues the sender after commit."""
    note = await Notification.of(actor).get_or_none(id=UUID(event.payload["notification_id"]))
    if note is None:
        return  # the person was deleted since: nothing to deliver
    recipient = await Employee.of(actor).get_or_none(id=note.recipient_id)
    if recipient is None or recipient.status is not EmployeeStatus.ACTIVE:
        return
    prefs = await preferences_of(actor, recipient.id)
    zone = (await Organization.get(id=actor.tenant_id)).time_zone
    now = clock.now()
    deferred = quiet_until(now, zone, prefs.quiet_start, prefs.quiet_end)
    rows: list[Delivery] = []
    for channel in build_channels():
        reason = skip_reason(channel.name, note.kind, prefs) or channel.unreachable(recipient)
        for target in await channel.targets(actor, note, recipient):
            rows.append(Delivery.build_for(
                actor, notification_id=note.id, channel=channel.name, target=target, created_at=now,
                status=DeliveryStatus.SKIPPED if reason else DeliveryStatus.PENDING, last_error=reason,
                not_before=None if reason else deferred))
    if not rows:
        return
    async with db.transaction():
        await Delivery.bulk_create(rows, ignore_conflicts=True)
        if any(r.status is DeliveryStatus.PENDING for r in rows) and deferred is None:
            jobs.enqueue_after_commit(SEND_JOB, str(actor.tenant_id), job_id=f"{SEND_JOB}:{note.id}")


async def send_due(actor: Actor, *, limit: int = 100, concurrency: int = 8) -> int:
    """Send up to `limit` due pending deliveries, `concurrency` at a time, with no transaction open.
    Returns how many this call attempted: a row two senders race for is claimed, and sent, once."""
    now = clock.now()
    due = await Delivery.of(actor).filter(_due(now), status=DeliveryStatus.PENDING).order_by("created_at").limit(limit)
    if not due:
        return 0
    notes = {n.id: n for n in await Notification.of(actor).filter(id__in={d.notification_id for d in due})}
    people = {e.id: e for e in await Employee.of(actor).filter(id__in={n.recipient_id for n in notes.values()})}
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT) as client:
        channels = {c.name: c for c in build_channels(client)}

        async def one(row: Delivery) -> bool:
            async with gate:
                # Claimed only when its turn comes, so the lease covers one send, not a queue.
                if not await _claim(actor, row):
                    return False
                result = await _attempt(actor, channels[row.channel], row, notes, people)
            await _record(actor, row, result)
            return True

        return sum(await asyncio.gather(*(one(row) for row in due)))


def _due(now: datetime) -> Q:
    return Q(not_before=None) | Q(not_before__lte=now)


async def _claim(actor: Actor, row: Delivery) -> bool:
    """Conditional on the attempts we read: of two senders, only the first update matches. The
    lease (not_before) keeps the row from other senders while this one is sending."""
    now = clock.now()
    won = await Delivery.of(actor).filter(_due(now), id=row.id, status=DeliveryStatus.PENDING, attempts=row.attempts).update(
        attempts=F("attempts") + 1, not_before=now + timedelta(seconds=LEASE_SECONDS))
    if won:
        row.attempts += 1
    return bool(won)


async def _attempt(actor: Actor, channel: Channel, row: Delivery, notes: dict[UUID, Notification],
                   people: dict[UUID, Employee]) -> SendResult:
    note = notes.get(row.notification_id)
    recipient = people.get(note.recipient_id) if note else None
    if note is None or recipient is None:
        return SendResult(SendStatus.FAILED, "the notification or its recipient is gone")
    try:
        return await channel.send(actor, note, recipient, row.target)
    except Exception as err:  # process edge: one broken delivery must not strand the batch's leases
        log.exception("delivery %s failed (tenant %s, channel %s)", row.id, actor.tenant_id, row.channel)
        return SendResult(SendStatus.RETRY, f"error: {err!r}"[:300])


async def _record(actor: Actor, row: Delivery, result: SendResult) -> None:
    """Write the outcome, unless the lease ran out and another sender has claimed the row since."""
    now = clock.now()
    mine = Delivery.of(actor).filter(id=row.id, status=DeliveryStatus.PENDING, attempts=row.attempts)
    if result.status is SendStatus.SENT:
        await mine.update(status=DeliveryStatus.SENT, sent_at=now, not_before=None, last_error=None)
    elif result.status is SendStatus.RETRY and row.attempts < MAX_ATTEMPTS:
        await mine.update(not_before=now + timedelta(seconds=retry_delay(row.attempts, result.retry_after)),
                          last_error=result.detail[:500])
    else:
        await mine.update(status=DeliveryStatus.FAILED, not_before=None, last_error=result.detail[:500] or None)

