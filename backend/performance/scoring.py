"""Scoring maths. PURE: no I/O, no ORM; inputs are plain dataclasses, outputs exact numbers (table-tested).
The recompute job and the statement both use it, so what people read is what produced their score.

Conventions (100 points = the target met):
- METRIC and ATTENDANCE go through a linear curve: ratio = value / target (higher is better) or
  target / value (lower is better; a value of 0 or below is perfect and scores the cap). A ratio below
  `floor_ratio` scores 0; otherwise points = min(ratio × 100, cap_points). A target of 0, below 0 or
  unset cannot be scored (points None, reason "no_target"); a missing value scores 0 and is flagged.
- RATING: the manager's 1..5 × 20, so 1 → 20 … 3 → 60 … 5 → 100. Not (r − 1) / 4 × 100, because that
  makes a rating of 1 worth exactly as much as no rating at all (0) and would hide "rated poorly" behind
  "not rated yet"; and × 20 puts 3 ("meets some expectations") at 60, the familiar pass line. Several
  managers (direct and above) → their mean.
- REVIEW_360: the mean score of each relation present, weighted by `relation_weights` among the relations
  that have ratings (defaults self 10, peer 30, report 20, manager 40), × 20.
- OKR: an objective's progress is its key results' weighted progress, each (current − start) /
  (target − start) clamped to 0..1 (target = start: done when current ≥ target); the dimension is the
  objectives' weighted progress × 100. Objectives without key results do not count.
- total = Σ weight × points / 100 over all dimensions (a missing one counts 0), rounded half-up to 2 dp
  with Decimal (2.675 → 2.68, unlike round()); points and weighted are rounded the same way first.
- completion ("80 % of target") = Σ weight × min(progress, 1) / 100, progress being the share of the
  target reached (0..1), rounded to 4 dp.
Many people are scored a dimension at a time (`score_cards`, entries as plain tuples); one person
(`score_card`, `score_dimension`) goes through the same code as a column of one.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
import math
from decimal import ROUND_HALF_UP, Decimal
from operator import mul
from types import MappingProxyType
from typing import Any

# Mirrors of the model enums' values (backend.performance.models), so this module needs no ORM import;
# a test checks they stay in step.
METRIC, RATING, REVIEW_360, ATTENDANCE, OKR = "metric", "rating", "review_360", "attendance", "okr"
HIGHER, LOWER = "higher", "lower"
SELF, PEER, REPORT, MANAGER = "self", "peer", "report", "manager"
DEFAULT_RELATION_WEIGHTS: Mapping[str, int] = {SELF: 10, PEER: 30, REPORT: 20, MANAGER: 40}
DEFAULT_ATTENDANCE_METRIC = "attendance_rate"
NO_DATA, NO_TARGET = "no_data", "no_target"

_CENT, _TEN_THOUSANDTH = Decimal("0.01"), Decimal("0.0001")
_NO_DETAIL: Mapping[str, Any] = MappingProxyType({})
_FAST_BELOW = 1e7  # below this the scaled float is exact enough to tell a non-tie from a tie
_INF = float("inf")


def _decimal_half_up(value: float, places: Decimal) -> float:
    return float(Decimal(repr(value)).quantize(places, rounding=ROUND_HALF_UP))


def round2(value: float) -> float:
    """Half-up to 2 decimals on the shortest decimal form of the float (what people see: 2.675 -> 2.68,
    unlike round()). The recompute rounds ~250,000 numbers per 10,000 people, so Decimal is used only
    where it can matter: near a tie, or for huge values; n / 100 is the same double as float("x.yz")."""
    if -_FAST_BELOW < value < _FAST_BELOW:
        scaled = value * 100.0
        whole = math.floor(scaled)
        fraction = scaled - whole
        if fraction < 0.499999 or fraction > 0.500001:
            return (whole + (fraction > 0.5)) / 100
    return _decimal_half_up(value, _CENT)


def _round4(value: float) -> float:
    if -_FAST_BELOW < value < _FAST_BELOW:
        scaled = value * 10_000.0
        whole = math.floor(scaled)
        fraction = scaled - whole
        if fraction < 0.499999 or fraction > 0.500001:
            return (whole + (fraction > 0.5)) / 10_000
    return _decimal_half_up(value, _TEN_THOUSANDTH)


@dataclass(frozen=True, slots=True)
class Curve:
    target: float | None
    direction: str = HIGHER
    floor_ratio: float = 0.0
    cap_points: float = 100.0


@dataclass(frozen=True, slots=True)
class DimensionConfig:
    code: str
    weight: int
    source: str
    metric_code: str | None = None
    curve: Curve = Curve(target=None)
    relation_weights: Mapping[str, int] = field(default_factory=dict)
    # The metric feeding a METRIC or ATTENDANCE dimension (attendance defaults to attendance_rate).
    metric: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.source == ATTENDANCE:
            object.__setattr__(self, "metric", self.metric_code or DEFAULT_ATTENDANCE_METRIC)
        elif self.source == METRIC:
            object.__setattr__(self, "metric", self.metric_code)


@dataclass(frozen=True, slots=True)
class KeyResultInput:
    start: float
    current: float
    target: float
    weight: int = 1


@dataclass(frozen=True, slots=True)
class ObjectiveInput:
    weight: int
    key_results: Sequence[KeyResultInput]


@dataclass(slots=True)
class Inputs:
    """Everything one person has in a cycle: metric values by metric code, ratings as (relation, score)
    pairs by dimension code, objectives. Mutable so the recompute's loader can fill it row by row."""

    values: dict[str, float] = field(default_factory=dict)
    ratings: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    objectives: list[ObjectiveInput] = field(default_factory=list)


@dataclass(slots=True)  # not frozen: built 120,000 times per 10,000 people, and frozen init costs 6×
class DimensionScore:
    code: str
    source: str
    weight: int
    raw: float | None  # the value, the mean rating, or the OKR progress (0..1); None = no data
    points: float | None  # None: cannot be scored (reason says why); counts 0 in the total
    weighted: float
    progress: float  # share of the target reached, 0..1
    missing: bool
    reason: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The Scorecard.dimensions entry; other parts read "code", "source", "raw", "points", "missing"."""
        entry: dict[str, Any] = {"code": self.code, "source": self.source, "raw": self.raw, "points": self.points,
                                 "weight": self.weight, "weighted": self.weighted, "missing": self.missing,
                                 "progress": self.progress, "detail": dict(self.detail)}
        if self.reason is not None:
            entry["reason"] = self.reason
        return entry


@dataclass(frozen=True, slots=True)
class Total:
    total: float
    completion: float
    missing: int


# --- the curve -------------------------------------------------------------------------------------


def curve_ratio(curve: Curve, value: float) -> float | None:
    """Share of the target reached (may exceed 1); None when the curve has no usable target."""
    target = curve.target
    if target is None or target <= 0:
        return None
    if curve.direction == LOWER:
        return _INF if value <= 0 else target / value
    return value / target


def curve_points(curve: Curve, value: float) -> float | None:
    """Points for a value on the curve; None when the curve has no usable target (the metric column's maths)."""
    config = DimensionConfig(code="", weight=0, source=METRIC, metric_code="", curve=curve)
    return _metric_column(config, [value]).entries[0][1]


# --- one dimension for many people -----------------------------------------------------------------

# (raw, points, weighted, progress, missing): a DimensionScore without what its column already says.
Entry = tuple[float | None, float | None, float, float, bool]


@dataclass(slots=True)
class Column:
    """One dimension scored for many people, in their order: entries as plain tuples, and the rare reason
    and non-empty detail by position (a DimensionScore per person and dimension cost more than the maths
    in a 10,000-person recompute). For the totals, kept apart: each entry's points × 100, exactly (None
    counts 0), and its share of the target reached, at most 1."""

    config: DimensionConfig
    entries: list[Entry]
    hundredths: list[int]
    reached: list[float]
    reasons: dict[int, str | None] = field(default_factory=dict)  # every missing entry, and any with a reason
    details: dict[int, Mapping[str, Any]] = field(default_factory=dict)

    def score(self, i: int) -> DimensionScore:
        c = self.config
        raw, points, weighted, progress, missing = self.entries[i]
        return DimensionScore(c.code, c.source, c.weight, raw, points, weighted, progress, missing,
                              self.reasons.get(i), self.details.get(i, _NO_DETAIL))

    @classmethod
    def of(cls, config: DimensionConfig, scores: Sequence[DimensionScore]) -> Column:
        column = cls(config, [(s.raw, s.points, s.weighted, s.progress, s.missing) for s in scores],
                     [0 if s.points is None else round(s.points * 100) for s in scores],
                     [min(s.progress, 1.0) for s in scores])
        for i, s in enumerate(scores):
            if s.reason is not None or s.missing:
                column.reasons[i] = s.reason
            if s.detail:
                column.details[i] = s.detail
        return column


def score_dimension(config: DimensionConfig, inputs: Inputs) -> DimensionScore:
    return _column(config, [inputs]).score(0)


def _column(config: DimensionConfig, people: Sequence[Inputs]) -> Column:
    metric = config.metric
    if metric is not None:
        return _metric_column(config, [p.values.get(metric) for p in people])
    source = config.source
    if source == RATING:
        scores = [_rating(config, p.ratings.get(config.code, ())) for p in people]
    elif source == REVIEW_360:
        scores = [_review_360(config, p.ratings.get(config.code, ())) for p in people]
    elif source == OKR:
        scores = [_okr(config, p.objectives) for p in people]
    elif source in (METRIC, ATTENDANCE):  # a metric dimension naming no metric
        scores = [_missing(config, NO_DATA) for _ in people]
    else:
        raise ValueError(f"unknown dimension source {source!r}")
    return Column.of(config, scores)


def _metric_column(config: DimensionConfig, values: Sequence[float | None]) -> Column:
    """METRIC and ATTENDANCE, the hot path of a recompute (12 × 10,000 entries): the curve, round2 and
    _round4 are inlined on purpose (same operations, so the same numbers; ties and huge values take the
    functions themselves)."""
    curve = config.curve
    target, floor_ratio, cap, lower = curve.target, curve.floor_ratio, curve.cap_points, curve.direction == LOWER
    weight = config.weight
    column = Column(config, [], [], [])
    add, add_hundredths, add_reached, reasons = (column.entries.append, column.hundredths.append,
                                                 column.reached.append, column.reasons)
    if target is None or target <= 0:
        for i, value in enumerate(values):
            add((value, None, 0.0, 0.0, True))
            add_hundredths(0)
            add_reached(0.0)
            reasons[i] = NO_TARGET
        return column
    floor, entries = math.floor, column.entries
    for value in values:
        if value is None:
            reasons[len(entries)] = NO_DATA
            add((None, 0.0, 0.0, 0.0, True))
            add_hundredths(0)
            add_reached(0.0)
            continue
        if lower:
            ratio = _INF if value <= 0 else target / value
        else:
            ratio = value / target
        if ratio < floor_ratio:
            points, hundredths = 0.0, 0
        else:
            capped = ratio * 100.0
            if capped > cap:  # min(ratio × 100, cap)
                capped = cap
            near_tie = True  # or huge: then round2 itself decides
            if -_FAST_BELOW < capped < _FAST_BELOW:  # round2(capped), inlined
                scaled = capped * 100.0
                hundredths = floor(scaled)
                fraction = scaled - hundredths
                near_tie = 0.499999 <= fraction <= 0.500001
                hundredths += fraction > 0.5
            if near_tie:
                points = round2(capped)
                hundredths = round(points * 100)
            else:
                points = hundredths / 100
        if 0.0 < ratio < 1.0:
            scaled = ratio * 10_000.0  # _round4, inlined
            whole = floor(scaled)
            fraction = scaled - whole
            progress = (whole + (fraction > 0.5)) / 10_000 if fraction < 0.499999 or fraction > 0.500001 \
                else _round4(ratio)
        else:
            progress = 1.0 if ratio >= 1.0 else 0.0
        # points carry 2 decimals, so weight × points is a whole number of hundredths: exact integer maths.
        add((value, points, (weight * hundredths + 50) // 100 / 100, progress, False))
        add_hundredths(hundredths)
        add_reached(progress)
    return column


def _scored(config: DimensionConfig, raw: float | None, points: float, progress: float,
            detail: Mapping[str, Any] = _NO_DETAIL) -> DimensionScore:
    # points carry 2 decimals, so weight × points is a whole number of hundredths: exact integer maths.
    weight = config.weight
    return DimensionScore(config.code, config.source, weight, raw, points, (weight * round(points * 100) + 50) // 100 / 100,
                          _round4(progress) if 0.0 < progress < 1.0 else (1.0 if progress >= 1.0 else 0.0), False, None,
                          detail)


def _missing(config: DimensionConfig, reason: str, raw: float | None = None) -> DimensionScore:
    return DimensionScore(code=config.code, source=config.source, weight=config.weight, raw=raw,
                          points=0.0 if reason == NO_DATA else None, weighted=0.0, progress=0.0, missing=True,
                          reason=reason, detail=_NO_DETAIL)


def _rating(config: DimensionConfig, ratings: Sequence[tuple[str, int]]) -> DimensionScore:
    scores = [s for relation, s in ratings if relation == MANAGER]
    if not scores:
        return _missing(config, NO_DATA)
    mean = sum(scores) / len(scores)
    return _scored(config, round2(mean), round2(mean * 20.0), mean / 5.0, {"count": len(scores)})


def relation_means(ratings: Iterable[tuple[str, int]]) -> dict[str, tuple[float, int]]:
    """relation -> (mean score, number of ratings)."""
    sums: dict[str, list[int]] = {}
    for relation, score in ratings:
        sums.setdefault(relation, []).append(score)
    return {r: (sum(s) / len(s), len(s)) for r, s in sums.items()}


def _review_360(config: DimensionConfig, ratings: Sequence[tuple[str, int]]) -> DimensionScore:
    weights = config.relation_weights or DEFAULT_RELATION_WEIGHTS
    means = relation_means(ratings)
    counted = {r: (m, n) for r, (m, n) in means.items() if weights.get(r, 0) > 0}
    total_weight = sum(weights[r] for r in counted)
    if total_weight == 0:
        return _missing(config, NO_DATA)
    mean = sum(weights[r] * m for r, (m, _) in counted.items()) / total_weight
    detail = {"relations": {r: {"mean": round2(m), "count": n, "weight": weights[r]} for r, (m, n) in sorted(counted.items())}}
    return _scored(config, round2(mean), round2(mean * 20.0), mean / 5.0, detail)


def key_result_progress(kr: KeyResultInput) -> float:
    if kr.target == kr.start:
        return 1.0 if kr.current >= kr.target else 0.0
    return min(max((kr.current - kr.start) / (kr.target - kr.start), 0.0), 1.0)


def objective_progress(objective: ObjectiveInput) -> float | None:
    """Weighted progress of the key results; None when it has none (or only zero weights)."""
    weight = sum(kr.weight for kr in objective.key_results)
    if weight <= 0:
        return None
    return sum(kr.weight * key_result_progress(kr) for kr in objective.key_results) / weight


def _okr(config: DimensionConfig, objectives: Sequence[ObjectiveInput]) -> DimensionScore:
    progressed = [(o.weight, p) for o in objectives if (p := objective_progress(o)) is not None]
    weight = sum(w for w, _ in progressed)
    if weight <= 0:
        return _missing(config, NO_DATA)
    progress = sum(w * p for w, p in progressed) / weight
    return _scored(config, _round4(progress), round2(progress * 100.0), progress, {"objectives": len(progressed)})


# --- the card --------------------------------------------------------------------------------------


def _finish(hundredths: int, reached: float, missing: int) -> Total:
    # Points carry 2 decimals and are never negative: Σ weight × points in hundredths is an exact integer,
    # and adding 50 before dividing by 100 rounds half-up, exactly as Decimal would.
    return Total(total=(hundredths + 50) // 100 / 100, completion=_round4(reached / 100.0), missing=missing)


def total(scores: Sequence[DimensionScore]) -> Total:
    """One card's total from its scores (score_cards adds the same products, in the same order)."""
    return _finish(sum(s.weight * round(s.points * 100) for s in scores if s.points is not None),
                   sum(s.weight * min(s.progress, 1.0) for s in scores), sum(1 for s in scores if s.missing))


@dataclass(slots=True)
class Cards:
    """Many people's cards on one template: a column per dimension (template order), totals by person."""

    columns: list[Column]
    totals: list[Total]

    def card(self, i: int) -> tuple[list[DimensionScore], Total]:
        return [c.score(i) for c in self.columns], self.totals[i]


def score_cards(configs: Sequence[DimensionConfig], people: Sequence[Inputs]) -> Cards:
    """Every dimension for everyone (in the order given), and each person's total: what score_card gives
    one person, computed a dimension at a time (the same sums, in the same order)."""
    # Every metric value a column needs, read person by person once (map runs the lookups in C).
    metrics = list(dict.fromkeys(c.metric for c in configs if c.metric is not None))
    values = dict(zip(metrics, zip(*[tuple(map(p.values.get, metrics)) for p in people]))) if metrics else {}
    columns = [_column(c, people) if c.metric is None else _metric_column(c, values.get(c.metric, ())) for c in configs]
    if not columns:
        return Cards(columns, [_finish(0, 0.0, 0)] * len(people))
    weights = [c.config.weight for c in columns]
    missing = [0] * len(people)
    for column in columns:
        for i in column.reasons:
            missing[i] += column.entries[i][4]
    hundredths = [sum(map(mul, weights, row)) for row in zip(*[c.hundredths for c in columns])]
    reached = [sum(map(mul, weights, row)) for row in zip(*[c.reached for c in columns])]
    return Cards(columns, [_finish(h, r, m) for h, r, m in zip(hundredths, reached, missing, strict=True)])


def score_card(configs: Sequence[DimensionConfig], inputs: Inputs) -> tuple[list[DimensionScore], Total]:
    """Every dimension (in template order) and the total."""
    return score_cards(configs, [inputs]).card(0)


def change(current: float, previous: float | None) -> float | None:
    return None if previous is None else round2(current - previous)
