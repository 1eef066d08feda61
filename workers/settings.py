"""What the workers run: job functions and crons, for arq (`seen worker`) and for the in-process
runner of the embedded mode, which gets the same functions."""
from __future__ import annotations

from typing import Any

from arq import cron
from arq.connections import RedisSettings

from backend.community import live_redis
from backend.core import db, jobs
from backend.core.config import get_settings
from backend.core.jobs import JobFunction, Periodic
from workers.jobs.access import prune_login_failures
from workers.jobs.attendance import attendance_nightly, close_attendance_days, recompute_attendance
from workers.jobs.community import suggestion_clock
from workers.jobs.growth import recompute_growth, recompute_growth_all
from workers.jobs.growth_reminders import remind_growth_weekly
from workers.jobs.notifications import send_deliveries, send_due_deliveries
from workers.jobs.outbox import drain_outbox, sweep_outbox
from workers.jobs.performance import recompute_open_cycles, recompute_scores
from workers.jobs.performance_appeals import remind_overdue_appeals_all
from workers.jobs.points import reconcile_all_points, reconcile_points
from workers.jobs.recognition import celebrate_today, grant_monthly_allowances
from workers.jobs.rewards import resync_meeting_stock

FUNCTIONS: list[JobFunction] = [drain_outbox, sweep_outbox, prune_login_failures, reconcile_points, reconcile_all_points,
             celebrate_today, grant_monthly_allowances, send_deliveries, send_due_deliveries, resync_meeting_stock,
             recompute_scores, recompute_open_cycles, remind_overdue_appeals_all, recompute_growth,
             recompute_growth_all, remind_growth_weekly]
FUNCTIONS += [recompute_attendance, attendance_nightly, close_attendance_days]
FUNCTIONS += [suggestion_clock]
PERIODIC = [
    Periodic(sweep_outbox, seconds=30),
    Periodic(send_due_deliveries, seconds=30),
    Periodic(prune_login_failures, seconds=3600),
    Periodic(celebrate_today, seconds=3600, run_at_start=True),
    Periodic(grant_monthly_allowances, seconds=6 * 3600, run_at_start=True),
    Periodic(reconcile_all_points, seconds=24 * 3600),
    Periodic(resync_meeting_stock, seconds=3600),
    Periodic(recompute_open_cycles, seconds=24 * 3600),
    Periodic(remind_overdue_appeals_all, seconds=900),
    Periodic(recompute_growth_all, seconds=24 * 3600),
    Periodic(remind_growth_weekly, seconds=3600),
    Periodic(attendance_nightly, seconds=24 * 3600, run_at_start=True),
    Periodic(close_attendance_days, seconds=3600),
    Periodic(suggestion_clock, seconds=600),
]


def in_process_jobs() -> jobs.InProcessJobs:
    return jobs.InProcessJobs(FUNCTIONS, PERIODIC)


async def _startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    await db.connect(settings.database_url)
    if settings.redis_url:
        jobs.configure(jobs.ArqJobs(settings.redis_url))
    # Live feed changes a job makes reach the web processes' open feeds through Redis (publish only).
    ctx["live_fanout"] = await live_redis.start(settings.redis_url, subscribe=False)


async def _shutdown(ctx: dict[str, Any]) -> None:
    await live_redis.stop(ctx.get("live_fanout"))
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
            cron(send_due_deliveries, second={15, 45}, run_at_startup=True, keep_result=0),  # quiet hours, retries
            # hourly: each organisation's day starts at its own midnight; dedupe keys absorb repeats
            cron(celebrate_today, minute=2, second=0, run_at_startup=True, keep_result=0),
            cron(grant_monthly_allowances, hour={16, 22, 4, 10}, minute=12, second=0, keep_result=0),
            cron(reconcile_all_points, hour=19, minute=30, second=0, keep_result=0),  # 03:30 in Shanghai
            cron(resync_meeting_stock, minute=5, second=30, keep_result=0),  # passed slots leave the stock
            cron(recompute_open_cycles, hour=18, minute=40, second=0, keep_result=0),  # 02:40 in Shanghai
            cron(remind_overdue_appeals_all, minute={0, 15, 30, 45}, second=20, keep_result=0),  # appeal SLA reminders
            cron(recompute_growth_all, hour=19, minute=10, second=0, keep_result=0),  # 03:10 in Shanghai: tenure moves
            # hourly: Monday morning comes at a different hour in each organisation's zone
            cron(remind_growth_weekly, minute=25, second=0, keep_result=0),
            cron(attendance_nightly, hour=18, minute=50, second=0, keep_result=0),  # 02:50 in Shanghai
            cron(close_attendance_days, minute=35, second=0, keep_result=0),  # devices catch up at any hour
            cron(suggestion_clock, minute=set(range(3, 60, 10)), second=40, keep_result=0),  # 20 h reminder, 24 h escalation
        ],
        "on_startup": _startup,
        "on_shutdown": _shutdown,
        "redis_settings": RedisSettings.from_dsn(redis_url),
        "keep_result": 0,
        "max_jobs": 10,
        "job_timeout": 300,
    }
