"""Scoring a template's people with numpy, a dimension at a time: what scoring.score_cards gives, as arrays
(a recompute scores 10,000 people × 12 dimensions; a Python tuple per entry cost more than the maths).

Metric and attendance columns are vectorised with the same floating-point operations, in the same order, as
scoring._metric_column, so every number is the same double; an entry near a rounding tie (or huge, or not a
number) is scored by scoring itself. Ratings, 360s and OKRs (per-person objects anyway) are scored by
scoring and converted. Totals add the same products in the same order as score_cards. PURE: no I/O."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backend.performance import scoring
from backend.performance.scoring import NO_DATA, NO_TARGET, Cards, Column, DimensionConfig, Inputs

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Mask = NDArray[np.bool_]
_FAST_BELOW = 1e7  # scoring's: below this a scaled float tells a non-tie from a tie exactly enough
_EXACT = 2 ** 53  # integers up to here are exact doubles
# A reason as a digestible number: 0 none, 1 flagged without one, then the known codes; others (4) are
# spelt out in the card's notes (card_scores).
REASON_CODES: dict[str | None, int] = {None: 1, NO_DATA: 2, NO_TARGET: 3}
OTHER_REASON = 4


@dataclass(slots=True)
class ColumnArrays:
    """One dimension for everyone: scoring.Entry fields as arrays (None as a flag beside a 0)."""

    config: DimensionConfig
    raw: F64  # 0 where raw_none
    raw_none: Mask
    points: F64  # 0 where points_none
    points_none: Mask
    weighted: F64
    progress: F64
    missing: Mask
    reason_code: NDArray[np.uint8]  # REASON_CODES, OTHER_REASON
    reasons: dict[int, str | None]  # every flagged entry and any with a reason, as Column.reasons
    details: dict[int, Mapping[str, Any]]

    def column(self, at: I64) -> Column:
        """These people (positions) as a scoring.Column, in that order."""
        where: dict[int, list[int]] = {}
        for k, p in enumerate(at.tolist()):
            where.setdefault(p, []).append(k)
        raw = [None if n else v for v, n in zip(self.raw[at].tolist(), self.raw_none[at].tolist(), strict=True)]
        points = [None if n else v for v, n in zip(self.points[at].tolist(), self.points_none[at].tolist(), strict=True)]
        entries = list(zip(raw, points, self.weighted[at].tolist(), self.progress[at].tolist(), self.missing[at].tolist(),
                           strict=True))
        return Column(self.config, entries, [], [], {k: r for i, r in self.reasons.items() for k in where.get(i, ())},
                      {k: d for i, d in self.details.items() for k in where.get(i, ())})


@dataclass(slots=True)
class CardMatrix:
    columns: list[ColumnArrays]
    total: F64
    completion: F64
    missing: I64

    def cards(self, people: Sequence[int]) -> Cards:
        """These people (positions) as scoring.Cards, in that order: what the JSON encoder reads."""
        at = np.asarray(people, dtype=np.int64)
        columns = [c.column(at) for c in self.columns]
        totals = [scoring.Total(t, c, m) for t, c, m in zip(self.total[at].tolist(), self.completion[at].tolist(),
                                                           self.missing[at].tolist(), strict=True)]
        return Cards(columns, totals)


def score(configs: Sequence[DimensionConfig], size: int, metrics: Mapping[str, tuple[F64, Mask]],
          others: Mapping[int, Inputs]) -> CardMatrix:
    """Everyone's cards on one template. `metrics`: each metric's values by position and whether the person
    has one; `others`: the ratings and objectives of the positions that have any (everyone else has none)."""
    people: list[Inputs] | None = None
    columns, hundredths, reached = [], [], []
    for config in configs:
        if config.metric is not None:
            found = metrics.get(config.metric)
            values, present = found if found is not None else (np.zeros(size), np.zeros(size, dtype=np.bool_))
            column, h, r = _metric(config, values, present)
        else:
            if people is None:
                nothing = Inputs()
                people = [others.get(i, nothing) for i in range(size)]
            column, h, r = _converted(scoring._column(config, people))
        columns.append(column)
        hundredths.append(h)
        reached.append(r)
    return _finish(columns, hundredths, reached, size)


def from_cards(cards: Cards, size: int) -> CardMatrix:
    """scoring.Cards as arrays (what the vectorised path gives for the same people)."""
    columns = [_converted(c)[0] for c in cards.columns]
    totals = cards.totals or [scoring.Total(0.0, 0.0, 0)] * size  # (a Cards built without totals)
    return CardMatrix(columns, np.array([t.total for t in totals], dtype=np.float64).reshape(size),
                      np.array([t.completion for t in totals], dtype=np.float64).reshape(size),
                      np.array([t.missing for t in totals], dtype=np.int64).reshape(size))


def _finish(columns: list[ColumnArrays], hundredths: list[I64], reached: list[F64], size: int) -> CardMatrix:
    total_hundredths = np.zeros(size, dtype=np.int64)
    total_reached: F64 = np.zeros(size, dtype=np.float64)
    missing = np.zeros(size, dtype=np.int64)
    for column, h, r in zip(columns, hundredths, reached, strict=True):
        weight = column.config.weight
        total_hundredths += weight * h  # exact integers (each below 2**53, checked)
        # Python's sum(map(mul, weights, row)): 0 + the first product, then the next, left to right.
        total_reached = total_reached + weight * r
        missing += column.missing
    total = ((total_hundredths + 50) // 100).astype(np.float64) / 100  # scoring._finish
    completion = round_half_up(total_reached / 100.0, 10_000.0, scoring._round4)
    return CardMatrix(columns, total, completion, missing)


def _half_up(values: F64, scale: float) -> tuple[F64, Mask, Mask]:
    """round2 (scale 100) / _round4 (10,000) in parts: (whole, whether it rounds up, odd). The fast path
    is scoring's. Near a tie scoring rounds the shortest decimal form (repr) half-up; for a positive value
    below _FAST_BELOW that form is the tie itself exactly when the value is the double nearest the tie
    ((2k + 1) / (2 × scale), correctly rounded: no shorter decimal lies within an ulp of it), and otherwise
    lies on the same side of the tie as the value, so it rounds up exactly when value >= that double. Odd:
    huge, not finite, or a negative value near a tie, left to scoring itself."""
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * scale
        whole = np.floor(scaled)
        fraction = scaled - whole
        inside = (values > -_FAST_BELOW) & (values < _FAST_BELOW)
        near = (fraction >= 0.499999) & (fraction <= 0.500001)
        up = np.where(near, values >= (2.0 * whole + 1.0) / (2.0 * scale), fraction > 0.5)
        odd = ~inside | (near & ~(values > 0.0))
    return whole, up, odd


def round_half_up(values: F64, scale: float, exact: Any) -> F64:
    """scoring.round2 (scale 100) or _round4 (10,000) of every value (`exact` is that function, for the
    odd values _half_up leaves to it)."""
    whole, up, odd = _half_up(values, scale)
    result: F64 = (whole + up) / scale
    for i in np.flatnonzero(odd).tolist():
        result[i] = exact(float(values[i]))
    return result


def _metric(config: DimensionConfig, values: F64, present: Mask) -> tuple[ColumnArrays, I64, F64]:
    """scoring._metric_column over arrays (see there for the maths)."""
    size = len(values)
    curve = config.curve
    target, floor_ratio, cap = curve.target, curve.floor_ratio, curve.cap_points
    absent = ~present
    raw = np.where(present, values, 0.0)
    if target is None or target <= 0:
        flagged = np.ones(size, dtype=np.bool_)
        zeros = np.zeros(size, dtype=np.float64)
        column = ColumnArrays(config, raw, absent, zeros, flagged, zeros, zeros, flagged,
                              np.full(size, REASON_CODES[NO_TARGET], dtype=np.uint8), dict.fromkeys(range(size), NO_TARGET), {})
        return column, np.zeros(size, dtype=np.int64), zeros
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        value = np.where(present, values, 1.0)
        ratio = np.where(value <= 0, np.inf, target / value) if curve.direction == scoring.LOWER else value / target
        rounds = ~(ratio < floor_ratio) & present
        capped = np.where(rounds, np.minimum(ratio * 100.0, cap), 0.0)  # NaN stays NaN, as `if capped > cap` leaves it
        whole, up, odd = _half_up(capped, 100.0)
        hundredths = np.where(rounds & ~odd, whole + up, 0.0).astype(np.int64)
        inside = (ratio > 0.0) & (ratio < 1.0) & present
        whole4, up4, odd4 = _half_up(np.where(inside, ratio, 0.5), 10_000.0)
        progress = np.where(inside, (whole4 + up4) / 10_000, np.where((ratio >= 1.0) & present, 1.0, 0.0))
    for i in np.flatnonzero(odd & rounds).tolist():  # as scoring does it, for this one value
        hundredths[i] = _checked(round(scoring.round2(float(capped[i])) * 100))
    for i in np.flatnonzero(odd4 & inside).tolist():
        progress[i] = scoring._round4(float(ratio[i]))
    weighted = ((config.weight * hundredths + 50) // 100).astype(np.float64) / 100
    points = hundredths.astype(np.float64) / 100
    reasons: dict[int, str | None] = dict.fromkeys(np.flatnonzero(absent).tolist(), NO_DATA)
    column = ColumnArrays(config, raw, absent, points, np.zeros(size, dtype=np.bool_), weighted, progress, absent.copy(),
                          np.where(absent, REASON_CODES[NO_DATA], 0).astype(np.uint8), reasons, {})
    return column, hundredths, progress


def _converted(column: Column) -> tuple[ColumnArrays, I64, F64]:
    """A column scoring computed, as arrays."""
    size = len(column.entries)
    raw, points, weighted, progress, missing = (list(c) for c in zip(*column.entries, strict=True)) if size else (
        [], [], [], [], [])
    codes = np.zeros(size, dtype=np.uint8)
    for i, reason in column.reasons.items():
        codes[i] = REASON_CODES.get(reason, OTHER_REASON)
    arrays = ColumnArrays(
        column.config, np.array([0.0 if v is None else v for v in raw], dtype=np.float64),
        np.array([v is None for v in raw], dtype=np.bool_), np.array([0.0 if v is None else v for v in points], dtype=np.float64),
        np.array([v is None for v in points], dtype=np.bool_), np.array(weighted, dtype=np.float64),
        np.array(progress, dtype=np.float64), np.array(missing, dtype=np.bool_), codes, dict(column.reasons),
        dict(column.details))
    hundredths = np.array([_checked(h) for h in column.hundredths], dtype=np.int64).reshape(size)
    return arrays, hundredths, np.array(column.reached, dtype=np.float64).reshape(size)


def _checked(hundredths: int) -> int:
    # Points are capped (template_specs.MAX_CAP), so weight × points in hundredths stays exact; refuse
    # rather than round if that ever stops being true.
    if not -_EXACT < hundredths * 100 < _EXACT:
        raise OverflowError(f"points too large to add exactly: {hundredths / 100}")
    return hundredths
