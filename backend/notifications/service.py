"""Putting notifications in the in-app inbox, and reading/marking them. The inbox row is the record;
other channels (Web Push, workplace chat) deliver copies after commit."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.core import clock, db, outbox
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.core.pagination import Page, paginate
from backend.notifications.events import NotificationCreated
from backend.notifications.models import Notification


@dataclass(frozen=True, slots=True)
class Message:
    """One notification in both languages; `link` is the in-app path it opens."""

    kind: str
    title_en: str
    title_zh: str
    link: str
    body_en: str = ""
    body_zh: str = ""


async def notify(actor: Actor, *, recipient_id: UUID, message: Message, dedupe_key: str) -> Notification:
    """Idempotent per (recipient, dedupe_key): a retried handler does not notify twice.
    Runs inside the caller's transaction. Emits NotificationCreated for a new row only; delivery to
    phones (backend.notifications.delivery) follows from it after commit."""
    try:
        async with db.transaction():  # a savepoint: a duplicate must not abort the caller's work
            note = await Notification.create_for(
                actor, recipient_id=recipient_id, kind=message.kind, title_en=message.title_en[:200],
                title_zh=message.title_zh[:200], body_en=message.body_en[:500], body_zh=message.body_zh[:500],
                link=message.link, dedupe_key=dedupe_key, created_at=clock.now(),
            )
            await outbox.emit(actor, NotificationCreated(notification_id=str(note.id), recipient_id=str(recipient_id),
                                                         kind=message.kind))
            return note
    except IntegrityError:
        return await Notification.of(actor).get(recipient_id=recipient_id, dedupe_key=dedupe_key)


def _own(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people have an inbox.")
    return actor.employee_id


async def list_inbox(actor: Actor, *, first: int = 20, after: str | None = None, unread_only: bool = False) -> Page[Notification]:
    """The signed-in person's notifications, newest first."""
    query = Notification.of(actor).filter(recipient_id=_own(actor))
    if unread_only:
        query = query.filter(read_at=None)
    return await paginate(query, first=first, after=after, key="created_at", descending=True)


async def unread_count(actor: Actor) -> int:
    return await Notification.of(actor).filter(recipient_id=_own(actor), read_at=None).count()


async def mark_read(actor: Actor, *, notification_ids: list[UUID]) -> int:
    """Marks the person's own notifications read; someone else's ids are simply not found.
    Returns how many changed. Raises NotFound when none of the ids is the person's."""
    if not notification_ids or len(notification_ids) > 200:
        raise ValidationFailed("Give between 1 and 200 notifications.", field="ids")
    mine = Notification.of(actor).filter(recipient_id=_own(actor), id__in=notification_ids)
    if not await mine.exists():
        raise NotFound("No such notification.")
    return await mine.filter(read_at=None).update(read_at=clock.now())


async def mark_all_read(actor: Actor) -> int:
    return await Notification.of(actor).filter(recipient_id=_own(actor), read_at=None).update(read_at=clock.now())
