"""Ranks and percentiles of a cycle's totals. PURE; the recompute writes what it returns. Equal totals (they
are rounded to the cent) share a rank, standard competition style: 1, 2, 2, 4."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from backend.performance.scoring import round2


@dataclass(frozen=True, slots=True)
class Standing:
    rank_department: int | None
    rank_organization: int
    percentile_department: float | None
    percentile_organization: float


def competition_ranks(totals: Mapping[Any, float]) -> dict[Any, int]:
    """Standard competition ranking ("1, 2, 2, 4"): equal totals (they are rounded to the cent) share
    the best rank, and the next distinct total skips the shared places. It depends only on the totals,
    so it is deterministic; lists show a tie in a stable order of their own (employee id)."""
    return dict(zip(totals, _ranks(list(totals.values())), strict=True))


def percentile(rank: int, size: int) -> float:
    """100 = the best, 0 = the last: 100 × (n − rank) / (n − 1); a group of one is 100."""
    if size <= 1:
        return 100.0
    return round2(100.0 * (size - rank) / (size - 1))


Ranks = tuple[int | None, int, float | None, float]  # (department rank, organisation rank, percentiles)


def standings(people: Iterable[tuple[Any, Any, float]]) -> dict[Any, Standing]:
    """(key, department or None, total) -> ranks and percentiles in the department and the organisation.
    People without a department get no department rank."""
    rows = list(people)
    ranks = places([(department, total) for _, department, total in rows])
    return {key: Standing(*found) for (key, _, _), found in zip(rows, ranks, strict=True)}


def places(people: Sequence[tuple[Any, float]]) -> list[Ranks]:
    """What `standings` says, by position: (department or None, total) in, (department rank, organisation
    rank, department percentile, organisation percentile) out, in the same order (the recompute ranks
    10,000 people; positions spare hashing their ids and building an object each)."""
    totals = [total for _, total in people]
    ranks: list[list[Any]] = [[None, rank, None, 0.0] for rank in _ranks(totals)]
    percentiles: dict[tuple[int, int], float] = {}

    def share(rank: int, size: int) -> float:
        found = percentiles.get((rank, size))
        if found is None:
            found = percentiles[(rank, size)] = percentile(rank, size)
        return found

    size = len(people)
    for row in ranks:
        row[3] = share(row[1], size)
    departments: dict[Any, list[int]] = {}
    for i, (department, _) in enumerate(people):
        if department is not None:
            departments.setdefault(department, []).append(i)
    for members in departments.values():
        for i, rank in zip(members, _ranks([totals[i] for i in members]), strict=True):
            ranks[i][0], ranks[i][2] = rank, share(rank, len(members))
    return [(d, o, pd, po) for d, o, pd, po in ranks]


def _ranks(totals: Sequence[float]) -> list[int]:
    """competition_ranks by position."""
    first_place: dict[float, int] = {}
    for place, value in enumerate(sorted(totals, reverse=True), start=1):
        first_place.setdefault(value, place)
    return [first_place[value] for value in totals]
