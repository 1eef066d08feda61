"""Migrations are the only way the schema changes: they match the models and apply cleanly."""
from __future__ import annotations

import contextvars
import asyncio

from tortoise.context import TortoiseContext
from tortoise.migrations.autodetector import MigrationAutodetector

from backend.access.models import Organization
from backend.core import db as core_db


async def _pending_changes(database_url: str) -> list[str]:
    config = core_db.tortoise_config(database_url)
    async with TortoiseContext() as ctx:
        await ctx.init(config=config)
        writers = await MigrationAutodetector(ctx.apps, config["apps"]).changes()
        return [f"{w.app_label}.{w.name}" for w in writers]


async def test_models_have_no_changes_missing_from_the_migrations(tmp_path):
    # when: what `make migrations` would write
    changes = await asyncio.to_thread(contextvars.Context().run, asyncio.run, _pending_changes(f"sqlite://{tmp_path / 'x.sqlite3'}"))
    # then
    assert changes == [], "models changed without a migration: run `make migrations` and commit it"


async def test_migrated_database_accepts_the_models(db):
    # given a database the `db` fixture built with the real migrations (SQLite and PostgreSQL)
    # when / then: a round trip through a model proves the tables are there
    org = await Organization.create(name="Migrated")
    assert (await Organization.get(id=org.id)).name == "Migrated"


async def test_migrating_twice_is_a_no_op(tmp_path):
    # given
    url = f"sqlite://{tmp_path / 'twice.sqlite3'}"
    run = contextvars.Context().run
    await asyncio.to_thread(run, asyncio.run, core_db.migrate(url))
    # when / then: no error, nothing re-applied
    await asyncio.to_thread(contextvars.Context().run, asyncio.run, core_db.migrate(url))
