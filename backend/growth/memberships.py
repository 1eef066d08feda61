"""Putting people on a career track (HR, in bulk): which track, which level they hold and since when.
Writes TrackMembership only; a change marks the people for a recompute."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import Conflict, NotFound, ValidationFailed
from backend.growth import dirty
from backend.growth.models import CareerTrack, TrackLevel, TrackMembership
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus

MAX_PEOPLE = 1000


async def assign_track(actor: Actor, *, employee_ids: Sequence[UUID], track_id: UUID, level_code: str | None = None,
                       level_since: date | None = None) -> list[TrackMembership]:
    """Put active people on an active track at a level (by code; none: not yet at the entry level) held
    since `level_since` (default today). Someone already on this track keeps their level when no level is
    given; a move to another track starts where given. Requires GROWTH_MANAGE. Audited (one entry per
    call). Raises ValidationFailed, NotFound, Conflict (inactive track)."""
    require(actor, Permission.GROWTH_MANAGE)
    people = list(dict.fromkeys(employee_ids))
    if not 1 <= len(people) <= MAX_PEOPLE:
        raise ValidationFailed(f"Choose 1 to {MAX_PEOPLE} people.", field="employeeIds")
    track = await CareerTrack.get_for(actor, track_id, what="career track")
    if not track.active:
        raise Conflict("This track is inactive: make it active before putting people on it.", field="trackId")
    level = await _level(actor, track, level_code)
    if level is None and level_since is not None:
        raise ValidationFailed("A date is for the level held: give the level too.", field="levelSince")
    since = (level_since or clock.now().astimezone(await calendar.zone(actor)).date()) if level is not None else None
    found = set(await Employee.of(actor).filter(id__in=people, status=EmployeeStatus.ACTIVE).values_list("id", flat=True))
    if len(found) != len(people):
        raise NotFound("No such employee (or they have left).", field="employeeIds")
    async with db.transaction():
        existing = {m.employee_id: m for m in await TrackMembership.of(actor).filter(employee_id__in=people)}
        keep = [e for e, m in existing.items() if m.track_id == track.id and level is None]
        moved = [m.id for e, m in existing.items() if e not in keep]
        if moved:
            await TrackMembership.of(actor).filter(id__in=moved).update(
                track_id=track.id, current_level_id=level.id if level else None, level_since=since)
        fresh = [TrackMembership.build_for(actor, employee_id=e, track_id=track.id,
                                           current_level_id=level.id if level else None, level_since=since)
                 for e in people if e not in existing]
        if fresh:
            await TrackMembership.bulk_create(fresh)
        await audit.record(actor, action="growth.track_assigned", entity_type="career_track", entity_id=track.id,
                           after={"employee_ids": [str(e) for e in people], "level": level.code if level else None,
                                  "level_since": since})
        await dirty.mark(actor, people)
    return await TrackMembership.of(actor).filter(employee_id__in=people)


async def _level(actor: Actor, track: CareerTrack, code: str | None) -> TrackLevel | None:
    wanted = (code or "").strip()
    if not wanted:
        return None
    level = await TrackLevel.of(actor).get_or_none(track_id=track.id, code=wanted)
    if level is None:
        raise ValidationFailed("This track has no level with that code.", field="levelCode")
    return level


async def membership_of(actor: Actor, employee_id: UUID) -> TrackMembership | None:
    """Someone's membership, unchecked: callers decide who may read it."""
    return await TrackMembership.of(actor).get_or_none(employee_id=employee_id)
