"""Score recomputes through real Redis and a real arq worker: a burst of marks is one job, a mark made
during a run queues a follow-up, the nightly cron recomputes every open cycle of every organisation."""
from __future__ import annotations

from datetime import timedelta

import pytest
from arq.connections import RedisSettings, create_pool
from arq.worker import Worker

from backend.core import clock, jobs
from backend.core import db as core_db
from backend.core.models import OutboxEvent
from backend.performance import dirty
from backend.performance.events import ScoresRecomputed
from backend.performance.models import CycleStatus, ReviewCycle, Scorecard, ScoreRecompute
from tests.factories.performance import make_cycle, put_value
from tests.factories.performance_scoring import cards, make_scene, mark_at
from workers.jobs.performance import recompute_open_cycles, recompute_scores
from workers.settings import FUNCTIONS


@pytest.fixture
async def arq_redis(redis_url):
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    await pool.flushdb()
    yield redis_url
    await pool.flushdb()
    await pool.aclose()


async def _queued(redis_url: str) -> list[str]:
    """Queued recompute jobs (the outbox drain is queued alongside and not counted here)."""
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    try:
        return sorted(j.job_id for j in await pool.queued_jobs() if j.function == dirty.RECOMPUTE_JOB)
    finally:
        await pool.aclose()


async def test_twenty_marks_make_one_job_run_by_the_worker(db, arq_redis):
    # given the production job backend and 20 separate changes, each marking the worker dirty
    backend = jobs.ArqJobs(arq_redis)
    jobs.configure(backend)
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 100)
    for _ in range(20):
        async with core_db.transaction():
            await dirty.mark(c.system, cycle_id=scene.cycle.id, employee_ids=[c.employee.employee.id])
    queued = await _queued(arq_redis)
    # when the worker runs what was queued
    worker = Worker(functions=FUNCTIONS, redis_settings=RedisSettings.from_dsn(arq_redis), burst=True, keep_result=0,
                    poll_delay=0.05, handle_signals=False)
    try:
        await worker.main()
    finally:
        await worker.close()
        await backend.close()
    # then: one job queued, one run (one scores_recomputed event), the card written and the mark consumed
    assert queued == [dirty.job_id(scene.cycle.id)]
    assert worker.jobs_failed == 0
    assert await OutboxEvent.filter(type=ScoresRecomputed.type).count() == 1
    assert set(await cards(scene)) == {"Acme Worker"} and (await cards(scene))["Acme Worker"].total == 30.0
    assert await ScoreRecompute.of(c.system).count() == 0


async def test_a_mark_made_during_a_run_queues_a_follow_up(db, arq_redis):
    # given a mark the running job cannot take (requested after it started), while arq still holds the
    # job's own id
    backend = jobs.ArqJobs(arq_redis)
    jobs.configure(backend)
    scene = await make_scene()
    c = scene.company
    await mark_at(scene, [c.employee], clock.now() - timedelta(seconds=1))
    await mark_at(scene, [c.peer], clock.now() + timedelta(minutes=5))
    base = dirty.job_id(scene.cycle.id)
    # when the job function runs as arq runs it
    try:
        written = await recompute_scores({"job_id": base}, str(c.org.id), str(scene.cycle.id))
        queued = await _queued(arq_redis)
    finally:
        await backend.close()
    # then the marked worker was scored and a follow-up waits under the other id
    assert written == 1
    assert queued == [f"{base}:again"]
    assert await ScoreRecompute.of(c.system).count() == 1


async def test_nightly_recompute_covers_every_open_cycle_of_every_organisation(db):
    # given two organisations with open cycles and one closed cycle
    acme, globex = await make_scene("Acme"), await make_scene("Globex")
    await ReviewCycle.of(globex.company.system).filter(id=globex.cycle.id).update(status=CycleStatus.CLOSED)
    globex_open = await make_cycle(globex.company.system, name="December")
    # when
    written = await recompute_open_cycles({})
    # then: Acme's three and Globex's open cycle's three; the closed cycle untouched
    assert written == 6
    assert await Scorecard.of(acme.company.system).filter(cycle_id=acme.cycle.id).count() == 3
    assert await Scorecard.of(globex.company.system).filter(cycle_id=globex_open.id).count() == 3
    assert await Scorecard.of(globex.company.system).filter(cycle_id=globex.cycle.id).count() == 0
