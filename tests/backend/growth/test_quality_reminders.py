"""HR's data-quality view and the managers' weekly reminder: pending claims with their age, disputes,
stale members; Monday morning in the organisation's zone, once per manager per week."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backend.core import clock
from backend.core.errors import Forbidden
from backend.growth import quality, reminders, verification
from backend.growth.models import EvidenceKind, RecordStatus
from backend.notifications.models import Notification
from tests.factories.growth import add_record, assign, make_track
from tests.factories.growth_evidence import claim
from tests.factories.org import make_company

# Monday 2026-03-09 09:30 in Shanghai (01:30 UTC), Sunday 23:30 local, Monday 07:00 local.
MONDAY_MORNING = datetime(2026, 3, 9, 1, 30, tzinfo=UTC)
SUNDAY_NIGHT = datetime(2026, 3, 8, 15, 30, tzinfo=UTC)
MONDAY_TOO_EARLY = datetime(2026, 3, 8, 23, 0, tzinfo=UTC)


async def test_the_data_quality_view_lists_pending_disputed_and_rejected(db):
    # given a claim from 5 days ago, a disputed rejection and a plain rejection
    c = await make_company()
    with clock.frozen_at(datetime(2026, 3, 4, 2, 0, tzinfo=UTC)):
        old = await claim(c.employee, occurred_on=date(2026, 3, 1))
    with clock.frozen_at(datetime(2026, 3, 9, 2, 0, tzinfo=UTC)):
        newer = await claim(c.peer, occurred_on=date(2026, 3, 2))
        contested = await claim(c.employee, occurred_on=date(2026, 3, 2))
        await verification.reject_record(c.manager.actor, contested.id, reason="No proof")
        await verification.dispute_record(c.employee.actor, contested.id, reason="Proof attached")
        turned_down = await claim(c.employee, occurred_on=date(2026, 3, 2))
        await verification.reject_record(c.manager.actor, turned_down.id, reason="Wrong course")
        # when
        view = await quality.data_quality(c.hr.actor)
    # then
    assert [r.id for r in view.pending] == [old.id, newer.id]
    assert [r.id for r in view.disputed] == [contested.id]
    assert [r.id for r in view.rejected] == [turned_down.id]
    assert view.oldest_pending_days == 5


async def test_stale_members_are_those_on_a_track_without_a_recent_confirmed_record(db):
    # given three people on a track: one fresh, one with only an old record, one with nothing confirmed
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id, c.peer.employee.id, c.manager.employee.id], track)
    today = clock.today_in("Asia/Shanghai")
    await add_record(c.system, c.employee.employee.id, EvidenceKind.TRAINING, on=today - timedelta(days=10))
    await add_record(c.system, c.peer.employee.id, EvidenceKind.TRAINING, on=today - timedelta(days=120))
    await add_record(c.system, c.manager.employee.id, EvidenceKind.TRAINING, on=today, status=RecordStatus.REJECTED)
    # when
    view = await quality.data_quality(c.hr.actor)
    # then
    assert view.stale_members == 2 and view.oldest_pending_days is None


async def test_only_hr_sees_data_quality(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await quality.data_quality(c.manager.actor)


async def test_monday_morning_each_manager_gets_one_reminder_listing_their_reports(db):
    # given the worker has two claims waiting; the peer (the owner's report) is on a track with nothing recent
    c = await make_company()
    await claim(c.employee)
    await claim(c.employee)
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.peer.employee.id], track)
    # when
    with clock.frozen_at(MONDAY_MORNING):
        sent = await reminders.send_weekly_reminders(c.system)
    # then
    assert sent == 2
    manager_note = await Notification.of(c.system).get(recipient_id=c.manager.employee.id, kind="growth_weekly_reminder")
    assert manager_note.body_en == f"Awaiting your confirmation: {c.employee.employee.latin_name} (2)"
    assert manager_note.body_zh == f"待你确认：{c.employee.employee.name}（2）"
    owner_note = await Notification.of(c.system).get(recipient_id=c.owner.employee.id, kind="growth_weekly_reminder")
    assert owner_note.body_en == f"No confirmed record in 90 days: {c.peer.employee.latin_name}"


async def test_the_reminder_goes_once_per_week_and_only_on_monday_morning(db):
    # given
    c = await make_company()
    await claim(c.employee)
    # when
    with clock.frozen_at(SUNDAY_NIGHT):
        sunday = await reminders.send_weekly_reminders(c.system)
    with clock.frozen_at(MONDAY_TOO_EARLY):
        too_early = await reminders.send_weekly_reminders(c.system)
    with clock.frozen_at(MONDAY_MORNING):
        first = await reminders.send_weekly_reminders(c.system)
    with clock.frozen_at(MONDAY_MORNING + timedelta(hours=3)):
        repeat = await reminders.send_weekly_reminders(c.system)
    with clock.frozen_at(MONDAY_MORNING + timedelta(days=7)):
        next_week = await reminders.send_weekly_reminders(c.system)
    # then
    assert (sunday, too_early, first, repeat, next_week) == (0, 0, 1, 0, 1)
    assert await Notification.of(c.system).filter(kind="growth_weekly_reminder").count() == 2


async def test_managers_with_nothing_to_do_get_no_reminder(db):
    # given nobody has claims or a track
    c = await make_company()
    # when
    with clock.frozen_at(MONDAY_MORNING):
        sent = await reminders.send_weekly_reminders(c.system)
    # then
    assert sent == 0


async def test_rejections_are_listed_latest_decision_first(db):
    # given two claims, the older one rejected last
    c = await make_company()
    first, second = await claim(c.employee), await claim(c.employee)
    with clock.frozen_at(datetime(2026, 3, 5, 2, 0, tzinfo=UTC)):
        await verification.reject_record(c.manager.actor, second.id, reason="No proof")
    with clock.frozen_at(datetime(2026, 3, 6, 2, 0, tzinfo=UTC)):
        await verification.reject_record(c.manager.actor, first.id, reason="No proof")
    # when
    view = await quality.data_quality(c.hr.actor)
    # then
    assert [r.id for r in view.rejected] == [first.id, second.id]
