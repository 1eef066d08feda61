"""Detector thresholds: defaults, partial overrides, and every way a cycle's JSON can be wrong."""
from __future__ import annotations

import pytest

from backend.core.errors import ValidationFailed
from backend.performance.detectors import Thresholds


def test_an_empty_object_means_the_documented_defaults() -> None:
    # when
    parsed = Thresholds.parse({})
    # then
    assert parsed == Thresholds.defaults()
    assert parsed.as_json() == {
        "min_department_size": 5, "dept_mean_z": 1.0, "top_share_ratio": 3.0, "high_score": 85.0,
        "all_high_share": 0.9, "all_high_max_sd": 5.0, "alliance_gap": 20.0, "alliance_excess": 15.0,
        "min_ratings": 5, "lenient_gap": 0.8, "reciprocal_min": 4.5, "reciprocal_gap": 1.0, "jump_points": 25.0,
        "jump_min_history": 2, "pool_min_cv": 0.05, "pool_score_cv": 0.1}


def test_given_keys_override_and_the_rest_keep_defaults() -> None:
    # when
    parsed = Thresholds.parse({"dept_mean_z": 2, "min_ratings": 3.0})
    # then
    assert (parsed.dept_mean_z, parsed.min_ratings, parsed.alliance_gap) == (2.0, 3, 20.0)
    assert isinstance(parsed.min_ratings, int) and isinstance(parsed.dept_mean_z, float)


def test_none_means_defaults() -> None:
    assert Thresholds.parse(None) == Thresholds()


def test_the_stored_json_round_trips() -> None:
    # given
    custom = Thresholds.parse({"jump_points": 30, "pool_min_cv": 0.02})
    # when / then
    assert Thresholds.parse(custom.as_json()) == custom


@pytest.mark.parametrize(("raw", "message"), [
    ({"dept_mean": 1}, "Unknown anomaly threshold: dept_mean."),
    ({"min_ratings": 2.5}, "Anomaly threshold min_ratings must be a whole number."),
    ({"dept_mean_z": "2"}, "Anomaly threshold dept_mean_z must be a number."),
    ({"dept_mean_z": True}, "Anomaly threshold dept_mean_z must be a number."),
    ({"all_high_share": 1.5}, "Anomaly threshold all_high_share must be between 0.5 and 1."),
    ({"jump_points": float("nan")}, "Anomaly threshold jump_points must be between 1 and 200."),
    ([1, 2], "Anomaly thresholds must be an object of named numbers."),
])
def test_a_wrong_value_is_refused_naming_the_key(raw: object, message: str) -> None:
    # when
    with pytest.raises(ValidationFailed) as error:
        Thresholds.parse(raw)  # type: ignore[arg-type]
    # then
    assert (error.value.message, error.value.field) == (message, "anomalyThresholds")
