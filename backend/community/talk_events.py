"""Facts the tech-sharing talks record in the outbox: growth turns them into evidence (the speaker's
TECH_TALK, each attendee's TRAINING) and the rules engine can reward them ("tech_talk_given",
"tech_talk_attended"). Each is emitted once per talk (and attendee) through its dedupe key."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class TechTalkGiven(DomainEvent):
    """A talk was held; its speaker gave it."""

    type: ClassVar[str] = "community.tech_talk_given"
    talk_id: str
    speaker_id: str
    topic: str
    attendees: int


@dataclass(frozen=True, slots=True)
class TechTalkAttended(DomainEvent):
    """Someone attended a held talk (checked in at the door or marked by the speaker or HR)."""

    type: ClassVar[str] = "community.tech_talk_attended"
    talk_id: str
    employee_id: str
    speaker_id: str
    topic: str
