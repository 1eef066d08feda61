"""Database wiring: the Tortoise config listing every models module, and the use-case transaction
that runs after-commit callbacks (job enqueues) only once the data is durable."""
from __future__ import annotations

import logging
import os
import sqlite3
from datetime import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from backend.core.config import data_dir_from, database_url_from

log = logging.getLogger(__name__)

APP = "seen"
MODEL_MODULES = [
    "backend.core.models",
    "backend.access.models",
    "backend.org.models",
    "backend.audit.models",
    "backend.points.models",
    "backend.notifications.models",
    "backend.achievements.models",
    "backend.recognition.models",
    "backend.rules.models",
    "backend.rewards.models",
    "backend.performance.models",
    "backend.files.models",
    "backend.growth.models",
    "backend.attendance.models",
    "backend.community.models",
]

# Tortoise cannot write a TimeField on SQLite without an adapter (quiet hours are wall-clock times).
sqlite3.register_adapter(time, time.isoformat)

AfterCommit = Callable[[], Awaitable[None]]
_pending: ContextVar[list[AfterCommit] | None] = ContextVar("seen_after_commit", default=None)


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": database_url},
        "apps": {
            APP: {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "backend.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _cli_config() -> dict[str, Any]:
    env = os.environ
    return tortoise_config(database_url_from(env, data_dir_from(env)))


# For `tortoise -c backend.core.db.TORTOISE_ORM makemigrations` (see README, "Changing the schema").
TORTOISE_ORM = _cli_config()


async def connect(database_url: str) -> None:
    # The global fallback makes the ORM visible to request tasks started outside init's context
    # (Tortoise 1.x keeps its state in a contextvar; see STACK.md).
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def disconnect() -> None:
    await Tortoise.close_connections()


async def migrate(database_url: str) -> None:
    from tortoise.migrations.api import migrate as run_migrations

    try:
        await run_migrations(config=tortoise_config(database_url))
    finally:
        await disconnect()  # an open aiosqlite thread would keep the process alive


@asynccontextmanager
async def transaction() -> AsyncIterator[None]:
    """The use case's unit of work. Nested calls join the outer one (a savepoint)."""
    outer = _pending.get()
    if outer is not None:
        async with in_transaction():
            yield
        return
    callbacks: list[AfterCommit] = []
    token = _pending.set(callbacks)
    try:
        async with in_transaction():
            yield
    finally:
        _pending.reset(token)
    for callback in callbacks:
        await callback()


def after_commit(callback: AfterCommit) -> None:
    """Run `callback` once the surrounding transaction has committed; dropped if it rolls back."""
    pending = _pending.get()
    if pending is None:
        raise RuntimeError("after_commit() outside transaction(): effects must follow a commit")
    pending.append(callback)
