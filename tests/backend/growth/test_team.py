"""A manager's team growth: current and next level from the stored progress, pending confirmations, stale
records; what needs attention first; the same statements for 3 and 30 reports."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backend.core import clock
from backend.core.errors import Forbidden
from backend.growth import progress, team
from backend.growth.models import EvidenceKind, RecordStatus, TrackMembership
from tests.factories.growth import add_record, assign, level_ids, make_track
from tests.factories.org import make_company, make_person

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
TODAY = date(2026, 11, 20)


def test_stale_after_180_days():
    # when / then
    assert team.stale_since(TODAY - timedelta(days=179), TODAY) is None
    assert team.stale_since(TODAY - timedelta(days=180), TODAY) == TODAY - timedelta(days=180)
    assert team.stale_since(None, TODAY) is None


async def test_team_growth_puts_what_needs_attention_first(db):
    # given four reports: one with a claim waiting, one near "middle", one stale, one on no track
    c = await make_company()
    track = await make_track(c.hr.actor)
    ids = await level_ids(c.system, track)
    boss = c.manager.employee
    waiting, near, stale, loose = [await make_person(c.system, name=n, manager=boss) for n in ("A", "B", "C", "D")]
    await assign(c.hr.actor, [waiting.employee.id, near.employee.id, stale.employee.id], track, "junior",
                 date(2025, 1, 1))
    await TrackMembership.of(c.system).update(created_at=datetime(2025, 1, 1, tzinfo=UTC))
    await add_record(c.system, waiting.employee.id, EvidenceKind.PROJECT, status=RecordStatus.CLAIMED, on=TODAY)
    await add_record(c.system, waiting.employee.id, EvidenceKind.PROJECT, on=TODAY)
    for _ in range(2):
        await add_record(c.system, near.employee.id, EvidenceKind.TRAINING, category="equipment", on=TODAY)
    await add_record(c.system, stale.employee.id, EvidenceKind.PROJECT, on=date(2025, 3, 1))
    with clock.frozen_at(NOW):
        await progress.recompute(c.system)
        # when
        found = await team.team_growth(c.manager.actor)
    # then (the company's own worker reports to the manager too: on no track, last by name)
    rows = [(m.name, m.pending_confirmations, m.next_level_id, m.next_level_percent, m.stale_since) for m in found]
    assert rows == [("A", 1, ids["middle"], 50, None), ("B", 0, ids["middle"], 83, None),
                    ("C", 0, ids["middle"], 50, date(2025, 3, 1)), ("Acme Worker", 0, None, 0, None),
                    ("D", 0, None, 0, None)]
    assert found[0].current_level_id == ids["junior"] and found[0].track_id == track.id


async def test_team_growth_is_for_managers(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await team.team_growth(c.employee.actor)
    assert await team.team_growth(c.hr.actor) == []  # nobody reports to HR here


async def test_team_growth_costs_the_same_statements_for_3_and_30(db, count_queries):
    # given managers of 3 and 30 people on a track with records
    counts = []
    for n in (3, 30):
        c = await make_company(f"Org {n}")
        track = await make_track(c.hr.actor)
        people = [await make_person(c.system, manager=c.manager.employee) for _ in range(n)]
        await assign(c.hr.actor, [p.employee.id for p in people], track, "junior")
        for p in people:
            await add_record(c.system, p.employee.id, EvidenceKind.PROJECT)
            await add_record(c.system, p.employee.id, EvidenceKind.PROJECT, status=RecordStatus.CLAIMED)
        await progress.recompute(c.system)
        before = count_queries.count
        # when
        await team.team_growth(c.manager.actor)
        counts.append(count_queries.count - before)
    # then
    assert counts[0] == counts[1]
