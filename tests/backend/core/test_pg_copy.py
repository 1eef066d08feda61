"""The binary COPY encoder, checked by PostgreSQL itself: rows of every kind, with NULLs in every pattern and
JSON on some rows, copied into a temporary table read back equal."""
from __future__ import annotations

import json
import random
import uuid
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from tortoise import Tortoise

from backend.core import pg_copy
from backend.core.pg_copy import Field

SIZE = 300


async def test_postgres_reads_back_what_was_encoded(db):
    if db.backend != "postgres":
        pytest.skip("the format is PostgreSQL's")
    # given columns of every kind, NULLs scattered, JSON on some rows, a non-UTC timestamp
    rng = random.Random(3)
    ids = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(SIZE)]
    constant = uuid.uuid4()
    moment = datetime(2026, 12, 7, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
    floats = np.array([rng.uniform(-1e9, 1e9) for _ in range(SIZE)])
    ints = np.array([rng.randint(-2**31, 2**31 - 1) for _ in range(SIZE)])
    blobs = np.array([[rng.randrange(256) for _ in range(7)] for _ in range(SIZE)], dtype=np.uint8)
    notes = [json.dumps({"n": i, "文字": "是"}, ensure_ascii=False) if i % 17 == 0 else None for i in range(SIZE)]
    null_float = np.array([rng.random() < 0.3 for _ in range(SIZE)])
    null_id = np.array([rng.random() < 0.5 for _ in range(SIZE)])
    fields = [Field("uuid", np.frombuffer(b"".join(i.bytes for i in ids), dtype="S16")),
              Field("uuid", constant), Field("timestamptz", moment),
              Field("float8", floats, null_float), Field("int4", ints),
              Field("uuid", np.frombuffer(b"".join(i.bytes for i in reversed(ids)), dtype="S16"), null_id),
              Field("bytes", blobs), Field("jsonb", notes, np.array([n is None for n in notes]))]
    # when
    payload = pg_copy.encode(fields, SIZE)
    client = Tortoise.get_connection("default")
    async with client.acquire_connection() as raw, raw.transaction():
        await raw.execute("CREATE TEMP TABLE copied (a uuid, b uuid, c timestamptz, d float8, e int, f uuid, g bytea, "
                          "h jsonb) ON COMMIT DROP")
        await raw.copy_to_table("copied", source=memoryview(payload), format="binary")  # bytes would be a path
        rows = await raw.fetch("SELECT * FROM copied")
    # then
    found = {r["a"]: r for r in rows}
    assert len(rows) == SIZE and set(found) == set(ids)
    for i, key in enumerate(ids):
        row = found[key]
        assert row["b"] == constant and row["c"] == moment and row["e"] == ints[i]
        assert row["d"] == (None if null_float[i] else floats[i])
        assert row["f"] == (None if null_id[i] else ids[SIZE - 1 - i])
        assert row["g"] == blobs[i].tobytes()
        assert (json.loads(row["h"]) if row["h"] is not None else None) == (json.loads(notes[i]) if notes[i] else None)


def test_an_empty_stream_is_signature_and_trailer():
    assert pg_copy.encode([Field("float8", np.zeros(0))], 0) == pg_copy.SIGNATURE + pg_copy.TRAILER
