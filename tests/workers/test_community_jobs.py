"""The community cron runs each organisation's suggestion clock (reminder, escalation) and records closed
polls; it is registered for both runners every 10 minutes, and repeated runs change nothing."""
from __future__ import annotations

from datetime import timedelta

from backend.community.models import Poll, Suggestion
from backend.core import clock
from tests.factories.community import make_poll, make_suggestion
from tests.factories.org import make_company
from workers.jobs.community import suggestion_clock
from workers.settings import FUNCTIONS, PERIODIC, worker_settings


async def test_every_organisation_is_reminded_escalated_and_polls_recorded_once(db):
    # given two organisations, each with a suggestion and a poll closing in an hour
    companies = [await make_company(name) for name in ("Alpha", "Bravo")]
    for c in companies:
        await make_suggestion(c.employee.actor)
        await make_poll(c.employee.actor, closes_at=clock.now() + timedelta(hours=1))
    # when the cron runs twice at 21 h and twice at 25 h
    with clock.frozen_at(clock.now() + timedelta(hours=21)):
        reminders = [await suggestion_clock({}), await suggestion_clock({})]
    with clock.frozen_at(clock.now() + timedelta(hours=25)):
        escalations = [await suggestion_clock({}), await suggestion_clock({})]
    # then
    assert reminders == [{"reminded": 2, "escalated": 0, "polls_closed": 2},
                         {"reminded": 0, "escalated": 0, "polls_closed": 0}]
    assert escalations == [{"reminded": 0, "escalated": 2, "polls_closed": 0},
                           {"reminded": 0, "escalated": 0, "polls_closed": 0}]
    for c in companies:
        s = await Suggestion.of(c.system).get()
        assert s.escalated_to_id == c.owner.employee.id and s.reminded_at is not None
        assert (await Poll.of(c.system).get()).closed_at is not None


def test_the_clock_runs_every_ten_minutes_in_both_runners():
    # when
    crons = [c for c in worker_settings("redis://127.0.0.1:6379/9")["cron_jobs"] if c.coroutine is suggestion_clock]
    # then
    assert suggestion_clock in FUNCTIONS and len(crons) == 1 and crons[0].minute == set(range(3, 60, 10))
    assert any(p.function is suggestion_clock and p.seconds == 600 for p in PERIODIC)
