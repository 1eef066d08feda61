"""GraphQL for career tracks: reading tracks (everyone), HR's editor (save, preview), putting people on a
track and recording promotions. Resolvers unpack input, call one backend use case, map the result."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from backend.core.errors import NotFound, ValidationFailed
from backend.growth import memberships, preview, promotions, track_queries, tracks
from backend.growth.models import Promotion as PromotionModel
from backend.growth.track_specs import LevelDraft, RequirementDraft, ResourceDraft, TrackDraft
from backend.growth.vocabulary import RequirementRule
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.growth.enums import Aggregate, Comparator, EvidenceKind, ResourceKind
from schema.growth.tracks_types import CareerTrack, TrackLevel, TrackPreview, track_loader
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.input(description="A requirement of a drafted level: a rule over confirmed evidence records.")
class LevelRequirementInput:
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    aggregate: Aggregate = strawberry.field(description="How matching records add up.")
    comparator: Comparator = strawberry.field(description="How the aggregate compares with the target.")
    target: float = strawberry.field(description="The number to reach, 0 or more (months for tenure).")
    id: strawberry.ID | None = strawberry.field(default=None, description="The saved requirement it replaces (keeps its id).")
    how_to_en: str = strawberry.field(default="", description="How to get it, in English.")
    how_to_zh: str = strawberry.field(default="", description="How to get it, in Chinese.")
    evidence_kind: EvidenceKind | None = strawberry.field(default=None, description="The kind of record it counts "
                                                                                    "(leave empty for tenure).")
    conditions: JSON | None = strawberry.field(default=None, description="A condition tree over the record's attributes.")
    measure_field: str | None = strawberry.field(default=None, description="Sum: quantity (default) or a numeric "
                                                                           "attribute; distinct: the attribute to count.")
    window_days: int | None = strawberry.field(default=None, description="Only records of the last N days (1–3660).")


@strawberry.input(description="A learning resource of a drafted level.")
class LearningResourceInput:
    kind: ResourceKind = strawberry.field(description="Internal course, external link or document.")
    title_en: str = strawberry.field(description="Title in English.")
    title_zh: str = strawberry.field(description="Title in Chinese.")
    id: strawberry.ID | None = strawberry.field(default=None, description="The saved resource it replaces (keeps its id).")
    url: str = strawberry.field(default="", description="http(s) address (required for an external link).")
    provider: str = strawberry.field(default="", description="Who offers it.")
    requirement_index: int | None = strawberry.field(default=None, description="Which of the level's requirements "
                                                                              "(0-based) it helps with; null: the level.")


@strawberry.input(description="A drafted level. Levels form one tree from a single entry level.")
class TrackLevelInput:
    code: str = strawberry.field(description="Short code, unique in the track (lowercase letters, digits, - and _).")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    requirements: list[LevelRequirementInput] = strawberry.field(description="Up to 20, in order.")
    resources: list[LearningResourceInput] = strawberry.field(description="Up to 20, in order.")
    id: strawberry.ID | None = strawberry.field(default=None, description="The saved level it replaces (else matched by code).")
    description_en: str = strawberry.field(default="", description="What the level means, in English.")
    description_zh: str = strawberry.field(default="", description="What the level means, in Chinese.")
    previous_code: str | None = strawberry.field(default=None, description="The level it follows; null for the entry level.")
    branch_en: str = strawberry.field(default="", description="The path's name where a branch starts, in English.")
    branch_zh: str = strawberry.field(default="", description="The path's name where a branch starts, in Chinese.")


@strawberry.input(description="A career track as the editor drafts it (id null: a new track).")
class CareerTrackInput:
    code: str = strawberry.field(description="Short code, unique in the organisation.")
    job_family: str = strawberry.field(description="e.g. production, sales, rnd.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    levels: list[TrackLevelInput] = strawberry.field(description="1 to 30 levels.")
    id: strawberry.ID | None = strawberry.field(default=None, description="The track it replaces; null for a new one.")
    description_en: str = strawberry.field(default="", description="Description in English.")
    description_zh: str = strawberry.field(default="", description="Description in Chinese.")
    active: bool = strawberry.field(default=True, description="Offered for new members.")


@strawberry.input(description="People to put on a track, at a level held since a date.")
class AssignCareerTrackInput:
    employee_ids: list[strawberry.ID] = strawberry.field(description="1 to 1,000 active people.")
    track_id: strawberry.ID = strawberry.field(description="An active track.")
    level_code: str | None = strawberry.field(default=None, description="The level they hold (null: not yet the entry "
                                                                       "level; someone already on the track keeps theirs).")
    level_since: date | None = strawberry.field(default=None, description="Since when they hold it (default today).")


@strawberry.input(description="HR's promotion decision.")
class RecordPromotionInput:
    employee_id: strawberry.ID = strawberry.field(description="Who is promoted.")
    to_level_id: strawberry.ID = strawberry.field(description="The level they now hold (its track becomes theirs).")
    effective_on: date = strawberry.field(description="From when.")
    note: str | None = strawberry.field(default=None, description="Why, for the record (up to 2,000 characters).")


def _conditions(value: Any, path: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationFailed("Give the conditions as an object.", field=f"{path}.conditions")
    return value


def _requirement(r: LevelRequirementInput, path: str) -> RequirementDraft:
    rule = RequirementRule(evidence_kind=r.evidence_kind, conditions=_conditions(r.conditions, path),
                           aggregate=r.aggregate, measure_field=r.measure_field, window_days=r.window_days,
                           comparator=r.comparator, target=r.target)
    return RequirementDraft(name_en=r.name_en, name_zh=r.name_zh, rule=rule, how_to_en=r.how_to_en,
                            how_to_zh=r.how_to_zh, id=to_uuid(r.id, field=f"{path}.id"))


def draft_of(t: CareerTrackInput) -> TrackDraft:
    levels = []
    for i, lv in enumerate(t.levels):
        path = f"levels[{i}]"
        levels.append(LevelDraft(
            code=lv.code, name_en=lv.name_en, name_zh=lv.name_zh, previous_code=lv.previous_code,
            description_en=lv.description_en, description_zh=lv.description_zh, branch_en=lv.branch_en,
            branch_zh=lv.branch_zh, id=to_uuid(lv.id, field=f"{path}.id"),
            requirements=tuple(_requirement(r, f"{path}.requirements[{j}]") for j, r in enumerate(lv.requirements)),
            resources=tuple(ResourceDraft(kind=x.kind, title_en=x.title_en, title_zh=x.title_zh, url=x.url,
                                          provider=x.provider, requirement_index=x.requirement_index,
                                          id=to_uuid(x.id, field=f"{path}.resources[{j}].id"))
                            for j, x in enumerate(lv.resources))))
    return TrackDraft(code=t.code, job_family=t.job_family, name_en=t.name_en, name_zh=t.name_zh, levels=tuple(levels),
                      description_en=t.description_en, description_zh=t.description_zh, active=t.active,
                      id=to_uuid(t.id, field="id"))


@strawberry.type(description="A track was saved.")
class CareerTrackSaved:
    track: CareerTrack = strawberry.field(description="The track now.")


@strawberry.type(description="People were put on a track.")
class CareerTrackAssigned:
    track: CareerTrack = strawberry.field(description="The track.")
    assigned: int = strawberry.field(description="How many people.")


@strawberry.type(description="A promotion, HR's decision (never computed, never edited).")
class Promotion:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    effective_on: date = strawberry.field(description="From when.")
    note: str = strawberry.field(description="Why, for the record.")
    model: strawberry.Private[PromotionModel]

    @strawberry.field(description="Who was promoted.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.employee_id)

    @strawberry.field(description="The level they now hold.")
    async def to_level(self, info: Info) -> TrackLevel | None:
        view = await track_loader(info).load(self.model.track_id)
        level = view.level(self.model.to_level_id) if view else None
        return TrackLevel.from_view(level) if level else None

    @classmethod
    def from_model(cls, p: PromotionModel) -> Promotion:
        return cls(id=strawberry.ID(str(p.id)), effective_on=p.effective_on, note=p.note, model=p)


@strawberry.type(description="A promotion was recorded.")
class PromotionRecorded:
    promotion: Promotion = strawberry.field(description="The promotion.")


SaveCareerTrackResult = Annotated[CareerTrackSaved | UserError, strawberry.union("SaveCareerTrackResult")]
AssignCareerTrackResult = Annotated[CareerTrackAssigned | UserError, strawberry.union("AssignCareerTrackResult")]
RecordPromotionResult = Annotated[PromotionRecorded | UserError, strawberry.union("RecordPromotionResult")]


async def _track(info: Info, track_id: Any) -> CareerTrack:
    view = await track_queries.get_track(info.context.actor, track_id)
    if view is None:
        raise NotFound("No such career track.")
    return CareerTrack.from_view(view)


@strawberry.type
class TracksQuery:
    @strawberry.field(description="Career tracks by job family (HR: include inactive ones).")
    async def career_tracks(self, info: Info, include_inactive: bool = False) -> list[CareerTrack]:
        views = await track_queries.list_tracks(info.context.actor, include_inactive=include_inactive)
        return [CareerTrack.from_view(v) for v in views]

    @strawberry.field(description="One career track; null if unknown.")
    async def career_track(self, info: Info, id: strawberry.ID) -> CareerTrack | None:
        view = await track_queries.get_track(info.context.actor, required_uuid(id, field="id"))
        return CareerTrack.from_view(view) if view else None

    @strawberry.field(description="HR: how many current members a drafted track counts as meeting each level; saves nothing.")
    async def preview_career_track(self, info: Info, input: CareerTrackInput) -> TrackPreview:
        return TrackPreview.from_data(await preview.preview_track(info.context.actor, draft_of(input)))


@strawberry.type
class TracksMutation:
    @strawberry.mutation(description="HR: create a career track or replace one (levels matched by id, else by code).")
    async def save_career_track(self, info: Info, input: CareerTrackInput) -> SaveCareerTrackResult:
        async def body() -> CareerTrackSaved:
            saved = await tracks.save_track(info.context.actor, draft_of(input))
            return CareerTrackSaved(track=await _track(info, saved.id))
        return await attempt(body)

    @strawberry.mutation(description="HR: put people on a career track at a level.")
    async def assign_career_track(self, info: Info, input: AssignCareerTrackInput) -> AssignCareerTrackResult:
        async def body() -> CareerTrackAssigned:
            track_id = required_uuid(input.track_id, field="trackId")
            done = await memberships.assign_track(
                info.context.actor, employee_ids=[required_uuid(i, field="employeeIds") for i in input.employee_ids],
                track_id=track_id, level_code=input.level_code, level_since=input.level_since)
            return CareerTrackAssigned(track=await _track(info, track_id), assigned=len(done))
        return await attempt(body)

    @strawberry.mutation(description="HR: record a promotion (audited; on the person's wall as a milestone).")
    async def record_promotion(self, info: Info, input: RecordPromotionInput) -> RecordPromotionResult:
        async def body() -> PromotionRecorded:
            made = await promotions.record_promotion(
                info.context.actor, employee_id=required_uuid(input.employee_id, field="employeeId"),
                to_level_id=required_uuid(input.to_level_id, field="toLevelId"), effective_on=input.effective_on,
                note=input.note or "")
            return PromotionRecorded(promotion=Promotion.from_model(made))
        return await attempt(body)
