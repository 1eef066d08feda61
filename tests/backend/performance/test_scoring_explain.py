"""The curve in words, as the statement prints it."""
from __future__ import annotations

from backend.performance import explain, scoring
from backend.performance.scoring import Curve, DimensionConfig


def test_higher_is_better_curve_with_floor_and_cap():
    # given
    config = DimensionConfig(code="results", weight=40, source=scoring.METRIC, metric_code="results",
                             curve=Curve(target=500_000, floor_ratio=0.5, cap_points=120))
    # when
    text = explain.describe(config, unit="¥")
    # then
    assert text.en == "linear to target 500,000 ¥: value ÷ target × 100, 0 below 50 % of target, capped at 120"
    assert text.zh == "线性至目标 500,000 ¥：实际值 ÷ 目标 × 100，低于目标 50% 计 0 分，最高 120 分"


def test_lower_is_better_curve():
    # given
    config = DimensionConfig(code="defects", weight=20, source=scoring.METRIC, metric_code="defects",
                             curve=Curve(target=2.5, direction=scoring.LOWER))
    # when
    text = explain.describe(config, unit="件")
    # then
    assert text.en == "lower is better, target 2.5 件: target ÷ value × 100 (0 scores the cap), capped at 100"
    assert text.zh == "越低越好，目标 2.5 件：目标 ÷ 实际值 × 100（为 0 得满分），最高 100 分"


def test_other_sources():
    # then
    assert explain.describe(DimensionConfig(code="m", weight=20, source=scoring.RATING)).en == "manager rating × 20 (1 → 20 … 5 → 100)"
    assert explain.describe(DimensionConfig(code="t", weight=20, source=scoring.REVIEW_360)).en == (
        "mean rating per relation × 20, weighted self 10 % · peer 30 % · report 20 % · manager 40 % "
        "(among relations with ratings)")
    assert explain.describe(DimensionConfig(code="o", weight=20, source=scoring.OKR)).zh == "关键结果加权完成度 × 100"
    assert explain.describe(DimensionConfig(code="x", weight=20, source=scoring.METRIC)).en == "no target set: not scored"
