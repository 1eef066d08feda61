"""Facts the attendance domain records in the outbox."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class AttendanceStreakReached(DomainEvent):
    """Someone's run of on-time working days reached a milestone (5, 20, 60) for the first time in this
    run (rules: "attendance streak"). Emitted once per run and length (StreakMark is unique)."""

    type: ClassVar[str] = "attendance.streak_reached"
    employee_id: str
    length: int
    started_on: str
    reached_on: str
