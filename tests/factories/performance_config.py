"""Factories for cycles and templates made through the config use cases (validated and audited)."""
from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from backend.access.actor import Actor
from backend.performance import cycles, templates
from backend.performance.models import CycleKind, DimensionSource, ReviewCycle, ScorecardTemplate
from backend.performance.template_specs import DimensionDraft

RUBRIC = [{"en": f"Level {n}", "zh": f"第 {n} 级"} for n in range(1, 6)]


def metric(code: str, weight: int, **values: Any) -> DimensionDraft:
    values.setdefault("metric_code", code)
    values.setdefault("target", 100.0)
    return DimensionDraft(code, code.title(), code, weight, DimensionSource.METRIC, **values)


def rating(code: str, weight: int, **values: Any) -> DimensionDraft:
    values.setdefault("rubric", RUBRIC)
    return DimensionDraft(code, code.title(), code, weight, DimensionSource.RATING, **values)


def drafts(*weights_: int) -> list[DimensionDraft]:
    """Metric dimensions d0, d1, … with these weights."""
    return [metric(f"d{i}", w) for i, w in enumerate(weights_)]


async def month(hr: Actor, year: int = 2026, number: int = 11, **values: Any) -> ReviewCycle:
    starts = date(year, number, 1)
    ends = date(year, number, calendar.monthrange(year, number)[1])
    return await cycles.create_cycle(hr, name_en=f"{year}-{number:02d}", name_zh=f"{year}年{number}月",
                                     kind=CycleKind.MONTHLY, starts_on=starts, ends_on=ends, **values)


async def template(hr: Actor, code: str = "sales", dimensions: list[DimensionDraft] | None = None) -> ScorecardTemplate:
    return await templates.create_template(hr, code=code, name_en=code.title(), name_zh=code,
                                           dimensions=drafts(60, 40) if dimensions is None else dimensions)
