"""Splitting a bonus pool to the fen. Pure: the pool's formula, department pools and per-person
amounts; backend.performance.pools reads scorecards and writes the rows.

How a pool is split (documented for HR and auditors):
1. Department pools: pool × (headcount × mean score × weight) / Σ over departments. headcount × mean is
   the department's summed score over everyone scored in it, so contribution counts, not salary.
   Departments default to weight 1.0; people without a department form one group of their own.
2. People: within a department pool, in proportion to multiplier(tier) × score ("tier_amounts") or to
   score alone ("score_share"). People below min_score get 0 and their share goes to the others in their
   department; a department where nobody reaches min_score gets no department pool at all.
3. Both levels are whole fen by the largest-remainder method, so people sum exactly to their department
   pool and departments exactly to the pool. Remainders go to the largest fractional parts; ties go to
   the smaller department key, then the smaller employee number. Arithmetic is exact (fractions).
A person in several tiers (when the tier policy allows it) counts with the largest multiplier.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeVar
from uuid import UUID

from backend.core.errors import ValidationFailed
from backend.performance.models import PersonSplit, TierCode

FIELD = "formula"
NO_TIER = "none"
MULTIPLIER_KEYS = (TierCode.TOP10.value, TierCode.TOP20.value, TierCode.IMPROVED.value, NO_TIER)
DEFAULT_MULTIPLIERS = {"top10": 3.0, "top20": 2.0, "improved": 1.5, "none": 1.0}
_KEYS = ("department_weights", "person_split", "tier_multipliers", "min_score")


@dataclass(frozen=True, slots=True)
class Formula:
    department_weights: Mapping[str, float] = field(default_factory=dict)  # department id → weight ≥ 0
    person_split: PersonSplit = PersonSplit.TIER_AMOUNTS
    tier_multipliers: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_MULTIPLIERS))
    min_score: float = 0.0

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None) -> Formula:
        """A pool's formula JSON; missing keys take the defaults. Raises ValidationFailed (field
        "formula") naming the offending key."""
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            raise ValidationFailed("The formula must be an object.", field=FIELD)
        unknown = sorted(set(raw) - set(_KEYS))
        if unknown:
            raise ValidationFailed(f"Unknown formula setting(s): {', '.join(unknown)}. Known: {', '.join(_KEYS)}.",
                                   field=FIELD)
        split = raw.get("person_split", PersonSplit.TIER_AMOUNTS.value)
        if split not in {s.value for s in PersonSplit}:
            raise ValidationFailed(f"person_split must be tier_amounts or score_share (got {split!r}).", field=FIELD)
        return cls(department_weights=_department_weights(raw.get("department_weights", {})),
                   person_split=PersonSplit(split), tier_multipliers=_multipliers(raw.get("tier_multipliers", {})),
                   min_score=_number("min_score", raw.get("min_score", 0.0), high=1000))

    def as_json(self) -> dict[str, Any]:
        return {"department_weights": dict(sorted(self.department_weights.items())),
                "person_split": self.person_split.value, "tier_multipliers": dict(self.tier_multipliers),
                "min_score": self.min_score}

    def weight_of(self, department_id: UUID | None) -> float:
        return self.department_weights.get(str(department_id), 1.0) if department_id else 1.0

    def multiplier_of(self, tiers: Iterable[TierCode]) -> float:
        if self.person_split == PersonSplit.SCORE_SHARE:
            return 1.0
        return max((self.tier_multipliers[t.value] for t in tiers), default=self.tier_multipliers[NO_TIER])


def _number(key: str, value: Any, *, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationFailed(f"{key} must be a number.", field=FIELD)
    if not 0 <= value <= high:
        raise ValidationFailed(f"{key} must be between 0 and {high:g} (got {value:g}).", field=FIELD)
    return float(value)


def _department_weights(raw: Any) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        raise ValidationFailed("department_weights must map department ids to weights.", field=FIELD)
    weights: dict[str, float] = {}
    for key, value in raw.items():
        try:
            department = str(UUID(str(key)))
        except ValueError:
            raise ValidationFailed(f"department_weights: {key!r} is not a department id.", field=FIELD) from None
        weights[department] = _number(f"department_weights[{key}]", value, high=100)
    return weights


def _multipliers(raw: Any) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        raise ValidationFailed("tier_multipliers must map top10, top20, improved and none to numbers.", field=FIELD)
    unknown = sorted(set(raw) - set(MULTIPLIER_KEYS))
    if unknown:
        raise ValidationFailed(f"tier_multipliers: unknown tier(s) {', '.join(map(str, unknown))}; "
                               f"use {', '.join(MULTIPLIER_KEYS)}.", field=FIELD)
    return {key: _number(f"tier_multipliers.{key}", raw.get(key, DEFAULT_MULTIPLIERS[key]), high=100)
            for key in MULTIPLIER_KEYS}


@dataclass(frozen=True, slots=True)
class Member:
    """One scored person of the cycle."""

    employee_id: UUID
    employee_number: str
    department_id: UUID | None
    score: float
    tiers: frozenset[TierCode] = frozenset()


@dataclass(frozen=True, slots=True)
class DepartmentShare:
    department_id: UUID | None
    headcount: int
    mean_score: float
    weight: float
    amount_minor: int


@dataclass(frozen=True, slots=True)
class Allocation:
    employee_id: UUID
    department_id: UUID | None
    amount_minor: int
    basis: dict[str, Any]  # why: department pool, tier, multiplier, score, share of the department pool


@dataclass(frozen=True, slots=True)
class Split:
    departments: list[DepartmentShare]
    allocations: list[Allocation]


K = TypeVar("K")


def largest_remainder(total: int, weights: Sequence[tuple[K, Fraction]], tie_key: Callable[[K], Any]) -> dict[K, int]:
    """Whole units for each key in proportion to its weight, summing exactly to `total`. Zero weights
    get 0; every weight zero gets all 0 (the caller decides whether that is an error)."""
    whole = sum((w for _, w in weights), Fraction(0))
    if whole == 0:
        return {key: 0 for key, _ in weights}
    exact = {key: total * w / whole for key, w in weights}
    amounts = {key: math.floor(value) for key, value in exact.items()}
    left = total - sum(amounts.values())
    order = sorted((key for key, w in weights if w > 0), key=lambda k: (-(exact[k] - amounts[k]), tie_key(k)))
    for key in order[:left]:
        amounts[key] += 1
    return amounts


def allocate(pool_minor: int, formula: Formula, members: Sequence[Member]) -> Split:
    """The whole split. Raises ValidationFailed (field "formula") when nobody can receive anything."""
    groups: dict[UUID | None, list[Member]] = {}
    for member in members:
        groups.setdefault(member.department_id, []).append(member)
    department_weight: list[tuple[UUID | None, Fraction]] = []
    for department_id, people in groups.items():
        # Nobody there can receive (all below min_score, or multipliers of 0): no department pool.
        anyone = any(_person_weight(formula, m) > 0 for m in people)
        summed = sum((_exact(m.score) for m in people), Fraction(0))
        department_weight.append((department_id, summed * _exact(formula.weight_of(department_id)) if anyone else Fraction(0)))
    department_pools = largest_remainder(pool_minor, department_weight, tie_key=_department_key)
    if sum(department_pools.values()) != pool_minor:
        raise ValidationFailed("Nobody in this cycle can receive a share: check min_score and the department "
                               "weights, or wait until people have scores.", field=FIELD)
    shares = [DepartmentShare(d, len(groups[d]), round(sum(m.score for m in groups[d]) / len(groups[d]), 2),
                              formula.weight_of(d), department_pools[d]) for d in sorted(groups, key=_department_key)]
    allocations: list[Allocation] = []
    for share in shares:
        allocations.extend(_people(formula, share, groups[share.department_id]))
    return Split(departments=shares, allocations=allocations)


def _people(formula: Formula, share: DepartmentShare, people: list[Member]) -> list[Allocation]:
    weights = {m.employee_id: _person_weight(formula, m) for m in people}
    numbers = {m.employee_id: m.employee_number for m in people}
    amounts = largest_remainder(share.amount_minor, list(weights.items()), tie_key=lambda e: numbers[e])
    whole = sum(weights.values(), Fraction(0))
    ordered = sorted(people, key=lambda m: m.employee_number)
    return [Allocation(m.employee_id, m.department_id, amounts[m.employee_id], {
        "department_pool": share.amount_minor, "tier": _best_tier(formula, m),
        "multiplier": formula.multiplier_of(m.tiers), "score": m.score,
        "share": round(float(weights[m.employee_id] / whole), 6) if whole else 0.0,
        "below_min_score": m.score < formula.min_score}) for m in ordered]


def _person_weight(formula: Formula, member: Member) -> Fraction:
    if member.score < formula.min_score or member.score <= 0:
        return Fraction(0)
    return _exact(member.score) * _exact(formula.multiplier_of(member.tiers))


def _best_tier(formula: Formula, member: Member) -> str:
    if not member.tiers:
        return NO_TIER
    rank = {t: i for i, t in enumerate(TierCode)}  # declaration order: top10, top20, improved
    return max(member.tiers, key=lambda t: (formula.tier_multipliers[t.value], -rank[t])).value


def _department_key(department_id: UUID | None) -> str:
    return str(department_id) if department_id else ""


def _exact(value: float) -> Fraction:
    # Via the shortest decimal text: 87.35 counts as 8735/100, not its binary neighbour.
    return Fraction(repr(float(value)))
