"""Recording a promotion: HR's decision with its effective date, never computed and never edited (a
mistake is a new promotion). It moves the person's membership to the level and goes on their
achievement wall as a milestone."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements import record
from backend.achievements.models import AchievementKind
from backend.audit import service as audit
from backend.core import db, outbox
from backend.core.errors import Conflict, ValidationFailed
from backend.core.validation import trimmed
from backend.growth import dirty
from backend.growth.events import PromotionRecorded
from backend.growth.models import CareerTrack, Promotion, TrackLevel, TrackMembership
from backend.org.models import Employee


async def record_promotion(actor: Actor, *, employee_id: UUID, to_level_id: UUID, effective_on: date,
                           note: str = "") -> Promotion:
    """The person now holds `to_level_id` (on its track: a promotion may move them to another track)
    from `effective_on`. Requires GROWTH_MANAGE. Audited; emits growth.promotion_recorded; records a
    MILESTONE on their wall; marks them for a recompute. Raises NotFound, ValidationFailed, Conflict
    (they already hold that level)."""
    require(actor, Permission.GROWTH_MANAGE)
    employee = await Employee.get_for(actor, employee_id, what="employee")
    level = await TrackLevel.get_for(actor, to_level_id, what="level")
    track = await CareerTrack.of(actor).get(id=level.track_id)
    text = trimmed(note, field="note", max_length=2000, required=False)
    if effective_on < employee.hire_date:
        raise ValidationFailed("A promotion cannot take effect before the hire date.", field="effectiveOn")
    async with db.transaction():
        membership = await TrackMembership.of(actor).get_or_none(employee_id=employee.id)
        if membership is not None and membership.current_level_id == level.id:
            raise Conflict("They already hold this level.", field="toLevelId")
        promotion = await Promotion.create_for(
            actor, employee_id=employee.id, track_id=track.id,
            from_level_id=membership.current_level_id if membership else None, to_level_id=level.id,
            effective_on=effective_on, decided_by_id=actor.employee_id, note=text)
        if membership is None:
            await TrackMembership.create_for(actor, employee_id=employee.id, track_id=track.id,
                                             current_level_id=level.id, level_since=effective_on)
        else:
            await TrackMembership.of(actor).filter(id=membership.id).update(
                track_id=track.id, current_level_id=level.id, level_since=effective_on)
        await audit.record(actor, action="growth.promotion_recorded", entity_type="promotion", entity_id=promotion.id,
                           before={"level_id": membership.current_level_id if membership else None},
                           after={"employee_id": employee.id, "track": track.code, "level": level.code,
                                  "effective_on": effective_on, "note": text})
        await outbox.emit(actor, PromotionRecorded(
            promotion_id=str(promotion.id), employee_id=str(employee.id), track_code=track.code, level_code=level.code,
            effective_on=effective_on.isoformat()))
        await record.record(actor, record.Earned(
            employee_id=employee.id, kind=AchievementKind.MILESTONE,
            title_en=f"Promoted to {level.name_en} · {track.name_en}", title_zh=f"晋升为{level.name_zh} · {track.name_zh}",
            detail=effective_on.isoformat(), source_type="promotion", source_id=promotion.id,
            given_by_id=actor.employee_id))
        await dirty.mark(actor, [employee.id])
    return promotion
