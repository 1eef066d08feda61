"""What the workers run: job functions and crons, for arq (`seen worker`) and for the in-process
runner of the embedded mode, which gets the same functions."""
from __future__ import annotations

from typing import Any

from arq import cron
from arq.connections import RedisSettings

from backend.core import db, jobs
from backend.core.config import get_settings
from backend.core.jobs import Periodic
from workers.jobs.access import prune_login_failures
from workers.jobs.outbox import drain_outbox, sweep_outbox

FUNCTIONS = [drain_outbox, sweep_outbox, prune_login_failures]
PERIODIC = [Periodic(sweep_outbox, seconds=30), Periodic(prune_login_failures, seconds=3600)]


def in_process_jobs() -> jobs.InProcessJobs:
    return jobs.InProcessJobs(FUNCTIONS, PERIODIC)


async def _startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    await db.connect(settings.database_url)
    if settings.redis_url:
        jobs.configure(jobs.ArqJobs(settings.redis_url))


async def _shutdown(ctx: dict[str, Any]) -> None:
    await jobs.current().close()
    await db.disconnect()


def worker_settings(redis_url: str) -> dict[str, Any]:
    """arq Worker keyword arguments. The drain keeps no result so its job id never blocks a
    re-enqueue (arq refuses an id while its result is kept)."""
    return {
        "functions": FUNCTIONS,
        "cron_jobs": [
            cron(sweep_outbox, second={0, 30}, run_at_startup=True, keep_result=0),
            cron(prune_login_failures, minute=7, second=0, keep_result=0),
        ],
        "on_startup": _startup,
        "on_shutdown": _shutdown,
        "redis_settings": RedisSettings.from_dsn(redis_url),
        "keep_result": 0,
        "max_jobs": 10,
        "job_timeout": 300,
    }
