"""Ranks and percentiles of a cycle's totals. PURE; the recompute writes what it returns. Equal totals (they
are rounded to the cent) share a rank, standard competition style: 1, 2, 2, 4."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backend.performance.score_matrix import round_half_up
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


def places_arrays(departments: NDArray[np.int64], totals: NDArray[np.float64]) -> tuple[
        NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """`places` over arrays (the recompute's 10,000 people): departments as numbers (-1: none), totals in;
    (department rank, 0 for none; organisation rank; department percentile, NaN for none; organisation
    percentile) out, by position. The same ranks (1 + how many are strictly higher) and percentiles."""
    size = len(totals)
    ranked = np.sort(totals)
    organisation = size - np.searchsorted(ranked, totals, side="right") + 1
    # Departments: sorted by (department, total), a person's rank is 1 + how many of the department's
    # members come after the last one equal to them.
    order = np.lexsort((totals, departments))
    d, t = departments[order], totals[order]
    starts = np.flatnonzero(np.r_[True, d[1:] != d[:-1]]) if size else np.zeros(0, dtype=np.int64)
    runs = np.flatnonzero(np.r_[True, (d[1:] != d[:-1]) | (t[1:] != t[:-1])]) if size else starts
    ends = np.r_[starts[1:], size]
    run_ends = np.r_[runs[1:], size]
    position = np.arange(size)
    group_end = ends[np.searchsorted(starts, position, side="right") - 1] if size else position
    run_end = run_ends[np.searchsorted(runs, position, side="right") - 1] if size else position
    group_size = group_end - starts[np.searchsorted(starts, position, side="right") - 1] if size else position
    department = np.zeros(size, dtype=np.int64)
    department_size = np.zeros(size, dtype=np.int64)
    department[order] = group_end - run_end + 1
    department_size[order] = group_size
    none = departments < 0
    department[none] = 0
    within = _percentiles(department, department_size)
    within[none] = np.nan
    return department, organisation.astype(np.int64), within, _percentiles(organisation, np.full(size, size))


def _percentiles(ranks: NDArray[np.int64], sizes: NDArray[np.int64]) -> NDArray[np.float64]:
    """percentile(rank, size) of each (rank, size): round2 of the same division, 100 for a group of one."""
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = 100.0 * (sizes - ranks) / (sizes - 1)
    found = np.where(sizes <= 1, 100.0, 0.0)
    many = sizes > 1
    if many.any():
        found[many] = round_half_up(shares[many], 100.0, round2)
    return found

