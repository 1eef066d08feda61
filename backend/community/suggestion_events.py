"""Facts the suggestion box records in the outbox. None of them carries the submitter: an anonymous
suggestion's author must not surface in the event log either (rule previews replay it)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class SuggestionAnswered(DomainEvent):
    type: ClassVar[str] = "community.suggestion_answered"
    suggestion_id: str
    on_time: bool


@dataclass(frozen=True, slots=True)
class SuggestionImplemented(DomainEvent):
    """A suggestion was adopted and went on the public "you said / we did" board."""

    type: ClassVar[str] = "community.suggestion_implemented"
    suggestion_id: str
    reward_points: int
