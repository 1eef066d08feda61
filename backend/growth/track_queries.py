"""Reading career tracks: a track with its levels, requirements and resources in a fixed number of
queries for any number of tracks and levels, and the pure TrackSpec the evaluation needs. Reads only;
backend.growth.tracks writes."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.growth.evaluation import LevelSpec, TrackSpec, requirement_spec
from backend.growth.models import CareerTrack, LearningResource, LevelRequirement, TrackLevel

_REQUIREMENT_COLUMNS = ("id", "position", "evidence_kind", "conditions", "aggregate", "measure_field", "window_days",
                        "comparator", "target")


@dataclass(frozen=True, slots=True)
class LevelView:
    level: TrackLevel
    requirements: list[LevelRequirement]  # in position order
    resources: list[LearningResource]  # in position order


@dataclass(frozen=True, slots=True)
class TrackView:
    track: CareerTrack
    levels: list[LevelView]  # in position order (depth first from the entry level)

    def level(self, level_id: UUID | None) -> LevelView | None:
        return next((lv for lv in self.levels if lv.level.id == level_id), None)


async def tracks_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[TrackView | None]:
    """Four queries whatever the number of tracks and levels. Requires GROWTH_CLAIM (every person)."""
    require(actor, Permission.GROWTH_CLAIM)
    tracks = {t.id: t for t in await CareerTrack.of(actor).filter(id__in=list(ids))} if ids else {}
    views = await _views(actor, list(tracks.values()))
    return [views.get(i) for i in ids]


async def list_tracks(actor: Actor, *, include_inactive: bool = False) -> list[TrackView]:
    """Active tracks by job family and name; HR (GROWTH_MANAGE) may include inactive ones (ignored for
    others). Requires GROWTH_CLAIM."""
    require(actor, Permission.GROWTH_CLAIM)
    query = CareerTrack.of(actor)
    if not (include_inactive and has(actor, Permission.GROWTH_MANAGE)):
        query = query.filter(active=True)
    tracks = await query.order_by("job_family", "name_en", "id")
    views = await _views(actor, tracks)
    return [views[t.id] for t in tracks]


async def get_track(actor: Actor, track_id: UUID) -> TrackView | None:
    """One track (inactive too: its members still see their map); None if unknown. Requires GROWTH_CLAIM."""
    found = await tracks_by_ids(actor, [track_id])
    return found[0]


async def _views(actor: Actor, tracks: Sequence[CareerTrack]) -> dict[UUID, TrackView]:
    if not tracks:
        return {}
    levels = await TrackLevel.of(actor).filter(track_id__in=[t.id for t in tracks]).order_by("track_id", "position")
    level_ids = [lv.id for lv in levels]
    requirements: dict[UUID, list[LevelRequirement]] = {}
    resources: dict[UUID, list[LearningResource]] = {}
    if level_ids:
        for r in await LevelRequirement.of(actor).filter(level_id__in=level_ids).order_by("level_id", "position"):
            requirements.setdefault(r.level_id, []).append(r)
        for x in await LearningResource.of(actor).filter(level_id__in=level_ids).order_by("level_id", "position"):
            resources.setdefault(x.level_id, []).append(x)
    by_track: dict[UUID, list[LevelView]] = {}
    for lv in levels:
        by_track.setdefault(lv.track_id, []).append(
            LevelView(level=lv, requirements=requirements.get(lv.id, []), resources=resources.get(lv.id, [])))
    return {t.id: TrackView(track=t, levels=by_track.get(t.id, [])) for t in tracks}


def spec_of(view: TrackView) -> TrackSpec:
    """The pure structure the evaluation walks."""
    return TrackSpec(id=view.track.id, code=view.track.code, levels=tuple(
        LevelSpec(id=lv.level.id, code=lv.level.code, previous_id=lv.level.previous_id, position=lv.level.position,
                  requirements=tuple(requirement_spec([getattr(r, c) for c in _REQUIREMENT_COLUMNS])
                                     for r in lv.requirements))
        for lv in view.levels))


async def specs_by_track(actor: Actor, track_ids: Sequence[UUID]) -> dict[UUID, TrackSpec]:
    """TrackSpecs for the progress job: two set-based reads (values_list, no model instances)."""
    if not track_ids:
        return {}
    levels = await TrackLevel.of(actor).filter(track_id__in=list(track_ids)).order_by("position").values_list(
        "id", "track_id", "code", "previous_id", "position")
    level_ids = [row[0] for row in levels]
    requirements: dict[UUID, list[tuple[object, ...]]] = {}
    if level_ids:
        for row in await LevelRequirement.of(actor).filter(level_id__in=level_ids).order_by("position").values_list(
                "level_id", *_REQUIREMENT_COLUMNS):
            requirements.setdefault(row[0], []).append(row[1:])
    codes = dict(await CareerTrack.of(actor).filter(id__in=list(track_ids)).values_list("id", "code"))
    specs: dict[UUID, list[LevelSpec]] = {}
    for i, track_id, code, previous_id, position in levels:
        specs.setdefault(track_id, []).append(LevelSpec(
            id=i, code=code, previous_id=previous_id, position=position,
            requirements=tuple(requirement_spec(r) for r in requirements.get(i, []))))
    return {t: TrackSpec(id=t, code=str(codes.get(t, "")), levels=tuple(specs.get(t, []))) for t in track_ids}
