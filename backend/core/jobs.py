"""Background jobs behind one small interface: arq on Redis in production, an in-process runner in
the embedded mode. Both call the same job functions (workers/jobs), which take arq's `ctx` first."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from backend.core import db

log = logging.getLogger(__name__)

JobFunction = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Periodic:
    """A cron for the in-process runner: run `function` every `seconds`."""

    function: JobFunction
    seconds: float
    run_at_start: bool = False  # e.g. today's celebrations should not wait an hour after a restart


class JobBackend(Protocol):
    async def enqueue(self, name: str, *args: Any, job_id: str | None = None, defer_seconds: float = 0) -> None: ...

    async def close(self) -> None: ...


class InProcessJobs:
    """Runs jobs as asyncio tasks in this process. A job id already pending is not run twice,
    mirroring arq. Exceptions are logged (the process edge), never raised into the caller."""

    def __init__(self, functions: Sequence[JobFunction], periodic: Sequence[Periodic] = ()) -> None:
        self._functions = {f.__name__: f for f in functions}
        self._periodic = list(periodic)
        self._tasks: set[asyncio.Task[None]] = set()
        self._pending_ids: set[str] = set()
        self._cron_tasks: list[asyncio.Task[None]] = []

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None, defer_seconds: float = 0) -> None:
        function = self._functions.get(name)
        if function is None:
            raise LookupError(f"no job function named {name!r}")
        if job_id is not None:
            if job_id in self._pending_ids:
                return
            self._pending_ids.add(job_id)
        task = asyncio.get_running_loop().create_task(self._run(function, args, job_id, defer_seconds))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, function: JobFunction, args: tuple[Any, ...], job_id: str | None, defer_seconds: float = 0) -> None:
        if defer_seconds > 0:
            await asyncio.sleep(defer_seconds)  # the id stays pending meanwhile: repeats within the wait merge
        if job_id is not None:
            self._pending_ids.discard(job_id)
        try:
            await function({"job_id": job_id, "in_process": True}, *args)
        except Exception:
            log.exception("in-process job %s failed", function.__name__)

    def start_periodic(self) -> None:
        for spec in self._periodic:
            self._cron_tasks.append(asyncio.get_running_loop().create_task(self._every(spec)))

    async def _every(self, spec: Periodic) -> None:
        if spec.run_at_start:
            await self._run(spec.function, (), None)
        while True:
            await asyncio.sleep(spec.seconds)
            await self._run(spec.function, (), None)

    async def wait_idle(self) -> None:
        """Wait for every queued job, including jobs that jobs enqueue (used by tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))

    async def close(self) -> None:
        for task in self._cron_tasks:
            task.cancel()
        await asyncio.gather(*self._cron_tasks, return_exceptions=True)
        await self.wait_idle()


class ArqJobs:
    """Enqueues onto arq's Redis queue; `seen worker` executes."""

    def __init__(self, redis_url: str) -> None:
        self._redis_url = redis_url
        self._pool: Any = None

    async def _get_pool(self) -> Any:
        if self._pool is None:
            from arq import create_pool
            from arq.connections import RedisSettings

            # Fail fast: a request must not hang on Redis; the outbox sweep delivers what was missed.
            settings = RedisSettings.from_dsn(self._redis_url)
            settings.conn_retries, settings.conn_timeout = 1, 2
            self._pool = await create_pool(settings)
        return self._pool

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None, defer_seconds: float = 0) -> None:
        pool = await self._get_pool()
        await pool.enqueue_job(name, *args, _job_id=job_id, _defer_by=defer_seconds or None)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None


_backend: JobBackend | None = None


def configure(backend: JobBackend | None) -> None:
    global _backend
    _backend = backend


def current() -> JobBackend:
    if _backend is None:
        raise RuntimeError("no job backend configured (jobs.configure at startup)")
    return _backend


async def enqueue(name: str, *args: Any, job_id: str | None = None, defer_seconds: float = 0) -> None:
    await current().enqueue(name, *args, job_id=job_id, defer_seconds=defer_seconds)


def enqueue_after_commit(name: str, *args: Any, job_id: str | None = None, defer_seconds: float = 0) -> None:
    """Queue a job once the current transaction commits. If the queue is unreachable then, the
    data is safe and the periodic sweep picks the work up: log, do not fail the finished request."""

    async def _enqueue() -> None:
        if _backend is None:
            return
        try:
            await _backend.enqueue(name, *args, job_id=job_id, defer_seconds=defer_seconds)
        except Exception:
            log.exception("enqueue of %s after commit failed; the sweep will recover it", name)

    db.after_commit(_enqueue)
