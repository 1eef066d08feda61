"""Tech talks: scheduling announces them in the feed; sign-ups hold under a 40-way race for 5 seats; check-in
by door code in its window; manual attendance; completing once sends the speaker's and attendees' events
(growth evidence follows through the outbox); ratings from attendees only, re-rating replaces."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta

import pytest

from backend import event_handlers
from backend.access.actor import Actor
from backend.access.permissions import Role
from backend.community import talk_attendance, talks
from backend.community.models import Post, PostCategory, SignupStatus, TalkSignup, TalkStatus, TechTalk
from backend.community.talk_events import TechTalkAttended, TechTalkGiven
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.growth.models import EvidenceKind, GrowthRecord
from backend.org.models import Employee
from tests.factories.community import make_talk
from tests.factories.org import Company, make_company


async def _crowd(company: Company, size: int) -> list[Actor]:
    people = [Employee.build_for(company.system, employee_number=f"T{n:04d}", name=f"Listener {n}",
                                 hire_date=date(2023, 1, 1), job_title="Engineer", level="L1") for n in range(size)]
    await Employee.bulk_create(people)
    return [Actor.user(tenant_id=company.org.id, account_id=uuid.uuid4(), employee_id=p.id, role=Role.EMPLOYEE,
                       label=p.name) for p in people]


async def test_scheduling_announces_the_talk_in_the_feed(db):
    # given
    c = await make_company()
    # when
    talk = await make_talk(c.employee.actor, capacity=12)
    # then
    post = await Post.of(c.system).get(id=talk.post_id)
    assert (post.category, post.source_ref) == (PostCategory.TECH_SHARING, f"talk:{talk.id}")
    assert talk.topic in post.body and talk.speaker_id == c.employee.employee.id
    assert len(talk.door_code) == 8 and talk.door_code.isalnum()


async def test_only_hr_schedules_for_someone_else(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await make_talk(c.employee.actor, speaker_id=c.peer.employee.id)
    talk = await make_talk(c.hr.actor, speaker_id=c.peer.employee.id)
    assert (talk.speaker_id, talk.created_by_id) == (c.peer.employee.id, c.hr.employee.id)


@pytest.mark.parametrize(("changes", "field"), [
    ({"capacity": 0}, "capacity"),
    ({"starts_at": "past"}, "startsAt"),
    ({"ends_at": "before"}, "endsAt"),
    ({"topic": " "}, "topic"),
    ({"link": "ftp://x"}, "link"),
])
async def test_bad_talks_are_refused(db, changes, field):
    # given
    c = await make_company()
    if changes.get("starts_at") == "past":
        changes["starts_at"] = clock.now() - timedelta(hours=1)
    if changes.get("ends_at") == "before":
        changes["ends_at"] = clock.now()
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await make_talk(c.employee.actor, **changes)
    assert raised.value.field == field
    assert await TechTalk.of(c.system).count() == 0 and await Post.of(c.system).count() == 0


async def test_forty_people_race_for_five_seats(db):
    # given
    c = await make_company()
    talk = await make_talk(c.hr.actor, capacity=5)
    crowd = await _crowd(c, 40)

    async def attempt(actor: Actor) -> str:
        try:
            await talks.sign_up(actor, talk.id)
            return "ok"
        except talks.TalkFull:
            return "full"
    # when
    outcomes = await asyncio.gather(*(attempt(a) for a in crowd))
    # then
    assert outcomes.count("ok") == 5 and outcomes.count("full") == 35
    assert await TalkSignup.of(c.system).filter(talk_id=talk.id, status=SignupStatus.SIGNED_UP).count() == 5
    assert (await TechTalk.of(c.system).get(id=talk.id)).signup_count == 5


async def test_signing_up_twice_keeps_one_seat_and_cancelling_frees_it(db):
    # given
    c = await make_company()
    talk = await make_talk(c.hr.actor, capacity=1)
    # when
    first = await talks.sign_up(c.employee.actor, talk.id)
    again = await talks.sign_up(c.employee.actor, talk.id)
    with pytest.raises(talks.TalkFull):
        await talks.sign_up(c.peer.actor, talk.id)
    await talks.cancel_signup(c.employee.actor, talk.id)
    taken = await talks.sign_up(c.peer.actor, talk.id)
    # then
    assert first.id == again.id and taken.status == SignupStatus.SIGNED_UP
    assert (await TechTalk.of(c.system).get(id=talk.id)).signup_count == 1


async def test_check_in_by_door_code_only_in_its_window(db):
    # given
    c = await make_company()
    talk = await make_talk(c.hr.actor, starts_at=clock.now() + timedelta(hours=2))
    await talks.sign_up(c.employee.actor, talk.id)
    # when / then: too early
    with pytest.raises(NotFound):
        await talk_attendance.check_in(c.employee.actor, talk.door_code)
    with clock.frozen_at(talk.starts_at - timedelta(minutes=20)):
        await talk_attendance.check_in(c.employee.actor, talk.door_code.lower())
        await talk_attendance.check_in(c.peer.actor, talk.door_code)  # a walk-in with a free seat
        with pytest.raises(NotFound):
            await talk_attendance.check_in(c.manager.actor, "WRONG123")
    with clock.frozen_at(talk.ends_at + timedelta(minutes=1)), pytest.raises(NotFound):
        await talk_attendance.check_in(c.manager.actor, talk.door_code)
    statuses = await TalkSignup.of(c.system).filter(talk_id=talk.id).values_list("status", flat=True)
    assert sorted(statuses) == [SignupStatus.ATTENDED, SignupStatus.ATTENDED]


async def test_completing_sends_events_once_and_growth_records_follow(db):
    # given
    c = await make_company()
    talk = await make_talk(c.employee.actor, starts_at=clock.now() + timedelta(minutes=10))
    await talks.sign_up(c.peer.actor, talk.id)
    # when
    with clock.frozen_at(clock.now() + timedelta(minutes=30)):
        with pytest.raises(Forbidden):
            await talk_attendance.record_attendance(c.peer.actor, talk.id, [c.manager.employee.id])
        await talk_attendance.record_attendance(c.employee.actor, talk.id, [c.peer.employee.id, c.manager.employee.id])
        held = await talk_attendance.complete(c.employee.actor, talk.id)
        with pytest.raises(Conflict):
            await talk_attendance.complete(c.hr.actor, talk.id)
        await talk_attendance.record_attendance(c.hr.actor, talk.id, [c.peer.employee.id, c.owner.employee.id])
        await event_handlers.drain()
        await event_handlers.drain()
    # then
    assert held.status == TalkStatus.HELD
    given = await OutboxEvent.filter(tenant_id=c.org.id, type=TechTalkGiven.type).count()
    attended = await OutboxEvent.filter(tenant_id=c.org.id, type=TechTalkAttended.type).count()
    assert (given, attended) == (1, 3)
    records = await GrowthRecord.of(c.system).order_by("kind").values_list("employee_id", "kind", "attributes")
    assert sorted((str(e), k) for e, k, _ in records) == sorted(
        [(str(c.employee.employee.id), EvidenceKind.TECH_TALK)] + [
            (str(p.employee.id), EvidenceKind.TRAINING) for p in (c.peer, c.manager, c.owner)])
    assert all(a["talk_id"] == str(talk.id) and a["topic"] == talk.topic for _, _, a in records)


async def test_completing_waits_for_the_start(db):
    # given
    c = await make_company()
    talk = await make_talk(c.employee.actor)
    # when / then
    with pytest.raises(ValidationFailed):
        await talk_attendance.complete(c.employee.actor, talk.id)


async def test_attendees_rate_once_held_and_re_rating_replaces(db):
    # given
    c = await make_company()
    talk = await make_talk(c.employee.actor, starts_at=clock.now() + timedelta(minutes=10))
    later = clock.now() + timedelta(minutes=30)
    with clock.frozen_at(later):
        await talk_attendance.record_attendance(c.employee.actor, talk.id, [c.peer.employee.id, c.manager.employee.id])
        with pytest.raises(Conflict):
            await talks.rate(c.peer.actor, talk.id, 5)
        await talk_attendance.complete(c.employee.actor, talk.id)
        # when
        await talks.rate(c.peer.actor, talk.id, 5)
        await talks.rate(c.manager.actor, talk.id, 2)
        rated = await talks.rate(c.peer.actor, talk.id, 4)
        # then
        with pytest.raises(Forbidden):
            await talks.rate(c.hr.actor, talk.id, 5)
        with pytest.raises(ValidationFailed):
            await talks.rate(c.peer.actor, talk.id, 6)
    assert (rated.rating_sum, rated.rating_count) == (6, 2)


async def test_concurrent_re_ratings_keep_sum_and_count_consistent(db):
    # given
    c = await make_company()
    talk = await make_talk(c.employee.actor, starts_at=clock.now() + timedelta(minutes=10))
    with clock.frozen_at(clock.now() + timedelta(minutes=30)):
        await talk_attendance.record_attendance(c.employee.actor, talk.id, [c.peer.employee.id])
        await talk_attendance.complete(c.employee.actor, talk.id)
        # when
        await asyncio.gather(*(talks.rate(c.peer.actor, talk.id, r) for r in (1, 2, 3, 4, 5)), return_exceptions=True)
    # then
    found = await TechTalk.of(c.system).get(id=talk.id)
    mine = await TalkSignup.of(c.system).get(talk_id=talk.id, employee_id=c.peer.employee.id)
    assert (found.rating_count, found.rating_sum) == (1, mine.rating)


async def test_cancelling_tells_the_signed_up_and_closes_sign_up(db):
    # given
    c = await make_company()
    talk = await make_talk(c.employee.actor)
    await talks.sign_up(c.peer.actor, talk.id)
    # when
    with pytest.raises(Forbidden):
        await talks.cancel(c.peer.actor, talk.id)
    cancelled = await talks.cancel(c.employee.actor, talk.id)
    # then
    assert (cancelled.status, cancelled.signup_count) == (TalkStatus.CANCELLED, 0)
    with pytest.raises(Conflict):
        await talks.sign_up(c.manager.actor, talk.id)


async def test_racing_check_ins_keep_capacity_and_one_row_per_person(db):
    # given: 3 seats, 12 walk-ins at the door, and one person scanning four times at once
    c = await make_company()
    talk = await make_talk(c.hr.actor, capacity=3, starts_at=clock.now() + timedelta(minutes=10))
    crowd = await _crowd(c, 12)

    async def scan(actor: Actor) -> str:
        try:
            await talk_attendance.check_in(actor, talk.door_code)
            return "in"
        except talks.TalkFull:
            return "full"
    # when
    twice = await asyncio.gather(*(scan(c.employee.actor) for _ in range(4)))
    outcomes = await asyncio.gather(*(scan(a) for a in crowd))
    # then
    assert twice == ["in"] * 4 and outcomes.count("in") == 2 and outcomes.count("full") == 10
    assert await TalkSignup.of(c.system).filter(talk_id=talk.id, status=SignupStatus.ATTENDED).count() == 3
    assert (await TechTalk.of(c.system).get(id=talk.id)).signup_count == 3
