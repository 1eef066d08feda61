"""The weekly growth reminder cron fans out over organisations, and is registered for both runners."""
from __future__ import annotations

from datetime import UTC, datetime

from backend.core import clock
from tests.factories.growth_evidence import claim
from tests.factories.org import make_company
from workers.jobs.growth_reminders import remind_growth_weekly
from workers.settings import FUNCTIONS, PERIODIC, worker_settings

MONDAY_MORNING_IN_SHANGHAI = datetime(2026, 3, 9, 1, 30, tzinfo=UTC)


async def test_every_organisations_managers_are_reminded_once_a_week(db):
    # given two organisations, each with a claim waiting for the manager
    for name in ("Alpha", "Bravo"):
        c = await make_company(name)
        await claim(c.employee)
    # when the hourly cron runs twice on Monday morning
    with clock.frozen_at(MONDAY_MORNING_IN_SHANGHAI):
        first = await remind_growth_weekly({})
        second = await remind_growth_weekly({})
    # then
    assert (first, second) == (2, 0)


def test_the_reminder_runs_hourly_in_both_runners():
    # when
    crons = [c.coroutine for c in worker_settings("redis://127.0.0.1:6379/14")["cron_jobs"]]
    # then
    assert remind_growth_weekly in FUNCTIONS and remind_growth_weekly in crons
    assert any(p.function is remind_growth_weekly and p.seconds == 3600 for p in PERIODIC)
