"""Overlapping open cycles of one kind are refused even when the creates (or an edit) race: each racer runs
in its own transaction (PostgreSQL: on its own connection at the same time; SQLite: one at a time)."""
from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable
from datetime import date

from backend.core.errors import Conflict
from backend.performance import cycles
from backend.performance.models import CycleKind, CycleStatus, ReviewCycle
from tests.factories.org import make_company
from tests.factories.performance_config import month

RACERS = 12


async def _outcome(work: Awaitable[object]) -> str:
    try:
        await work
    except Conflict:
        return "conflict"
    return "ok"


async def test_racing_creates_of_one_month_leave_exactly_one_open_cycle(db):
    # given
    company = await make_company()
    # when a dozen HR requests create November at once
    outcomes = await asyncio.gather(*(_outcome(month(company.hr.actor, 2026, 11)) for _ in range(RACERS)))
    # then
    assert Counter(outcomes) == {"ok": 1, "conflict": RACERS - 1}
    assert await ReviewCycle.filter(kind=CycleKind.MONTHLY, status=CycleStatus.OPEN).count() == 1


async def test_racing_creates_of_overlapping_custom_ranges_leave_no_overlap(db):
    # given custom ranges that each overlap the next one
    company = await make_company()
    ranges = [(date(2026, 11, 1 + i), date(2026, 11, 3 + i)) for i in range(RACERS)]
    # when
    outcomes = await asyncio.gather(*(_outcome(cycles.create_cycle(
        company.hr.actor, name_en=f"Sprint {i}", name_zh=f"冲刺 {i}", kind=CycleKind.CUSTOM, starts_on=s, ends_on=e))
        for i, (s, e) in enumerate(ranges)))
    # then whoever won, no two open custom cycles share a day
    made = await ReviewCycle.filter(kind=CycleKind.CUSTOM, status=CycleStatus.OPEN).order_by("starts_on")
    assert outcomes.count("ok") == len(made) >= 1
    assert all(a.ends_on < b.starts_on for a, b in zip(made, made[1:]))


async def test_an_edit_racing_a_create_cannot_move_onto_its_dates(db):
    # given an open October
    company = await make_company()
    october = await month(company.hr.actor, 2026, 10)
    # when HR moves October to November while another request creates November
    moved = cycles.update_cycle(company.hr.actor, cycle_id=october.id, name_en="Nov", name_zh="十一月",
                                kind=CycleKind.MONTHLY, starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30))
    outcomes = await asyncio.gather(_outcome(moved), _outcome(month(company.hr.actor, 2026, 11)))
    # then exactly one of them won
    assert sorted(outcomes) == ["conflict", "ok"]
    assert await ReviewCycle.filter(starts_on=date(2026, 11, 1), status=CycleStatus.OPEN).count() == 1
