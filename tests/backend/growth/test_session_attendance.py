"""Taking attendance: the trainer or HR turns attendees into CONFIRMED session records, once each; the
session completes; people outside are refused."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.growth import session_attendance, sessions
from backend.growth.models import (
    EnrolmentStatus, GrowthRecompute, GrowthRecord, RecordSource, RecordStatus, SessionEnrolment, SessionStatus,
)
from tests.factories.growth_evidence import inbox_of
from tests.factories.growth_sessions import make_session
from tests.factories.org import make_company

SOON = timedelta(hours=1)


async def test_the_trainer_records_attendance_as_confirmed_session_records(db):
    # given an enrolled employee and a walk-in peer
    c = await make_company()
    session = await make_session(c, trainer=c.manager, starts_at=clock.now() + SOON, hours=6, title_zh="数控铣床操作")
    await sessions.enrol(c.employee.actor, session.id)
    # when the session has started
    with clock.frozen_at(clock.now() + 2 * SOON):
        done = await session_attendance.record_attendance(c.manager.actor, session.id,
                                                          [c.employee.employee.id, c.peer.employee.id])
    # then
    assert (done.session.status, done.attended, done.created) == (SessionStatus.COMPLETED, 2, 2)
    mine = await GrowthRecord.of(c.system).get(employee_id=c.employee.employee.id)
    assert (mine.status, mine.source, mine.source_ref, mine.quantity, mine.title) == (
        RecordStatus.CONFIRMED, RecordSource.SESSION, f"session:{session.id}:{c.employee.employee.id}", 6.0, "数控铣床操作")
    assert mine.attributes == {"category": "equipment", "provider": "Plant school", "session_id": str(session.id)}
    statuses = set(await SessionEnrolment.of(c.system).filter(session_id=session.id).values_list("status", flat=True))
    assert statuses == {EnrolmentStatus.ATTENDED}
    assert [n.kind for n in await inbox_of(c.peer)] == ["growth_record_confirmed"]
    assert await GrowthRecompute.of(c.system).filter(employee_id=c.peer.employee.id).exists()


async def test_marking_attendance_again_makes_no_second_record(db):
    # given
    c = await make_company()
    session = await make_session(c, starts_at=clock.now() + SOON)
    with clock.frozen_at(clock.now() + 2 * SOON):
        await session_attendance.record_attendance(c.hr.actor, session.id, [c.employee.employee.id])
        # when
        again = await session_attendance.record_attendance(c.hr.actor, session.id,
                                                           [c.employee.employee.id, c.peer.employee.id])
    # then
    assert again.created == 1
    assert await GrowthRecord.of(c.system).filter(employee_id=c.employee.employee.id).count() == 1


async def test_only_the_trainer_or_hr_take_attendance_and_never_for_themselves(db):
    # given
    c = await make_company()
    session = await make_session(c, trainer=c.peer, starts_at=clock.now() + SOON)
    # when / then
    with clock.frozen_at(clock.now() + 2 * SOON):
        with pytest.raises(Forbidden):
            await session_attendance.record_attendance(c.manager.actor, session.id, [c.employee.employee.id])
        with pytest.raises(ValidationFailed):
            await session_attendance.record_attendance(c.peer.actor, session.id, [c.peer.employee.id])
        with pytest.raises(NotFound):
            await session_attendance.record_attendance(c.hr.actor, session.id, [c.org.id])


async def test_attendance_waits_for_the_start_and_not_for_a_cancelled_session(db):
    # given
    c = await make_company()
    session = await make_session(c, starts_at=clock.now() + SOON)
    # when / then
    with pytest.raises(ValidationFailed):
        await session_attendance.record_attendance(c.hr.actor, session.id, [c.employee.employee.id])
    await sessions.cancel_session(c.hr.actor, session.id)
    with clock.frozen_at(clock.now() + 2 * SOON), pytest.raises(Conflict):
        await session_attendance.record_attendance(c.hr.actor, session.id, [c.employee.employee.id])
    assert await GrowthRecord.of(c.system).count() == 0
