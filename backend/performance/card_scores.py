"""How a scorecard stores its dimension scores: Scorecard.dimension_scores, a packed binary record, and
Scorecard.dimension_notes, JSON only for the few entries that carry a spelt-out reason or a detail
(ratings, 360s, OKRs). Until format 1 the scores were a jsonb document of 12 objects a card; writing all
10,000 cards of a cycle spent a second in PostgreSQL parsing them, where a bytea is copied as it is.

Format 1, little-endian: byte 1 (the format), k (uint8, dimensions), then per dimension its code and
source (uint16 length + UTF-8) and weight (uint16); then k × 4 float64 (raw, points, weighted, progress;
NaN for none); then k flag bytes (bit 0 missing, bits 1-3 the reason code of score_matrix.REASON_CODES).
A record names its own dimensions, so a card reads without its template version.

`entries` gives back exactly what DimensionScore.as_json gave (a non-finite raw value reads as None, as
the JSON had it). PURE: no I/O."""
from __future__ import annotations

import math
import struct
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backend.performance.score_matrix import OTHER_REASON, REASON_CODES, CardMatrix, ColumnArrays
from backend.performance.scoring import DimensionScore

FORMAT = 1
_REASONS = {code: reason for reason, code in REASON_CODES.items()}  # 1 (flagged, no reason) reads as None
Notes = dict[str, dict[str, Any]] | None  # by dimension position (as text, for JSON): {"reason", "detail"}


def pack(scores: Sequence[DimensionScore]) -> tuple[bytes, Notes]:
    """One card's record and notes."""
    header = _header(tuple((s.code, s.source, s.weight) for s in scores))
    numbers = [n for s in scores for n in (_nan(s.raw), _nan(s.points), float(s.weighted), float(s.progress))]
    flags, notes = bytearray(), {}
    for k, s in enumerate(scores):
        code = REASON_CODES.get(s.reason, OTHER_REASON) if s.reason is not None or s.missing else 0
        flags.append(int(s.missing) | code << 1)
        note = _note(s.reason if code == OTHER_REASON else None, s.detail)
        if note:
            notes[str(k)] = note
    return header + struct.pack(f"<{len(numbers)}d", *numbers) + bytes(flags), notes or None


def pack_matrix(matrix: CardMatrix, people: Sequence[int]) -> tuple[list[bytes], list[Notes]]:
    """pack() of these people (positions in `matrix`)."""
    rows, notes = pack_rows(matrix, people)
    data, width = rows.tobytes(), rows.shape[1]
    return [data[i:i + width] for i in range(0, len(rows) * width, width)], notes


def pack_rows(matrix: CardMatrix, people: Sequence[int]) -> tuple[NDArray[np.uint8], list[Notes]]:
    """The records of these people as the rows of one array (one template: every record has the same
    width), everyone's numbers at once, and their notes."""
    at = np.asarray(people, dtype=np.int64)
    columns, size = matrix.columns, len(at)
    header = np.frombuffer(_header(tuple((c.config.code, c.config.source, c.config.weight) for c in columns)), dtype=np.uint8)
    numbers = np.empty((size, 4 * len(columns)), dtype="<f8")
    flags = np.empty((size, len(columns)), dtype=np.uint8)
    for k, c in enumerate(columns):
        numbers[:, 4 * k] = np.where(c.raw_none[at], np.nan, c.raw[at])
        numbers[:, 4 * k + 1] = np.where(c.points_none[at], np.nan, c.points[at])
        numbers[:, 4 * k + 2], numbers[:, 4 * k + 3] = c.weighted[at], c.progress[at]
        flags[:, k] = c.missing[at] | (c.reason_code[at] << 1)
    width = len(header) + numbers.shape[1] * 8
    rows = np.empty((size, width + len(columns)), dtype=np.uint8)
    rows[:, :len(header)] = header
    rows[:, len(header):width] = numbers.view(np.uint8).reshape(size, numbers.shape[1] * 8)
    rows[:, width:] = flags
    return rows, _matrix_notes(columns, at)


def _matrix_notes(columns: Sequence[ColumnArrays], at: NDArray[np.int64]) -> list[Notes]:
    notes: list[Notes] = [None] * len(at)
    if not any(c.details or (c.reason_code == OTHER_REASON).any() for c in columns):
        return notes
    where: dict[int, list[int]] = {}
    for i, p in enumerate(at.tolist()):
        where.setdefault(p, []).append(i)
    for k, c in enumerate(columns):
        spelt = {p for p in c.reasons if c.reason_code[p] == OTHER_REASON}
        for p in sorted(spelt | set(c.details)):
            note = _note(c.reasons.get(p) if p in spelt else None, c.details.get(p, {}))
            for i in where.get(p, []) if note else []:
                found = notes[i] = notes[i] or {}
                found[str(k)] = dict(note)
    return notes


def unpack(record: bytes | None, notes: Notes) -> list[DimensionScore]:
    """A card's dimension scores, in template order (none for an empty or missing record)."""
    if not record:
        return []
    data = bytes(record)
    if data[0] != FORMAT:
        raise ValueError(f"unknown scorecard format {data[0]}")
    count, at, named = data[1], 2, []
    for _ in range(count):
        code, at = _text(data, at)
        source, at = _text(data, at)
        named.append((code, source, int.from_bytes(data[at:at + 2], "little")))
        at += 2
    numbers = struct.unpack_from(f"<{4 * count}d", data, at)
    flags = data[at + 32 * count:at + 33 * count]
    scores = []
    for k, (code, source, weight) in enumerate(named):
        raw, points, weighted, progress = numbers[4 * k:4 * k + 4]
        note = (notes or {}).get(str(k), {})
        reason_code = flags[k] >> 1
        reason = note.get("reason") if reason_code == OTHER_REASON else _REASONS.get(reason_code)
        scores.append(DimensionScore(code=code, source=source, weight=weight, raw=raw if math.isfinite(raw) else None,
                                     points=None if math.isnan(points) else points, weighted=weighted, progress=progress,
                                     missing=bool(flags[k] & 1), reason=reason, detail=note.get("detail", {})))
    return scores


def entries(record: bytes | None, notes: Notes) -> list[dict[str, Any]]:
    """What a card says of each dimension, as DimensionScore.as_json."""
    return [s.as_json() for s in unpack(record, notes)]


@lru_cache(maxsize=256)
def _header(named: tuple[tuple[str, str, int], ...]) -> bytes:
    parts = [bytes([FORMAT, len(named)])]
    for code, source, weight in named:
        for text in (code, source):
            encoded = text.encode()
            parts.append(len(encoded).to_bytes(2, "little") + encoded)
        parts.append(int(weight).to_bytes(2, "little"))
    return b"".join(parts)


def _text(data: bytes, at: int) -> tuple[str, int]:
    size = int.from_bytes(data[at:at + 2], "little")
    return data[at + 2:at + 2 + size].decode(), at + 2 + size


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _note(reason: str | None, detail: Mapping[str, Any]) -> dict[str, Any]:
    note: dict[str, Any] = {}
    if reason is not None:
        note["reason"] = reason
    if detail:
        note["detail"] = dict(detail)
    return note
