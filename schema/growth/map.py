"""GraphQL for growth maps: someone's map (the person, their managers, HR) and a manager's team growth."""
from __future__ import annotations

import strawberry

from backend.growth import maps, team
from schema.context import Info
from schema.core.ids import to_uuid
from schema.growth.map_types import GrowthMap, TeamGrowthMember


@strawberry.type
class MapQuery:
    @strawberry.field(description="A growth map (default: yours); managers for people below them, HR for anyone.")
    async def growth_map(self, info: Info, employee_id: strawberry.ID | None = None) -> GrowthMap:
        view = await maps.growth_map(info.context.actor, employee_id=to_uuid(employee_id, field="employeeId"),
                                     visibility=info.context.visibility)
        return GrowthMap.from_view(view)

    @strawberry.field(description="Managers: everyone below you, records to confirm first, then who is nearest to "
                                  "completing a level, then whose records are stale.")
    async def team_growth(self, info: Info) -> list[TeamGrowthMember]:
        members = await team.team_growth(info.context.actor, visibility=info.context.visibility)
        return [TeamGrowthMember.from_data(m) for m in members]
