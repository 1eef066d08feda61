"""`seen` command: demo | serve | worker | migrate | seed | run-job. The composition root: the one place that
wires settings, database, job backend (arq or in-process) and the web app together."""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from backend.core import db
from backend.core.config import Settings, load_settings, use_settings

log = logging.getLogger("seen")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="seen", description="Seen: employee engagement for small companies.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("demo", "migrate, seed the demo company and serve it with in-process jobs"),
                       ("serve", "serve the API and the PWA")):
        cmd = commands.add_parser(name, help=text)
        cmd.add_argument("--host", default="127.0.0.1")
        cmd.add_argument("--port", type=int, default=8000)
    commands.add_parser("worker", help="run background jobs from Redis (needs SEEN_REDIS_URL)")
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("seed", help="create the demo organisation (idempotent)")
    run_job = commands.add_parser("run-job", help="run one background job now, in this process (e.g. drain_outbox)")
    run_job.add_argument("name", help="a job name from workers.settings.FUNCTIONS")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = load_settings()
    use_settings(settings)
    if args.command == "migrate":
        asyncio.run(_migrate(settings))
    elif args.command == "seed":
        asyncio.run(_seed(settings))
    elif args.command == "worker":
        _worker(settings)
    elif args.command == "run-job":
        asyncio.run(_run_job(settings, args.name))
    elif args.command == "demo":
        asyncio.run(_migrate(settings))
        asyncio.run(_seed(settings))
        _serve(settings, args.host, args.port)
    else:
        _serve(settings, args.host, args.port)


async def _migrate(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    await db.migrate(settings.database_url)
    print(f"Migrations applied to {_safe_url(settings.database_url)}")


async def _seed(settings: Settings) -> None:
    from backend.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo

    await db.connect(settings.database_url)
    try:
        result = await seed_demo()
    finally:
        await db.disconnect()
    state = "created" if result.created else "already present"
    print(f"\nDemo organisation {state}: {result.organization} ({result.employees} people)")
    print(f"Sign in at {settings.public_url} with password '{DEMO_PASSWORD}':")
    for login, who in DEMO_LOGINS.items():
        print(f"  {login:<22} {who}")
    print(f"Kiosk code (Suzhou Plant, Gate 1): {result.kiosk_code}\n")


async def _run_job(settings: Settings, name: str) -> None:
    """For operators: replay a drain, reconcile points now. Jobs are idempotent, so a run beside
    the workers is safe."""
    from backend.core import jobs
    from workers.settings import FUNCTIONS, in_process_jobs

    by_name = {f.__name__: f for f in FUNCTIONS}
    if name not in by_name:
        sys.exit(f"unknown job {name!r}; one of: {', '.join(sorted(by_name))}")
    await db.connect(settings.database_url)
    runner = in_process_jobs()
    jobs.configure(runner)
    try:
        result = await by_name[name]({})
        await runner.wait_idle()
    finally:
        jobs.configure(None)
        await db.disconnect()
    print(f"{name}: {result}")


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from backend.core.jobs import ArqJobs, JobBackend
    from backend.web.app import create_app
    from workers.settings import in_process_jobs

    backend: JobBackend = ArqJobs(settings.redis_url) if settings.redis_url else in_process_jobs()
    mode = "jobs on Redis (run `seen worker`)" if settings.redis_url else "in-process jobs"
    log.info("serving on http://%s:%s with %s, database %s", host, port, mode, _safe_url(settings.database_url))
    uvicorn.run(create_app(settings, job_backend=backend), host=host, port=port, log_level="info",
                proxy_headers=settings.trust_proxy_headers)


def _worker(settings: Settings) -> None:
    if not settings.redis_url:
        sys.exit("seen worker needs SEEN_REDIS_URL; without it `seen serve` runs jobs in-process.")
    from arq.worker import run_worker

    from workers.settings import worker_settings

    run_worker(worker_settings(settings.redis_url))


def _safe_url(url: str) -> str:
    """The database URL without its password, for logs."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
