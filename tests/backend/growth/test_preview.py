"""HR previews a drafted track against its current members: how many meet and partly meet each level, with
nothing written and the same number of queries for 3 or 30 members."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from backend.core.errors import Forbidden, ValidationFailed
from backend.growth.models import CareerTrack, EvidenceKind, LevelProgress
from backend.growth.preview import preview_track
from backend.growth.track_specs import LevelDraft, TrackDraft
from tests.factories.growth import add_record, assign, level_ids, make_track, production_levels
from tests.factories.org import Company, make_company, make_person


def _draft(track_id, levels: tuple[LevelDraft, ...]) -> TrackDraft:  # type: ignore[no-untyped-def]
    return TrackDraft(id=track_id, code="production", job_family="production", name_en="Production", name_zh="生产",
                      levels=levels)


async def _members(c: Company, trainings: list[int]) -> CareerTrack:
    track = await make_track(c.hr.actor)
    people = [await make_person(c.system) for _ in trainings]
    await assign(c.hr.actor, [p.employee.id for p in people], track, "junior", date(2025, 1, 1))
    for person, n in zip(people, trainings, strict=True):
        for _ in range(n):
            await add_record(c.system, person.employee.id, EvidenceKind.TRAINING, category="equipment")
    return track


async def test_the_preview_counts_members_meeting_each_drafted_level(db):
    # given three juniors with 1, 3 and 4 equipment trainings (tenure 12+ months)
    c = await make_company()
    track = await _members(c, [1, 3, 4])
    levels = list(production_levels())
    middle = levels[1]
    raised = replace(middle, requirements=(replace(middle.requirements[0], rule=replace(middle.requirements[0].rule,
                                                                                         target=4)),
                                           middle.requirements[1]))
    # when
    current = await preview_track(c.hr.actor, _draft(track.id, tuple(levels)))
    levels[1] = raised
    levels.append(LevelDraft(code="master", name_en="Master", name_zh="大师", previous_code="technician"))
    draft = await preview_track(c.hr.actor, _draft(track.id, tuple(levels)))
    # then
    ids = await level_ids(c.system, track)
    found = {p.code: (p.meeting, p.partial, p.of) for p in current.levels}
    assert current.members == 3
    assert found["middle"] == (2, 1, 3)
    assert {p.code: (p.meeting, p.partial) for p in draft.levels}["middle"] == (1, 2)
    assert [p.level_id for p in draft.levels][-1] == "new:master"
    assert draft.levels[1].level_id == str(ids["middle"])
    assert await LevelProgress.of(c.system).count() == 0


async def test_preview_queries_do_not_grow_with_members(db, count_queries):
    # given tracks with 3 and 30 members
    small, large = await make_company("Small"), await make_company("Large")
    tracks = [await _members(small, [1, 2, 3]), await _members(large, [i % 4 for i in range(30)])]
    counts = []
    for c, track in zip((small, large), tracks, strict=True):
        before = count_queries.count
        # when
        await preview_track(c.hr.actor, _draft(track.id, production_levels()))
        counts.append(count_queries.count - before)
    # then
    assert counts[0] == counts[1]
    assert all(s.lstrip().upper().startswith("SELECT") for s in count_queries.statements[-counts[1]:])


async def test_preview_is_for_hr_and_validates_the_draft(db):
    # given
    c = await make_company()
    bad = (LevelDraft(code="junior", name_en="J", name_zh="初", previous_code="nobody"),)
    # when / then
    with pytest.raises(Forbidden):
        await preview_track(c.manager.actor, _draft(None, production_levels()))
    with pytest.raises(ValidationFailed) as caught:
        await preview_track(c.hr.actor, _draft(None, bad))
    assert caught.value.field == "levels[0].previousCode"
    fresh = await preview_track(c.hr.actor, _draft(None, production_levels()))
    assert (fresh.members, [p.level_id for p in fresh.levels][0]) == (0, "new:junior")
