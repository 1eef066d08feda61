"""Facts the recognition domain records in the outbox; the rules engine reacts to them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class KudosGiven(DomainEvent):
    type: ClassVar[str] = "recognition.kudos_given"
    kudos_id: str
    giver_id: str
    receiver_id: str
    points: int
    value_code: str | None


@dataclass(frozen=True, slots=True)
class FeedbackGiven(DomainEvent):
    type: ClassVar[str] = "recognition.feedback_given"
    feedback_id: str
    giver_id: str
    receiver_id: str
    kind: str  # "praise" or "coaching"
    value_code: str | None
    dimension: str | None
    is_public: bool


@dataclass(frozen=True, slots=True)
class BadgeGranted(DomainEvent):
    """A person granted a badge. Badges the rules engine awards do not emit this (no rule loops)."""

    type: ClassVar[str] = "recognition.badge_granted"
    achievement_id: str
    badge_id: str
    badge_code: str
    employee_id: str
    granted_by_id: str | None
