"""The tracks editor's preview: how many of a track's current members a drafted (unsaved) version of it
would count as meeting each level, from their confirmed records. Writes nothing; a fixed number of
queries for any number of members and levels."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock
from backend.growth.evaluation import LevelSpec, Standing, TrackSpec, evaluate_person
from backend.growth.models import CareerTrack, TrackLevel, TrackMembership
from backend.growth.progress import confirmed_evidence
from backend.growth.requirements import RequirementSpec
from backend.growth.track_specs import TrackDraft, validate_track
from backend.org import calendar
from backend.org.models import EmployeeStatus


@dataclass(frozen=True, slots=True)
class LevelPreview:
    level_id: str  # the saved level's id, or "new:<code>" for a level the draft adds
    code: str
    meeting: int  # members whose confirmed records meet every requirement
    partial: int  # members part of the way (above 0 %, not all met)
    of: int  # members


@dataclass(frozen=True, slots=True)
class TrackPreview:
    levels: list[LevelPreview]  # in map order
    members: int


async def preview_track(actor: Actor, draft: TrackDraft) -> TrackPreview:
    """Requires GROWTH_MANAGE. Raises ValidationFailed (with the input path) and NotFound; a new track
    (no id) has no members yet."""
    require(actor, Permission.GROWTH_MANAGE)
    valid = validate_track(draft)
    existing: dict[str, UUID] = {}
    members: list[tuple[UUID, UUID | None, date | None, date]] = []
    if valid.id is not None:
        track = await CareerTrack.get_for(actor, valid.id, what="career track")
        existing = dict(await TrackLevel.of(actor).filter(track_id=track.id).values_list("code", "id"))
        members = [(e, lv, since, hired) for e, lv, since, hired in await TrackMembership.of(actor).filter(
            track_id=track.id, employee__status=EmployeeStatus.ACTIVE).values_list(
            "employee_id", "current_level_id", "level_since", "employee__hire_date")]
    spec, saved = _spec(valid, existing)
    today = clock.now().astimezone(await calendar.zone(actor)).date()
    records = await confirmed_evidence(actor, [m[0] for m in members])
    meeting = {lv.id: 0 for lv in spec.levels}
    partial = {lv.id: 0 for lv in spec.levels}
    in_draft = {lv.id for lv in spec.levels}
    for employee_id, level_id, since, hired in members:
        # The level they hold counts only if the draft keeps it (a level the draft drops is refused on save).
        standing = Standing(current_level_id=level_id if level_id in in_draft else None, level_since=since,
                            hire_date=hired)
        for result in evaluate_person(spec, records.get(employee_id, {}), standing, today=today):
            if result.met:
                meeting[result.level.id] += 1
            elif result.evidence_percent > 0:
                partial[result.level.id] += 1
    return TrackPreview(members=len(members), levels=[
        LevelPreview(level_id=str(lv.id) if lv.id in saved else f"new:{lv.code}", code=lv.code,
                     meeting=meeting[lv.id], partial=partial[lv.id], of=len(members)) for lv in spec.levels])


def _spec(valid: TrackDraft, existing: dict[str, UUID]) -> tuple[TrackSpec, set[UUID]]:
    """The draft as a TrackSpec, and which of its level ids are saved levels: a level keeps its saved id
    (given, else matched by code) or gets a new one."""
    saved = set(existing.values())
    ids: dict[str, UUID] = {}
    for lv in valid.levels:
        ids[lv.code] = lv.id if lv.id is not None and lv.id in saved else existing.get(lv.code) or uuid.uuid4()
    levels = []
    for position, lv in enumerate(valid.ordered):
        requirements = tuple(RequirementSpec(
            id=r.id or uuid.uuid4(), position=j, kind=r.rule.evidence_kind.value if r.rule.evidence_kind else None,
            conditions=r.rule.conditions, aggregate=r.rule.aggregate, measure_field=r.rule.measure_field,
            window_days=r.rule.window_days, comparator=r.rule.comparator, target=r.rule.target)
            for j, r in enumerate(lv.requirements))
        levels.append(LevelSpec(id=ids[lv.code], code=lv.code, position=position, requirements=requirements,
                                previous_id=ids[lv.previous_code] if lv.previous_code else None))
    track = TrackSpec(id=valid.id or uuid.uuid4(), code=valid.code, levels=tuple(levels))
    return track, {i for i in ids.values() if i in saved}
