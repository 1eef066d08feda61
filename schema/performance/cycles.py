"""GraphQL for review cycles: the ReviewCycle type (other performance types embed it), reads for
everyone in the organisation, and HR's create / update / close."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.core.errors import ValidationFailed
from backend.performance import closing, cycles
from backend.performance.models import CycleKind, CycleStatus
from backend.performance.models import ReviewCycle as ReviewCycleModel
from schema.context import Info
from schema.core import enums as _enums  # noqa: F401  (registers CycleKind and CycleStatus)
from schema.core.errors import UserError
from schema.core.ids import required_uuid
from schema.core.results import attempt


@strawberry.type(description="A review cycle (考核周期): the period scores are computed for, then closed and final.")
class ReviewCycle:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    name_en: str = strawberry.field(description="Name in English, e.g. November 2026.")
    name_zh: str = strawberry.field(description="Name in Chinese, e.g. 2026年11月.")
    kind: CycleKind = strawberry.field(description="Monthly, quarterly or custom dates.")
    starts_on: date = strawberry.field(description="First day (the organisation's calendar).")
    ends_on: date = strawberry.field(description="Last day, inclusive.")
    status: CycleStatus = strawberry.field(description="Open (scores move live) or closed (final).")
    previous_id: strawberry.ID | None = strawberry.field(
        description="The latest earlier cycle of the same kind: what change and most-improved compare against.")
    tier_policy: JSON = strawberry.field(description="Tier settings with every key filled (top10_percent, "
                                                     "top20_percent, improved_percent, min_group_size, …).")
    anomaly_thresholds: JSON = strawberry.field(description="Anomaly detector thresholds with every key filled.")
    appeal_days: int = strawberry.field(description="Appeals may be filed until this many days after the last day.")
    closed_at: datetime | None = strawberry.field(description="When HR closed it; null while open.")
    model_id: strawberry.Private[UUID]

    @strawberry.field(description="How many people have a computed scorecard in this cycle.")
    async def scored_count(self, info: Info) -> int:
        return await info.context.performance.scored_count.load(self.model_id)

    @classmethod
    def from_model(cls, c: ReviewCycleModel) -> ReviewCycle:
        return cls(id=strawberry.ID(str(c.id)), name_en=c.name_en, name_zh=c.name_zh, kind=c.kind, starts_on=c.starts_on,
                   ends_on=c.ends_on, status=c.status,
                   previous_id=strawberry.ID(str(c.previous_id)) if c.previous_id else None,
                   tier_policy=JSON(c.tier_policy), anomaly_thresholds=JSON(c.anomaly_thresholds),
                   appeal_days=c.appeal_days, closed_at=c.closed_at, model_id=c.id)


@strawberry.input(description="A review cycle's settings. Monthly cycles span one calendar month, quarterly ones one quarter.")
class ReviewCycleInput:
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    kind: CycleKind = strawberry.field(description="Monthly, quarterly or custom.")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date = strawberry.field(description="Last day, inclusive.")
    tier_policy: JSON | None = strawberry.field(default=None, description="Tier settings to change; null or {} for the defaults.")
    anomaly_thresholds: JSON | None = strawberry.field(
        default=None, description="Detector thresholds to change; null or {} for the defaults.")
    appeal_days: int = strawberry.field(default=5, description="Days after the last day that appeals stay open (0–60).")


@strawberry.type(description="A review cycle was saved (created, edited or closed).")
class ReviewCycleSaved:
    cycle: ReviewCycle = strawberry.field(description="The cycle now.")


SaveReviewCycleResult = Annotated[ReviewCycleSaved | UserError, strawberry.union("SaveReviewCycleResult")]


def _values(input: ReviewCycleInput) -> dict[str, Any]:
    for field, value in (("tierPolicy", input.tier_policy), ("anomalyThresholds", input.anomaly_thresholds)):
        if value is not None and not isinstance(value, dict):
            raise ValidationFailed("Give a JSON object.", field=field)
    return {"name_en": input.name_en, "name_zh": input.name_zh, "kind": input.kind, "starts_on": input.starts_on,
            "ends_on": input.ends_on, "tier_policy": input.tier_policy, "anomaly_thresholds": input.anomaly_thresholds,
            "appeal_days": input.appeal_days}


@strawberry.type
class CyclesQuery:
    @strawberry.field(description="The organisation's review cycles, newest first.")
    async def review_cycles(self, info: Info, status: CycleStatus | None = None) -> list[ReviewCycle]:
        return [ReviewCycle.from_model(c) for c in await cycles.list_cycles(info.context.actor, status=status)]

    @strawberry.field(description="One review cycle.")
    async def review_cycle(self, info: Info, id: strawberry.ID) -> ReviewCycle:
        return ReviewCycle.from_model(await cycles.get_cycle(info.context.actor, required_uuid(id, field="id")))

    @strawberry.field(description="The open cycle containing today (the shortest if several), else the latest open "
                                  "one; null when none is open.")
    async def current_review_cycle(self, info: Info) -> ReviewCycle | None:
        found = await cycles.current_cycle(info.context.actor)
        return ReviewCycle.from_model(found) if found else None


@strawberry.type
class CyclesMutation:
    @strawberry.mutation(description="HR: open a review cycle.")
    async def create_review_cycle(self, info: Info, input: ReviewCycleInput) -> SaveReviewCycleResult:
        async def body() -> ReviewCycleSaved:
            return ReviewCycleSaved(cycle=ReviewCycle.from_model(await cycles.create_cycle(info.context.actor, **_values(input))))
        return await attempt(body)

    @strawberry.mutation(description="HR: change an open cycle's names, dates and policies (every setting is replaced).")
    async def update_review_cycle(self, info: Info, id: strawberry.ID, input: ReviewCycleInput) -> SaveReviewCycleResult:
        async def body() -> ReviewCycleSaved:
            cycle = await cycles.update_cycle(info.context.actor, cycle_id=required_uuid(id, field="id"), **_values(input))
            return ReviewCycleSaved(cycle=ReviewCycle.from_model(cycle))
        return await attempt(body)

    @strawberry.mutation(description="HR: close a cycle: a final recompute, tiers placed, statements final.")
    async def close_review_cycle(self, info: Info, id: strawberry.ID) -> SaveReviewCycleResult:
        async def body() -> ReviewCycleSaved:
            cycle = await closing.close_cycle(info.context.actor, cycle_id=required_uuid(id, field="id"))
            return ReviewCycleSaved(cycle=ReviewCycle.from_model(cycle))
        return await attempt(body)
