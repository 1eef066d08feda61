"""Facts the performance domain records in the outbox."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from backend.core.events import DomainEvent


@dataclass(frozen=True, slots=True)
class KeyResultCompleted(DomainEvent):
    """A key result's current value reached its target for the first time (rules: "OKR key result completed")."""

    type: ClassVar[str] = "performance.key_result_completed"
    employee_id: str
    cycle_id: str
    objective_id: str
    key_result_id: str
    title: str


@dataclass(frozen=True, slots=True)
class ScoresRecomputed(DomainEvent):
    """A recompute rewrote the scorecards of `count` people in a cycle."""

    type: ClassVar[str] = "performance.scores_recomputed"
    cycle_id: str
    count: int


@dataclass(frozen=True, slots=True)
class CycleClosed(DomainEvent):
    type: ClassVar[str] = "performance.cycle_closed"
    cycle_id: str


@dataclass(frozen=True, slots=True)
class TierReached(DomainEvent):
    """A closed cycle placed a person in a tier (rules: "scorecard tier reached"; rewards: tier gates)."""

    type: ClassVar[str] = "performance.tier_reached"
    employee_id: str
    cycle_id: str
    tier: str  # top10 | top20 | improved
    total: float


@dataclass(frozen=True, slots=True)
class AnomalyFlagged(DomainEvent):
    type: ClassVar[str] = "performance.anomaly_flagged"
    flag_id: str
    cycle_id: str
    kind: str


@dataclass(frozen=True, slots=True)
class BonusPoolLocked(DomainEvent):
    type: ClassVar[str] = "performance.bonus_pool_locked"
    pool_id: str
    cycle_id: str
    amount_minor: int


@dataclass(frozen=True, slots=True)
class AppealFiled(DomainEvent):
    type: ClassVar[str] = "performance.appeal_filed"
    appeal_id: str
    employee_id: str
    reviewer_id: str | None


@dataclass(frozen=True, slots=True)
class AppealDecided(DomainEvent):
    type: ClassVar[str] = "performance.appeal_decided"
    appeal_id: str
    employee_id: str
    outcome: str  # upheld | rejected
