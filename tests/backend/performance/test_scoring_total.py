"""The weighted total, completion, ranks, percentiles and change, with exact values including ties."""
from __future__ import annotations

from backend.performance import ranking, scoring
from backend.performance.ranking import Standing
from backend.performance.scoring import Curve, DimensionConfig, Inputs

SALES = [
    DimensionConfig(code="results", weight=40, source=scoring.METRIC, metric_code="results", curve=Curve(500_000, cap_points=120)),
    DimensionConfig(code="retention", weight=30, source=scoring.METRIC, metric_code="retention", curve=Curve(90)),
    DimensionConfig(code="mentoring", weight=20, source=scoring.RATING),
    DimensionConfig(code="attendance", weight=10, source=scoring.ATTENDANCE, curve=Curve(98)),
]


def test_total_is_the_weighted_sum_and_completion_caps_each_dimension_at_its_target():
    # given results 120 % of target (capped at 120 points), retention 81 of 90, mentoring 4, attendance 98
    inputs = Inputs(values={"results": 600_000, "retention": 81, "attendance_rate": 98}, ratings={"mentoring": [("manager", 4)]})
    # when
    scores, total = scoring.score_card(SALES, inputs)
    # then: 40*120 + 30*90 + 20*80 + 10*100 = 10100 / 100
    assert [s.points for s in scores] == [120.0, 90.0, 80.0, 100.0]
    assert [s.weighted for s in scores] == [48.0, 27.0, 16.0, 10.0]
    assert total == scoring.Total(total=101.0, completion=0.93, missing=0)  # (40 + 27 + 16 + 10) / 100


def test_missing_dimensions_count_zero_and_are_counted():
    # given only results at 80 % of target
    scores, total = scoring.score_card(SALES, Inputs(values={"results": 400_000}))
    # then
    assert total == scoring.Total(total=32.0, completion=0.32, missing=3)
    assert [s.missing for s in scores] == [False, True, True, True]


def test_total_rounds_half_up_from_the_rounded_points():
    # given 1/3 of target on a weight-30 dimension: 33.33 points -> 9.999 -> 10.00
    config = [DimensionConfig(code="a", weight=30, source=scoring.METRIC, metric_code="a", curve=Curve(3)),
              DimensionConfig(code="b", weight=70, source=scoring.METRIC, metric_code="b", curve=Curve(200))]
    # when
    _, total = scoring.score_card(config, Inputs(values={"a": 1, "b": 1}))
    # then: 30 * 33.33 / 100 + 70 * 0.5 / 100 = 9.999 + 0.35 = 10.349 -> 10.35
    assert total.total == 10.35


def test_competition_ranking_shares_ties_and_skips_places():
    # when
    ranks = ranking.competition_ranks({"a": 90.0, "b": 85.5, "c": 85.5, "d": 70.0, "e": 95.0})
    # then
    assert ranks == {"e": 1, "a": 2, "b": 3, "c": 3, "d": 5}


def test_percentile_is_100_for_the_best_and_0_for_the_last():
    # then
    assert [ranking.percentile(r, 5) for r in (1, 2, 3, 5)] == [100.0, 75.0, 50.0, 0.0]
    assert ranking.percentile(1, 1) == 100.0
    assert ranking.percentile(2, 4) == 66.67


def test_standings_rank_within_departments_and_the_organisation():
    # given two departments and one person without a department
    people = [("ann", "sales", 90.0), ("bob", "sales", 80.0), ("cat", "sales", 80.0), ("dan", "ops", 85.0),
              ("eve", None, 95.0)]
    # when
    found = ranking.standings(people)
    # then
    assert found["eve"] == Standing(rank_department=None, rank_organization=1, percentile_department=None,
                                    percentile_organization=100.0)
    assert found["ann"] == Standing(1, 2, 100.0, 75.0)
    assert found["bob"] == found["cat"] == Standing(2, 4, 50.0, 25.0)
    assert found["dan"] == Standing(1, 3, 100.0, 50.0)


def test_change_against_the_previous_total():
    # then
    assert scoring.change(81.25, 79.5) == 1.75
    assert scoring.change(70.0, 80.01) == -10.01
    assert scoring.change(70.0, None) is None
