"""Factories for the performance domain: rows written directly, so tests of one part (scoring, pools,
detectors) do not depend on another part's use cases."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from backend.access.actor import Actor
from backend.core import clock
from backend.performance.models import (
    CycleKind, Dimension, DimensionSource, Direction, MetricValue, Rating, RaterRelation, ReviewCycle,
    ScorecardTemplate, TemplateAssignment, TemplateVersion, ValueSource,
)


@dataclass
class DimensionSpec:
    code: str
    weight: int
    source: DimensionSource = DimensionSource.METRIC
    metric_code: str | None = None  # defaults to `code` for METRIC / ATTENDANCE
    target: float | None = 100.0
    direction: Direction = Direction.HIGHER
    floor_ratio: float = 0.0
    cap_points: float = 100.0
    extra: dict[str, Any] = field(default_factory=dict)


SALES = [DimensionSpec("results", 40, target=500_000), DimensionSpec("retention", 30, target=90),
         DimensionSpec("mentoring", 20, source=DimensionSource.RATING, target=None),
         DimensionSpec("attendance", 10, source=DimensionSource.ATTENDANCE, metric_code="attendance_rate", target=98)]


@dataclass
class TemplateRows:
    template: ScorecardTemplate
    version: TemplateVersion
    dimensions: list[Dimension]


async def make_cycle(system: Actor, *, starts_on: date = date(2026, 11, 1), ends_on: date = date(2026, 11, 30),
                     kind: CycleKind = CycleKind.MONTHLY, previous: ReviewCycle | None = None,
                     name: str = "November 2026", **values: Any) -> ReviewCycle:
    return await ReviewCycle.create_for(system, name_en=name, name_zh=name, kind=kind, starts_on=starts_on,
                                        ends_on=ends_on, previous_id=previous.id if previous else None, **values)


async def make_template(system: Actor, specs: list[DimensionSpec] | None = None, *, code: str = "sales",
                        department_id: uuid.UUID | None = None, job_title: str | None = None) -> TemplateRows:
    """A template at version 1 with the given dimensions, assigned to a department (or, with neither
    department nor job title, to nobody)."""
    template = await ScorecardTemplate.create_for(system, code=code, name_en=code.title(), name_zh=code)
    version = await TemplateVersion.create_for(system, template_id=template.id, version=1)
    dimensions = []
    for position, spec in enumerate(specs or SALES):
        metric = spec.metric_code or (spec.code if spec.source in (DimensionSource.METRIC, DimensionSource.ATTENDANCE) else None)
        dimensions.append(await Dimension.create_for(
            system, version_id=version.id, position=position, code=spec.code, name_en=spec.code.title(),
            name_zh=spec.code, weight=spec.weight, source=spec.source, metric_code=metric, target=spec.target,
            direction=spec.direction, floor_ratio=spec.floor_ratio, cap_points=spec.cap_points, **spec.extra))
    if department_id is not None or job_title is not None:
        await TemplateAssignment.create_for(system, template_id=template.id, department_id=department_id,
                                            job_title=job_title)
    return TemplateRows(template=template, version=version, dimensions=dimensions)


async def put_value(system: Actor, cycle: ReviewCycle, employee_id: uuid.UUID, metric_code: str, value: float) -> MetricValue:
    return await MetricValue.create_for(system, cycle_id=cycle.id, employee_id=employee_id, metric_code=metric_code,
                                        value=value, source=ValueSource.MANUAL, updated_at=clock.now())


async def put_rating(system: Actor, cycle: ReviewCycle, employee_id: uuid.UUID, rater_id: uuid.UUID, dimension_code: str,
                     score: int, relation: RaterRelation = RaterRelation.MANAGER) -> Rating:
    return await Rating.create_for(system, cycle_id=cycle.id, employee_id=employee_id, rater_id=rater_id,
                                   relation=relation, dimension_code=dimension_code, score=score, updated_at=clock.now())
