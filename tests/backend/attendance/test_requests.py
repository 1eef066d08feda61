"""Attendance requests: asking (validated per kind), routing to the manager (else HR), one-step decisions
that take effect at once, cancelling, HR's revoking, reward-pool remote days that are never over-spent,
and races that leave exactly one outcome."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest

from backend.attendance import assignments, request_queries, requests, shifts
from backend.attendance.models import (
    AssignmentSource, AttendanceRecompute, AttendanceRequest, RequestKind, RequestStatus, ShiftAssignment,
)
from backend.attendance.requests import RequestDraft
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotEligible, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.rewards.models import Entitlement
from tests.backend.attendance.shift_support import NOW, TODAY, frozen, give_remote_days, make_shifts
from tests.factories.org import make_company

MONDAY = date(2026, 12, 14)


async def inbox(person) -> list[Notification]:  # type: ignore[no-untyped-def]
    return list(await Notification.of(person.actor).filter(recipient_id=person.employee.id).order_by("created_at"))


def remote(start: date, end: date | None = None, *, paid: bool = False) -> RequestDraft:
    return RequestDraft(kind=RequestKind.REMOTE_DAY, starts_on=start, ends_on=end, use_entitlement=paid)


async def test_flexible_hours_approved_by_the_manager_become_an_assignment_at_once(db):
    c = await make_company()
    with frozen():
        made = await make_shifts(c.hr.actor)
        asked = await requests.request_change(c.employee.actor, RequestDraft(
            kind=RequestKind.FLEXIBLE_HOURS, starts_on=TODAY - timedelta(days=1), shift_id=made["late"].id,
            reason="School run"))
        assert asked.approver_id == c.manager.employee.id and asked.status == RequestStatus.PENDING
        assert "asks for flexible hours" in (await inbox(c.manager))[0].title_en
        assert [r.id for r in await request_queries.approvals(c.manager.actor)] == [asked.id]
        decided = await requests.decide_request(c.manager.actor, asked.id, approve=True, note="OK")
    assert decided.status == RequestStatus.APPROVED and decided.decided_by_id == c.manager.employee.id
    assignment = await ShiftAssignment.of(c.system).get(request_id=asked.id)
    assert (assignment.shift_id, assignment.source, assignment.starts_on, assignment.ends_on) == (
        made["late"].id, AssignmentSource.REQUEST, TODAY - timedelta(days=1), None)
    assert sorted(await AttendanceRecompute.of(c.system).values_list("day", flat=True)) == [
        TODAY - timedelta(days=1), TODAY]
    told = await inbox(c.employee)
    assert "approved" in told[0].title_en and "已批准" in told[0].title_zh
    actions = await AuditEntry.of(c.system).filter(entity_type="attendance_request").values_list("action", flat=True)
    assert sorted(actions) == ["attendance_request.decided", "attendance_request.submitted"]
    types = await OutboxEvent.filter(type__startswith="attendance.request").values_list("type", flat=True)
    assert sorted(types) == ["attendance.request_decided", "attendance.request_submitted"]
    assert await request_queries.approvals(c.manager.actor) == []


@pytest.mark.parametrize("kind, over, field", [
    (RequestKind.FLEXIBLE_HOURS, {"shift": "night"}, "shiftId"),
    (RequestKind.FLEXIBLE_HOURS, {"shift": None}, "shiftId"),
    (RequestKind.FLEXIBLE_HOURS, {"shift": "late", "ends_on": MONDAY}, "endsOn"),
    (RequestKind.SHIFT_CHANGE, {"shift": "night"}, "endsOn"),
    (RequestKind.SHIFT_CHANGE, {"shift": "night", "ends_on": MONDAY - timedelta(days=1)}, "endsOn"),
    (RequestKind.REMOTE_DAY, {"starts_on": date(2026, 12, 12), "ends_on": date(2026, 12, 13)}, "endsOn"),  # weekend
    (RequestKind.REMOTE_DAY, {"ends_on": MONDAY + timedelta(days=40)}, "endsOn"),
    (RequestKind.REMOTE_DAY, {"starts_on": TODAY - timedelta(days=40)}, "startsOn"),
    (RequestKind.REMOTE_DAY, {"paid": False, "kind_paid": True}, "useEntitlement"),
    (RequestKind.CORRECTION, {"starts_on": TODAY, "punch_at": NOW + timedelta(hours=1), "dir": "in"}, "punchAt"),
    (RequestKind.CORRECTION, {"starts_on": TODAY - timedelta(days=31), "punch_at": NOW - timedelta(days=31, hours=1),
                              "dir": "in"}, "punchAt"),
    (RequestKind.CORRECTION, {"starts_on": TODAY, "punch_at": NOW - timedelta(hours=1), "dir": "sideways"},
     "punchDirection"),
    (RequestKind.CORRECTION, {"starts_on": TODAY, "punch_at": datetime(2026, 12, 9, 8, 0), "dir": "in"}, "punchAt"),
    (RequestKind.CORRECTION, {"starts_on": TODAY - timedelta(days=3), "punch_at": NOW - timedelta(hours=1),
                              "dir": "in"}, "punchAt"),
])
async def test_bad_requests_are_refused_with_the_field_and_change_nothing(db, kind, over, field):
    c = await make_company()
    with frozen():
        made = await make_shifts(c.hr.actor)
        shift = over.get("shift")
        draft = RequestDraft(kind=RequestKind.SHIFT_CHANGE if over.get("kind_paid") else kind,
                             starts_on=over.get("starts_on", MONDAY), ends_on=over.get("ends_on"),
                             shift_id=made[shift].id if shift else None, punch_at=over.get("punch_at"),
                             punch_direction=over.get("dir", ""), use_entitlement=bool(over.get("kind_paid")))
        if over.get("kind_paid"):
            draft = RequestDraft(kind=RequestKind.SHIFT_CHANGE, starts_on=MONDAY, ends_on=MONDAY,
                                 shift_id=made["night"].id, use_entitlement=True)
        with pytest.raises(ValidationFailed) as err:
            await requests.request_change(c.employee.actor, draft)
    assert err.value.field == field
    assert await AttendanceRequest.of(c.system).count() == 0


async def test_a_remote_range_counts_working_days_of_the_persons_shift(db):
    c = await make_company()
    with frozen():
        week = await requests.request_change(c.employee.actor, remote(MONDAY, MONDAY + timedelta(days=6)))
        one = await requests.request_change(c.employee.actor, remote(MONDAY + timedelta(days=7)))
        again = await requests.request_change(c.employee.actor, remote(MONDAY + timedelta(days=7)))
    assert (week.days, week.ends_on, one.days, one.ends_on) == (5, MONDAY + timedelta(days=6), 1,
                                                                MONDAY + timedelta(days=7))
    assert again.id == one.id  # a retried submit makes one request


async def test_reward_pool_days_are_reserved_released_on_decline_cancel_and_revoke(db):
    c = await make_company()
    with frozen():
        pool = await give_remote_days(c.system, c.employee.employee.id, 3)
        assert await request_queries.my_remote_days_left(c.employee.actor) == 3
        two = await requests.request_change(c.employee.actor, remote(MONDAY, MONDAY + timedelta(days=1), paid=True))
        assert (await Entitlement.get(id=pool.id)).used_days == 2 and two.entitlement_id == pool.id
        with pytest.raises(NotEligible):
            await requests.request_change(c.employee.actor, remote(MONDAY + timedelta(days=7),
                                                                   MONDAY + timedelta(days=8), paid=True))
        await requests.decide_request(c.manager.actor, two.id, approve=False, note="Busy week")
        assert (await Entitlement.get(id=pool.id)).used_days == 0
        three = await requests.request_change(c.employee.actor, remote(MONDAY, MONDAY + timedelta(days=2), paid=True))
        await requests.cancel_request(c.employee.actor, three.id)
        assert (await Entitlement.get(id=pool.id)).used_days == 0
        one = await requests.request_change(c.employee.actor, remote(TODAY - timedelta(days=1), paid=True))
        await requests.decide_request(c.manager.actor, one.id, approve=True)
        assert await request_queries.my_remote_days_left(c.employee.actor) == 2
        revoked = await requests.revoke_request(c.hr.actor, one.id, note="Was on site after all")
    assert revoked.status == RequestStatus.REVOKED and revoked.revoked_at is not None
    assert (await Entitlement.get(id=pool.id)).used_days == 0
    assert "revoked" in (await inbox(c.employee))[-1].title_en


async def test_expired_or_other_kinds_of_days_cannot_pay(db):
    c = await make_company()
    with frozen():
        await give_remote_days(c.system, c.employee.employee.id, 5, valid_until=TODAY - timedelta(days=1))
        with pytest.raises(NotEligible):
            await requests.request_change(c.employee.actor, remote(MONDAY, paid=True))
    assert await AttendanceRequest.of(c.system).count() == 0


async def test_twelve_paid_requests_racing_for_five_days_spend_exactly_five(db):
    c = await make_company()
    with frozen():
        pool = await give_remote_days(c.system, c.employee.employee.id, 5)
        days = [MONDAY + timedelta(days=w * 7 + d) for w in range(3) for d in range(4)]
        results = await asyncio.gather(*(requests.request_change(c.employee.actor, remote(d, paid=True)) for d in days),
                                       return_exceptions=True)
    made = [r for r in results if isinstance(r, AttendanceRequest)]
    refused = [r for r in results if isinstance(r, NotEligible)]
    assert (len(made), len(refused)) == (5, 7), results
    assert (await Entitlement.get(id=pool.id)).used_days == 5
    assert await AttendanceRequest.of(c.system).filter(entitlement_id=pool.id).count() == 5


async def test_approve_racing_cancel_leaves_one_outcome_and_consistent_days(db):
    c = await make_company()
    with frozen():
        pool = await give_remote_days(c.system, c.employee.employee.id, 10)
        outcomes = []
        for i in range(6):
            asked = await requests.request_change(c.employee.actor, remote(MONDAY + timedelta(days=i % 5 + 7 * (i // 5)),
                                                                           paid=True))
            results = await asyncio.gather(requests.decide_request(c.manager.actor, asked.id, approve=True),
                                           requests.cancel_request(c.employee.actor, asked.id), return_exceptions=True)
            assert sum(isinstance(r, Conflict) for r in results) == 1, results
            final = await AttendanceRequest.get(id=asked.id)
            assert final.status in (RequestStatus.APPROVED, RequestStatus.CANCELLED)
            outcomes.append(final.status)
            assert await AuditEntry.of(c.system).filter(entity_id=str(asked.id)).count() == 2
    approved = outcomes.count(RequestStatus.APPROVED)
    assert (await Entitlement.get(id=pool.id)).used_days == approved


async def test_who_may_decide_cancel_and_revoke(db):
    c = await make_company()
    with frozen():
        mine = await requests.request_change(c.employee.actor, remote(MONDAY))
        peers = await requests.request_change(c.peer.actor, remote(MONDAY))
        with pytest.raises(Forbidden):
            await requests.decide_request(c.manager.actor, peers.id, approve=True)  # not below them
        with pytest.raises(Forbidden):
            await requests.decide_request(c.employee.actor, mine.id, approve=True)  # own
        with pytest.raises(Forbidden):
            await requests.cancel_request(c.manager.actor, mine.id)
        with pytest.raises(Conflict):
            await requests.revoke_request(c.hr.actor, mine.id, note="Not approved yet")
        await requests.decide_request(c.hr.actor, peers.id, approve=True)  # HR decides anyone's
        with pytest.raises(Conflict):
            await requests.decide_request(c.hr.actor, peers.id, approve=False)
        with pytest.raises(Conflict):
            await requests.cancel_request(c.peer.actor, peers.id)
        with pytest.raises(Forbidden):
            await requests.revoke_request(c.manager.actor, peers.id, note="No")
        with pytest.raises(ValidationFailed):
            await requests.revoke_request(c.hr.actor, peers.id, note="  ")
    assert (await AttendanceRequest.get(id=mine.id)).status == RequestStatus.PENDING


async def test_without_a_manager_hr_is_asked_and_a_shift_change_revoked_stops_applying(db):
    c = await make_company()
    with frozen():
        made = await make_shifts(c.hr.actor)
        asked = await requests.request_change(c.owner.actor, RequestDraft(
            kind=RequestKind.SHIFT_CHANGE, starts_on=TODAY - timedelta(days=2), ends_on=MONDAY,
            shift_id=made["night"].id))
        assert asked.approver_id == c.hr.employee.id
        assert [r.id for r in await request_queries.approvals(c.hr.actor)] == [asked.id]
        await requests.decide_request(c.hr.actor, asked.id, approve=True)
        await AttendanceRecompute.all().delete()
        await requests.revoke_request(c.hr.actor, asked.id, note="Line stopped")
    assignment = await ShiftAssignment.of(c.system).get(request_id=asked.id)
    assert assignment.revoked_at is not None
    assert sorted(await AttendanceRecompute.of(c.system).values_list("day", flat=True)) == [
        TODAY - timedelta(days=2), TODAY - timedelta(days=1), TODAY]


async def test_an_approved_correction_marks_its_day(db):
    c = await make_company()
    with frozen():
        asked = await requests.request_change(c.employee.actor, RequestDraft(
            kind=RequestKind.CORRECTION, starts_on=TODAY - timedelta(days=1), punch_at=NOW - timedelta(hours=20),
            punch_direction="IN", reason="Card reader was down"))
        await requests.decide_request(c.manager.actor, asked.id, approve=True)
    saved = await AttendanceRequest.get(id=asked.id)
    assert (saved.status, saved.punch_direction, saved.punch_at) == (RequestStatus.APPROVED, "in",
                                                                     NOW - timedelta(hours=20))
    assert await AttendanceRecompute.of(c.system).values_list("employee_id", "day") == [
        (c.employee.employee.id, TODAY - timedelta(days=1))]


async def test_a_retired_option_cannot_be_approved_and_the_request_stays_pending(db):
    c = await make_company()
    with frozen():
        made = await make_shifts(c.hr.actor)
        asked = await requests.request_change(c.employee.actor, RequestDraft(
            kind=RequestKind.FLEXIBLE_HOURS, starts_on=MONDAY, shift_id=made["late"].id))
        await shifts.save_shift(c.hr.actor, shifts.ShiftDraft(code="late", name_en="Late", name_zh="late",
                                                              start_time="09:00", end_time="18:00", active=False))
        with pytest.raises(Conflict):
            await requests.decide_request(c.manager.actor, asked.id, approve=True)
        declined = await requests.decide_request(c.manager.actor, asked.id, approve=False, note="Option retired")
    assert declined.status == RequestStatus.DECLINED
    assert await ShiftAssignment.of(c.system).count() == 0


async def test_a_six_day_shift_makes_a_week_of_remote_work_six_days(db):
    c = await make_company()
    with frozen():
        six = await shifts.save_shift(c.hr.actor, shifts.ShiftDraft(
            code="six", name_en="Six days", name_zh="六天", start_time="08:00", end_time="17:00",
            work_days=(1, 2, 3, 4, 5, 6)))
        await assignments.assign_shift(c.hr.actor, employee_ids=[c.employee.employee.id], shift_id=six.id,
                                       site_id=None, starts_on=MONDAY, ends_on=MONDAY + timedelta(days=6))
        week = await requests.request_change(c.employee.actor, remote(MONDAY, MONDAY + timedelta(days=13)))
    assert week.days == 6 + 5  # the assigned week, then the default Monday-to-Friday
