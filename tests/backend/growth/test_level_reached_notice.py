"""LevelReached, handled from the outbox: the person and their manager are told, once, even when the
event is delivered again."""
from __future__ import annotations

from backend import event_handlers
from backend.core import db, outbox
from backend.growth.events import LevelReached
from backend.growth.models import CareerTrack
from backend.notifications.models import Notification
from tests.factories.growth import level_ids, make_track
from tests.factories.org import Company, make_company


async def _emit(c: Company, track: CareerTrack, level: str) -> None:
    ids = await level_ids(c.system, track)
    async with db.transaction():
        await outbox.emit(c.system, LevelReached(employee_id=str(c.employee.employee.id), track_id=str(track.id),
                                                 track_code=track.code, level_id=str(ids[level]), level_code=level))


async def test_the_person_and_their_manager_hear_of_a_level_reached(db):
    # given
    c = await make_company()
    await _emit(c, await make_track(c.hr.actor), "middle")
    # when
    await event_handlers.drain()
    # then
    mine = await Notification.of(c.system).get(recipient_id=c.employee.employee.id, kind="growth_level_reached")
    theirs = await Notification.of(c.system).get(recipient_id=c.manager.employee.id, kind="growth_level_reached")
    assert "中级工" in mine.title_zh and "Intermediate worker" in mine.title_en
    assert theirs.link == f"/growth/team/{c.employee.employee.id}"


async def test_the_same_fact_delivered_again_notifies_no_one_twice(db):
    # given
    c = await make_company()
    track = await make_track(c.hr.actor)
    await _emit(c, track, "middle")
    await event_handlers.drain()
    # when the same level is reported again (at-least-once delivery)
    await _emit(c, track, "middle")
    await event_handlers.drain()
    # then
    assert await Notification.of(c.system).filter(kind="growth_level_reached").count() == 2
