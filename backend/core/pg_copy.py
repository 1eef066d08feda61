"""PostgreSQL's binary COPY format, encoded from numpy columns: a row at a time only for rows holding a
variable-width value, every other row through fixed-width blocks (rows grouped by which of their fields
are NULL), so 10,000 rows of 19 fields cost a few numpy copies rather than 190,000 Python values through
the driver's encoders. The format: https://www.postgresql.org/docs/current/sql-copy.html (binary format):
a signature and two zero words, then per row a field count (int16) and per field its length (int32, -1 for
NULL) and its bytes in network order, then -1 (int16). PURE: no I/O; the caller sends the bytes with
asyncpg's copy_to_table(format="binary"), whole (encode) or as a stream (SIGNATURE, rows() of each part in
turn, TRAILER), so that PostgreSQL stores one part while the next is still being prepared."""
from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import numpy as np
from numpy.typing import NDArray

SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
TRAILER = b"\xff\xff"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # PostgreSQL's timestamps count microseconds from here
_NULL = np.frombuffer(b"\xff\xff\xff\xff", dtype=np.uint8)


@dataclass(frozen=True, slots=True)
class Field:
    """One column's values for every row. kind: "uuid" (S16 raw bytes, or one UUID for every row),
    "float8", "int4", "bytes" (2-D uint8: fixed-width bytea or ASCII text), "timestamptz" (one datetime for
    every row), "jsonb" (JSON text per row, or None). `nulls`: rows whose value is NULL (None: none)."""

    kind: str
    values: Any
    nulls: NDArray[np.bool_] | None = None


def encode(fields: Sequence[Field], size: int) -> bytes:
    """The whole COPY stream (signature to trailer) of `size` rows (at most 63 fields)."""
    return SIGNATURE + rows(fields, size) + TRAILER


def rows(fields: Sequence[Field], size: int) -> bytes:
    """`size` rows of the COPY stream, without its signature and trailer."""
    blocks = [_block(f, size) for f in fields]
    nulls = np.zeros((size, len(fields)), dtype=np.bool_)
    for k, f in enumerate(fields):
        if f.nulls is not None:
            nulls[:, k] = f.nulls
    slow = np.zeros(size, dtype=np.bool_)
    for k, f in enumerate(fields):
        if f.kind == "jsonb":
            slow |= ~nulls[:, k]  # a present JSON value has its own width
    count = np.frombuffer(struct.pack(">h", len(fields)), dtype=np.uint8)
    parts: list[bytes] = []
    fast = np.flatnonzero(~slow)
    if len(fast):
        # a row's NULL pattern as one integer (bit k: field k), so that grouping sorts integers, not rows
        keys = nulls[fast].astype(np.uint64) @ (np.uint64(1) << np.arange(len(fields), dtype=np.uint64))
        patterns, group = np.unique(keys, return_inverse=True)
        for g, key in enumerate(patterns.tolist()):
            members = fast[group.reshape(-1) == g] if len(patterns) > 1 else fast
            everyone = len(members) == size  # the usual case: no gathering, the blocks as they are
            pattern = [bool(key >> k & 1) for k in range(len(fields))]
            pieces = [np.broadcast_to(count, (len(members), 2))]
            for k, block in enumerate(blocks):
                pieces.append(np.broadcast_to(_NULL, (len(members), 4)) if pattern[k] else block if everyone
                              else block[members])
            parts.append(np.concatenate(pieces, axis=1).tobytes())
    for row in np.flatnonzero(slow).tolist():
        parts.append(count.tobytes() + b"".join(
            _NULL.tobytes() if nulls[row, k] else _one(f, row) if f.kind == "jsonb" else blocks[k][row].tobytes()
            for k, f in enumerate(fields)))
    return b"".join(parts)


def _block(f: Field, size: int) -> NDArray[np.uint8]:
    """Every row's field (length word and bytes) as a (size, 4 + width) array; rows of a variable-width
    kind get an empty block (they are encoded one by one)."""
    if f.kind == "jsonb":
        return np.zeros((size, 0), dtype=np.uint8)
    if f.kind == "uuid":
        data = _repeat(f.values.bytes, size) if isinstance(f.values, UUID) else \
            np.ascontiguousarray(f.values, dtype="S16").view(np.uint8).reshape(size, 16)
    elif f.kind == "timestamptz":
        data = _repeat(struct.pack(">q", _micros(f.values)), size)
    elif f.kind == "float8":
        data = np.ascontiguousarray(f.values, dtype=">f8").view(np.uint8).reshape(size, 8)
    elif f.kind == "int4":
        data = np.ascontiguousarray(f.values, dtype=">i4").view(np.uint8).reshape(size, 4)
    elif f.kind == "bytes":
        data = np.ascontiguousarray(f.values, dtype=np.uint8).reshape(size, -1) if size else np.zeros((0, 0), np.uint8)
    else:
        raise ValueError(f"unknown COPY field kind {f.kind}")
    width = np.frombuffer(struct.pack(">i", data.shape[1]), dtype=np.uint8)
    return np.concatenate([np.broadcast_to(width, (size, 4)), data], axis=1)


def _one(f: Field, row: int) -> bytes:
    # jsonb's binary form: a version byte (1), then the text
    data = b"\x01" + str(f.values[row]).encode()
    return struct.pack(">i", len(data)) + data


def _repeat(value: bytes, size: int) -> NDArray[np.uint8]:
    return np.broadcast_to(np.frombuffer(value, dtype=np.uint8), (size, len(value)))


def _micros(moment: datetime) -> int:
    delta = moment.astimezone(UTC) - _EPOCH  # exact: timedelta keeps days, seconds and microseconds apart
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
