"""Marking people whose scores must be recomputed. Every use case that changes a scoring input calls
`mark` inside its transaction; the debounced recompute job runs once after commit and takes everyone
marked in the cycle (so a burst of 200 edits costs one recompute, not 200)."""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import UUID

from backend.access.actor import Actor
from backend.core import clock, jobs
from backend.core.config import get_settings
from backend.performance.models import ScoreRecompute

RECOMPUTE_JOB = "recompute_scores"

_COLUMNS = '"id", "tenant_id", "cycle_id", "employee_id", "requested_at"'
# One statement whatever the headcount. A mark that already exists takes the later request time: a
# recompute consumes only marks requested before it started, so a re-mark during a run survives it.
_PG_UPSERT = (
    f'INSERT INTO "score_recompute" ({_COLUMNS}) '
    "SELECT u.id, $1::uuid, $2::uuid, u.employee_id, $3::timestamptz "
    "FROM unnest($4::uuid[], $5::uuid[]) AS u(id, employee_id) "
    'ON CONFLICT ("cycle_id", "employee_id") DO UPDATE SET '
    '"requested_at" = GREATEST("score_recompute"."requested_at", EXCLUDED."requested_at")'
)
# SQLite: the people travel as one JSON array; `WHERE true` keeps the parser from reading ON CONFLICT
# as a join constraint (documented SQLite upsert ambiguity).
_SQLITE_UPSERT = (
    f'INSERT INTO "score_recompute" ({_COLUMNS}) '
    "SELECT json_extract(j.value, '$[0]'), ?, ?, json_extract(j.value, '$[1]'), ? FROM json_each(?) AS j WHERE true "
    'ON CONFLICT ("cycle_id", "employee_id") DO UPDATE SET '
    '"requested_at" = max("score_recompute"."requested_at", excluded."requested_at")'
)


def job_id(cycle_id: UUID) -> str:
    # One queued recompute per cycle: arq (and the in-process runner) refuse a second job with this id
    # while the first waits, which is what debounces a burst.
    return f"recompute:{cycle_id}"


async def mark(actor: Actor, *, cycle_id: UUID, employee_ids: Iterable[UUID]) -> int:
    """Record that these people's scores in the cycle are stale and queue the recompute after commit.
    Marking someone already marked refreshes the mark's request time (a recompute already running then
    leaves it for the next one). Returns how many people were marked."""
    wanted = list(set(employee_ids))
    if not wanted:
        return 0
    now = clock.now()
    connection = ScoreRecompute._meta.db  # the surrounding transaction's connection, if any
    ids = [uuid.uuid4() for _ in wanted]
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query(_PG_UPSERT, [actor.tenant_id, cycle_id, now, ids, wanted])
    else:
        people = json.dumps([[str(i), str(e)] for i, e in zip(ids, wanted, strict=True)])
        await connection.execute_query(_SQLITE_UPSERT, [str(actor.tenant_id), str(cycle_id), _sqlite_time(now), people])
    jobs.enqueue_after_commit(RECOMPUTE_JOB, str(actor.tenant_id), str(cycle_id), job_id=job_id(cycle_id),
                              defer_seconds=get_settings().score_debounce_seconds)
    return len(wanted)


def _sqlite_time(moment: datetime) -> str:
    # What Tortoise itself stores on SQLite: the UTC instant as text, so text comparisons order correctly.
    return moment.astimezone(UTC).isoformat(" ")
