"""Achievement wall queries and the owner's public/private switch."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.achievements import wall
from schema.achievements.types import Achievement, AchievementWall
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import person_or_self, required_uuid
from schema.core.results import attempt


@strawberry.type(description="The item's visibility was changed.")
class AchievementVisibilitySet:
    achievement: Achievement = strawberry.field(description="The item.")


SetAchievementVisibilityResult = Annotated[AchievementVisibilitySet | UserError, strawberry.union("SetAchievementVisibilityResult")]


@strawberry.type
class AchievementsQuery:
    @strawberry.field(description="A person's achievement wall; yours without employeeId. Without year: the latest 500 items.")
    async def achievement_wall(self, info: Info, employee_id: strawberry.ID | None = None, year: int | None = None) -> AchievementWall:
        target = person_or_self(info.context.actor, employee_id)
        return AchievementWall.from_data(await wall.get_wall(info.context.actor, employee_id=target, year=year))


    @strawberry.field(description="The newest items of a wall (yours without employeeId), for a home card.")
    async def recent_achievements(self, info: Info, employee_id: strawberry.ID | None = None, first: int = 3) -> list[Achievement]:
        target = person_or_self(info.context.actor, employee_id)
        return [Achievement.from_model(a) for a in await wall.list_recent(info.context.actor, employee_id=target, first=first)]


@strawberry.type
class AchievementsMutation:
    @strawberry.mutation(description="Show an item of yours on your public wall, or hide it.")
    async def set_achievement_visibility(self, info: Info, id: strawberry.ID, is_public: bool) -> SetAchievementVisibilityResult:
        async def body() -> AchievementVisibilitySet:
            item = await wall.set_achievement_visibility(info.context.actor, achievement_id=required_uuid(id, field="id"), is_public=is_public)
            return AchievementVisibilitySet(achievement=Achievement.from_model(item))
        return await attempt(body)
