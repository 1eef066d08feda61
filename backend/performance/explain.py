"""How a dimension turns its input into points, in words (English and Chinese) for the statement. PURE;
the wording follows backend.performance.scoring, which is the truth."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backend.performance import scoring
from backend.performance.scoring import DimensionConfig

_RELATIONS_ZH = {scoring.SELF: "自评", scoring.PEER: "同事", scoring.REPORT: "下属", scoring.MANAGER: "经理"}
_RELATION_ORDER = (scoring.SELF, scoring.PEER, scoring.REPORT, scoring.MANAGER)


@dataclass(frozen=True, slots=True)
class CurveText:
    en: str
    zh: str


def number(value: float) -> str:
    """500000 -> "500,000"; 0.955 -> "0.96"; 98.0 -> "98"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{scoring.round2(value):,.2f}".rstrip("0").rstrip(".")


def describe(config: DimensionConfig, unit: str = "") -> CurveText:
    if config.source in (scoring.METRIC, scoring.ATTENDANCE):
        return _curve(config, unit)
    if config.source == scoring.RATING:
        return CurveText(en="manager rating × 20 (1 → 20 … 5 → 100)", zh="经理评分 × 20（1 分 → 20 … 5 分 → 100）")
    if config.source == scoring.REVIEW_360:
        return _review_360(config.relation_weights or scoring.DEFAULT_RELATION_WEIGHTS)
    return CurveText(en="weighted progress of key results × 100", zh="关键结果加权完成度 × 100")


def _curve(config: DimensionConfig, unit: str) -> CurveText:
    curve = config.curve
    if curve.target is None or curve.target <= 0:
        return CurveText(en="no target set: not scored", zh="未设置目标：不计分")
    target = f"{number(curve.target)}{(' ' + unit) if unit else ''}"
    if curve.direction == scoring.LOWER:
        en = [f"lower is better, target {target}: target ÷ value × 100 (0 scores the cap)"]
        zh = [f"越低越好，目标 {target}：目标 ÷ 实际值 × 100（为 0 得满分）"]
    else:
        en = [f"linear to target {target}: value ÷ target × 100"]
        zh = [f"线性至目标 {target}：实际值 ÷ 目标 × 100"]
    if curve.floor_ratio > 0:
        floor = number(curve.floor_ratio * 100)
        en.append(f"0 below {floor} % of target")
        zh.append(f"低于目标 {floor}% 计 0 分")
    en.append(f"capped at {number(curve.cap_points)}")
    zh.append(f"最高 {number(curve.cap_points)} 分")
    return CurveText(en=", ".join(en), zh="，".join(zh))


def _review_360(weights: Mapping[str, int]) -> CurveText:
    named = [r for r in _RELATION_ORDER if weights.get(r, 0) > 0]
    total = sum(weights[r] for r in named) or 1
    en = " · ".join(f"{r} {number(100 * weights[r] / total)} %" for r in named)
    zh = " · ".join(f"{_RELATIONS_ZH[r]} {number(100 * weights[r] / total)}%" for r in named)
    return CurveText(en=f"mean rating per relation × 20, weighted {en} (among relations with ratings)",
                     zh=f"各关系平均分 × 20，权重 {zh}（仅计有评分的关系）")
