"""Recognition queries: values, badges, feedback, the giving budget and the policy."""
from __future__ import annotations

import strawberry

from backend.achievements import badges
from backend.recognition import policy, values
from backend.recognition import queries as recognition
from schema.context import Info
from schema.core.connection import Connection
from schema.recognition.types import Badge, CompanyValue, Feedback, GivingBudget, RecognitionPolicy


@strawberry.type
class RecognitionQuery:
    @strawberry.field(description="Company values recognition can be tied to.")
    async def company_values(self, info: Info, include_inactive: bool = False) -> list[CompanyValue]:
        return [CompanyValue.from_model(v) for v in await values.list_values(info.context.actor, include_inactive=include_inactive)]

    @strawberry.field(description="Badge definitions, highest level first.")
    async def badges(self, info: Info, include_inactive: bool = False) -> list[Badge]:
        return [Badge.from_model(b) for b in await badges.list_badges(info.context.actor, include_inactive=include_inactive)]

    @strawberry.field(description="Feedback you received (or, with given: true, gave), newest first.")
    async def my_feedback(self, info: Info, first: int = 20, after: str | None = None, given: bool = False) -> Connection[Feedback]:
        page = await recognition.list_my_feedback(info.context.actor, first=first, after=after, given=given)
        return Connection.from_page(page, Feedback.from_model)

    @strawberry.field(description="Your giving allowance this month.")
    async def giving_budget(self, info: Info) -> GivingBudget:
        budget = await policy.get_my_budget(info.context.actor)
        return GivingBudget.from_data(budget, await policy.get_policy(info.context.actor))

    @strawberry.field(description="The organisation's allowances and caps.")
    async def recognition_policy(self, info: Info) -> RecognitionPolicy:
        return RecognitionPolicy.from_model(await policy.read_policy(info.context.actor))
