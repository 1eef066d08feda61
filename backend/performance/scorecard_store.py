"""Writing computed scorecards in bulk, as columns. PostgreSQL: scorecard_copy (binary COPY for new cards,
updates in place for changed ones). SQLite: one executemany of an upsert. Only
backend.performance.recompute calls it, inside its transaction; it decides nothing (the scores come packed
from card_scores)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from math import isnan
from typing import Any, Protocol
from uuid import UUID, uuid4

import numpy as np
from numpy.typing import NDArray
from tortoise.backends.base.client import BaseDBAsyncClient

from backend.access.actor import Actor
from backend.performance import scorecard_copy
from backend.performance.column_reads import uuids_of
from backend.performance.models import Scorecard
from backend.performance.score_matrix import F64, I64

CHUNK = 5000
Ranks = tuple[int | None, int | None, float | None, float | None]
_RANKS = ("rank_department", "rank_organization", "percentile_department", "percentile_organization")
# What a recompute writes and compares, in this order (the dimensions by their digest): a card whose stored
# values equal the new ones is not rewritten (no new row version, index entries or WAL; the nightly run
# over everyone mostly finds nothing new), and its computed_at stays the time it last changed.
STORED = ("template_version_id", "department_id", "total", "completion", "content_digest", "missing", *_RANKS,
          "previous_total", "change")
_COLUMNS = scorecard_copy.COLUMNS
_UPDATED = ("template_version_id", "computed_at", *scorecard_copy.WRITTEN)


@dataclass(slots=True)
class CardBatch:
    """Cards of one template version to write, a numpy column per field (positions match). Ids are 16 raw
    bytes (S16); none is marked by a flag (department), 0 (department rank) or NaN (percentiles, previous
    total, change). A new card gets a fresh id; an existing one keeps its own."""

    template_version_id: UUID
    employees: NDArray[np.bytes_]
    departments: NDArray[np.bytes_]
    no_department: NDArray[np.bool_]
    totals: F64
    completions: F64
    scores: NDArray[np.uint8]  # card_scores.pack_rows: a record per row
    notes: list[str | None]  # their notes as JSON text
    digests: NDArray[np.bytes_]  # S32, card_digests
    missing: I64
    rank_department: I64
    rank_organization: I64
    percentile_department: F64
    percentile_organization: F64
    previous_totals: F64
    changes: F64

    def __len__(self) -> int:
        return len(self.employees)

    def rows(self) -> list[tuple[Any, ...]]:
        """Python values by row, in _COLUMNS' order from employee_id on (None for none)."""
        width = self.scores.shape[1] if self.scores.ndim == 2 else 0
        data = self.scores.tobytes()
        departments = [None if none else d for d, none in zip(
            uuids_of(self.departments), self.no_department.tolist(), strict=True)]
        return list(zip(
            uuids_of(self.employees), departments, self.totals.tolist(), self.completions.tolist(),
            [data[i * width:(i + 1) * width] for i in range(len(self))], self.notes,
            [d.decode() for d in self.digests.tolist()], self.missing.tolist(),
            [r or None for r in self.rank_department.tolist()], self.rank_organization.tolist(),
            _optional(self.percentile_department), _optional(self.percentile_organization),
            _optional(self.previous_totals), _optional(self.changes), strict=True))


class CardChanges(Protocol):
    """The cards a recompute writes (recompute_plan.Changes): whose, and their batches, packed on demand."""

    employees: NDArray[np.bytes_]  # S16, one per card

    def __len__(self) -> int: ...

    def batches(self, rows: I64) -> Iterator[CardBatch]:
        """The cards at `rows` (indexes into employees), in batches, each batch's in the order given."""
        ...


def _optional(values: F64) -> list[float | None]:
    return [None if isnan(v) else v for v in values.tolist()]


def _connection() -> BaseDBAsyncClient:
    # The model's connection is the surrounding transaction's when there is one (Tortoise's contextvar).
    return Scorecard._meta.db


def _chunks(rows: Sequence[Any]) -> list[Sequence[Any]]:
    return [rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)]


async def upsert(actor: Actor, *, cycle_id: UUID, changes: CardChanges, computed_at: datetime) -> None:
    """Insert or replace (on cycle + employee) every card; the id of an existing card is kept."""
    if not len(changes):
        return
    connection = _connection()
    if connection.capabilities.dialect == "postgres":
        await scorecard_copy.Writer(connection, actor.tenant_id, cycle_id, computed_at).write(changes)
        return
    for batch in changes.batches(np.arange(len(changes))):
        await connection.execute_many(_SQLITE_UPSERT, _sqlite_args(actor, cycle_id, batch, computed_at))


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


_PG_RANKS = (
    "UPDATE \"scorecard\" AS s SET " + ", ".join(f'"{c}" = u.{c}' for c in (*_RANKS, "content_digest")) + " "
    "FROM unnest($1::uuid[], $2::int[], $3::int[], $4::float8[], $5::float8[], $6::text[]) "
    "AS u(id, " + ", ".join(_RANKS) + ", content_digest) WHERE s.\"id\" = u.id"
)


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
    return [[str(uuid4()), *head, str(e), str(d) if d else None, *rest] for e, d, *rest in batch.rows()]
