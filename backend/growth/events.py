"""Facts the growth domain records in the outbox."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class RecordClaimed(DomainEvent):
    """Someone claimed an evidence record that needs confirming (the confirmer's inbox)."""

    type: ClassVar[str] = "growth.record_claimed"
    record_id: str
    employee_id: str
    kind: str


@dataclass(frozen=True, slots=True)
class RecordVerified(DomainEvent):
    """A record's verification state changed (confirmed, rejected, revoked, disputed, reinstated);
    progress recomputes and the owner is told."""

    type: ClassVar[str] = "growth.record_verified"
    record_id: str
    employee_id: str
    kind: str
    status: str
    by_id: str | None


@dataclass(frozen=True, slots=True)
class LevelReached(DomainEvent):
    """Someone's confirmed evidence met every requirement of a level for the first time (rules:
    "growth level reached"). A promotion is HR's separate decision."""

    type: ClassVar[str] = "growth.level_reached"
    employee_id: str
    track_id: str
    track_code: str
    level_id: str
    level_code: str


@dataclass(frozen=True, slots=True)
class PromotionRecorded(DomainEvent):
    type: ClassVar[str] = "growth.promotion_recorded"
    promotion_id: str
    employee_id: str
    track_code: str
    level_code: str
    effective_on: str
