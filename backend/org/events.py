"""Facts the org domain records in the outbox."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class EmployeeInvited(DomainEvent):
    type: ClassVar[str] = "org.employee_invited"
    employee_id: str
    hire_date: str


@dataclass(frozen=True, slots=True)
class EmployeeDeactivated(DomainEvent):
    type: ClassVar[str] = "org.employee_deactivated"
    employee_id: str
    left_on: str


@dataclass(frozen=True, slots=True)
class EmployeeJoined(DomainEvent):
    """The invited person accepted and signed in for the first time."""

    type: ClassVar[str] = "org.employee_joined"
    employee_id: str


@dataclass(frozen=True, slots=True)
class BirthdayToday(DomainEvent):
    """Emitted by the daily celebrations cron, once per person and year (outbox dedupe key)."""

    type: ClassVar[str] = "org.birthday"
    employee_id: str
    date: str


@dataclass(frozen=True, slots=True)
class WorkAnniversaryToday(DomainEvent):
    """Emitted by the daily celebrations cron on each full year of service."""

    type: ClassVar[str] = "org.work_anniversary"
    employee_id: str
    date: str
    years: int
