"""Facts the community domain records in the outbox; the rules engine reacts to them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class PostPinned(DomainEvent):
    """HR pinned a post (first time only: one event per post, keyed), optionally with a reward; rules
    with the trigger "post_pinned" reward its author."""

    type: ClassVar[str] = "community.post_pinned"
    post_id: str
    author_id: str
    pinned_by_id: str | None
    category: str
    points: int
    badge_code: str | None
