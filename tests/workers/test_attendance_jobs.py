"""Attendance jobs through real Redis and an arq worker, and through the embedded in-process runner: ingested
punches queue one debounced recompute, the nightly pass derives absences nobody punched for in every
organisation and closes ready days, and both runners know the functions."""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from arq.connections import RedisSettings, create_pool
from arq.worker import Worker

from backend.access.actor import Actor
from backend.attendance import dirty, ingest, pins
from backend.attendance.models import AttendanceRecompute, ClockDevice, DailyAttendance, DayStatus
from backend.core import clock, jobs
from tests.factories.attendance import event_in
from tests.factories.attendance_days import make_clock, make_shift
from tests.factories.org import make_company
from workers.jobs.attendance import attendance_nightly, close_attendance_days
from workers.settings import FUNCTIONS, PERIODIC, in_process_jobs, worker_settings

SHANGHAI = ZoneInfo("Asia/Shanghai")
MON = date(2026, 11, 30)


def local(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


@pytest.fixture
async def arq_redis(redis_url):
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    await pool.flushdb()
    yield redis_url
    await pool.flushdb()
    await pool.aclose()


async def _company_with_gate(name: str = "Acme"):  # type: ignore[no-untyped-def]
    c = await make_company(name)
    await make_shift(c.system, "default")
    await make_clock(c.system, c.site, serial=f"SN-{name}")
    await pins.set_device_pins(c.hr.actor, [pins.PinRow(pin="7", employee_id=str(c.employee.employee.id))])
    return c


def _day_of_punches(c, name: str = "Acme") -> list:  # type: ignore[no-untyped-def]
    return [event_in(f"SN-{name}", "7", local("2026-11-30 08:50").astimezone(UTC)),
            event_in(f"SN-{name}", "7", local("2026-11-30 18:10").astimezone(UTC), direction="OUT")]


async def test_ingested_punches_queue_one_recompute_that_the_worker_runs(db, arq_redis):
    # given the production job backend and two ingest batches
    c = await _company_with_gate()
    backend = jobs.ArqJobs(arq_redis)
    jobs.configure(backend)
    bridge = Actor.bridge(c.org.id, bridge_id="plant")
    punches = _day_of_punches(c)
    with clock.frozen_at(local("2026-12-01 12:00")):
        await ingest.ingest_clock_events(bridge, punches[:1])
        await ingest.ingest_clock_events(bridge, punches[1:])
        pool = await create_pool(RedisSettings.from_dsn(arq_redis))
        queued = sorted(j.job_id for j in await pool.queued_jobs() if j.function == dirty.RECOMPUTE_JOB)
        await pool.aclose()
        # when the worker runs what was queued
        worker = Worker(functions=FUNCTIONS, redis_settings=RedisSettings.from_dsn(arq_redis), burst=True, keep_result=0,
                        poll_delay=0.05, handle_signals=False)
        try:
            await worker.main()
        finally:
            await worker.close()
            await backend.close()
    # then one job derived Monday and consumed the marks
    assert queued == [dirty.job_id(c.org.id)]
    assert worker.jobs_failed == 0
    row = await DailyAttendance.of(c.system).get(employee_id=c.employee.employee.id, day=MON)
    assert row.status == DayStatus.PRESENT
    assert await AttendanceRecompute.of(c.system).count() == 0


async def test_the_embedded_runner_recomputes_after_an_ingest(db):
    c = await _company_with_gate()
    runner = in_process_jobs()
    jobs.configure(runner)
    with clock.frozen_at(local("2026-12-01 12:00")):
        await ingest.ingest_clock_events(Actor.bridge(c.org.id, bridge_id="plant"), _day_of_punches(c))
        await runner.wait_idle()
    row = await DailyAttendance.of(c.system).get(employee_id=c.employee.employee.id, day=MON)
    assert (row.status, row.first_in) == (DayStatus.PRESENT, local("2026-11-30 08:50"))


async def test_the_nightly_pass_derives_absences_in_every_organisation_and_closes_ready_days(db):
    # given two organisations; nobody punched on Monday, and Acme's gate is synced through Tuesday morning
    acme, globex = await _company_with_gate("Acme"), await _company_with_gate("Globex")
    await ClockDevice.of(acme.system).update(synced_through=local("2026-12-01 06:00"))
    # when the nightly job runs on Tuesday at 02:50 Shanghai time... and again after the gate is through
    with clock.frozen_at(local("2026-12-01 10:00")):
        derived = await attendance_nightly({})
        again = await attendance_nightly({})
        closed_later = await close_attendance_days({})
    # then every active person's Monday is derived as absent; only Acme's Monday closes
    assert derived == again
    for c in (acme, globex):
        monday = await DailyAttendance.of(c.system).filter(day=MON).values_list("status", flat=True)
        assert set(monday) == {DayStatus.ABSENT} and len(monday) == len(c.people())
    assert await DailyAttendance.of(acme.system).filter(day=MON, closed=True).count() == len(acme.people())
    assert await DailyAttendance.of(globex.system).filter(day=MON, closed=True).count() == 0
    assert closed_later == 0  # the nightly pass had closed them already


def test_both_runners_know_the_attendance_jobs():
    settings = worker_settings("redis://127.0.0.1:6379/13")
    arq_names = {f.__name__ for f in settings["functions"]}
    crons = {c.name for c in settings["cron_jobs"]}
    assert {"recompute_attendance", "attendance_nightly", "close_attendance_days"} <= arq_names
    assert any("attendance_nightly" in name for name in crons) and any("close_attendance_days" in n for n in crons)
    assert {p.function.__name__ for p in PERIODIC} >= {"attendance_nightly", "close_attendance_days"}
