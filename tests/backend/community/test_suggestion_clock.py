"""The 24-hour answer clock: a reminder to the owner at 20 hours, an escalation to the owner's manager at
24 hours, each exactly once however often the cron runs; answered suggestions are left alone."""
from __future__ import annotations

from datetime import timedelta

from backend.community import suggestion_clock, suggestions
from backend.community.models import Suggestion
from backend.core import clock
from backend.notifications.models import Notification
from tests.factories.community import make_suggestion
from tests.factories.org import make_company


async def _kinds(c, recipient) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(await Notification.of(c.system).filter(recipient_id=recipient.employee.id,
                                                         kind__startswith="suggestion_").values_list("kind", flat=True))


async def test_nothing_happens_before_20_hours(db):
    # given
    c = await make_company()
    await make_suggestion(c.employee.actor)
    # when
    with clock.frozen_at(clock.now() + timedelta(hours=19, minutes=50)):
        tick = await suggestion_clock.run(c.system)
    # then
    assert (tick.reminded, tick.escalated) == (0, 0)


async def test_the_owner_is_reminded_once_at_20_hours(db):
    # given
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    # when
    with clock.frozen_at(s.created_at + timedelta(hours=20, minutes=5)):
        first = await suggestion_clock.run(c.system)
        second = await suggestion_clock.run(c.system)
    # then
    assert (first.reminded, second.reminded, first.escalated) == (1, 0, 0)
    assert await _kinds(c, c.hr) == ["suggestion_received", "suggestion_reminder"]
    assert (await Suggestion.of(c.system).get(id=s.id)).reminded_at is not None


async def test_at_24_hours_it_escalates_once_to_the_owners_manager(db):
    # given: the owner (HR) reports to the company's owner
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    # when
    with clock.frozen_at(s.created_at + timedelta(hours=20, minutes=1)):
        await suggestion_clock.run(c.system)
    with clock.frozen_at(s.created_at + timedelta(hours=24, minutes=1)):
        first = await suggestion_clock.run(c.system)
        second = await suggestion_clock.run(c.system)
    # then
    assert (first.escalated, second.escalated, first.reminded) == (1, 0, 0)
    found = await Suggestion.of(c.system).get(id=s.id)
    assert (found.escalated_to_id, found.escalated_at is not None) == (c.owner.employee.id, True)
    assert await _kinds(c, c.owner) == ["suggestion_escalated"]
    assert "suggestion_escalated" in await _kinds(c, c.hr)
    # and the escalation target may answer
    answered = await suggestions.answer(c.owner.actor, s.id, "Sorry for the wait.")
    assert answered.answered_at is not None


async def test_answered_suggestions_are_left_alone(db):
    # given
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    await suggestions.answer(c.hr.actor, s.id, "Done")
    # when
    with clock.frozen_at(s.created_at + timedelta(hours=30)):
        tick = await suggestion_clock.run(c.system)
    # then
    assert (tick.reminded, tick.escalated) == (0, 0)


async def test_a_late_first_run_both_reminds_and_escalates(db):
    # given: the cron was down for a day
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    # when
    with clock.frozen_at(s.created_at + timedelta(hours=26)):
        tick = await suggestion_clock.run(c.system)
    # then
    assert (tick.reminded, tick.escalated) == (1, 1)
