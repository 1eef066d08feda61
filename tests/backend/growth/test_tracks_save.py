"""HR saves career tracks: created with levels in map order, replaced while memberships, promotions and
requirement ids stay valid, refused when a level someone holds would go; audited; members marked."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.growth import promotions, tracks
from backend.growth.models import (
    GrowthRecompute, LearningResource, LevelRequirement, TrackLevel, TrackMembership,
)
from backend.growth.track_specs import TrackDraft
from tests.factories.growth import assign, level_ids, make_track, production_levels
from tests.factories.org import make_company


async def _draft(track_id, code: str = "production", levels=None) -> TrackDraft:  # type: ignore[no-untyped-def]
    return TrackDraft(id=track_id, code=code, job_family="production", name_en="Production", name_zh="生产通道",
                      levels=levels if levels is not None else production_levels())


async def test_a_new_track_has_its_levels_in_map_order_with_requirements_and_resources(db):
    # given
    c = await make_company()
    # when
    track = await make_track(c.hr.actor)
    # then
    levels = {lv.code: lv for lv in await TrackLevel.of(c.system).filter(track_id=track.id)}
    assert sorted((lv.position, code) for code, lv in levels.items()) == [
        (0, "junior"), (1, "middle"), (2, "senior"), (3, "lead"), (4, "technician")]
    assert levels["middle"].previous_id == levels["junior"].id
    assert levels["lead"].previous_id == levels["technician"].previous_id == levels["senior"].id
    assert (levels["lead"].branch_en, levels["lead"].branch_zh) == ("Management", "管理")
    middle = await LevelRequirement.of(c.system).filter(level_id=levels["middle"].id).order_by("position")
    assert [r.name_en for r in middle] == ["3 equipment trainings", "12 months as junior"]
    assert middle[0].conditions == {"field": "category", "op": "eq", "value": "equipment"}
    course, mooc = await LearningResource.of(c.system).filter(level_id=levels["middle"].id).order_by("position")
    assert (course.requirement_id, mooc.requirement_id, mooc.url) == (middle[0].id, None, "https://www.icourse163.org/")
    entry = await AuditEntry.of(c.system).get(action="growth.track_saved")
    assert entry.after["levels"] == ["junior", "middle", "senior", "lead", "technician"]


async def test_replacing_keeps_levels_people_hold_and_requirement_ids(db):
    # given a track with a member at "middle", a promotion into it, and its first requirement's id
    c = await make_company()
    track = await make_track(c.hr.actor)
    before = await level_ids(c.system, track)
    await assign(c.hr.actor, [c.employee.employee.id], track, "junior", date(2025, 1, 1))
    await promotions.record_promotion(c.hr.actor, employee_id=c.employee.employee.id, to_level_id=before["middle"],
                                      effective_on=date(2026, 1, 1))
    first = await LevelRequirement.of(c.system).get(level_id=before["middle"], position=0)
    levels = list(production_levels())
    middle = levels[1]
    levels[1] = replace(middle, name_en="Skilled worker", requirements=(
        replace(middle.requirements[0], id=first.id, name_en="4 equipment trainings",
                rule=replace(middle.requirements[0].rule, target=4)),))
    # when the editor renames middle, drops technician and one requirement, and edits the other
    await tracks.save_track(c.hr.actor, await _draft(track.id, levels=tuple(levels[:4])))
    # then
    after = await level_ids(c.system, track)
    assert after == {k: v for k, v in before.items() if k != "technician"}
    membership = await TrackMembership.of(c.system).get(employee_id=c.employee.employee.id)
    assert membership.current_level_id == before["middle"]
    kept = await LevelRequirement.of(c.system).filter(level_id=before["middle"])
    assert [(r.id, r.name_en, r.target) for r in kept] == [(first.id, "4 equipment trainings", 4.0)]
    assert (await TrackLevel.of(c.system).get(id=before["middle"])).name_en == "Skilled worker"


async def test_a_level_someone_holds_cannot_be_left_out(db):
    # given a member holding "technician"
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id], track, "technician")
    # when / then
    with pytest.raises(Conflict) as caught:
        await tracks.save_track(c.hr.actor, await _draft(track.id, levels=production_levels()[:4]))
    assert "technician" in caught.value.message
    assert len(await level_ids(c.system, track)) == 5


async def test_levels_can_swap_codes_and_be_matched_by_id(db):
    # given
    c = await make_company()
    track = await make_track(c.hr.actor)
    ids = await level_ids(c.system, track)
    levels = list(production_levels())
    levels[3] = replace(levels[3], id=ids["lead"], code="technician")
    levels[4] = replace(levels[4], id=ids["technician"], code="lead")
    # when
    await tracks.save_track(c.hr.actor, await _draft(track.id, levels=tuple(levels)))
    # then
    after = await level_ids(c.system, track)
    assert (after["technician"], after["lead"]) == (ids["lead"], ids["technician"])


async def test_saving_marks_every_member_for_a_recompute(db):
    # given two members and their marks consumed
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id, c.peer.employee.id], track)
    await GrowthRecompute.of(c.system).delete()
    # when
    await tracks.save_track(c.hr.actor, await _draft(track.id))
    # then
    marked = set(await GrowthRecompute.of(c.system).values_list("employee_id", flat=True))
    assert marked == {c.employee.employee.id, c.peer.employee.id}


async def test_codes_are_unique_and_only_hr_saves(db):
    # given
    c = await make_company()
    await make_track(c.hr.actor)
    # when / then
    with pytest.raises(Conflict):
        await make_track(c.hr.actor)
    with pytest.raises(Forbidden):
        await make_track(c.manager.actor, code="other")


async def test_an_unknown_level_id_is_refused_with_its_path(db):
    # given another organisation's level id
    c, other = await make_company("Alpha"), await make_company("Bravo")
    foreign = await make_track(other.hr.actor)
    track = await make_track(c.hr.actor)
    levels = list(production_levels())
    levels[2] = replace(levels[2], id=(await level_ids(other.system, foreign))["senior"])
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await tracks.save_track(c.hr.actor, await _draft(track.id, levels=tuple(levels)))
    assert caught.value.field == "levels[2].id"
