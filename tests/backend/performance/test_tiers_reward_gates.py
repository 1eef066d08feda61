"""Reward eligibility reads tiers and scores from the person's latest closed review cycle."""
from __future__ import annotations

from datetime import date

from backend.rewards.eligibility import NO_TIER, Gates, check, facts_for
from tests.factories.performance_pools import make_pool_scene, scored_cycle

OCTOBER = dict(starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31), name="October 2026")


async def test_nobody_has_a_tier_or_score_before_a_cycle_closes(db):
    # given: an open cycle only
    scene = await make_pool_scene()
    await scored_cycle(scene)
    # when
    facts = await facts_for(scene.company.manager.actor, scene.company.manager.employee)
    # then
    assert (facts.tier, facts.score) == (None, None)


async def test_the_best_tier_and_total_of_the_latest_closed_cycle_count(db):
    # given: October closed with the manager on top (92)
    scene = await make_pool_scene()
    await scored_cycle(scene, closed=True, **OCTOBER)
    # when
    facts = await facts_for(scene.company.manager.actor, scene.company.manager.employee)
    # then
    assert (facts.tier, facts.score) == ("top10", 92.0)
    assert check(Gates(min_tier="top20", min_score=90), facts) == []


async def test_a_later_closed_cycle_without_a_tier_means_no_tier(db):
    # given: top in October, last in November (both closed); December open and ignored
    scene = await make_pool_scene()
    await scored_cycle(scene, closed=True, **OCTOBER)
    await scored_cycle(scene, [50.0, 60, 70, 80, 90, 91, 92, 93], closed=True)
    await scored_cycle(scene, [99.0] * 8, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31), name="December")
    # when
    facts = await facts_for(scene.company.manager.actor, scene.company.manager.employee)
    # then
    assert (facts.tier, facts.score) == (NO_TIER, 50.0)
    assert [r.code for r in check(Gates(min_tier="top20", min_score=60), facts)] == ["tier", "score"]


async def test_someone_not_scored_in_the_latest_cycle_keeps_their_own_latest(db):
    # given: the HR admin has no scorecard anywhere; the worker was scored in October
    scene = await make_pool_scene()
    await scored_cycle(scene, closed=True, **OCTOBER)
    # when
    hr_facts = await facts_for(scene.company.hr.actor, scene.company.hr.employee)
    worker = await facts_for(scene.company.employee.actor, scene.company.employee.employee)
    # then
    assert (hr_facts.tier, hr_facts.score) == (None, None)
    assert (worker.tier, worker.score) == (NO_TIER, 81.5)
