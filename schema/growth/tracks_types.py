"""GraphQL types for career tracks: the track, its levels, requirements and learning resources (built from
backend views, nothing loaded per item), the editor's preview, and the per-request track loader the
map and team views share. Mapping only."""
from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from backend.growth import track_queries
from backend.growth.models import LearningResource as LearningResourceModel
from backend.growth.models import LevelRequirement as LevelRequirementModel
from backend.growth.preview import LevelPreview as LevelPreviewData
from backend.growth.preview import TrackPreview as TrackPreviewData
from backend.growth.track_queries import LevelView, TrackView
from schema.context import Info
from schema.growth.enums import Aggregate, Comparator, EvidenceKind, ResourceKind
from schema.growth.session_types import LearningSession

_ATTRIBUTE = "_growth_track_loader"


def track_loader(info: Info) -> DataLoader[UUID, TrackView | None]:
    """Tracks by id with their levels, requirements and resources: one batch per request."""
    found: DataLoader[UUID, TrackView | None] | None = getattr(info.context, _ATTRIBUTE, None)
    if found is None:
        actor = info.context.actor

        async def load(ids: list[UUID]) -> list[TrackView | None]:
            return await track_queries.tracks_by_ids(actor, ids)

        found = DataLoader(load_fn=load)
        setattr(info.context, _ATTRIBUTE, found)
    return found


def _id(value: UUID | None) -> strawberry.ID | None:
    return strawberry.ID(str(value)) if value is not None else None


@strawberry.type(description="A rule over confirmed evidence records that a level requires, e.g. "
                             "“complete 3 equipment trainings”.")
class LevelRequirement:
    id: strawberry.ID = strawberry.field(description="Stable id (kept when the track is edited).")
    position: int = strawberry.field(description="Order within the level.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    how_to_en: str = strawberry.field(description="How to get it, in English.")
    how_to_zh: str = strawberry.field(description="How to get it, in Chinese.")
    evidence_kind: EvidenceKind | None = strawberry.field(description="The kind of record it counts (null for tenure).")
    conditions: JSON | None = strawberry.field(description="A condition tree over the record's attributes, e.g. "
                                                            '{"field": "category", "op": "eq", "value": "equipment"}.')
    aggregate: Aggregate = strawberry.field(description="How matching records add up.")
    measure_field: str | None = strawberry.field(description="What a sum adds or a distinct counts (quantity = hours).")
    window_days: int | None = strawberry.field(description="Only records of the last N days count (null: ever).")
    comparator: Comparator = strawberry.field(description="How the aggregate compares with the target.")
    target: float = strawberry.field(description="The number to reach (months for tenure).")

    @classmethod
    def from_model(cls, r: LevelRequirementModel) -> LevelRequirement:
        return cls(id=strawberry.ID(str(r.id)), position=r.position, name_en=r.name_en, name_zh=r.name_zh,
                   how_to_en=r.how_to_en, how_to_zh=r.how_to_zh, evidence_kind=r.evidence_kind,
                   conditions=JSON(r.conditions) if r.conditions is not None else None, aggregate=r.aggregate,
                   measure_field=r.measure_field, window_days=r.window_days, comparator=r.comparator, target=r.target)


@strawberry.type(description="Something to learn from on the way to a level: an internal course, a MOOC, a document.")
class LearningResource:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: ResourceKind = strawberry.field(description="Internal course, external link or document.")
    title_en: str = strawberry.field(description="Title in English.")
    title_zh: str = strawberry.field(description="Title in Chinese.")
    url: str = strawberry.field(description="Where to find it (empty for an internal course without a page).")
    provider: str = strawberry.field(description="Who offers it, e.g. 中国大学MOOC.")
    requirement_id: strawberry.ID | None = strawberry.field(description="The requirement it helps with (null: the level).")

    @classmethod
    def from_model(cls, x: LearningResourceModel) -> LearningResource:
        return cls(id=strawberry.ID(str(x.id)), kind=x.kind, title_en=x.title_en, title_zh=x.title_zh, url=x.url,
                   provider=x.provider, requirement_id=_id(x.requirement_id))


@strawberry.type(description="A level of a career track (e.g. 中级工); levels sharing a previous level are a branch.")
class TrackLevel:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    code: str = strawberry.field(description="Short code, unique in the track.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    description_en: str = strawberry.field(description="What the level means, in English.")
    description_zh: str = strawberry.field(description="What the level means, in Chinese.")
    position: int = strawberry.field(description="Order on the map (depth first from the entry level).")
    previous_id: strawberry.ID | None = strawberry.field(description="The level it follows (null for the entry level).")
    branch_en: str = strawberry.field(description="The path's name where a branch starts, in English.")
    branch_zh: str = strawberry.field(description="The path's name where a branch starts, in Chinese.")
    requirements: list[LevelRequirement] = strawberry.field(description="What reaching it takes, in order.")
    resources: list[LearningResource] = strawberry.field(description="Courses and links that help.")
    level_id: strawberry.Private[UUID]

    @strawberry.field(description="Scheduled internal sessions for this level, soonest first.")
    async def upcoming_sessions(self, info: Info) -> list[LearningSession]:
        sessions = await info.context.evidence.upcoming_sessions.load(self.level_id)
        return [LearningSession.from_model(s) for s in sessions]

    @classmethod
    def from_view(cls, v: LevelView) -> TrackLevel:
        lv = v.level
        return cls(id=strawberry.ID(str(lv.id)), code=lv.code, name_en=lv.name_en, name_zh=lv.name_zh,
                   description_en=lv.description_en, description_zh=lv.description_zh, position=lv.position,
                   previous_id=_id(lv.previous_id), branch_en=lv.branch_en, branch_zh=lv.branch_zh,
                   requirements=[LevelRequirement.from_model(r) for r in v.requirements],
                   resources=[LearningResource.from_model(x) for x in v.resources], level_id=lv.id)


@strawberry.type(description="A career track (职业通道) of a job family: ordered levels, possibly branching.")
class CareerTrack:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    code: str = strawberry.field(description="Short code, unique in the organisation.")
    job_family: str = strawberry.field(description="e.g. production, sales, rnd.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    description_en: str = strawberry.field(description="Description in English.")
    description_zh: str = strawberry.field(description="Description in Chinese.")
    active: bool = strawberry.field(description="Offered for new members (inactive tracks keep theirs).")
    levels: list[TrackLevel] = strawberry.field(description="Every level, in map order.")

    @classmethod
    def from_view(cls, v: TrackView) -> CareerTrack:
        t = v.track
        return cls(id=strawberry.ID(str(t.id)), code=t.code, job_family=t.job_family, name_en=t.name_en,
                   name_zh=t.name_zh, description_en=t.description_en, description_zh=t.description_zh,
                   active=t.active, levels=[TrackLevel.from_view(lv) for lv in v.levels])


@strawberry.type(description="How many of the track's current members a drafted level counts as meeting.")
class LevelPreview:
    level_id: strawberry.ID = strawberry.field(description="The saved level's id, or new:<code> for a level the draft adds.")
    code: str = strawberry.field(description="The drafted level's code.")
    meeting: int = strawberry.field(description="Members whose confirmed records meet every requirement.")
    partial: int = strawberry.field(description="Members part of the way (above 0 %, not all met).")
    of: int = strawberry.field(description="Members of the track.")

    @classmethod
    def from_data(cls, p: LevelPreviewData) -> LevelPreview:
        return cls(level_id=strawberry.ID(p.level_id), code=p.code, meeting=p.meeting, partial=p.partial, of=p.of)


@strawberry.type(description="A drafted track against its current members, unsaved.")
class TrackPreview:
    levels: list[LevelPreview] = strawberry.field(description="Per drafted level, in map order.")
    members: int = strawberry.field(description="Current (active) members of the track.")

    @classmethod
    def from_data(cls, p: TrackPreviewData) -> TrackPreview:
        return cls(levels=[LevelPreview.from_data(x) for x in p.levels], members=p.members)
