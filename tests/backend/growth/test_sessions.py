"""Learning sessions: HR schedules and cancels (enrollees told); people enrol and cancel; capacity holds
when many enrol at once (PostgreSQL: concurrent transactions up to the pool size)."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta

import pytest

from backend.access.actor import Actor
from backend.access.permissions import Role
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.growth import session_queries, sessions
from backend.growth.models import EnrolmentStatus, EvidenceKind, SessionEnrolment, SessionStatus
from backend.org.models import Employee
from tests.factories.growth_evidence import inbox_of
from tests.factories.growth_sessions import make_session
from tests.factories.org import Company, make_company


async def _crowd(company: Company, size: int) -> list[Actor]:
    people = [Employee.build_for(company.system, employee_number=f"S{n:04d}", name=f"Learner {n}",
                                 hire_date=date(2023, 1, 1), job_title="Operator", level="L1") for n in range(size)]
    await Employee.bulk_create(people)
    return [Actor.user(tenant_id=company.org.id, account_id=uuid.uuid4(), employee_id=p.id, role=Role.EMPLOYEE,
                       label=p.name) for p in people]


async def _outcome(actor: Actor, session_id: uuid.UUID) -> str:
    try:
        await sessions.enrol(actor, session_id)
    except sessions.SessionFull:
        return "full"
    return "ok"


async def test_hr_schedules_a_session_audited(db):
    # given
    c = await make_company()
    # when
    session = await make_session(c, trainer=c.manager, capacity=12)
    # then
    assert (session.status, session.capacity, session.trainer_id) == (SessionStatus.SCHEDULED, 12, c.manager.employee.id)
    assert await AuditEntry.of(c.system).filter(action="learning_session.scheduled", entity_id=str(session.id)).exists()


async def test_only_hr_schedules(db):
    # given
    c = await make_company()
    start = clock.now() + timedelta(days=1)
    draft = sessions.SessionDraft(title_en="x", title_zh="x", starts_at=start, ends_at=start + timedelta(hours=1),
                                  capacity=5)
    # when / then
    with pytest.raises(Forbidden):
        await sessions.schedule_session(c.manager.actor, draft)


@pytest.mark.parametrize(("changes", "field"), [
    ({"capacity": 0}, "capacity"),
    ({"hours": -2.0}, "hours"),
    ({"evidence_kind": EvidenceKind.BADGE}, "evidenceKind"),
    ({"title_zh": " "}, "titleZh"),
])
async def test_bad_session_input_names_the_field(db, changes, field):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await make_session(c, **changes)
    assert raised.value.field == field


async def test_a_session_in_the_past_or_with_an_unknown_trainer_is_refused(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed):
        await make_session(c, starts_at=clock.now() - timedelta(days=2))
    with pytest.raises(NotFound) as raised:
        await sessions.schedule_session(c.hr.actor, sessions.SessionDraft(
            title_en="x", title_zh="x", starts_at=clock.now() + timedelta(days=1),
            ends_at=clock.now() + timedelta(days=1, hours=2), capacity=3, trainer_id=uuid.uuid4()))
    assert raised.value.field == "trainerId"


async def test_enrolling_takes_a_seat_once(db):
    # given
    c = await make_company()
    session = await make_session(c, capacity=2)
    # when
    first = await sessions.enrol(c.employee.actor, session.id)
    again = await sessions.enrol(c.employee.actor, session.id)
    # then
    assert first.id == again.id and first.status == EnrolmentStatus.ENROLLED
    assert await session_queries.enrolled_counts(c.system, [session.id]) == [1]
    assert await session_queries.my_enrolments(c.employee.actor, [session.id]) == [EnrolmentStatus.ENROLLED]


async def test_a_full_session_refuses_and_a_cancelled_seat_is_free_again(db):
    # given
    c = await make_company()
    session = await make_session(c, capacity=1)
    await sessions.enrol(c.employee.actor, session.id)
    # when / then
    with pytest.raises(sessions.SessionFull):
        await sessions.enrol(c.peer.actor, session.id)
    cancelled = await sessions.cancel_enrolment(c.employee.actor, session.id)
    taken = await sessions.enrol(c.peer.actor, session.id)
    assert (cancelled.status, taken.status) == (EnrolmentStatus.CANCELLED, EnrolmentStatus.ENROLLED)
    with pytest.raises(sessions.SessionFull):
        await sessions.enrol(c.employee.actor, session.id)


async def test_enrolment_closes_when_the_session_starts(db):
    # given
    c = await make_company()
    session = await make_session(c, starts_at=clock.now() + timedelta(hours=1))
    await sessions.enrol(c.employee.actor, session.id)
    # when / then
    with clock.frozen_at(clock.now() + timedelta(hours=2)):
        with pytest.raises(Conflict):
            await sessions.enrol(c.peer.actor, session.id)
        with pytest.raises(Conflict):
            await sessions.cancel_enrolment(c.employee.actor, session.id)


async def test_forty_people_racing_for_five_seats_get_exactly_five(db):
    # given
    c = await make_company()
    session = await make_session(c, capacity=5)
    racers = await _crowd(c, 40)
    # when all enrol at once
    outcomes = await asyncio.gather(*(_outcome(actor, session.id) for actor in racers))
    # then
    assert (outcomes.count("ok"), outcomes.count("full")) == (5, 35)
    assert await SessionEnrolment.of(c.system).filter(session_id=session.id,
                                                      status=EnrolmentStatus.ENROLLED).count() == 5


async def test_hr_cancels_a_session_and_the_enrollees_are_told(db):
    # given
    c = await make_company()
    session = await make_session(c, title_en="Forklift licence", title_zh="叉车证培训")
    await sessions.enrol(c.employee.actor, session.id)
    await sessions.enrol(c.peer.actor, session.id)
    await sessions.cancel_enrolment(c.peer.actor, session.id)
    # when
    cancelled = await sessions.cancel_session(c.hr.actor, session.id)
    # then
    assert cancelled.status == SessionStatus.CANCELLED
    notes = await inbox_of(c.employee)
    assert [n.kind for n in notes] == ["learning_session_cancelled"] and "叉车证培训" in notes[0].title_zh
    assert await inbox_of(c.peer) == []
    assert await SessionEnrolment.of(c.system).filter(status=EnrolmentStatus.ENROLLED).count() == 0
    with pytest.raises(Conflict):
        await sessions.cancel_session(c.hr.actor, session.id)
    with pytest.raises(Conflict):
        await sessions.enrol(c.manager.actor, session.id)


async def test_the_upcoming_list_shows_scheduled_sessions_soonest_first(db):
    # given
    c = await make_company()
    later = await make_session(c, starts_at=clock.now() + timedelta(days=9))
    sooner = await make_session(c, starts_at=clock.now() + timedelta(days=2))
    gone = await make_session(c, starts_at=clock.now() + timedelta(days=3))
    await sessions.cancel_session(c.hr.actor, gone.id)
    # when
    upcoming = await session_queries.list_sessions(c.employee.actor)
    everything = await session_queries.list_sessions(c.employee.actor, upcoming_only=False)
    # then
    assert [s.id for s in upcoming] == [sooner.id, later.id]
    assert {s.id for s in everything} == {sooner.id, later.id, gone.id}
