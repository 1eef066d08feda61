"""Reading a scoped values_list query as numpy columns, grouped by its leading fields. On PostgreSQL each
group crosses the wire as one bytea of fixed-width binary rows (string_agg of uuid_send || float8send):
10,000 people × 12 metrics arrive as 12 strings instead of 120,000 Python floats, UUIDs and strings that
numpy would then have to copy again. Elsewhere (SQLite) the rows are grouped here into the same arrays. The
inner query is the scoped one, so tenancy is unchanged. Reads only.

Ids stay 16 raw bytes (numpy S16) in `Keys`, which finds other ids' positions without a Python object per id."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast
from uuid import UUID

import numpy as np
from numpy.typing import NDArray
from tortoise.queryset import ValuesListQuery

Ids = NDArray[np.bytes_]  # S16: a UUID's 16 bytes
# kind: (PostgreSQL aggregate of q."i", numpy dtype of its bytes)
_KINDS = {
    "uuid": ("uuid_send(q.\"{i}\")", "S16"),  # never null (callers' columns are NOT NULL)
    "float": ("float8send(q.\"{i}\")", ">f8"),  # never null
    "text32": ("convert_to(rpad(coalesce(q.\"{i}\", ''), 32), 'UTF8')", "S32"),  # null: 32 spaces; ASCII only
}


class Keys:
    """Ids by position, and the positions of other ids (-1: not here)."""

    def __init__(self, raw: Ids) -> None:
        self.raw = np.ascontiguousarray(raw, dtype="S16")
        halves = np.frombuffer(self.raw.tobytes(), dtype=">u8").reshape(-1, 2).astype(np.uint64)
        self._high, self._low = halves[:, 0], halves[:, 1]
        self._order = np.lexsort((self._low, self._high))
        self._sorted = self._high[self._order]
        self._unique = bool(np.all(self._sorted[1:] != self._sorted[:-1]))  # the first 8 bytes tell ids apart

    def __len__(self) -> int:
        return len(self.raw)

    @classmethod
    def of(cls, ids: Sequence[UUID | str]) -> Keys:
        return cls(as_ids(ids))

    def find(self, other: Ids) -> NDArray[np.int64]:
        if len(other) == 0 or len(self.raw) == 0:
            return np.full(len(other), -1, dtype=np.int64)
        if not self._unique:  # two ids share their first 8 bytes: look them up whole
            where = {bytes(b): i for i, b in enumerate(_split(self.raw))}
            return np.array([where.get(bytes(b), -1) for b in _split(other)], dtype=np.int64)
        halves = np.frombuffer(np.ascontiguousarray(other, dtype="S16").tobytes(), dtype=">u8").reshape(-1, 2)
        high, low = halves[:, 0].astype(np.uint64), halves[:, 1].astype(np.uint64)
        at = np.minimum(np.searchsorted(self._sorted, high), len(self._sorted) - 1)
        candidate = self._order[at]
        return np.where((self._high[candidate] == high) & (self._low[candidate] == low), candidate, -1).astype(np.int64)

    def uuids(self, positions: NDArray[np.int64] | None = None) -> list[UUID]:
        return uuids_of(self.raw if positions is None else self.raw[positions])


def uuids_of(raw: Ids) -> list[UUID]:
    return [UUID(bytes=b) for b in _split(raw)]


def as_ids(ids: Sequence[UUID | str]) -> Ids:
    data = b"".join([(i if isinstance(i, UUID) else UUID(str(i))).bytes for i in ids])
    return np.frombuffer(data, dtype="S16").copy() if data else np.zeros(0, dtype="S16")


def _split(raw: Ids) -> list[bytes]:
    # S16 items lose trailing zero bytes as Python objects: cut the buffer instead.
    data = np.ascontiguousarray(raw, dtype="S16").tobytes()
    return [data[i:i + 16] for i in range(0, len(data), 16)]


async def grouped(query: ValuesListQuery[Any], keys: int, kinds: Sequence[str]) -> list[tuple[tuple[Any, ...], list[Any]]]:
    """The query's rows grouped by their first `keys` fields: (key values, [one array per further field, of
    `kinds`: "uuid" -> S16, "float" -> float64, "text32" -> S32]). With no key, one group (possibly empty)."""
    connection = query.model._meta.db
    if connection.capabilities.dialect == "postgres":
        inner = query.sql()
        _, params = query.query.get_parameterized_sql()
        # One byte string per group: each row's fields side by side (one aggregate step a row, not one a field)
        fields = " || ".join(_KINDS[k][0].format(i=keys + n) for n, k in enumerate(kinds))
        columns = [f'q."{i}"' for i in range(keys)] + [f"string_agg({fields}, ''::bytea)"]
        group = f" GROUP BY {', '.join(str(i + 1) for i in range(keys))}" if keys else ""
        _, records = await connection.execute_query(f"SELECT {', '.join(columns)} FROM ({inner}) AS q{group}", params)
        return [(tuple(r[:keys]), _decode(kinds, r[keys])) for r in records] \
            or ([((), _decode(kinds, None))] if not keys else [])
    found: dict[tuple[Any, ...], list[list[Any]]] = {}
    for row in cast(Sequence[Sequence[Any]], await query):
        found.setdefault(tuple(row[:keys]), [[] for _ in kinds])
        for column, value in zip(found[tuple(row[:keys])], row[keys:], strict=True):
            column.append(value)
    if not keys and not found:
        found[()] = [[] for _ in kinds]
    return [(key, [_array(kind, values) for kind, values in zip(kinds, columns, strict=True)])
            for key, columns in found.items()]


def _decode(kinds: Sequence[str], data: bytes | None) -> list[Any]:
    rows = np.frombuffer(data or b"", dtype=np.dtype([(f"f{n}", _KINDS[k][1]) for n, k in enumerate(kinds)]))
    return [rows[f"f{n}"].astype(np.float64) if k == "float" else rows[f"f{n}"].copy() for n, k in enumerate(kinds)]


def _array(kind: str, values: list[Any]) -> Any:
    if kind == "uuid":
        return as_ids(values)
    if kind == "float":
        return np.array(values, dtype=np.float64).reshape(len(values))
    return np.array([(v or "").encode() for v in values], dtype="S32").reshape(len(values))
