"""The default tracks install through the editor's validation: production, sales and R&D, each with a
management branch, bilingual texts and resources; installing twice adds nothing."""
from __future__ import annotations

from backend.growth.defaults import DEFAULT_TRACKS, install_default_tracks
from backend.growth.models import CareerTrack, LearningResource, LevelRequirement, TrackLevel
from backend.growth.track_specs import validate_track
from tests.factories.org import make_company


def test_every_default_track_is_valid_and_bilingual():
    # when
    valid = [validate_track(draft) for draft in DEFAULT_TRACKS]
    # then
    production = [lv.name_zh for lv in valid[0].ordered]
    assert production == ["初级工", "中级工", "高级工", "技师", "技术骨干", "车间主管", "生产经理"]
    for track in valid:
        assert {lv.branch_en for lv in track.levels} >= {"Specialist", "Management"}
        for level in track.levels:
            assert level.requirements and level.resources
            assert all(r.name_en and r.name_zh and r.how_to_en and r.how_to_zh for r in level.requirements)
            assert all(x.title_en and x.title_zh for x in level.resources)


async def test_installing_twice_adds_nothing(db):
    # given
    c = await make_company()
    # when
    first = await install_default_tracks(c.hr.actor)
    second = await install_default_tracks(c.hr.actor)
    # then
    assert sorted(first) == ["production", "rnd", "sales"]
    assert {k: t.id for k, t in first.items()} == {k: t.id for k, t in second.items()}
    assert await CareerTrack.of(c.system).count() == 3
    assert await TrackLevel.of(c.system).count() == 7 + 5 + 5
    assert await LevelRequirement.of(c.system).filter(evidence_kind="mentoring", measure_field="mentee_id").count() == 4
    assert await LearningResource.of(c.system).filter(url="https://www.icourse163.org/").exists()
