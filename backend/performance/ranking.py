"""Ranks and percentiles of a cycle's totals. PURE; the recompute writes what it returns. Equal totals (they
are rounded to the cent) share a rank, standard competition style: 1, 2, 2, 4."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    first_place: dict[float, int] = {}
    for place, value in enumerate(sorted(totals.values(), reverse=True), start=1):
        first_place.setdefault(value, place)
    return {key: first_place[value] for key, value in totals.items()}


def percentile(rank: int, size: int) -> float:
    """100 = the best, 0 = the last: 100 × (n − rank) / (n − 1); a group of one is 100."""
    if size <= 1:
        return 100.0
    return round2(100.0 * (size - rank) / (size - 1))


def standings(people: Iterable[tuple[Any, Any, float]]) -> dict[Any, Standing]:
    """(key, department or None, total) -> ranks and percentiles in the department and the organisation.
    People without a department get no department rank."""
    rows = list(people)
    organization = competition_ranks({key: value for key, _, value in rows})
    departments: dict[Any, dict[Any, float]] = {}
    for key, department, value in rows:
        if department is not None:
            departments.setdefault(department, {})[key] = value
    in_department = {key: (rank, len(group)) for group in departments.values()
                     for key, rank in competition_ranks(group).items()}
    size = len(rows)
    found: dict[Any, Standing] = {}
    for key, _, _ in rows:
        rank_o = organization[key]
        dept = in_department.get(key)
        found[key] = Standing(rank_department=dept[0] if dept else None, rank_organization=rank_o,
                              percentile_department=percentile(*dept) if dept else None,
                              percentile_organization=percentile(rank_o, size))
    return found
