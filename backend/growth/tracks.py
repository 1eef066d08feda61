"""Saving a career track (HR's tracks editor): create, or replace a track's levels, requirements and
resources in one transaction while keeping memberships, promotions and progress pointing at the same
levels (matched by id, else by code). The only writer of CareerTrack, TrackLevel, LevelRequirement and
LearningResource."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import db
from backend.core.errors import Conflict, ValidationFailed
from backend.growth import dirty
from backend.growth.models import (
    CareerTrack, LearningResource, LevelRequirement, Promotion, TrackLevel, TrackMembership,
)
from backend.growth.track_specs import LevelDraft, TrackDraft, validate_track


async def save_track(actor: Actor, draft: TrackDraft) -> CareerTrack:
    """Create a track (`draft.id` None) or replace one. Levels are matched to the existing ones by id,
    else by code; a level left out is deleted unless someone holds it or was promoted into or out of
    it (Conflict naming it: make the track inactive instead). Requirements given an id keep it.
    Requires GROWTH_MANAGE. Audited; marks every member for a recompute. Raises ValidationFailed (with
    the input path), NotFound, Conflict."""
    require(actor, Permission.GROWTH_MANAGE)
    valid = validate_track(draft)
    async with db.transaction():
        track, before = await _track_row(actor, valid)
        existing = {lv.id: lv for lv in await TrackLevel.of(actor).filter(track_id=track.id)}
        matched = _match_levels(valid, existing)
        kept = {row.id for row in matched.values() if row is not None}
        gone = [lv for i, lv in existing.items() if i not in kept]
        await _refuse_deleting_used(actor, gone)
        if existing:
            await TrackLevel.of(actor).filter(track_id=track.id).update(previous_id=None)
        if gone:
            await TrackLevel.of(actor).filter(id__in=[lv.id for lv in gone]).delete()
        rows = await _write_levels(actor, track, valid, matched)
        requirement_ids = await _write_requirements(actor, valid, rows)
        await _write_resources(actor, valid, rows, requirement_ids)
        after = _summary(track, valid)
        await audit.record(actor, action="growth.track_saved", entity_type="career_track", entity_id=track.id,
                           before=before, after=after)
        members = await TrackMembership.of(actor).filter(track_id=track.id).values_list("employee_id", flat=True)
        await dirty.mark(actor, [UUID(str(m)) for m in members])
    return track


async def _track_row(actor: Actor, valid: TrackDraft) -> tuple[CareerTrack, dict[str, Any] | None]:
    clash = CareerTrack.of(actor).filter(code=valid.code)
    if valid.id is not None:
        clash = clash.exclude(id=valid.id)
    if await clash.exists():
        raise Conflict("Another track already uses this code.", field="code")
    values = {"code": valid.code, "job_family": valid.job_family, "name_en": valid.name_en, "name_zh": valid.name_zh,
              "description_en": valid.description_en, "description_zh": valid.description_zh, "active": valid.active}
    if valid.id is None:
        return await CareerTrack.create_for(actor, **values), None
    track = await CareerTrack.get_for(actor, valid.id, what="career track")
    levels = await TrackLevel.of(actor).filter(track_id=track.id).order_by("position").values_list("code", flat=True)
    before = {"code": track.code, "name_en": track.name_en, "active": track.active, "levels": list(levels)}
    track.update_from_dict(values)
    await track.save()
    return track, before


def _match_levels(valid: TrackDraft, existing: dict[UUID, TrackLevel]) -> dict[int, TrackLevel | None]:
    """Input level index → the existing row it replaces (by id, then by code among the rest), or None."""
    matched: dict[int, TrackLevel | None] = {}
    taken: set[UUID] = set()
    for i, level in enumerate(valid.levels):
        if level.id is not None:
            row = existing.get(level.id)
            if row is None:
                raise ValidationFailed("No such level in this track.", field=f"levels[{i}].id")
            matched[i] = row
            taken.add(row.id)
    by_code = {lv.code: lv for i, lv in existing.items() if i not in taken}
    for i, level in enumerate(valid.levels):
        if i not in matched:
            row = by_code.pop(level.code, None)
            matched[i] = row
            if row is not None:
                taken.add(row.id)
    return matched


async def _refuse_deleting_used(actor: Actor, gone: Sequence[TrackLevel]) -> None:
    if not gone:
        return
    ids = [lv.id for lv in gone]
    codes = {lv.id: lv.code for lv in gone}
    held = await TrackMembership.of(actor).filter(current_level_id__in=ids).values_list("current_level_id", flat=True)
    if held:
        code = codes[UUID(str(held[0]))]
        raise Conflict(f"Someone holds level {code}: keep it, or move them to another level first.", field="levels")
    promoted = await Promotion.of(actor).filter(to_level_id__in=ids).values_list("to_level_id", flat=True)
    promoted_from = await Promotion.of(actor).filter(from_level_id__in=ids).values_list("from_level_id", flat=True)
    if promoted or promoted_from:
        code = codes[UUID(str((list(promoted) + list(promoted_from))[0]))]
        raise Conflict(f"Promotions record level {code}: keep it (promotions are history).", field="levels")


async def _write_levels(actor: Actor, track: CareerTrack, valid: TrackDraft,
                        matched: dict[int, TrackLevel | None]) -> dict[str, TrackLevel]:
    """Every level of the draft written (previous links last), by code."""
    position = {level.code: n for n, level in enumerate(valid.ordered)}
    renamed = [old.id for i, old in matched.items() if old is not None and old.code != valid.levels[i].code]
    for level_id in renamed:  # free the codes first: two levels may swap theirs
        await TrackLevel.of(actor).filter(id=level_id).update(code=f"~{level_id.hex[:30]}")
    rows: dict[str, TrackLevel] = {}
    for i, level in enumerate(valid.levels):
        values = _level_values(level, position[level.code])
        found = matched[i]
        if found is None:
            row = await TrackLevel.create_for(actor, track_id=track.id, **values)
        else:
            row = found
            row.update_from_dict({**values, "previous_id": None})
            await row.save()
        rows[level.code] = row
    for level in valid.levels:
        row = rows[level.code]
        previous = rows[level.previous_code].id if level.previous_code else None
        if previous is not None:
            await TrackLevel.of(actor).filter(id=row.id).update(previous_id=previous)
        row.previous_id = previous
    return rows


def _level_values(level: LevelDraft, position: int) -> dict[str, Any]:
    return {"code": level.code, "name_en": level.name_en, "name_zh": level.name_zh,
            "description_en": level.description_en, "description_zh": level.description_zh, "position": position,
            "branch_en": level.branch_en, "branch_zh": level.branch_zh}


async def _write_requirements(actor: Actor, valid: TrackDraft, rows: dict[str, TrackLevel]) -> dict[str, list[UUID]]:
    """Requirements written (matched by id within the track), by level code in input order; others deleted."""
    level_ids = [row.id for row in rows.values()]
    existing = {r.id: r for r in await LevelRequirement.of(actor).filter(level_id__in=level_ids)}
    kept: set[UUID] = set()
    written: dict[str, list[UUID]] = {}
    for i, level in enumerate(valid.levels):
        ids = written[level.code] = []
        for j, draft in enumerate(level.requirements):
            rule = draft.rule
            values = {"level_id": rows[level.code].id, "position": j, "name_en": draft.name_en, "name_zh": draft.name_zh,
                      "how_to_en": draft.how_to_en, "how_to_zh": draft.how_to_zh, "evidence_kind": rule.evidence_kind,
                      "conditions": dict(rule.conditions) if rule.conditions else None, "aggregate": rule.aggregate,
                      "measure_field": rule.measure_field, "window_days": rule.window_days,
                      "comparator": rule.comparator, "target": rule.target}
            if draft.id is None:
                row = await LevelRequirement.create_for(actor, **values)
            else:
                found = existing.get(draft.id)
                if found is None or found.id in kept:
                    raise ValidationFailed("No such requirement in this track.", field=f"levels[{i}].requirements[{j}].id")
                found.update_from_dict(values)
                await found.save()
                row = found
            kept.add(row.id)
            ids.append(row.id)
    stale = [i for i in existing if i not in kept]
    if stale:
        await LevelRequirement.of(actor).filter(id__in=stale).delete()
    return written


async def _write_resources(actor: Actor, valid: TrackDraft, rows: dict[str, TrackLevel],
                           requirement_ids: dict[str, list[UUID]]) -> None:
    """Resources replaced wholesale; an id of one of the track's resources is kept."""
    level_ids = [row.id for row in rows.values()]
    known = set(await LearningResource.of(actor).filter(level_id__in=level_ids).values_list("id", flat=True))
    await LearningResource.of(actor).filter(level_id__in=level_ids).delete()
    fresh = []
    for level in valid.levels:
        for n, r in enumerate(level.resources):
            requirement = requirement_ids[level.code][r.requirement_index] if r.requirement_index is not None else None
            fresh.append(LearningResource.build_for(
                actor, id=r.id if r.id is not None and r.id in known else uuid.uuid4(), level_id=rows[level.code].id,
                requirement_id=requirement, kind=r.kind, title_en=r.title_en, title_zh=r.title_zh, url=r.url,
                provider=r.provider, position=n))
    if fresh:
        await LearningResource.bulk_create(fresh)


def _summary(track: CareerTrack, valid: TrackDraft) -> dict[str, Any]:
    return {"code": track.code, "name_en": track.name_en, "active": track.active,
            "levels": [lv.code for lv in valid.ordered],
            "requirements": sum(len(lv.requirements) for lv in valid.levels)}
