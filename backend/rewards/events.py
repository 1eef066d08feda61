"""Facts the reward pool records in the outbox: a redemption asked for, fulfilled, declined or withdrawn."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class RedemptionRequested(DomainEvent):
    """Points are held and stock taken; `approver_id` is None when HR decides (or nobody must: see fulfilled)."""

    type: ClassVar[str] = "rewards.redemption_requested"
    redemption_id: str
    employee_id: str
    item_id: str
    kind: str
    points: int
    approver_id: str | None
    requires_approval: bool


@dataclass(frozen=True, slots=True)
class RedemptionFulfilled(DomainEvent):
    type: ClassVar[str] = "rewards.redemption_fulfilled"
    redemption_id: str
    employee_id: str
    item_id: str
    kind: str
    points: int
    decided_by_id: str | None  # None when the item needs no approval


@dataclass(frozen=True, slots=True)
class RedemptionDeclined(DomainEvent):
    type: ClassVar[str] = "rewards.redemption_declined"
    redemption_id: str
    employee_id: str
    item_id: str
    kind: str
    points: int
    decided_by_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class RedemptionCancelled(DomainEvent):
    type: ClassVar[str] = "rewards.redemption_cancelled"
    redemption_id: str
    employee_id: str
    item_id: str
    kind: str
    points: int
