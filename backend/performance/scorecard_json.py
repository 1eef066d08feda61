"""The Scorecard.dimensions JSON text and the digest of what it says. Encoding is by hand, a dimension at a
time, not json.dumps (a test holds the text to json.dumps' document): for 10,000 people × 12 dimensions
json.dumps of dicts was a third of a recompute. Pure: no I/O; scorecard_store writes what it returns."""
from __future__ import annotations

import json
import math
from math import isfinite
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from backend.performance import score_matrix
from backend.performance.card_digests import dimension_digests, texts
from backend.performance.scoring import Cards, Column, DimensionScore

def encode_dimensions(scores: Sequence[DimensionScore]) -> str:
    """One card's document: [s.as_json() ...] as JSON text, in template order."""
    return "[" + ",".join([_entry(s) for s in scores]) + "]"


def encode_cards(cards: Cards, people: Sequence[int]) -> list[str]:
    """encode_dimensions of these people (positions in `cards`), one column at a time."""
    columns = [_column_texts(c, people) for c in cards.columns]
    if not columns:
        return ["[]"] * len(people)
    return ["[" + ",".join(texts) + "]" for texts in zip(*columns, strict=True)]


def encode_matrix(matrix: score_matrix.CardMatrix, people: Sequence[int]) -> list[str]:
    """encode_dimensions of these people (positions in `matrix`): encode_cards without a Python entry per
    dimension where a column is plain (scored numbers, no flag, reason or detail among them)."""
    at = np.asarray(people, dtype=np.int64)
    columns = [_plain_texts(c, at) for c in matrix.columns]
    if not columns:
        return ["[]"] * len(at)
    return ["[" + ",".join(texts) + "]" for texts in zip(*columns, strict=True)]


def _plain_texts(column: score_matrix.ColumnArrays, at: NDArray[np.int64]) -> list[str]:
    flagged = column.missing[at] | column.raw_none[at] | column.points_none[at] | (column.reason_code[at] != 0)
    if column.details or flagged.any():
        return _column_texts(column.column(at), range(len(at)))
    c = column.config
    head = f'{{"code":{json.dumps(c.code)},"source":{json.dumps(c.source)},"weight":{c.weight},"raw":'
    raw = [repr(v) if isfinite(v) else "null" for v in column.raw[at].tolist()]
    return [f'{head}{r},"points":{p},"weighted":{w},"missing":false,"progress":{g},"detail":{{}}}}'
            for r, p, w, g in zip(raw, _reprs(column.points[at]), _reprs(column.weighted[at]), _reprs(column.progress[at]),
                                  strict=True)]


def _reprs(values: NDArray[np.float64]) -> list[str]:
    """repr of each (points, weighted points and progress repeat: each distinct number is formatted once)."""
    if np.any(np.signbit(values) & (values == 0)) or np.isnan(values).any():  # unique would merge -0.0 and 0.0
        return [repr(v) for v in values.tolist()]
    distinct, inverse = np.unique(values, return_inverse=True)
    names = [repr(v) for v in distinct.tolist()]
    return [names[i] for i in inverse.tolist()]


def content_digests(cards: Cards, start: int, stop: int) -> list[str]:
    """For people start..stop-1: card_digests.dimension_digests of their dimensions (equal digest, equal
    document; someone else's card changes nobody's digest)."""
    matrix = score_matrix.from_cards(cards, len(cards.columns[0].entries) if cards.columns else stop)
    return texts(dimension_digests(matrix, np.arange(start, stop, dtype=np.int64)))


# Points, weighted points and progress are hundredths and ten-thousandths: few distinct numbers, each
# formatted once (float repr was most of the encoding time).
_numbers: dict[float, str] = {}


def _column_texts(column: Column, people: Sequence[int]) -> list[str]:
    if column.details:  # ratings, 360, OKR: per-person objects anyway
        return [_entry(column.score(i)) for i in people]
    if len(_numbers) > 200_000:  # only unusual caps make many
        _numbers.clear()
    config, entries, reasons, numbers = column.config, column.entries, column.reasons, _numbers
    head = f'{{"code":{json.dumps(config.code)},"source":{json.dumps(config.source)},"weight":{config.weight},"raw":'
    texts: list[str] = []
    add = texts.append
    for i in people:
        raw, points, weighted, progress, missing = entries[i]
        if missing or i in reasons or points is None or raw is None:
            add(_entry(column.score(i)))
            continue
        if (p := numbers.get(points)) is None:
            p = numbers[points] = repr(float(points))
        if (w := numbers.get(weighted)) is None:
            w = numbers[weighted] = repr(float(weighted))
        if (g := numbers.get(progress)) is None:
            g = numbers[progress] = repr(float(progress))
        add(f'{head}{_number(raw)},"points":{p},"weighted":{w},"missing":false,"progress":{g},"detail":{{}}}}')
    return texts


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
