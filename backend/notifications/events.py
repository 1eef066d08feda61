"""Facts the notifications domain records in the outbox. A new inbox row is announced here so that
delivery to phones (Web Push, workplace chat) happens after commit, never inside the transaction."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class NotificationCreated(DomainEvent):
    """A notification entered someone's inbox (emitted once per row, not for a repeated dedupe key)."""

    type: ClassVar[str] = "notifications.created"
    notification_id: str
    recipient_id: str
    kind: str
