"""Migration 0014 converts every stored scorecard's dimensions JSON into the packed record: a closed cycle's
statement reads the same after the upgrade, on SQLite and on PostgreSQL."""
from __future__ import annotations

import asyncio
import contextvars
import json
import os
import uuid
from datetime import UTC, date, datetime
from urllib.parse import urlparse

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api.migrate import migrate

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.core import db as core_db
from backend.org.models import Employee
from backend.performance import card_scores
from tests.factories.performance import DimensionSpec, make_cycle, make_template
from tests.conftest import POSTGRES_URL, reachable, service_unavailable

BEFORE = "seen.0013_post_level_uniques"
ENTRIES = [
    {"code": "results", "source": "metric", "raw": 41000.5, "points": 82.0, "weight": 40, "weighted": 32.8,
     "missing": False, "progress": 0.82, "detail": {}},
    {"code": "mentoring", "source": "rating", "raw": 4.0, "points": 80.0, "weight": 30, "weighted": 24.0,
     "missing": False, "progress": 0.8, "detail": {"rubric": "帮助新人", "count": 2}},
    {"code": "attendance", "source": "attendance", "raw": None, "points": None, "weight": 30, "weighted": 0.0,
     "missing": True, "progress": 0.0, "detail": {}, "reason": "no_data"},
]
COLUMNS = ("id", "tenant_id", "cycle_id", "employee_id", "template_version_id", "total", "completion", "missing",
           "computed_at", "dimensions")


def _apart(work):
    """Run a coroutine on its own loop, thread and context (Tortoise keeps global state per context), as
    tests/backend/test_migrations.py does."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(contextvars.Context().run, asyncio.run, work).result()


async def _upgrade_a_card(url: str, postgres: bool) -> list[dict]:
    config = core_db.tortoise_config(url)
    try:
        await migrate(config=config, target=BEFORE)
        await Tortoise.close_connections()
        EXECUTOR_CACHE.clear()  # statements compiled for the other dialect's connection of the same name
        await Tortoise.init(config=config)
        connection = Tortoise.get_connection("default")
        org = await Organization.create(name="Migrating Co", time_zone="Asia/Shanghai")
        system = Actor.system(org.id)
        person = await Employee.create_for(system, employee_number="M1", name="Wang Fang", hire_date=date(2024, 1, 1),
                                           job_title="Rep", level="L2")
        cycle = await make_cycle(system)
        template = await make_template(system, [DimensionSpec("results", 100)], code="m")
        values = [uuid.uuid4(), org.id, cycle.id, person.id, template.version.id, 56.8, 0.54, 1,
                  datetime(2026, 11, 30, 16, tzinfo=UTC), json.dumps(ENTRIES, ensure_ascii=False)]
        if postgres:
            marks = ", ".join(f"${i + 1}" for i in range(len(COLUMNS)))
            await connection.execute_query(f"INSERT INTO scorecard ({', '.join(COLUMNS)}) VALUES ({marks}::jsonb)", values)
        else:
            await connection.execute_query(f"INSERT INTO scorecard ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                                           [str(v) if isinstance(v, uuid.UUID) else v.isoformat(" ") if isinstance(v, datetime)
                                            else v for v in values])
        await Tortoise.close_connections()
        await migrate(config=config)
        connection = Tortoise.get_connection("default")
        _, rows = await connection.execute_query("SELECT dimension_scores, dimension_notes, content_digest FROM scorecard")
        [(record, notes, digest)] = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in rows]
        assert digest is None  # rewritten once by the next recompute of an open cycle
        return card_scores.entries(record, json.loads(notes) if isinstance(notes, str) else notes)
    finally:
        await Tortoise.close_connections()


def test_sqlite_cards_are_converted(tmp_path):
    found = _apart(_upgrade_a_card(f"sqlite://{tmp_path / 'm.sqlite3'}", postgres=False))
    assert found == ENTRIES


def test_postgres_cards_are_converted():
    if not reachable(POSTGRES_URL):
        service_unavailable("PostgreSQL", POSTGRES_URL)
    name = f"{urlparse(POSTGRES_URL).path.lstrip('/')}_m14_{os.getpid()}"
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"

    async def fresh(drop_only: bool = False) -> None:
        admin = await asyncpg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres")
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not drop_only:
                await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()

    _apart(fresh())
    try:
        found = _apart(_upgrade_a_card(url, postgres=True))
    finally:
        _apart(fresh(drop_only=True))
    assert found == ENTRIES
