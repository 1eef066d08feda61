"""Reading appeals: one's own, the reviewer's queue (HR sees all), one appeal for its appellant, reviewer and
HR only; withdrawal by the appellant only; never another organisation's."""
from __future__ import annotations

import pytest

from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.performance import appeal_queries, appeals
from backend.performance.models import AppealStatus
from tests.factories.performance_review import IN_WINDOW, appeal_scene, file


async def test_people_see_their_own_appeals_newest_first(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        older = await file(c.employee, scene, "results")
    with clock.frozen_at(IN_WINDOW.replace(hour=3)):
        newer = await file(c.employee, scene, "retention")
        await file(c.peer, scene, None)
        # when
        mine = await appeal_queries.list_my_appeals(c.employee.actor)
    # then
    assert [a.id for a in mine] == [newer.id, older.id]


async def test_reviewers_see_what_is_routed_to_them_and_hr_sees_everything(db):
    # given the worker's appeal goes to the owner, the peer's to HR
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        worker = await file(c.employee, scene)
        peer = await file(c.peer, scene, None)
        # when
        owner_queue = await appeal_queries.list_appeals_to_decide(c.owner.actor)
        hr_queue = await appeal_queries.list_appeals_to_decide(c.hr.actor)
        manager_queue = await appeal_queries.list_appeals_to_decide(c.manager.actor)
    # then (the owner is HR-level too, so sees both)
    assert {a.id for a in owner_queue} == {worker.id, peer.id}
    assert {a.id for a in hr_queue} == {worker.id, peer.id}
    assert manager_queue == []


async def test_the_queue_filters_by_status(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene)
        await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.REJECTED,
                                    decision="Targets were agreed in October.")
        # when / then
        assert await appeal_queries.list_appeals_to_decide(c.hr.actor) == []
        assert [a.id for a in await appeal_queries.list_appeals_to_decide(c.hr.actor, status=AppealStatus.REJECTED)] == [appeal.id]
        assert [a.id for a in await appeal_queries.list_appeals_to_decide(c.hr.actor, status=None)] == [appeal.id]


async def test_an_appeal_is_seen_by_the_appellant_the_reviewer_and_hr_only(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene)
    # when / then
    for person in (c.employee, c.owner, c.hr):
        assert (await appeal_queries.get_appeal(person.actor, appeal_id=appeal.id)).id == appeal.id
    for person in (c.peer, c.manager):
        with pytest.raises(Forbidden):
            await appeal_queries.get_appeal(person.actor, appeal_id=appeal.id)


async def test_only_the_appellant_withdraws_and_only_while_open(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene)
        # when / then
        with pytest.raises(Forbidden):
            await appeals.withdraw_appeal(c.hr.actor, appeal_id=appeal.id)
        withdrawn = await appeals.withdraw_appeal(c.employee.actor, appeal_id=appeal.id)
        assert withdrawn.status == AppealStatus.WITHDRAWN
        with pytest.raises(Conflict):
            await appeals.withdraw_appeal(c.employee.actor, appeal_id=appeal.id)


async def test_another_organisations_appeal_is_not_found(db):
    # given
    scene = await appeal_scene()
    other = await appeal_scene("Globex")
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(scene.company.employee, scene)
    # when / then
    with pytest.raises(NotFound):
        await appeal_queries.get_appeal(other.company.hr.actor, appeal_id=appeal.id)
    with pytest.raises(NotFound):
        await appeals.withdraw_appeal(other.company.employee.actor, appeal_id=appeal.id)
    assert await appeal_queries.list_appeals_to_decide(other.company.hr.actor) == []
