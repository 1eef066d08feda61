"""Facts about attendance requests the attendance domain records in the outbox (rules may react to
them; the inbox notifications are written in the same transaction by request_notify)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class AttendanceRequested(DomainEvent):
    """Someone asked for flexible hours, a shift change, a remote day or a correction."""

    type: ClassVar[str] = "attendance.request_submitted"
    request_id: str
    employee_id: str
    kind: str
    approver_id: str | None


@dataclass(frozen=True, slots=True)
class AttendanceRequestDecided(DomainEvent):
    """A request left PENDING (approved, declined, cancelled) or an approved one was revoked."""

    type: ClassVar[str] = "attendance.request_decided"
    request_id: str
    employee_id: str
    kind: str
    status: str
    by_id: str | None
