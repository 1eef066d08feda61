"""Scorecard.content_digest: 32 hex characters, the first 16 a 64-bit digest of what a card's dimension scores
are packed from (each dimension's code, source and weight, its numbers, flags, reason and detail), the last
16 one of the card's other columns as a recompute writes them (template version, department, total,
completion, missing, ranks, percentiles, previous total, change). A rerun compares one text per card with
the stored one, and packs and writes only the cards whose digest moved; a card whose ranks alone are
rewritten keeps its first half.

A digest is taken over a row of bytes per card (the numbers' IEEE bytes, little-endian: equal values give
equal digests), 8 bytes at a time for everyone at once: h = mix(h ^ word) with mix the splitmix64
finalizer, a bijection, so a change in any one word always changes the digest, and a change in several
collides with odds of 2^-64. (md5 per card, in Python, cost more than scoring everyone.) PURE: no I/O."""
from __future__ import annotations

import hashlib
import marshal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backend.performance import score_matrix
from backend.performance.score_matrix import OTHER_REASON, CardMatrix, ColumnArrays
from backend.performance.scoring import Cards

# Part of every digest: change it whenever what is stored for the same scores changes (or what a digest
# covers), so that every card is rewritten once in the new form.
ENCODING = b"card/3"
HALF = 16  # hex characters of each half
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def dimension_digests(matrix: CardMatrix, people: NDArray[np.int64] | None = None) -> NDArray[np.bytes_]:
    """Per person (all, or these positions): the digest (16 hex, S16) of their dimensions' content."""
    columns = matrix.columns
    at = np.arange(len(matrix.total)) if people is None else people
    size = len(at)
    pick = slice(None) if people is None else at  # everyone: the columns as they are, no gathering
    head = hashlib.md5(ENCODING, usedforsecurity=False)
    head.update(marshal.dumps(tuple((c.config.code, c.config.source, c.config.weight) for c in columns), 2))
    numbers = np.empty((size, 4 * len(columns)), dtype="<f8")
    flags = np.zeros((size, 8 * ((4 * len(columns) + 7) // 8)), dtype=np.uint8)
    for k, c in enumerate(columns):
        numbers[:, 4 * k], numbers[:, 4 * k + 1] = c.raw[pick], c.points[pick]
        numbers[:, 4 * k + 2], numbers[:, 4 * k + 3] = c.weighted[pick], c.progress[pick]
        flags[:, 4 * k], flags[:, 4 * k + 1] = c.raw_none[pick], c.points_none[pick]
        flags[:, 4 * k + 2], flags[:, 4 * k + 3] = c.missing[pick], c.reason_code[pick]
    notes = np.zeros((size, 1), dtype="<u8")
    for i, noted in _notes(columns, at).items():  # a person's own reasons and details, if any need spelling out
        notes[i, 0] = int.from_bytes(hashlib.md5(marshal.dumps(noted, 2), usedforsecurity=False).digest()[:8], "little")
    seed = np.frombuffer(head.digest(), dtype="<u8")
    return _digest(seed, [numbers.view("<u8"), flags.view("<u8"), notes])


def card_digests_of(cards: Cards, start: int, stop: int) -> list[str]:
    """For people start..stop-1 of scoring's Cards: dimension_digests of their dimensions (equal digest,
    equal scores; someone else's card changes nobody's digest)."""
    matrix = score_matrix.from_cards(cards, len(cards.columns[0].entries) if cards.columns else stop)
    return texts(dimension_digests(matrix, np.arange(start, stop, dtype=np.int64)))


def _notes(columns: Sequence[ColumnArrays], at: NDArray[np.int64]) -> dict[int, tuple[Any, ...]]:
    noted_at = [sorted({i for i, r in c.reasons.items() if c.reason_code[i] == OTHER_REASON} | set(c.details))
                for c in columns]
    if not any(noted_at):  # the usual case (metrics only, reasons by their code): no position lookup to build
        return {}
    where = {p: i for i, p in enumerate(at.tolist())}
    noted: dict[int, list[tuple[Any, ...]]] = {}
    for k, (c, positions) in enumerate(zip(columns, noted_at, strict=True)):
        for p in positions:
            if p in where:
                noted.setdefault(where[p], []).append((k, c.reasons.get(p), dict(c.details.get(p, {}))))
    return {i: tuple(n) for i, n in noted.items()}


@dataclass(slots=True)
class Scalars:
    """A card's columns besides its dimensions, by person: ids as 16 raw bytes (zeros and a flag for none),
    ranks 0 for none, percentiles, previous total and change NaN for none."""

    template_version: NDArray[np.bytes_]  # S16
    department: NDArray[np.bytes_]
    department_none: NDArray[np.bool_]
    total: NDArray[np.float64]
    completion: NDArray[np.float64]
    missing: NDArray[np.int64]
    rank_department: NDArray[np.int64]
    rank_organization: NDArray[np.int64]
    percentile_department: NDArray[np.float64]
    percentile_organization: NDArray[np.float64]
    previous_total: NDArray[np.float64]
    change: NDArray[np.float64]


def scalar_digests(s: Scalars) -> NDArray[np.bytes_]:
    """Per person: the digest (16 hex, S16) of their card's other columns."""
    size = len(s.total)
    optional = [s.percentile_department, s.percentile_organization, s.previous_total, s.change]
    numbers = np.stack([s.total, s.completion, *[np.where(np.isnan(o), 0.0, o) for o in optional]], axis=1).astype("<f8")
    counts = np.stack([s.missing, s.rank_department, s.rank_organization], axis=1).astype("<i8")
    flags = np.zeros((size, 8), dtype=np.uint8)
    flags[:, :5] = np.stack([s.department_none, *[np.isnan(o) for o in optional]], axis=1)
    ids = np.frombuffer(np.ascontiguousarray(s.template_version, dtype="S16").tobytes()
                        + np.ascontiguousarray(s.department, dtype="S16").tobytes(), dtype="<u8")
    half = ids[:2 * size].reshape(size, 2), ids[2 * size:].reshape(size, 2)
    seed = np.frombuffer(hashlib.md5(ENCODING + b"/scalars", usedforsecurity=False).digest(), dtype="<u8")
    return _digest(seed, [half[0], half[1], numbers.view("<u8"), counts.view("<u8"), flags.view("<u8")])


def combined(dimensions: NDArray[np.bytes_], scalars: NDArray[np.bytes_]) -> NDArray[np.bytes_]:
    """The stored digests (S32): each card's dimensions half, then its other columns' half."""
    size = len(dimensions)
    both = np.concatenate([np.ascontiguousarray(dimensions, dtype="S16").view(np.uint8).reshape(size, HALF),
                           np.ascontiguousarray(scalars, dtype="S16").view(np.uint8).reshape(size, HALF)], axis=1)
    return np.ascontiguousarray(both).view("S32").reshape(size)


def texts(digests: NDArray[np.bytes_]) -> list[str]:
    return [d.decode() for d in digests.tolist()]


_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def _digest(seed: NDArray[np.uint64], blocks: list[NDArray[np.uint64]]) -> NDArray[np.bytes_]:
    """Every row's 64-bit digest of its words (blocks side by side, left to right), as 16 hex characters."""
    size = len(blocks[0]) if blocks else 0
    h = np.full(size, seed[0] ^ seed[1], dtype=np.uint64)
    for block in blocks:
        for j in range(block.shape[1]):
            z = h ^ block[:, j]
            z ^= z >> _S30
            z *= _M1
            z ^= z >> _S27
            z *= _M2
            z ^= z >> _S31
            h = z
    nibbles = np.frombuffer(h.astype(">u8").tobytes(), dtype=np.uint8).reshape(size, 8)
    hexed = np.empty((size, HALF), dtype=np.uint8)
    hexed[:, 0::2], hexed[:, 1::2] = _HEX[nibbles >> 4], _HEX[nibbles & 15]
    return hexed.view("S16").reshape(size)
