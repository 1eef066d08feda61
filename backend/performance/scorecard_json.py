"""The Scorecard.dimensions JSON text and the digest of what it says. Encoding is by hand, a dimension at a
time, not json.dumps (a test holds the text to json.dumps' document): for 10,000 people × 12 dimensions
json.dumps of dicts was a third of a recompute. Pure: no I/O; scorecard_store writes what it returns."""
from __future__ import annotations

import hashlib
import json
import marshal
import math
from collections.abc import Sequence

from backend.performance.scoring import Cards, Column, DimensionScore

# Part of every digest: change it whenever the JSON written for the same scores changes, so that every
# card is rewritten once in the new form.
ENCODING = b"dimensions/1"


def encode_dimensions(scores: Sequence[DimensionScore]) -> str:
    """One card's document: [s.as_json() ...] as JSON text, in template order."""
    return "[" + ",".join([_entry(s) for s in scores]) + "]"


def encode_cards(cards: Cards, people: Sequence[int]) -> list[str]:
    """encode_dimensions of these people (positions in `cards`), one column at a time."""
    columns = [_column_texts(c, people) for c in cards.columns]
    if not columns:
        return ["[]"] * len(people)
    return ["[" + ",".join(texts) + "]" for texts in zip(*columns, strict=True)]


def content_digests(cards: Cards, start: int, stop: int) -> list[str]:
    """For people start..stop-1: the md5 (hex) of everything their document is encoded from (each
    dimension's code, source and weight, its numbers, reason and detail) and of ENCODING, taken from the
    numbers themselves (marshal, version 2: no back-references, so equal values give equal bytes). Equal
    digest, equal document: a rerun compares digests and encodes only the cards that changed."""
    head = hashlib.md5(ENCODING, usedforsecurity=False)
    head.update(marshal.dumps(tuple((c.config.code, c.config.source, c.config.weight) for c in cards.columns), 2))
    if not cards.columns:
        return [head.hexdigest()] * (stop - start)
    noted = [(k, c) for k, c in enumerate(cards.columns) if c.reasons or c.details]
    found = []
    for i, row in enumerate(zip(*[c.entries[start:stop] for c in cards.columns], strict=True), start):
        digest = head.copy()
        digest.update(marshal.dumps(row, 2))
        # Only this person's own reasons and details: someone else's missing value changes nobody else's digest.
        if notes := tuple((k, c.reasons.get(i), dict(c.details.get(i, {}))) for k, c in noted
                          if i in c.reasons or i in c.details):
            digest.update(marshal.dumps(notes, 2))
        found.append(digest.hexdigest())
    return found


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
