"""The metric curve, table-tested with exact points: linear to target, floors, caps, lower-is-better,
zero and missing targets, missing values."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.performance import scoring
from backend.performance.models import DimensionSource, Direction
from backend.performance.scoring import Curve, DimensionConfig, Inputs


def _metric(target: float | None, *, direction: str = scoring.HIGHER, floor: float = 0.0, cap: float = 100.0,
            weight: int = 40) -> DimensionConfig:
    return DimensionConfig(code="results", weight=weight, source=scoring.METRIC, metric_code="sales",
                           curve=Curve(target=target, direction=direction, floor_ratio=floor, cap_points=cap))


@pytest.mark.parametrize(("target", "direction", "floor", "cap", "value", "points", "progress"), [
    (500_000, "higher", 0.0, 100.0, 400_000, 80.0, 0.8),       # linear to target
    (500_000, "higher", 0.0, 100.0, 500_000, 100.0, 1.0),      # target met
    (500_000, "higher", 0.0, 100.0, 650_000, 100.0, 1.0),      # capped at 100
    (500_000, "higher", 0.0, 120.0, 650_000, 120.0, 1.0),      # overshoot rewarded up to the cap
    (500_000, "higher", 0.0, 120.0, 550_000, 110.0, 1.0),
    (500_000, "higher", 0.5, 100.0, 249_999, 0.0, 0.5),        # just below the floor: nothing
    (500_000, "higher", 0.5, 100.0, 250_000, 50.0, 0.5),       # at the floor: linear again
    (500_000, "higher", 0.0, 100.0, 0, 0.0, 0.0),
    (500_000, "higher", 0.0, 100.0, -10, 0.0, 0.0),            # a negative value is not negative points
    (3, "higher", 0.0, 100.0, 2, 66.67, 0.6667),              # half-up to 2 dp
    (3, "lower", 0.0, 100.0, 6, 50.0, 0.5),                   # lower is better: target / value
    (3, "lower", 0.0, 100.0, 3, 100.0, 1.0),
    (3, "lower", 0.0, 150.0, 2, 150.0, 1.0),                  # better than target, capped at 150
    (3, "lower", 0.0, 150.0, 0, 150.0, 1.0),                  # zero defects: the cap
    (3, "lower", 0.6, 100.0, 6, 0.0, 0.5),                    # 50 % of target is below a 60 % floor
    (8, "lower", 0.0, 100.0, 3, 100.0, 1.0),
])
def test_metric_curve_points(target, direction, floor, cap, value, points, progress):
    # given
    config = _metric(target, direction=direction, floor=floor, cap=cap)
    # when
    score = scoring.score_dimension(config, Inputs(values={"sales": value}))
    # then
    assert (score.points, score.progress, score.missing, score.raw) == (points, progress, False, value)
    assert score.weighted == scoring.round2(40 * points / 100)


@pytest.mark.parametrize("target", [None, 0, 0.0, -5])
def test_metric_without_a_usable_target_is_not_scored(target):
    # when
    score = scoring.score_dimension(_metric(target), Inputs(values={"sales": 120}))
    # then
    assert (score.points, score.weighted, score.missing, score.reason, score.raw) == (None, 0.0, True, "no_target", 120)


def test_missing_value_scores_zero_and_is_flagged():
    # when
    score = scoring.score_dimension(_metric(100), Inputs(values={"other_metric": 90}))
    # then
    assert (score.points, score.weighted, score.progress, score.missing, score.reason, score.raw) == (
        0.0, 0.0, 0.0, True, "no_data", None)


def test_attendance_reads_attendance_rate_unless_told_otherwise():
    # given
    default = DimensionConfig(code="attendance", weight=10, source=scoring.ATTENDANCE, curve=Curve(target=98))
    named = DimensionConfig(code="attendance", weight=10, source=scoring.ATTENDANCE, metric_code="presence",
                            curve=Curve(target=98))
    inputs = Inputs(values={"attendance_rate": 96.04, "presence": 49})
    # when / then
    assert scoring.score_dimension(default, inputs).points == 98.0
    assert scoring.score_dimension(named, inputs).points == 50.0


def test_round2_rounds_half_up_on_the_decimal_form():
    # then (round() would give 2.67 and 0.12 for these binary floats)
    assert [scoring.round2(v) for v in (2.675, 0.125, 1.005, -1.005, 99.994999)] == [2.68, 0.13, 1.01, -1.01, 99.99]


def test_source_and_direction_constants_mirror_the_model_enums():
    # then: the pure module's strings are exactly the stored enum values
    assert {scoring.METRIC, scoring.RATING, scoring.REVIEW_360, scoring.ATTENDANCE, scoring.OKR} == {
        s.value for s in DimensionSource}
    assert {scoring.HIGHER, scoring.LOWER} == {d.value for d in Direction}


@given(st.one_of(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
                 st.integers(min_value=-10**8, max_value=10**8).map(lambda n: n / 1000),  # exact ties: x.xx5
                 st.integers(min_value=0, max_value=10**6).map(lambda n: n / 100_000)))
def test_fast_rounding_agrees_with_decimal_half_up(value):
    # then: the fast path never disagrees with Decimal on the shortest decimal form
    expected2 = float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    expected4 = float(Decimal(repr(value)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    assert scoring.round2(value) == expected2
    assert scoring._round4(value) == expected4
