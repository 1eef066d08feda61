"""GraphQL types and operations for the in-app inbox."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from backend.notifications import service as notifications
from backend.notifications.models import Notification as NotificationModel
from schema.context import Info
from schema.core.connection import Connection
from schema.core.errors import UserError
from schema.core.ids import required_uuid
from schema.core.results import attempt


@strawberry.type(description="One notification in your inbox, in both languages.")
class Notification:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: str = strawberry.field(description="What it is about, e.g. kudos_received, rule_award.")
    title_en: str = strawberry.field(description="Title in English.")
    title_zh: str = strawberry.field(description="Title in Chinese.")
    body_en: str = strawberry.field(description="Text in English (may be empty).")
    body_zh: str = strawberry.field(description="Text in Chinese (may be empty).")
    link: str = strawberry.field(description="The in-app path it opens.")
    read_at: datetime | None = strawberry.field(description="When you read it; null while unread.")
    created_at: datetime = strawberry.field(description="When it arrived.")

    @classmethod
    def from_model(cls, n: NotificationModel) -> Notification:
        return cls(id=strawberry.ID(str(n.id)), kind=n.kind, title_en=n.title_en, title_zh=n.title_zh, body_en=n.body_en,
                   body_zh=n.body_zh, link=n.link, read_at=n.read_at, created_at=n.created_at)


@strawberry.type(description="Notifications were marked read.")
class NotificationsMarkedRead:
    changed: int = strawberry.field(description="How many were unread before.")
    unread_count: int = strawberry.field(description="Unread notifications left.")


MarkNotificationsReadResult = Annotated[NotificationsMarkedRead | UserError, strawberry.union("MarkNotificationsReadResult")]


@strawberry.type
class NotificationsQuery:
    @strawberry.field(description="Your inbox, newest first.")
    async def notifications(self, info: Info, first: int = 20, after: str | None = None, unread_only: bool = False) -> Connection[Notification]:
        page = await notifications.list_inbox(info.context.actor, first=first, after=after, unread_only=unread_only)
        return Connection.from_page(page, Notification.from_model)

    @strawberry.field(description="How many notifications you have not read.")
    async def unread_notification_count(self, info: Info) -> int:
        return await notifications.unread_count(info.context.actor)


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(description="Mark some of your notifications read.")
    async def mark_notifications_read(self, info: Info, ids: list[strawberry.ID]) -> MarkNotificationsReadResult:
        async def body() -> NotificationsMarkedRead:
            changed = await notifications.mark_read(info.context.actor, notification_ids=[required_uuid(i, field="ids") for i in ids])
            return NotificationsMarkedRead(changed=changed, unread_count=await notifications.unread_count(info.context.actor))
        return await attempt(body)

    @strawberry.mutation(description="Mark your whole inbox read.")
    async def mark_all_notifications_read(self, info: Info) -> MarkNotificationsReadResult:
        async def body() -> NotificationsMarkedRead:
            changed = await notifications.mark_all_read(info.context.actor)
            return NotificationsMarkedRead(changed=changed, unread_count=0)
        return await attempt(body)
