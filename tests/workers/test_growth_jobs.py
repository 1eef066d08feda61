"""Growth recomputes through real Redis and a real arq worker, and through the embedded in-process runner:
a burst of marks is one job, a mark made during a run queues a follow-up, the nightly job covers every
organisation, and both runners know the functions."""
from __future__ import annotations

from datetime import timedelta

import pytest
from arq.connections import RedisSettings, create_pool
from arq.worker import Worker

from backend.core import clock, jobs
from backend.core import db as core_db
from backend.growth import dirty
from backend.growth.models import EvidenceKind, GrowthRecompute, LevelProgress
from tests.factories.growth import add_record, assign, make_track
from workers.jobs.growth import recompute_growth, recompute_growth_all
from workers.settings import FUNCTIONS, in_process_jobs, worker_settings
from tests.factories.org import make_company


@pytest.fixture
async def arq_redis(redis_url):
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    await pool.flushdb()
    yield redis_url
    await pool.flushdb()
    await pool.aclose()


async def _queued(redis_url: str) -> list[str]:
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    try:
        return sorted(j.job_id for j in await pool.queued_jobs() if j.function == dirty.RECOMPUTE_JOB)
    finally:
        await pool.aclose()


async def test_a_burst_of_marks_makes_one_job_run_by_the_worker(db, arq_redis):
    # given the production job backend, a member, and 20 separate changes each marking them
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id], track, "junior")
    backend = jobs.ArqJobs(arq_redis)
    jobs.configure(backend)
    for _ in range(20):
        async with core_db.transaction():
            await dirty.mark(c.system, [c.employee.employee.id])
    queued = await _queued(arq_redis)
    # when the worker runs what was queued
    worker = Worker(functions=FUNCTIONS, redis_settings=RedisSettings.from_dsn(arq_redis), burst=True, keep_result=0,
                    poll_delay=0.05, handle_signals=False)
    try:
        await worker.main()
    finally:
        await worker.close()
        await backend.close()
    # then one job, progress written, the mark consumed
    assert queued == [dirty.job_id(c.org.id)]
    assert worker.jobs_failed == 0
    assert await LevelProgress.of(c.system).filter(employee_id=c.employee.employee.id).count() == 5
    assert await GrowthRecompute.of(c.system).count() == 0


async def test_a_mark_made_during_a_run_queues_a_follow_up(db, arq_redis):
    # given a mark the running job cannot take (requested after it started)
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id, c.peer.employee.id], track)
    await GrowthRecompute.of(c.system).update(requested_at=clock.now() - timedelta(seconds=1))
    await GrowthRecompute.of(c.system).filter(employee_id=c.peer.employee.id).update(
        requested_at=clock.now() + timedelta(minutes=5))
    backend = jobs.ArqJobs(arq_redis)
    jobs.configure(backend)
    base = dirty.job_id(c.org.id)
    # when the job function runs as arq runs it
    try:
        evaluated = await recompute_growth({"job_id": base}, str(c.org.id))
        queued = await _queued(arq_redis)
    finally:
        await backend.close()
    # then
    assert evaluated == 1
    assert queued == [f"{base}:again"]


async def test_the_embedded_runner_recomputes_after_commit(db):
    # given the in-process runner and a member whose record arrives
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id], track, "junior")
    runner = in_process_jobs()
    jobs.configure(runner)
    # when a change marks them inside a transaction
    async with core_db.transaction():
        await add_record(c.system, c.employee.employee.id, EvidenceKind.PROJECT)
        await dirty.mark(c.system, [c.employee.employee.id])
    await runner.wait_idle()
    # then
    started = await LevelProgress.of(c.system).filter(employee_id=c.employee.employee.id, percent__gt=0,
                                                      complete=False).values_list("percent", flat=True)
    assert list(started) == [25]  # senior: 1 of 2 projects, no award yet
    assert await GrowthRecompute.of(c.system).count() == 0


async def test_nightly_recompute_covers_every_organisation(db):
    # given two organisations with members and no marks
    acme, globex = await make_company("Acme"), await make_company("Globex")
    for c in (acme, globex):
        await assign(c.hr.actor, [c.employee.employee.id, c.peer.employee.id], await make_track(c.hr.actor))
    # when
    evaluated = await recompute_growth_all({})
    # then
    assert evaluated == 4
    assert await LevelProgress.of(globex.system).count() == 10


def test_both_runners_know_the_growth_jobs():
    # when
    arq_names = {f.__name__ for f in worker_settings("redis://127.0.0.1:6379/13")["functions"]}
    crons = {c.name for c in worker_settings("redis://127.0.0.1:6379/13")["cron_jobs"]}
    # then
    assert {"recompute_growth", "recompute_growth_all"} <= arq_names
    assert any("recompute_growth_all" in name for name in crons)
