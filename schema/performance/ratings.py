"""GraphQL for ratings: manager ratings and 360 reviews, each person's rating tasks, and the ratings a
person received (anonymous where the backend says so)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import strawberry

from backend.performance import ratings
from backend.performance.models import DimensionSource, RaterRelation
from backend.performance.models import Rating as RatingModel
from schema.context import Info
from schema.core import enums as _enums  # noqa: F401  (registers RaterRelation and DimensionSource)
from schema.core.errors import UserError
from schema.core.ids import person_or_self, required_uuid
from schema.core.results import attempt
from schema.performance.template_types import RubricLevel
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.type(description="One rater's 1–5 on one dimension of a person in a cycle.")
class Rating:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    relation: RaterRelation = strawberry.field(description="How the rater stands to the person: self, peer, report, manager.")
    dimension_code: str = strawberry.field(description="The rated dimension.")
    score: int = strawberry.field(description="1 (lowest) to 5 (highest), on the dimension's rubric.")
    comment: str = strawberry.field(description="What the rater wrote (may be empty).")
    updated_at: datetime = strawberry.field(description="When it was last given.")
    employee_id: strawberry.Private[UUID]
    rater_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The person rated.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.employee_id)

    @strawberry.field(description="Who rated; null when anonymous to you (peer and report ratings shown to the "
                                  "person rated).")
    async def rater(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.rater_id)

    @classmethod
    def from_model(cls, r: RatingModel, *, rater_visible: bool = True) -> Rating:
        return cls(id=strawberry.ID(str(r.id)), relation=r.relation, dimension_code=r.dimension_code, score=r.score,
                   comment=r.comment, updated_at=r.updated_at, employee_id=r.employee_id,
                   rater_id=r.rater_id if rater_visible else None)


@strawberry.type(description="A rating you are asked to give in a cycle, with the one you gave so far.")
class RatingTask:
    dimension_code: str = strawberry.field(description="The dimension to rate.")
    dimension_name_en: str = strawberry.field(description="Its name in English.")
    dimension_name_zh: str = strawberry.field(description="Its name in Chinese.")
    source: DimensionSource = strawberry.field(description="RATING (manager rating) or REVIEW_360.")
    rubric: list[RubricLevel] = strawberry.field(description="What 1–5 mean (empty for 360 dimensions without one).")
    relation: RaterRelation = strawberry.field(description="How you stand to the person: self, report or manager.")
    current: Rating | None = strawberry.field(description="Your rating so far; null when not given yet.")
    employee_id: strawberry.Private[UUID]

    @strawberry.field(description="The person to rate.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.employee_id)

    @classmethod
    def from_task(cls, t: ratings.RatingTask) -> RatingTask:
        d = t.dimension
        return cls(dimension_code=d.code, dimension_name_en=d.name_en, dimension_name_zh=d.name_zh, source=d.source,
                   rubric=RubricLevel.levels(list(d.rubric)), relation=t.relation,
                   current=Rating.from_model(t.current) if t.current else None, employee_id=t.employee_id)


@strawberry.input(description="A 1–5 rating of a person on one dimension of their scorecard.")
class RateEmployeeInput:
    cycle_id: strawberry.ID = strawberry.field(description="An open review cycle.")
    employee_id: strawberry.ID = strawberry.field(description="The person rated (yourself for a self-review).")
    dimension_code: str = strawberry.field(description="A RATING or REVIEW_360 dimension on their scorecard.")
    score: int = strawberry.field(description="1 to 5.")
    comment: str = strawberry.field(default="", description="Optional, up to 1,000 characters.")


@strawberry.type(description="A rating was saved (rating again replaces your earlier score).")
class RatingSaved:
    rating: Rating = strawberry.field(description="Your rating now.")


RateEmployeeResult = Annotated[RatingSaved | UserError, strawberry.union("RateEmployeeResult")]


@strawberry.type
class RatingsQuery:
    @strawberry.field(description="What you are asked to rate: your own 360 dimensions, your manager's 360 dimensions, "
                                  "and (managers, HR) the RATING and 360 dimensions of everyone below you.")
    async def rating_tasks(self, info: Info, cycle_id: strawberry.ID) -> list[RatingTask]:
        tasks = await ratings.rating_tasks(info.context.actor, cycle_id=required_uuid(cycle_id, field="cycleId"))
        return [RatingTask.from_task(t) for t in tasks]

    @strawberry.field(description="Ratings a person received in a cycle (yours when employeeId is null). Managers above "
                                  "them and HR see every rating and rater. The person sees peer and report ratings "
                                  "without the rater, and none of a peer or report group with fewer than 3 raters.")
    async def ratings_received(self, info: Info, cycle_id: strawberry.ID,
                               employee_id: strawberry.ID | None = None) -> list[Rating]:
        actor = info.context.actor
        found = await ratings.ratings_received(actor, cycle_id=required_uuid(cycle_id, field="cycleId"),
                                               employee_id=person_or_self(actor, employee_id))
        return [Rating.from_model(r.rating, rater_visible=r.rater_visible) for r in found]


@strawberry.type
class RatingsMutation:
    @strawberry.mutation(description="Rate a person 1–5 on a dimension. The relation follows the reporting line; a "
                                     "manager-rating dimension takes only their managers' or HR's rating.")
    async def rate_employee(self, info: Info, input: RateEmployeeInput) -> RateEmployeeResult:
        async def body() -> RatingSaved:
            saved = await ratings.rate_employee(
                info.context.actor, cycle_id=required_uuid(input.cycle_id, field="cycleId"),
                employee_id=required_uuid(input.employee_id, field="employeeId"), dimension_code=input.dimension_code,
                score=input.score, comment=input.comment)
            return RatingSaved(rating=Rating.from_model(saved))
        return await attempt(body)
