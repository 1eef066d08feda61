"""Tier policy and placement: which scored people reach 卓越 (top10), 优秀 (top20) and 进步最快
(improved) in a cycle. Pure: no I/O, no clock; backend.performance.tiering reads and writes the rows.

Decisions (documented here because HR will ask):
- Ordering for the top bands is total desc, then completion desc, then employee number asc, so every
  run places the same people. The cut-off is an exact quota: a tie at the cut-off is broken by that
  ordering, never widened, because pool budgets are planned against the quota.
- Counts are floor(n × percent / 100), but at least 1 when the scope has ≥ min_group_size scored
  people and the percent is above 0; a scope with fewer scored people gets no tiers at all.
- "top 20 %" is cumulative: its band is the first floor(n × top20 / 100) people. Unless
  allow_multiple, people already in top10 are left out of it (so by default top20 is ranks 11–20 %).
- "improved" compares the total with the mean of the person's last up to `baseline_cycles` closed
  cycles. Only people with at least one earlier cycle, a baseline ≥ min_baseline (the small-baseline
  guard: 10 → 20 points is noise, not progress) and a gain ≥ min_gain qualify; they are ordered by
  gain desc, total desc, employee number asc; the quota counts everyone scored in the scope.
- Unless allow_multiple a person holds one tier; precedence top10 > top20 > improved, and the next
  eligible person takes the freed place.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from backend.core.errors import ValidationFailed
from backend.performance.models import TierCode

FIELD = "tierPolicy"
SCOPES = ("organization", "department")


@dataclass(frozen=True, slots=True)
class TierPolicy:
    top10_percent: float = 10.0
    top20_percent: float = 20.0
    improved_percent: float = 10.0
    min_baseline: float = 40.0
    min_gain: float = 5.0
    baseline_cycles: int = 3
    min_group_size: int = 5
    scope: str = "organization"
    allow_multiple: bool = False

    @classmethod
    def defaults(cls) -> TierPolicy:
        return cls()

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None) -> TierPolicy:
        """Read a cycle's tier_policy JSON; missing keys take the defaults. Raises ValidationFailed
        (field "tierPolicy") naming the offending key."""
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            raise ValidationFailed("The tier policy must be an object.", field=FIELD)
        unknown = sorted(set(raw) - set(_KEYS))
        if unknown:
            raise ValidationFailed(f"Unknown tier policy setting(s): {', '.join(unknown)}. "
                                   f"Known: {', '.join(_KEYS)}.", field=FIELD)
        base = cls()
        policy = cls(
            top10_percent=_number(raw, "top10_percent", base.top10_percent, 0, 100),
            top20_percent=_number(raw, "top20_percent", base.top20_percent, 0, 100),
            improved_percent=_number(raw, "improved_percent", base.improved_percent, 0, 100),
            min_baseline=_number(raw, "min_baseline", base.min_baseline, 0, 1000),
            min_gain=_number(raw, "min_gain", base.min_gain, 0, 1000),
            baseline_cycles=_whole(raw, "baseline_cycles", base.baseline_cycles, 1, 12),
            min_group_size=_whole(raw, "min_group_size", base.min_group_size, 1, 10_000),
            scope=_scope(raw, base.scope),
            allow_multiple=_flag(raw, "allow_multiple", base.allow_multiple),
        )
        if policy.top20_percent < policy.top10_percent:
            raise ValidationFailed(
                f"top20_percent ({policy.top20_percent:g}) is the cumulative top band and cannot be "
                f"below top10_percent ({policy.top10_percent:g}).", field=FIELD)
        return policy

    def as_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in _KEYS}


_KEYS = ("top10_percent", "top20_percent", "improved_percent", "min_baseline", "min_gain",
         "baseline_cycles", "min_group_size", "scope", "allow_multiple")


def _number(raw: Mapping[str, Any], key: str, default: float, low: float, high: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationFailed(f"{key} must be a number.", field=FIELD)
    if not low <= value <= high:
        raise ValidationFailed(f"{key} must be between {low:g} and {high:g} (got {value:g}).", field=FIELD)
    return float(value)


def _whole(raw: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationFailed(f"{key} must be a whole number.", field=FIELD)
    if not low <= value <= high:
        raise ValidationFailed(f"{key} must be between {low} and {high} (got {value}).", field=FIELD)
    return value


def _scope(raw: Mapping[str, Any], default: str) -> str:
    value = raw.get("scope", default)
    if value not in SCOPES:
        raise ValidationFailed(f"scope must be one of {', '.join(SCOPES)} (got {value!r}).", field=FIELD)
    return str(value)


def _flag(raw: Mapping[str, Any], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ValidationFailed(f"{key} must be true or false.", field=FIELD)
    return value


@dataclass(frozen=True, slots=True)
class Candidate:
    """One scored person. `history` holds the totals of earlier closed cycles, newest first."""

    employee_id: UUID
    employee_number: str
    department_id: UUID | None
    total: float
    completion: float
    history: tuple[float, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Placement:
    employee_id: UUID
    tier: TierCode
    position: int  # 1-based within the tier in its scope
    basis: float  # the total (top bands) or the gain (improved), 2 decimals


def quota(policy: TierPolicy, scored: int, percent: float) -> int:
    """How many people of a scope of `scored` people a band of `percent` takes."""
    if scored < policy.min_group_size or percent <= 0:
        return 0
    return max(1, math.floor(scored * percent / 100))


def baseline(policy: TierPolicy, person: Candidate) -> float | None:
    recent = person.history[: policy.baseline_cycles]
    return sum(recent) / len(recent) if recent else None


def gain(policy: TierPolicy, person: Candidate) -> float | None:
    """The improvement the improved tier ranks by, or None when the person does not qualify."""
    base = baseline(policy, person)
    if base is None or base < policy.min_baseline:
        return None
    delta = round(person.total - base, 2)
    return delta if delta >= policy.min_gain else None


def place(policy: TierPolicy, people: Iterable[Candidate]) -> list[Placement]:
    """Every placement for the cycle, grouped by scope (organisation or department)."""
    placements: list[Placement] = []
    for group in _scopes(policy, people):
        placements.extend(_place_group(policy, group))
    return placements


def _scopes(policy: TierPolicy, people: Iterable[Candidate]) -> list[list[Candidate]]:
    everyone = list(people)
    if policy.scope == "organization":
        return [everyone]
    by_department: dict[str, list[Candidate]] = {}
    for person in everyone:
        by_department.setdefault(str(person.department_id), []).append(person)
    return [by_department[key] for key in sorted(by_department)]


def _by_rank(person: Candidate) -> tuple[float, float, str]:
    return (-person.total, -person.completion, person.employee_number)


def _place_group(policy: TierPolicy, group: Sequence[Candidate]) -> list[Placement]:
    ranked = sorted(group, key=_by_rank)
    n = len(ranked)
    top10 = ranked[: quota(policy, n, policy.top10_percent)]
    band20 = ranked[: quota(policy, n, policy.top20_percent)]
    placed = {p.employee_id for p in top10}
    top20 = band20 if policy.allow_multiple else [p for p in band20 if p.employee_id not in placed]
    placed |= {p.employee_id for p in top20}
    improvers = [(g, p) for p in ranked if (g := gain(policy, p)) is not None
                 and (policy.allow_multiple or p.employee_id not in placed)]
    improvers.sort(key=lambda item: (-item[0], *_by_rank(item[1])))
    improved = improvers[: quota(policy, n, policy.improved_percent)]
    return ([Placement(p.employee_id, TierCode.TOP10, i, round(p.total, 2)) for i, p in enumerate(top10, 1)]
            + [Placement(p.employee_id, TierCode.TOP20, i, round(p.total, 2)) for i, p in enumerate(top20, 1)]
            + [Placement(p.employee_id, TierCode.IMPROVED, i, g) for i, (g, p) in enumerate(improved, 1)])
