"""The statement: every line's raw value, source, supplier, weight, curve and points; ranks, sizes, tiers,
the bonus of a locked pool only, the appeal window; 360 anonymity; who may read it."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backend.core.errors import Forbidden, NotFound
from backend.performance import statements
from backend.performance.models import (
    BonusAllocation, BonusPool, PoolStatus, ReviewCycle, TierCode, TierPlacement, ValueSource,
)
from backend.core import clock
from tests.factories.performance_scoring import make_scene, make_statement_scene


async def test_statement_explains_every_line(db):
    # given
    scene = await make_statement_scene()
    c = scene.company
    # when
    found = await statements.get_statement(c.employee.actor, cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
    # then
    results, mentoring, teamwork, delivery = found.lines
    assert (results.raw, results.unit, results.points, results.weighted, results.value_source, results.source_label,
            results.supplied_by_id) == (600_000, "¥", 120.0, 48.0, ValueSource.MANUAL, "typed in", c.manager.employee.id)
    assert results.curve_en == "linear to target 500,000 ¥: value ÷ target × 100, 0 below 50 % of target, capped at 120"
    assert (mentoring.raw, mentoring.points, mentoring.curve_en) == (4.0, 80.0, "manager rating × 20 (1 → 20 … 5 → 100)")
    assert (teamwork.points, delivery.points) == (70.0, 50.0)
    assert delivery.detail["objectives"] == [{"title": "Ship v2", "weight": 1, "progress": 0.5, "keyResults": [
        {"title": "Releases", "start": 0.0, "current": 2.0, "target": 4.0, "weight": 1, "progress": 0.5}]}]
    assert (found.card.total, found.template_name_en, found.template_version) == (88.0, "Sales", 1)
    assert (found.card.rank_department, found.department_size, found.organization_size) == (1, 3, 3)


async def test_peer_means_are_hidden_from_the_person_below_three_raters_but_not_from_hr(db):
    # given one peer rated the worker's teamwork
    scene = await make_statement_scene()
    c = scene.company
    # when
    own = await statements.get_statement(c.employee.actor, cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
    hr = await statements.get_statement(c.hr.actor, cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
    # then
    assert own.lines[2].detail["relations"]["peer"] == {"mean": None, "count": None, "weight": 30, "hidden": True}
    assert own.lines[2].detail["relations"]["self"] == {"mean": 5.0, "count": 1, "weight": 10}
    assert hr.lines[2].detail["relations"]["peer"] == {"mean": 3.0, "count": 1, "weight": 30}


async def test_tiers_and_only_a_locked_pools_bonus_appear(db):
    # given a tier placement, a locked pool paying 1,234.56 and a draft pool that does not count yet
    scene = await make_statement_scene()
    c, worker = scene.company, scene.company.employee.employee.id
    await TierPlacement.create_for(c.system, cycle_id=scene.cycle.id, employee_id=worker, tier=TierCode.TOP10,
                                   position=1, basis=88.0, placed_at=clock.now())
    for status, amount in ((PoolStatus.LOCKED, 123_456), (PoolStatus.DRAFT, 999_999)):
        pool = await BonusPool.create_for(c.system, cycle_id=scene.cycle.id, name=status.value, amount_minor=amount)
        await BonusAllocation.create_for(c.system, pool_id=pool.id, employee_id=worker, amount_minor=amount)
        await BonusPool.of(c.system).filter(id=pool.id).update(status=status)  # a locked pool's rows freeze
    # when
    found = await statements.get_statement(c.employee.actor, cycle_id=scene.cycle.id, employee_id=worker)
    # then
    assert (found.tiers, found.bonus_minor, found.bonus_currency) == ([TierCode.TOP10], 123_456, "CNY")


async def test_appeal_window_closes_at_the_end_of_the_last_day_in_the_organisations_zone(db):
    # given November ends on the 30th, 5 appeal days: open through 5 December, Shanghai time
    scene = await make_statement_scene()
    c = scene.company
    deadline = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)  # 6 December 00:00 in Shanghai
    # when
    with clock.frozen_at(datetime(2026, 12, 5, 15, 59, tzinfo=UTC)):
        before = await statements.get_statement(c.employee.actor, cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
    with clock.frozen_at(deadline):
        after = await statements.get_statement(c.employee.actor, cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
    # then
    assert (before.appeal_deadline, before.appeal_open, after.appeal_open) == (deadline, True, False)


async def test_managers_above_and_hr_may_read_it_peers_may_not(db):
    # given
    scene = await make_statement_scene()
    c, worker = scene.company, scene.company.employee.employee.id
    # when / then
    for reader in (c.manager, c.owner, c.hr):
        assert (await statements.get_statement(reader.actor, cycle_id=scene.cycle.id, employee_id=worker)).card.total == 88.0
    with pytest.raises(Forbidden):
        await statements.get_statement(c.peer.actor, cycle_id=scene.cycle.id, employee_id=worker)


async def test_no_card_yet_and_another_organisations_cycle_are_not_found(db):
    # given
    scene, other = await make_scene("Acme"), await make_scene("Globex")
    c = scene.company
    # when / then
    with pytest.raises(NotFound):
        await statements.get_statement(c.employee.actor, cycle_id=scene.cycle.id, employee_id=c.employee.employee.id)
    with pytest.raises(NotFound):
        await statements.get_statement(c.hr.actor, cycle_id=other.cycle.id, employee_id=c.employee.employee.id)
    assert await ReviewCycle.of(c.system).count() == 1
