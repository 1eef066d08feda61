"""GraphQL types for growth maps: a person's map (levels, requirement progress with the records behind it,
the next step) and a manager's team growth rows. Mapping only; the map's data comes whole from
backend.growth.maps, the team rows resolve tracks and people through per-request loaders."""
from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry

from backend.core.errors import NotFound
from backend.growth.maps import GrowthMapView, LevelProgressView, NextStepView, RequirementProgressView
from backend.growth.models import GrowthRecord as GrowthRecordModel
from backend.growth.team import TeamGrowthMember as TeamGrowthMemberData
from schema.context import Info
from schema.growth.enums import RequirementStatus
from schema.growth.record_types import GrowthRecord
from schema.growth.session_types import LearningSession
from schema.growth.tracks_types import CareerTrack, LearningResource, LevelRequirement, TrackLevel, track_loader
from schema.recognition.types import EmployeeRef, load_employee


async def _employee(info: Info, employee_id: UUID) -> EmployeeRef:
    found = await load_employee(info, employee_id)
    if found is None:
        raise NotFound("No such employee.")
    return found


@strawberry.type(description="Where someone stands on one requirement: done, partly (2 of 3) or missing.")
class RequirementProgress:
    requirement: LevelRequirement = strawberry.field(description="The requirement.")
    status: RequirementStatus = strawberry.field(description="Done, partial or missing.")
    current: float = strawberry.field(description="What the confirmed records add up to (months for tenure).")
    target: float = strawberry.field(description="What it takes.")
    records: list[GrowthRecord] = strawberry.field(description="The confirmed records counted.")

    @classmethod
    def from_view(cls, v: RequirementProgressView, records: dict[UUID, GrowthRecordModel]) -> RequirementProgress:
        return cls(requirement=LevelRequirement.from_model(v.requirement), status=v.status, current=v.current,
                   target=v.target, records=[GrowthRecord.from_model(records[i]) for i in v.record_ids if i in records])


@strawberry.type(description="Someone's progress on one level of their track.")
class LevelProgress:
    level: TrackLevel = strawberry.field(description="The level.")
    percent: int = strawberry.field(description="0–100: the mean of the requirements' progress, rounded down; "
                                                "100 only when complete (a level held by promotion is 100).")
    complete: bool = strawberry.field(description="Every requirement met, or held by promotion.")
    is_current: bool = strawberry.field(description="The level they hold now.")
    completed_at: datetime | None = strawberry.field(description="When their records first met it (null for a level "
                                                                 "held by promotion).")
    requirements: list[RequirementProgress] = strawberry.field(description="Per requirement, in order.")

    @classmethod
    def from_view(cls, v: LevelProgressView, records: dict[UUID, GrowthRecordModel]) -> LevelProgress:
        return cls(level=TrackLevel.from_view(v.level), percent=v.percent, complete=v.complete, is_current=v.is_current,
                   completed_at=v.completed_at,
                   requirements=[RequirementProgress.from_view(r, records) for r in v.requirements])


@strawberry.type(description="The next missing step on someone's path and what completes it.")
class NextStep:
    level: TrackLevel = strawberry.field(description="The next level to complete.")
    requirement: LevelRequirement = strawberry.field(description="Its first unmet requirement.")
    remaining: float = strawberry.field(description="How much is still missing (records, hours, months, …).")
    estimated_on: date | None = strawberry.field(description="When it would be met, if it can be estimated.")
    estimate_basis: str | None = strawberry.field(description="tenure (exact), session (an upcoming session completes "
                                                              "it), recent_pace (the last 180 days projected), or null.")
    sessions: list[LearningSession] = strawberry.field(description="Upcoming sessions that count toward it.")
    resources: list[LearningResource] = strawberry.field(description="Resources for it, then for its level.")

    @classmethod
    def from_view(cls, v: NextStepView) -> NextStep:
        return cls(level=TrackLevel.from_view(v.level), requirement=LevelRequirement.from_model(v.requirement),
                   remaining=v.remaining, estimated_on=v.estimated_on, estimate_basis=v.estimate_basis,
                   sessions=[LearningSession.from_model(s) for s in v.sessions],
                   resources=[LearningResource.from_model(x) for x in v.resources])


@strawberry.type(description="Someone's growth map (成长地图): their track, levels filling in, and the next step.")
class GrowthMap:
    track: CareerTrack | None = strawberry.field(description="Their track (null: on no track yet).")
    current_level_id: strawberry.ID | None = strawberry.field(description="The level HR last promoted them to.")
    level_since: date | None = strawberry.field(description="Since when they hold it.")
    levels: list[LevelProgress] = strawberry.field(description="Every level of the track, in map order.")
    next_step: NextStep | None = strawberry.field(description="The next missing step (null: nothing ahead).")
    computed_at: datetime | None = strawberry.field(description="When the progress job last wrote their progress "
                                                                "(the map itself is always current).")
    employee_id: strawberry.Private[UUID]

    @strawberry.field(description="Whose map it is.")
    async def employee(self, info: Info) -> EmployeeRef:
        return await _employee(info, self.employee_id)

    @classmethod
    def from_view(cls, v: GrowthMapView) -> GrowthMap:
        return cls(track=CareerTrack.from_view(v.track) if v.track else None,
                   current_level_id=strawberry.ID(str(v.current_level_id)) if v.current_level_id else None,
                   level_since=v.level_since, levels=[LevelProgress.from_view(lv, v.records) for lv in v.levels],
                   next_step=NextStep.from_view(v.next_step) if v.next_step else None, computed_at=v.computed_at,
                   employee_id=v.employee_id)


@strawberry.type(description="One person in a manager's team growth view.")
class TeamGrowthMember:
    next_level_percent: int = strawberry.field(description="Progress on their next level (0 when none).")
    pending_confirmations: int = strawberry.field(description="Their records awaiting confirmation.")
    stale_since: date | None = strawberry.field(description="The day of their last evidence, when over 180 days ago.")
    data: strawberry.Private[TeamGrowthMemberData]

    @strawberry.field(description="The person.")
    async def employee(self, info: Info) -> EmployeeRef:
        return await _employee(info, self.data.employee_id)

    @strawberry.field(description="Their track (null: on no track).")
    async def track(self, info: Info) -> CareerTrack | None:
        view = await track_loader(info).load(self.data.track_id) if self.data.track_id else None
        return CareerTrack.from_view(view) if view else None

    @strawberry.field(description="The level they hold.")
    async def current_level(self, info: Info) -> TrackLevel | None:
        return await self._level(info, self.data.current_level_id)

    @strawberry.field(description="The next level on their path (the branch they are nearest to completing).")
    async def next_level(self, info: Info) -> TrackLevel | None:
        return await self._level(info, self.data.next_level_id)

    async def _level(self, info: Info, level_id: UUID | None) -> TrackLevel | None:
        if level_id is None or self.data.track_id is None:
            return None
        view = await track_loader(info).load(self.data.track_id)
        level = view.level(level_id) if view else None
        return TrackLevel.from_view(level) if level else None

    @classmethod
    def from_data(cls, m: TeamGrowthMemberData) -> TeamGrowthMember:
        return cls(next_level_percent=m.next_level_percent, pending_confirmations=m.pending_confirmations,
                   stale_since=m.stale_since, data=m)
