"""HR puts people on tracks in bulk and records promotions: memberships move, promotions are audited, told
(PromotionRecorded) and put on the wall as a milestone; people are marked for a recompute."""
from __future__ import annotations

from datetime import date

import pytest

from backend.achievements.models import Achievement, AchievementKind
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.growth import memberships, promotions, tracks
from backend.growth.events import PromotionRecorded
from backend.growth.models import GrowthRecompute, Promotion, TrackMembership
from backend.growth.track_specs import TrackDraft
from backend.org.models import Employee, EmployeeStatus
from tests.factories.growth import assign, level_ids, make_track, production_levels
from tests.factories.org import make_company


async def test_assigning_puts_people_on_a_level_since_a_date(db):
    # given
    c = await make_company()
    track = await make_track(c.hr.actor)
    people = [c.employee.employee.id, c.peer.employee.id]
    # when
    found = await memberships.assign_track(c.hr.actor, employee_ids=people, track_id=track.id, level_code="middle",
                                           level_since=date(2025, 6, 1))
    # then
    middle = (await level_ids(c.system, track))["middle"]
    assert {(m.employee_id, m.current_level_id, m.level_since) for m in found} == {
        (p, middle, date(2025, 6, 1)) for p in people}
    assert set(await GrowthRecompute.of(c.system).values_list("employee_id", flat=True)) == set(people)
    entry = await AuditEntry.of(c.system).get(action="growth.track_assigned")
    assert (entry.after["level"], len(entry.after["employee_ids"])) == ("middle", 2)


async def test_reassigning_keeps_the_level_on_the_same_track_and_resets_it_on_another(db):
    # given a member at "senior"
    c = await make_company()
    production, other = await make_track(c.hr.actor), await make_track(c.hr.actor, code="sales")
    await assign(c.hr.actor, [c.employee.employee.id], production, "senior", date(2025, 1, 1))
    senior = (await level_ids(c.system, production))["senior"]
    # when / then
    await assign(c.hr.actor, [c.employee.employee.id], production)
    kept = await TrackMembership.of(c.system).get(employee_id=c.employee.employee.id)
    assert (kept.current_level_id, kept.level_since) == (senior, date(2025, 1, 1))
    await assign(c.hr.actor, [c.employee.employee.id], other)
    moved = await TrackMembership.of(c.system).get(employee_id=c.employee.employee.id)
    assert (moved.track_id, moved.current_level_id, moved.level_since) == (other.id, None, None)


async def test_assigning_refuses_what_it_cannot_do(db):
    # given an inactive track and someone who left
    c = await make_company()
    track = await make_track(c.hr.actor)
    await Employee.of(c.system).filter(id=c.peer.employee.id).update(status=EmployeeStatus.LEFT)
    worker = [c.employee.employee.id]
    # when / then
    with pytest.raises(Forbidden):
        await memberships.assign_track(c.manager.actor, employee_ids=worker, track_id=track.id)
    with pytest.raises(ValidationFailed) as unknown_level:
        await memberships.assign_track(c.hr.actor, employee_ids=worker, track_id=track.id, level_code="nope")
    with pytest.raises(ValidationFailed) as date_alone:
        await memberships.assign_track(c.hr.actor, employee_ids=worker, track_id=track.id, level_since=date(2025, 1, 1))
    with pytest.raises(NotFound):
        await memberships.assign_track(c.hr.actor, employee_ids=[c.peer.employee.id], track_id=track.id)
    assert (unknown_level.value.field, date_alone.value.field) == ("levelCode", "levelSince")
    await tracks.save_track(c.hr.actor, TrackDraft(id=track.id, code="production", job_family="production",
                                                   name_en="P", name_zh="生产", levels=production_levels(), active=False))
    with pytest.raises(Conflict):
        await memberships.assign_track(c.hr.actor, employee_ids=worker, track_id=track.id)
    assert await TrackMembership.of(c.system).count() == 0


async def test_a_promotion_moves_the_membership_and_is_audited_told_and_on_the_wall(db):
    # given a junior
    c = await make_company()
    track = await make_track(c.hr.actor)
    ids = await level_ids(c.system, track)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "junior", date(2024, 1, 1))
    await GrowthRecompute.of(c.system).delete()
    # when
    promotion = await promotions.record_promotion(c.hr.actor, employee_id=worker, to_level_id=ids["middle"],
                                                  effective_on=date(2026, 10, 1), note=" Great year ")
    # then
    row = await Promotion.of(c.system).get(id=promotion.id)
    assert (row.from_level_id, row.to_level_id, row.decided_by_id, row.note) == (
        ids["junior"], ids["middle"], c.hr.employee.id, "Great year")
    membership = await TrackMembership.of(c.system).get(employee_id=worker)
    assert (membership.current_level_id, membership.level_since) == (ids["middle"], date(2026, 10, 1))
    event = await OutboxEvent.get(tenant_id=c.org.id, type=PromotionRecorded.type)
    assert event.payload == {"promotion_id": str(promotion.id), "employee_id": str(worker), "track_code": "production",
                             "level_code": "middle", "effective_on": "2026-10-01"}
    wall = await Achievement.of(c.system).get(source_type="promotion", source_id=promotion.id)
    assert (wall.kind, wall.employee_id, wall.title_zh) == (AchievementKind.MILESTONE, worker, "晋升为中级工 · 生产通道")
    assert await AuditEntry.of(c.system).filter(action="growth.promotion_recorded", entity_id=str(promotion.id)).exists()
    assert await GrowthRecompute.of(c.system).filter(employee_id=worker).exists()


async def test_a_promotion_onto_another_track_starts_a_membership_there(db):
    # given someone on no track yet
    c = await make_company()
    track = await make_track(c.hr.actor, code="management")
    lead = (await level_ids(c.system, track))["lead"]
    # when
    await promotions.record_promotion(c.hr.actor, employee_id=c.peer.employee.id, to_level_id=lead,
                                      effective_on=date(2026, 11, 1))
    # then
    membership = await TrackMembership.of(c.system).get(employee_id=c.peer.employee.id)
    assert (membership.track_id, membership.current_level_id) == (track.id, lead)


async def test_a_promotion_refuses_what_makes_no_sense(db):
    # given someone already at "middle" (hired 1 March 2022)
    c = await make_company()
    track = await make_track(c.hr.actor)
    ids = await level_ids(c.system, track)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "middle")
    # when / then
    with pytest.raises(Forbidden):
        await promotions.record_promotion(c.manager.actor, employee_id=worker, to_level_id=ids["senior"],
                                          effective_on=date(2026, 1, 1))
    with pytest.raises(Conflict):
        await promotions.record_promotion(c.hr.actor, employee_id=worker, to_level_id=ids["middle"],
                                          effective_on=date(2026, 1, 1))
    with pytest.raises(ValidationFailed) as early:
        await promotions.record_promotion(c.hr.actor, employee_id=worker, to_level_id=ids["senior"],
                                          effective_on=date(2022, 2, 28))
    assert early.value.field == "effectiveOn"
    assert await Promotion.of(c.system).count() == 0
