"""Shifts (HR saves by code, validated, audited) and assignments (HR assigns over ranges; the newest
covering assignment wins; revoking falls back; affected past days are marked for recompute)."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from backend.access.actor import Actor
from backend.attendance import assignments, shifts
from backend.attendance.models import AttendanceRecompute, Shift, ShiftAssignment
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.org.models import Site
from tests.backend.attendance.shift_support import NOW, TODAY, frozen, make_shifts
from tests.factories.org import make_company


def draft(**over) -> shifts.ShiftDraft:  # type: ignore[no-untyped-def]
    values = {"code": "default", "name_en": "Day", "name_zh": "白班", "start_time": "08:00", "end_time": "17:00"}
    return shifts.ShiftDraft(**{**values, **over})


async def test_hr_creates_then_updates_a_shift_by_code_and_each_change_is_audited(db):
    c = await make_company()
    created = await shifts.save_shift(c.hr.actor, draft())
    updated = await shifts.save_shift(c.hr.actor, draft(name_en="Day shift", late_grace_minutes=10))
    again = await shifts.save_shift(c.hr.actor, draft(name_en="Day shift", late_grace_minutes=10))
    assert updated.id == created.id == again.id
    assert (updated.start_minute, updated.end_minute, updated.late_grace_minutes) == (480, 1020, 10)
    assert await Shift.of(c.system).count() == 1
    entries = await AuditEntry.of(c.system).filter(entity_type="shift").order_by("at").values_list("action", "after")
    assert [e[0] for e in entries] == ["shift.created", "shift.updated"]  # the no-op save records nothing
    assert entries[1][1] == {"name_en": "Day shift", "late_grace_minutes": 10}
    assert entries[0][1]["start_time"] == "08:00"


async def test_an_end_at_or_before_the_start_is_overnight(db):
    c = await make_company()
    night = await shifts.save_shift(c.hr.actor, draft(code="night", start_time="22:00", end_time="06:00",
                                                       break_minutes=30))
    assert shifts.is_overnight(night) and shifts.length_minutes(night.start_minute, night.end_minute) == 480
    day = await shifts.save_shift(c.hr.actor, draft())
    assert not shifts.is_overnight(day)


@pytest.mark.parametrize("over, field", [
    ({"start_time": "8:00"}, "startTime"), ({"end_time": "24:00"}, "endTime"), ({"start_time": "08:60"}, "startTime"),
    ({"code": "Has Space"}, "code"), ({"late_grace_minutes": -1}, "lateGraceMinutes"),
    ({"early_grace_minutes": 121}, "earlyGraceMinutes"), ({"work_days": []}, "workDays"),
    ({"work_days": [0, 1]}, "workDays"), ({"work_days": [8]}, "workDays"), ({"break_minutes": 500}, "breakMinutes"),
    ({"absent_minutes": 300, "half_day_minutes": 240}, "absentMinutes"), ({"half_day_minutes": 600}, "halfDayMinutes"),
    ({"name_en": "  "}, "nameEn"),
])
async def test_bad_shifts_are_refused_with_the_field_and_change_nothing(db, over, field):
    c = await make_company()
    with pytest.raises(ValidationFailed) as err:
        await shifts.save_shift(c.hr.actor, draft(**over))
    assert err.value.field == field
    assert await Shift.of(c.system).count() == 0


async def test_only_hr_saves_shifts_but_everyone_reads_them(db):
    c = await make_company()
    with pytest.raises(Forbidden):
        await shifts.save_shift(c.manager.actor, draft())
    made = await make_shifts(c.hr.actor)
    await shifts.save_shift(c.hr.actor, draft(code="retired", active=False))
    assert [s.code for s in await shifts.list_shifts(c.employee.actor)] == ["default", "late", "night"]
    assert len(await shifts.list_shifts(c.employee.actor, include_inactive=True)) == 4
    assert [s.id for s in await shifts.flexible_options(c.employee.actor)] == [made["default"].id, made["late"].id]
    kiosk = Actor.kiosk(tenant_id=c.org.id, site_id=c.site.id, session_id=uuid.uuid4(), label="Gate")
    with pytest.raises(Forbidden):
        await shifts.list_shifts(kiosk)


async def test_the_newest_covering_assignment_wins_and_revoking_falls_back(db):
    c = await make_company()
    with frozen():
        made = await make_shifts(c.hr.actor)
        person = c.employee.employee.id
        base = (await assignments.assign_shift(c.hr.actor, employee_ids=[person], shift_id=made["default"].id,
                                               site_id=None, starts_on=date(2026, 12, 1), ends_on=None))[0]
    with clock.frozen_at(NOW + timedelta(minutes=1)):  # made later: newer
        week = (await assignments.assign_shift(c.hr.actor, employee_ids=[person], shift_id=made["night"].id,
                                               site_id=c.site.id, starts_on=date(2026, 12, 7),
                                               ends_on=date(2026, 12, 11)))[0]
        rows = await ShiftAssignment.of(c.system).filter(employee_id=person)
        assert assignments.newest_covering(rows, date(2026, 12, 8)).id == week.id
        assert assignments.newest_covering(rows, date(2026, 12, 12)).id == base.id
        assert assignments.newest_covering(rows, date(2026, 11, 30)) is None
        await assignments.revoke_assignment(c.hr.actor, week.id)
        rows = await ShiftAssignment.of(c.system).filter(employee_id=person)
        assert assignments.newest_covering(rows, date(2026, 12, 8)).id == base.id
        with pytest.raises(Conflict):
            await assignments.revoke_assignment(c.hr.actor, week.id)
    actions = await AuditEntry.of(c.system).filter(entity_type="shift_assignment").values_list("action", flat=True)
    assert sorted(actions) == ["shift_assignment.created", "shift_assignment.created", "shift_assignment.revoked"]


async def test_assigning_marks_past_days_through_today_and_never_the_future(db):
    c = await make_company()
    with frozen():
        made = await make_shifts(c.hr.actor)
        people = [c.employee.employee.id, c.peer.employee.id]
        await assignments.assign_shift(c.hr.actor, employee_ids=people, shift_id=made["late"].id, site_id=None,
                                       starts_on=TODAY - timedelta(days=2), ends_on=TODAY + timedelta(days=30))
        await assignments.assign_shift(c.hr.actor, employee_ids=[c.manager.employee.id], shift_id=made["late"].id,
                                       site_id=None, starts_on=TODAY + timedelta(days=1), ends_on=None)
    marked = sorted(await AttendanceRecompute.of(c.system).values_list("employee_id", "day"))
    assert sorted(marked) == sorted((p, TODAY - timedelta(days=d)) for p in people for d in (0, 1, 2))


async def test_a_long_past_range_marks_at_most_the_lookback(db):
    assert len(assignments.stale_days(TODAY - timedelta(days=400), None, TODAY)) == assignments.MAX_PAST_DAYS + 1
    assert assignments.stale_days(TODAY + timedelta(days=1), None, TODAY) == []
    assert assignments.stale_days(TODAY - timedelta(days=5), TODAY - timedelta(days=4), TODAY) == [
        TODAY - timedelta(days=5), TODAY - timedelta(days=4)]


async def test_bad_assignments_are_refused_and_change_nothing(db):
    c = await make_company()
    other = await make_company("Other")
    with frozen():
        made = await make_shifts(c.hr.actor)
        foreign_site = await Site.create_for(other.system, name="Elsewhere", time_zone="Asia/Shanghai")
        args = {"employee_ids": [c.employee.employee.id], "shift_id": made["default"].id, "site_id": None,
                "starts_on": TODAY, "ends_on": None}
        cases = [({"site_id": foreign_site.id}, NotFound, None), ({"employee_ids": [other.employee.employee.id]}, NotFound,
                 "employeeIds"), ({"ends_on": TODAY - timedelta(days=1)}, ValidationFailed, "endsOn"),
                 ({"starts_on": TODAY - timedelta(days=100)}, ValidationFailed, "startsOn"),
                 ({"employee_ids": []}, ValidationFailed, "employeeIds")]
        for over, error, field in cases:
            with pytest.raises(error) as err:
                await assignments.assign_shift(c.hr.actor, **{**args, **over})
            if field:
                assert err.value.field == field
        with pytest.raises(Forbidden):
            await assignments.assign_shift(c.manager.actor, **args)
    assert await ShiftAssignment.of(c.system).count() == 0
    assert await AttendanceRecompute.of(c.system).count() == 0


async def test_assignments_are_read_by_the_person_their_managers_and_hr(db):
    c = await make_company()
    with frozen():
        made = await make_shifts(c.hr.actor)
        await assignments.assign_shift(c.hr.actor, employee_ids=[c.employee.employee.id], shift_id=made["late"].id,
                                       site_id=None, starts_on=TODAY, ends_on=None)
    worker = c.employee.employee.id
    assert len(await assignments.list_assignments(c.employee.actor)) == 1
    assert len(await assignments.list_assignments(c.manager.actor, worker)) == 1
    assert len(await assignments.list_assignments(c.hr.actor, worker)) == 1
    with pytest.raises(Forbidden):
        await assignments.list_assignments(c.peer.actor, worker)
