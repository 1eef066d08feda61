"""Writing computed scorecards in bulk: one statement per batch of cards (PostgreSQL: INSERT ... SELECT
FROM unnest(arrays) ON CONFLICT DO UPDATE, leaving a card whose content is unchanged alone; SQLite: one
executemany of the same upsert). Only backend.performance.recompute calls it, inside its transaction; it
decides nothing (the JSON comes from scorecard_json)."""
from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from tortoise.backends.base.client import BaseDBAsyncClient

from backend.access.actor import Actor
from backend.performance.models import Scorecard

CHUNK = 5000
Ranks = tuple[int | None, int | None, float | None, float | None]
_RANKS = ("rank_department", "rank_organization", "percentile_department", "percentile_organization")
# What a recompute writes and compares, in this order (the dimensions by their digest): a card whose stored
# values equal the new ones is not rewritten (no new row version, index entries or WAL; the nightly run
# over everyone mostly finds nothing new), and its computed_at stays the time it last changed.
STORED = ("template_version_id", "department_id", "total", "completion", "content_digest", "missing", *_RANKS,
          "previous_total", "change")
_COLUMNS = ("id", "tenant_id", "cycle_id", "template_version_id", "computed_at", "employee_id", "department_id",
            "total", "completion", "dimensions", "content_digest", "missing", *_RANKS, "previous_total", "change")
_UPDATED = ("template_version_id", "computed_at", *_COLUMNS[6:])


@dataclass(slots=True)
class CardBatch:
    """Cards of one template version to write, field by field (one array per field on PostgreSQL). A new
    card gets a fresh id; an existing one keeps its own."""

    template_version_id: UUID
    employee_ids: list[UUID]
    department_ids: list[UUID | None]
    totals: list[float]
    completions: list[float]
    dimensions: list[str]  # JSON text (scorecard_json.encode_cards)
    content_digests: list[str]  # card_digests
    missing: list[int]
    ranks: list[Ranks]
    previous_totals: list[float | None]
    changes: list[float | None]


def _connection() -> BaseDBAsyncClient:
    # The model's connection is the surrounding transaction's when there is one (Tortoise's contextvar).
    return Scorecard._meta.db


def _chunks(rows: Sequence[Any]) -> list[Sequence[Any]]:
    return [rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)]


async def upsert(actor: Actor, *, cycle_id: UUID, batches: Iterable[CardBatch], computed_at: datetime) -> None:
    """Insert or replace (on cycle + employee) every card; the id of an existing card is kept. The next
    batch is taken from `batches` (the caller builds it lazily: that is where the JSON is encoded) while
    the database parses and writes the previous one, so Python and PostgreSQL work at the same time."""
    connection = _connection()
    postgres = connection.capabilities.dialect == "postgres"
    sending: asyncio.Task[Any] | None = None
    try:
        for batch in batches:
            if sending is not None:
                await sending
            statement: Coroutine[Any, Any, Any] = (
                connection.execute_query(_PG_UPSERT, _pg_args(actor, cycle_id, batch, computed_at)) if postgres
                else connection.execute_many(_SQLITE_UPSERT, _sqlite_args(actor, cycle_id, batch, computed_at)))
            sending = asyncio.create_task(statement)
            for _ in range(3):  # let the task put the statement on the socket before the next batch's CPU work
                await asyncio.sleep(0)
        if sending is not None:
            await sending
    except BaseException:
        if sending is not None and not sending.done():
            sending.cancel()
            await asyncio.gather(sending, return_exceptions=True)
        raise


async def update_ranks(changed: Sequence[tuple[UUID, Ranks, str | None]]) -> None:
    """Rewrite only ranks, percentiles and the digest (its second half covers them) of cards whose inputs
    did not change but whose place did: (card id, ranks, digest)."""
    if not changed:
        return
    connection = _connection()
    for chunk in _chunks(changed):
        if connection.capabilities.dialect == "postgres":
            columns = list(zip(*[(card_id, *ranks, digest) for card_id, ranks, digest in chunk], strict=True))
            await connection.execute_query(_PG_RANKS, [list(c) for c in columns])
        else:
            await connection.execute_many(_SQLITE_RANKS, [[*ranks, digest, str(card_id)] for card_id, ranks, digest in chunk])


async def delete(actor: Actor, *, cycle_id: UUID, employee_ids: Sequence[UUID]) -> None:
    for chunk in _chunks(employee_ids):
        await Scorecard.of(actor).filter(cycle_id=cycle_id, employee_id__in=list(chunk)).delete()


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


# --- PostgreSQL: arrays in, one statement per batch --------------------------------------------------

_PG_ARRAYS = ("employee_id uuid", "department_id uuid", "total float8", "completion float8",
              "dimensions text", "content_digest text", "missing int", "rank_department int", "rank_organization int",
              "percentile_department float8", "percentile_organization float8", "previous_total float8",
              "change float8")
_PG_UPSERT = (
    f"INSERT INTO \"scorecard\" ({_quoted(_COLUMNS)}) "
    "SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4::timestamptz, u.employee_id, u.department_id, u.total, "
    "u.completion, u.dimensions::jsonb, u.content_digest, u.missing, u.rank_department, u.rank_organization, "
    "u.percentile_department, u.percentile_organization, u.previous_total, u.change "
    "FROM unnest(" + ", ".join(f"${i + 5}::{a.split()[1]}[]" for i, a in enumerate(_PG_ARRAYS)) + ") "
    "AS u(" + ", ".join(a.split()[0] for a in _PG_ARRAYS) + ") "
    "ON CONFLICT (\"cycle_id\", \"employee_id\") DO UPDATE SET "
    + ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in _UPDATED)
    + " WHERE (" + ", ".join(f'"scorecard"."{c}"' for c in STORED) + ") IS DISTINCT FROM ("
    + ", ".join(f'EXCLUDED."{c}"' for c in STORED) + ")"
)
_PG_RANKS = (
    "UPDATE \"scorecard\" AS s SET " + ", ".join(f'"{c}" = u.{c}' for c in (*_RANKS, "content_digest")) + " "
    "FROM unnest($1::uuid[], $2::int[], $3::int[], $4::float8[], $5::float8[], $6::text[]) "
    "AS u(id, " + ", ".join(_RANKS) + ", content_digest) WHERE s.\"id\" = u.id"
)


def _pg_args(actor: Actor, cycle_id: UUID, batch: CardBatch, computed_at: datetime) -> list[Any]:
    ranks = [list(c) for c in zip(*batch.ranks, strict=True)] if batch.ranks else [[], [], [], []]
    return [actor.tenant_id, cycle_id, batch.template_version_id, computed_at, batch.employee_ids,
            batch.department_ids, batch.totals, batch.completions, batch.dimensions, batch.content_digests,
            batch.missing, *ranks, batch.previous_totals, batch.changes]


# --- SQLite: the same upsert, executemany ------------------------------------------------------------

_SQLITE_UPSERT = (
    f"INSERT INTO \"scorecard\" ({_quoted(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)}) "
    "ON CONFLICT (\"cycle_id\", \"employee_id\") DO UPDATE SET "
    + ", ".join(f'"{c}" = excluded."{c}"' for c in _UPDATED)
    + " WHERE " + " OR ".join(f'"scorecard"."{c}" IS NOT excluded."{c}"' for c in STORED)
)
_SQLITE_RANKS = "UPDATE \"scorecard\" SET " + ", ".join(f'"{c}" = ?' for c in (*_RANKS, "content_digest")) + " WHERE \"id\" = ?"


def _sqlite_time(moment: datetime) -> str:
    # What Tortoise itself stores: the UTC instant as text, so text comparisons order correctly.
    return moment.astimezone(UTC).isoformat(" ")


def _sqlite_args(actor: Actor, cycle_id: UUID, batch: CardBatch, computed_at: datetime) -> list[list[Any]]:
    head = [str(actor.tenant_id), str(cycle_id), str(batch.template_version_id), _sqlite_time(computed_at)]
    return [[str(uuid4()), *head, str(e), str(d) if d else None, t, c, j, g, m, *r, p, x]
            for e, d, t, c, j, g, m, r, p, x in zip(
                batch.employee_ids, batch.department_ids, batch.totals, batch.completions, batch.dimensions,
                batch.content_digests, batch.missing, batch.ranks, batch.previous_totals, batch.changes, strict=True)]
