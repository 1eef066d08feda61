"""Manager ratings, 360 aggregates and OKRs as points, table-tested with exact values."""
from __future__ import annotations

import pytest

from backend.performance import scoring
from backend.performance.scoring import DimensionConfig, Inputs, KeyResultInput, ObjectiveInput

RATING = DimensionConfig(code="mentoring", weight=20, source=scoring.RATING)
REVIEW = DimensionConfig(code="teamwork", weight=20, source=scoring.REVIEW_360)
OKR = DimensionConfig(code="delivery", weight=50, source=scoring.OKR)


@pytest.mark.parametrize(("score", "points"), [(1, 20.0), (2, 40.0), (3, 60.0), (4, 80.0), (5, 100.0)])
def test_manager_rating_is_score_times_twenty(score, points):
    # when
    result = scoring.score_dimension(RATING, Inputs(ratings={"mentoring": [("manager", score)]}))
    # then
    assert (result.points, result.raw, result.progress, result.weighted) == (points, float(score), score / 5, points / 5)


def test_rating_dimension_reads_only_managers_and_averages_several():
    # given a self rating (ignored), the direct manager's 4 and the skip-level's 5
    inputs = Inputs(ratings={"mentoring": [("self", 1), ("manager", 4), ("manager", 5)]})
    # when
    result = scoring.score_dimension(RATING, inputs)
    # then
    assert (result.points, result.raw, result.detail) == (90.0, 4.5, {"count": 2})


def test_rating_without_a_manager_rating_is_missing():
    # when
    result = scoring.score_dimension(RATING, Inputs(ratings={"mentoring": [("peer", 5)], "other": [("manager", 5)]}))
    # then
    assert (result.points, result.missing, result.reason) == (0.0, True, "no_data")


def test_360_weights_relation_means_by_the_default_weights():
    # given self 5, peers 4 and 3 (mean 3.5), reports 4, manager 3
    ratings = [("self", 5), ("peer", 4), ("peer", 3), ("report", 4), ("manager", 3)]
    # when
    result = scoring.score_dimension(REVIEW, Inputs(ratings={"teamwork": ratings}))
    # then: (10*5 + 30*3.5 + 20*4 + 40*3) / 100 = 3.55 -> 71 points
    assert (result.raw, result.points, result.progress) == (3.55, 71.0, 0.71)
    assert result.detail == {"relations": {"manager": {"mean": 3.0, "count": 1, "weight": 40},
                                           "peer": {"mean": 3.5, "count": 2, "weight": 30},
                                           "report": {"mean": 4.0, "count": 1, "weight": 20},
                                           "self": {"mean": 5.0, "count": 1, "weight": 10}}}


def test_360_reweights_among_the_relations_present():
    # given only self (10) and manager (40) rated
    result = scoring.score_dimension(REVIEW, Inputs(ratings={"teamwork": [("self", 5), ("manager", 3)]}))
    # then: (10*5 + 40*3) / 50 = 3.4 -> 68
    assert (result.raw, result.points) == (3.4, 68.0)


def test_360_custom_weights_and_zero_weight_relations_ignored():
    # given peers only count, self is weighted 0
    config = DimensionConfig(code="teamwork", weight=20, source=scoring.REVIEW_360, relation_weights={"peer": 1, "self": 0})
    # when
    only_self = scoring.score_dimension(config, Inputs(ratings={"teamwork": [("self", 5)]}))
    with_peer = scoring.score_dimension(config, Inputs(ratings={"teamwork": [("self", 5), ("peer", 2)]}))
    # then
    assert (only_self.points, only_self.missing) == (0.0, True)
    assert (with_peer.points, with_peer.missing) == (40.0, False)


@pytest.mark.parametrize(("start", "current", "target", "progress"), [
    (0, 50, 100, 0.5), (0, 150, 100, 1.0), (0, -5, 100, 0.0), (10, 6, 2, 0.5),  # decreasing KR
    (5, 5, 5, 1.0), (5, 4, 5, 0.0),  # target == start: done once reached
])
def test_key_result_progress(start, current, target, progress):
    # then
    assert scoring.key_result_progress(KeyResultInput(start=start, current=current, target=target)) == progress


def test_okr_points_weight_key_results_then_objectives():
    # given objective A (weight 3): KRs 100 % (w1) and 25 % (w3) -> 43.75 %; objective B (weight 1): 50 %;
    # objective C has no key results and does not count
    objectives = [ObjectiveInput(weight=3, key_results=(KeyResultInput(0, 10, 10, 1), KeyResultInput(0, 1, 4, 3))),
                  ObjectiveInput(weight=1, key_results=(KeyResultInput(0, 5, 10, 1),)),
                  ObjectiveInput(weight=5, key_results=())]
    # when
    result = scoring.score_dimension(OKR, Inputs(objectives=objectives))
    # then: (3 * 0.4375 + 1 * 0.5) / 4 = 0.453125
    assert (result.raw, result.points, result.progress, result.weighted, result.detail) == (
        0.4531, 45.31, 0.4531, 22.66, {"objectives": 2})


def test_okr_without_objectives_is_missing():
    # then
    assert scoring.score_dimension(OKR, Inputs()).missing is True
    assert scoring.score_dimension(OKR, Inputs(objectives=[ObjectiveInput(weight=1, key_results=())])).missing is True
