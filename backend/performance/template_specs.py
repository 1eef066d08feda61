"""The rules a scorecard template's dimensions obey, checked before a version is written. Pure: no I/O.

Per source (fields that do not apply to a source must stay at their defaults, so a mistake is refused
rather than silently dropped):
- METRIC: a metric code and a target above zero (lower-is-better scores target/value), floor 0..1,
  cap 50..200 points.
- ATTENDANCE: as METRIC; the metric defaults to "attendance_rate" and the target to 98 (%).
- RATING: the manager's 1..5 on a rubric of exactly five levels, each with English and Chinese text.
- REVIEW_360: relation weights over self/peer/report/manager (whole numbers ≥ 0, not all 0;
  default 10/30/20/40); a rubric is optional (a generic one is used when none is given).
- OKR: nothing to configure: the person's key results are the input.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from backend.core.errors import ValidationFailed
from backend.performance.models import DimensionSource, Direction

MAX_DIMENSIONS = 12
CODE = re.compile(r"[a-z0-9_]{1,40}")
RELATIONS = ("self", "peer", "report", "manager")
DEFAULT_RELATION_WEIGHTS = {"self": 10, "peer": 30, "report": 20, "manager": 40}
DEFAULT_ATTENDANCE_METRIC = "attendance_rate"
DEFAULT_ATTENDANCE_TARGET = 98.0
MIN_CAP, MAX_CAP = 50.0, 200.0
METRIC_SOURCES = (DimensionSource.METRIC, DimensionSource.ATTENDANCE)
RUBRIC_SOURCES = (DimensionSource.RATING, DimensionSource.REVIEW_360)
GENERIC_RUBRIC = (
    {"en": "Well below expectations", "zh": "远低于预期"},
    {"en": "Below expectations", "zh": "低于预期"},
    {"en": "Meets expectations", "zh": "符合预期"},
    {"en": "Above expectations", "zh": "高于预期"},
    {"en": "Far above expectations; a model for others", "zh": "远超预期，可作表率"},
)


@dataclass(frozen=True, slots=True)
class DimensionDraft:
    """One dimension as HR submits it; `validate_dimensions` returns it normalised (trimmed texts,
    defaults filled, rubric ordered 1..5 as [{"en", "zh"}])."""

    code: str
    name_en: str
    name_zh: str
    weight: int
    source: DimensionSource
    metric_code: str | None = None
    target: float | None = None
    direction: Direction = Direction.HIGHER
    floor_ratio: float = 0.0
    cap_points: float = 100.0
    unit: str = ""
    rubric: Sequence[Mapping[str, Any]] | None = None  # five levels: {"en", "zh"} and optionally "score" 1..5
    relation_weights: Mapping[str, Any] | None = None

    def row_values(self) -> dict[str, Any]:
        """The Dimension columns (without version and position)."""
        return {"code": self.code, "name_en": self.name_en, "name_zh": self.name_zh, "weight": self.weight,
                "source": self.source, "metric_code": self.metric_code, "target": self.target,
                "direction": self.direction, "floor_ratio": self.floor_ratio, "cap_points": self.cap_points,
                "unit": self.unit, "rubric": [dict(level) for level in self.rubric or ()],
                "relation_weights": dict(self.relation_weights or {})}


def validate_dimensions(drafts: Sequence[DimensionDraft]) -> list[DimensionDraft]:
    """All dimensions checked, in order; raises ValidationFailed naming the field (e.g.
    "dimensions.2.target"), or "dimensions" for the count, duplicate codes and the weight sum."""
    if not 1 <= len(drafts) <= MAX_DIMENSIONS:
        raise ValidationFailed(f"A scorecard has 1 to {MAX_DIMENSIONS} dimensions.", field="dimensions")
    checked = [_dimension(draft, f"dimensions.{i}") for i, draft in enumerate(drafts)]
    codes = [d.code for d in checked]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise ValidationFailed(f"Each dimension needs its own code; repeated: {', '.join(repeated)}.", field="dimensions")
    total = sum(d.weight for d in checked)
    if total != 100:
        raise ValidationFailed(f"Weights add up to {total} %; they must add up to exactly 100 %.", field="dimensions")
    return checked


def weights(dimensions: Sequence[DimensionDraft]) -> dict[str, int]:
    return {d.code: d.weight for d in dimensions}


def _dimension(draft: DimensionDraft, path: str) -> DimensionDraft:
    try:
        source = DimensionSource(draft.source)
    except ValueError:
        raise ValidationFailed("Unknown source.", field=f"{path}.source") from None
    common = replace(draft, source=source, code=_code(draft.code, f"{path}.code"),
                     name_en=_text(draft.name_en, f"{path}.nameEn", 120),
                     name_zh=_text(draft.name_zh, f"{path}.nameZh", 120),
                     weight=_weight(draft.weight, f"{path}.weight"),
                     unit=_text(draft.unit, f"{path}.unit", 20, required=False))
    if source in METRIC_SOURCES:
        return _metric(common, path)
    _at_default(common, path)
    if source == DimensionSource.RATING:
        if common.relation_weights:
            raise ValidationFailed("Only 360 dimensions weigh relations.", field=f"{path}.relationWeights")
        if not common.rubric:
            raise ValidationFailed("A rating needs a rubric of five levels.", field=f"{path}.rubric")
        return replace(common, rubric=_rubric(common.rubric, f"{path}.rubric"), relation_weights={})
    if source == DimensionSource.REVIEW_360:
        rubric = _rubric(common.rubric, f"{path}.rubric") if common.rubric else [dict(level) for level in GENERIC_RUBRIC]
        return replace(common, rubric=rubric, relation_weights=_relation_weights(common.relation_weights, path))
    _no_rubric_or_relations(common, path)  # OKR
    return replace(common, rubric=[], relation_weights={})


def _metric(d: DimensionDraft, path: str) -> DimensionDraft:
    _no_rubric_or_relations(d, path)
    attendance = d.source == DimensionSource.ATTENDANCE
    metric_code = d.metric_code if d.metric_code is not None else (DEFAULT_ATTENDANCE_METRIC if attendance else None)
    if metric_code is None:
        raise ValidationFailed("A metric dimension needs the metric code that feeds it.", field=f"{path}.metricCode")
    target = d.target if d.target is not None else (DEFAULT_ATTENDANCE_TARGET if attendance else None)
    if isinstance(target, bool) or not isinstance(target, int | float) or not math.isfinite(target) or target <= 0:
        raise ValidationFailed("Give a target above zero.", field=f"{path}.target")
    try:
        direction = Direction(d.direction)
    except ValueError:
        raise ValidationFailed("A metric is higher- or lower-is-better.", field=f"{path}.direction") from None
    floor = _number(d.floor_ratio, 0.0, 1.0, f"{path}.floorRatio", "The floor is a share of the target from 0 to 1.")
    cap = _number(d.cap_points, MIN_CAP, MAX_CAP, f"{path}.capPoints",
                  f"The cap is {MIN_CAP:g} to {MAX_CAP:g} points (100 = target met).")
    return replace(d, metric_code=_code(metric_code, f"{path}.metricCode"), target=float(target), direction=direction,
                   floor_ratio=floor, cap_points=cap, unit=d.unit or ("%" if attendance else ""), rubric=[],
                   relation_weights={})


def _at_default(d: DimensionDraft, path: str) -> None:
    """Ratings, 360s and OKRs have no metric, target or curve."""
    if d.metric_code is not None or d.target is not None:
        raise ValidationFailed("Only metric and attendance dimensions have a metric and a target.",
                               field=f"{path}.{'metricCode' if d.metric_code is not None else 'target'}")
    if d.direction != Direction.HIGHER or d.floor_ratio != 0 or d.cap_points != 100:
        raise ValidationFailed("Only metric and attendance dimensions have a direction, floor and cap.",
                               field=f"{path}.source")


def _no_rubric_or_relations(d: DimensionDraft, path: str) -> None:
    if d.rubric:
        raise ValidationFailed("Only rating and 360 dimensions have a rubric.", field=f"{path}.rubric")
    if d.relation_weights:
        raise ValidationFailed("Only 360 dimensions weigh relations.", field=f"{path}.relationWeights")


def _rubric(levels: Sequence[Mapping[str, Any]], field: str) -> list[dict[str, str]]:
    if len(levels) != 5:
        raise ValidationFailed(f"A rubric has exactly five levels (1 to 5); this one has {len(levels)}.", field=field)
    scores = [level.get("score") for level in levels]
    if any(s is not None for s in scores):
        if sorted(s for s in scores if isinstance(s, int) and not isinstance(s, bool)) != [1, 2, 3, 4, 5]:
            raise ValidationFailed("Rubric levels are scored 1, 2, 3, 4 and 5, once each.", field=field)
        levels = sorted(levels, key=lambda level: int(level["score"]))
    return [{"en": _text(level.get("en"), f"{field}.{n}.en", 300), "zh": _text(level.get("zh"), f"{field}.{n}.zh", 300)}
            for n, level in enumerate(levels)]


def _relation_weights(value: Mapping[str, Any] | None, path: str) -> dict[str, int]:
    field = f"{path}.relationWeights"
    if value is None or value == {}:
        return dict(DEFAULT_RELATION_WEIGHTS)
    if not isinstance(value, Mapping):
        raise ValidationFailed("Give relation weights as an object.", field=field)
    unknown = sorted(set(value) - set(RELATIONS))
    if unknown:
        raise ValidationFailed(f"Relations are {', '.join(RELATIONS)}; unknown: {', '.join(map(str, unknown))}.",
                               field=field)
    cleaned = {}
    for relation in RELATIONS:
        if relation in value:
            weight = value[relation]
            if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
                raise ValidationFailed(f"The {relation} weight is a whole number from 0 to 100.", field=field)
            cleaned[relation] = weight
    if sum(cleaned.values()) == 0:
        raise ValidationFailed("At least one relation must count.", field=field)
    return cleaned


def _code(value: Any, field: str) -> str:
    code = value.strip() if isinstance(value, str) else ""
    if not CODE.fullmatch(code):
        raise ValidationFailed("A code is 1 to 40 lowercase letters, digits or underscores.", field=field)
    return code


def _text(value: Any, field: str, max_length: int, *, required: bool = True) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise ValidationFailed("This cannot be blank.", field=field)
    if len(text) > max_length:
        raise ValidationFailed(f"Use at most {max_length} characters.", field=field)
    return text


def _weight(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise ValidationFailed("A weight is a whole percent from 1 to 100.", field=field)
    return value


def _number(value: Any, low: float, high: float, field: str, message: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or not low <= value <= high:
        raise ValidationFailed(message, field=field)
    return float(value)
