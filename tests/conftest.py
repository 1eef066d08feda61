"""Test wiring: every database test runs on SQLite and on PostgreSQL (`db` is parametrised), Redis
tests use the real server. In CI (CI=true) an unreachable PostgreSQL or Redis fails the run;
locally it skips with the reason. Select backends with SEEN_TEST_DATABASES=sqlite,postgres."""
from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import shutil
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from backend.core import db as core_db
from backend.core import jobs
from backend.core.config import Settings, load_settings, use_settings

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BACKENDS = [b.strip() for b in os.environ.get("SEEN_TEST_DATABASES", "sqlite,postgres").split(",") if b.strip()]
POSTGRES_URL = os.environ.get("SEEN_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/seen_test")
REDIS_URL = os.environ.get("SEEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def service_unavailable(what: str, url: str) -> None:
    """Fail in CI, skip locally: a missing service must never pass silently in CI."""
    message = f"{what} is not reachable at {url}"
    if IN_CI:
        pytest.fail(f"{message} (CI requires it)", pytrace=False)
    pytest.skip(f"{message}; start it or set SEEN_TEST_DATABASES=sqlite")


def reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 0), timeout=1):
            return True
    except OSError:
        return False


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db" in metafunc.fixturenames:
        metafunc.parametrize("db", BACKENDS, indirect=True)


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    env = {"SEEN_ENV": "test", "SEEN_DATA_DIR": str(tmp_path / "data"), "SEEN_PUBLIC_URL": "http://testserver",
           "SEEN_PWA_DIST": str(tmp_path / "dist"), "SEEN_SCORE_DEBOUNCE_SECONDS": "0"}
    value = load_settings(env)
    use_settings(value)
    yield value


_postgres_ready = False


def _prepare_postgres() -> None:
    """Once per session: a fresh database built by the real migrations."""
    global _postgres_ready
    if _postgres_ready:
        return
    import asyncpg

    async def recreate() -> None:
        parsed = urlparse(POSTGRES_URL)
        name = parsed.path.lstrip("/")
        admin = await asyncpg.connect(POSTGRES_URL.replace(f"/{name}", "/postgres"))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        await core_db.migrate(POSTGRES_URL)

    asyncio.run(recreate())
    _postgres_ready = True


_sqlite_template_path: Path | None = None


def _sqlite_template(factory: pytest.TempPathFactory) -> Path:
    global _sqlite_template_path
    if _sqlite_template_path is None:
        path = factory.mktemp("template") / "template.sqlite3"
        asyncio.run(core_db.migrate(f"sqlite://{path}"))
        _sqlite_template_path = path
    return _sqlite_template_path


@dataclass
class Database:
    backend: str
    url: str


@pytest.fixture
async def db(
    request: pytest.FixtureRequest, settings: Settings, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Database]:
    backend = request.param
    # Tortoise caches compiled INSERT/UPDATE statements per connection name, and both backends are
    # called "default": forget the other dialect's statements when switching.
    EXECUTOR_CACHE.clear()
    if backend == "postgres":
        if not reachable(POSTGRES_URL):
            service_unavailable("PostgreSQL", POSTGRES_URL)
        await asyncio.to_thread(contextvars.Context().run, _prepare_postgres)
        url = POSTGRES_URL
        await core_db.connect(url)
        tables = ", ".join(f'"{m._meta.db_table}"' for m in Tortoise.apps["seen"].values())
        await Tortoise.get_connection("default").execute_script(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    else:
        # A copy of a template the real migrations built once; a file, not :memory: (an event-loop
        # switch silently reconnects to a new empty database).
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(await asyncio.to_thread(contextvars.Context().run, _sqlite_template, tmp_path_factory), target)
        url = f"sqlite://{target}"
        await core_db.connect(url)
    jobs.configure(None)
    try:
        yield Database(backend=backend, url=url)
    finally:
        jobs.configure(None)
        await core_db.disconnect()


class QueryCounter(logging.Handler):
    """Counts SQL statements the ORM sends (tortoise logs each at DEBUG)."""

    VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().lstrip()
        if message.upper().startswith(self.VERBS):
            self.statements.append(message)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries() -> Iterator[QueryCounter]:
    logger = logging.getLogger("tortoise.db_client")
    counter = QueryCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)


@pytest.fixture
def redis_url() -> str:
    if not reachable(REDIS_URL):
        service_unavailable("Redis", REDIS_URL)
    return REDIS_URL


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests last: sync Playwright keeps an event loop running in the main thread until
    its session fixtures end, and async tests cannot start while it does."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
