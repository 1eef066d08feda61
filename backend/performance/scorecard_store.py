"""Writing computed scorecards in bulk: one statement per 5,000 cards however many people (PostgreSQL:
INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE; SQLite: one executemany of the same
upsert). Only backend.performance.recompute calls it, inside its transaction; it decides nothing."""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from backend.access.actor import Actor
from backend.performance.models import Scorecard
from backend.performance.scoring import DimensionScore

CHUNK = 5000
Ranks = tuple[int | None, int | None, float | None, float | None]
_COLUMNS = ("id", "tenant_id", "cycle_id", "employee_id", "template_version_id", "department_id", "total",
            "completion", "dimensions", "missing", "rank_department", "rank_organization", "percentile_department",
            "percentile_organization", "previous_total", "change", "computed_at")
_UPDATED = _COLUMNS[4:]
# An unchanged card is not rewritten (no new row version, index entries or WAL): the nightly run over
# everyone mostly finds nothing new. Its computed_at then stays the time it last changed.
_COMPARED = _UPDATED[:-1]
_RANKS = ("rank_department", "rank_organization", "percentile_department", "percentile_organization")


@dataclass(slots=True)
class CardRow:
    id: UUID
    employee_id: UUID
    template_version_id: UUID
    department_id: UUID | None
    total: float
    completion: float
    dimensions: str  # JSON text: scoring.DimensionScore.as_json entries in template order
    missing: int
    ranks: Ranks
    previous_total: float | None
    change: float | None


def encode_dimensions(scores: Sequence[DimensionScore]) -> str:
    """The Scorecard.dimensions JSON text: the same document as json.dumps([s.as_json() ...]) (a test holds
    it to that), written with f-strings because json.dumps of 12 dicts per person was a third of the
    time of a 10,000-person recompute."""
    return "[" + ",".join([_entry(s) for s in scores]) + "]"


_heads: dict[tuple[str, str, int], str] = {}


def _entry(s: DimensionScore) -> str:
    key = (s.code, s.source, s.weight)
    head = _heads.get(key)
    if head is None:
        head = _heads[key] = f'{{"code":{json.dumps(s.code)},"source":{json.dumps(s.source)},"weight":{s.weight},'
    detail = json.dumps(s.detail, separators=(",", ":")) if s.detail else "{}"
    reason = f',"reason":{json.dumps(s.reason)}' if s.reason is not None else ""
    # points, weighted and progress are always finite (capped); only a raw value could be inf or nan.
    points = "null" if s.points is None else repr(float(s.points))
    return (f'{head}"raw":{_number(s.raw)},"points":{points},"weighted":{float(s.weighted)!r},'
            f'"missing":{"true" if s.missing else "false"},"progress":{float(s.progress)!r},"detail":{detail}{reason}}}')


def _number(value: float | None) -> str:
    return "null" if value is None or not math.isfinite(value) else repr(float(value))


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _connection() -> BaseDBAsyncClient:
    # The model's connection is the surrounding transaction's when there is one (Tortoise's contextvar).
    return Scorecard._meta.db


def _chunks(rows: Sequence[Any]) -> list[Sequence[Any]]:
    return [rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)]


async def upsert(actor: Actor, *, cycle_id: UUID, rows: Sequence[CardRow], computed_at: datetime) -> None:
    """Insert or replace (on cycle + employee) every card; the id of an existing card is kept."""
    if not rows:
        return
    connection = _connection()
    for chunk in _chunks(rows):
        if connection.capabilities.dialect == "postgres":
            await connection.execute_query(_PG_UPSERT, _pg_upsert_args(actor, cycle_id, chunk, computed_at))
        else:
            await connection.execute_many(_SQLITE_UPSERT, _sqlite_upsert_args(actor, cycle_id, chunk, computed_at))


async def update_ranks(changed: Sequence[tuple[UUID, Ranks]]) -> None:
    """Rewrite only ranks and percentiles of cards whose inputs did not change but whose place did."""
    if not changed:
        return
    connection = _connection()
    for chunk in _chunks(changed):
        if connection.capabilities.dialect == "postgres":
            columns = list(zip(*[(card_id, *ranks) for card_id, ranks in chunk], strict=True))
            await connection.execute_query(_PG_RANKS, [list(c) for c in columns])
        else:
            await connection.execute_many(_SQLITE_RANKS, [[*ranks, str(card_id)] for card_id, ranks in chunk])


async def delete(actor: Actor, card_ids: Sequence[UUID]) -> None:
    for chunk in _chunks(card_ids):
        await Scorecard.of(actor).filter(id__in=list(chunk)).delete()


# --- PostgreSQL: arrays in, one statement per chunk --------------------------------------------------

_PG_ARRAYS = ("id uuid", "employee_id uuid", "template_version_id uuid", "department_id uuid", "total float8",
              "completion float8", "dimensions text", "missing int", "rank_department int", "rank_organization int",
              "percentile_department float8", "percentile_organization float8", "previous_total float8",
              "change float8")
_PG_UPSERT = (
    f"INSERT INTO \"scorecard\" ({_quoted(_COLUMNS)}) "
    "SELECT u.id, $1::uuid, $2::uuid, u.employee_id, u.template_version_id, u.department_id, u.total, u.completion, "
    "u.dimensions::jsonb, u.missing, u.rank_department, u.rank_organization, u.percentile_department, "
    "u.percentile_organization, u.previous_total, u.change, $3::timestamptz "
    "FROM unnest(" + ", ".join(f"${i + 4}::{a.split()[1]}[]" for i, a in enumerate(_PG_ARRAYS)) + ") "
    "AS u(" + ", ".join(a.split()[0] for a in _PG_ARRAYS) + ") "
    "ON CONFLICT (\"cycle_id\", \"employee_id\") DO UPDATE SET "
    + ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in _UPDATED)
    + " WHERE (" + ", ".join(f'"scorecard"."{c}"' for c in _COMPARED) + ") IS DISTINCT FROM ("
    + ", ".join(f'EXCLUDED."{c}"' for c in _COMPARED) + ")"
)
_PG_RANKS = (
    "UPDATE \"scorecard\" AS s SET " + ", ".join(f'"{c}" = u.{c}' for c in _RANKS) + " "
    "FROM unnest($1::uuid[], $2::int[], $3::int[], $4::float8[], $5::float8[]) "
    "AS u(id, " + ", ".join(_RANKS) + ") WHERE s.\"id\" = u.id"
)


def _pg_upsert_args(actor: Actor, cycle_id: UUID, rows: Sequence[CardRow], computed_at: datetime) -> list[Any]:
    return [actor.tenant_id, cycle_id, computed_at,
            [r.id for r in rows], [r.employee_id for r in rows], [r.template_version_id for r in rows],
            [r.department_id for r in rows], [r.total for r in rows], [r.completion for r in rows],
            [r.dimensions for r in rows], [r.missing for r in rows], [r.ranks[0] for r in rows],
            [r.ranks[1] for r in rows], [r.ranks[2] for r in rows], [r.ranks[3] for r in rows],
            [r.previous_total for r in rows], [r.change for r in rows]]


# --- SQLite: the same upsert, executemany ------------------------------------------------------------

_SQLITE_UPSERT = (
    f"INSERT INTO \"scorecard\" ({_quoted(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)}) "
    "ON CONFLICT (\"cycle_id\", \"employee_id\") DO UPDATE SET "
    + ", ".join(f'"{c}" = excluded."{c}"' for c in _UPDATED)
    + " WHERE " + " OR ".join(f'"scorecard"."{c}" IS NOT excluded."{c}"' for c in _COMPARED)
)
_SQLITE_RANKS = "UPDATE \"scorecard\" SET " + ", ".join(f'"{c}" = ?' for c in _RANKS) + " WHERE \"id\" = ?"


def _sqlite_time(moment: datetime) -> str:
    # What Tortoise itself stores: the UTC instant as text, so text comparisons order correctly.
    return moment.astimezone(UTC).isoformat(" ")


def _sqlite_upsert_args(actor: Actor, cycle_id: UUID, rows: Sequence[CardRow], computed_at: datetime) -> list[list[Any]]:
    tenant, cycle, at = str(actor.tenant_id), str(cycle_id), _sqlite_time(computed_at)
    return [[str(r.id), tenant, cycle, str(r.employee_id), str(r.template_version_id),
             str(r.department_id) if r.department_id else None, r.total, r.completion, r.dimensions, r.missing,
             *r.ranks, r.previous_total, r.change, at] for r in rows]
