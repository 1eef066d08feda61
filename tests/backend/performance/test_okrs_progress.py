"""Key result progress and the one-time completion event (higher- and lower-is-better)."""
from __future__ import annotations

import pytest

from backend.core.errors import Forbidden
from backend.core.models import OutboxEvent
from backend.performance import okrs
from backend.performance.events import KeyResultCompleted
from tests.factories.performance_data import Scored, scored_company

Draft = okrs.KeyResultDraft


async def _one_kr(s: Scored, draft: Draft) -> okrs.ObjectiveView:
    return await okrs.save_objective(s.company.employee.actor, cycle_id=s.cycle.id, title="Quality",
                                     key_results=[draft])


async def _completions(s: Scored) -> list[dict]:  # type: ignore[type-arg]
    return [e.payload for e in await OutboxEvent.filter(tenant_id=s.company.org.id, type=KeyResultCompleted.type)]


async def test_reaching_the_target_completes_the_key_result_once(db):
    # given
    s = await scored_company()
    view = await _one_kr(s, Draft("Ship 3 releases", 3))
    kr = view.key_results[0]
    # when
    halfway = await okrs.update_key_result_progress(s.company.employee.actor, key_result_id=kr.id, current_value=2)
    done = await okrs.update_key_result_progress(s.company.employee.actor, key_result_id=kr.id, current_value=3)
    await okrs.update_key_result_progress(s.company.employee.actor, key_result_id=kr.id, current_value=1)
    again = await okrs.update_key_result_progress(s.company.employee.actor, key_result_id=kr.id, current_value=4)
    # then
    assert halfway.key_results[0].completed_at is None and halfway.progress == pytest.approx(2 / 3)
    assert done.key_results[0].completed_at is not None
    assert again.key_results[0].completed_at == done.key_results[0].completed_at
    assert await _completions(s) == [{"employee_id": str(s.company.employee.employee.id), "cycle_id": str(s.cycle.id),
                                      "objective_id": str(view.objective.id), "key_result_id": str(kr.id),
                                      "title": "Ship 3 releases"}]


async def test_a_lower_is_better_key_result_is_reached_at_or_below_its_target(db):
    # given defects from 20 down to 5
    s = await scored_company()
    kr = (await _one_kr(s, Draft("Cut defects", 5, start_value=20, current_value=20))).key_results[0]
    # when
    above = await okrs.update_key_result_progress(s.company.employee.actor, key_result_id=kr.id, current_value=8)
    below = await okrs.update_key_result_progress(s.company.employee.actor, key_result_id=kr.id, current_value=4)
    # then
    assert (above.key_results[0].completed_at, okrs.key_result_progress(above.key_results[0])) == (None, 0.8)
    assert below.key_results[0].completed_at is not None and below.progress == 1.0
    assert len(await _completions(s)) == 1


async def test_a_key_result_saved_at_its_target_completes_at_once(db):
    # given / when
    s = await scored_company()
    view = await _one_kr(s, Draft("Already there", 10, current_value=10))
    # then
    assert view.key_results[0].completed_at is not None
    assert len(await _completions(s)) == 1


async def test_a_manager_updates_a_reports_progress_but_a_colleague_cannot(db):
    # given
    s = await scored_company()
    kr = (await _one_kr(s, Draft("Ship", 3))).key_results[0]
    # when
    view = await okrs.update_key_result_progress(s.company.manager.actor, key_result_id=kr.id, current_value=1)
    # then
    assert view.key_results[0].current_value == 1.0
    with pytest.raises(Forbidden):
        await okrs.update_key_result_progress(s.company.peer.actor, key_result_id=kr.id, current_value=2)


@pytest.mark.parametrize(("start", "current", "target", "expected"), [
    (0, 10, 10, True), (0, 9.99, 10, False), (20, 5, 5, True), (20, 5.1, 5, False), (-5, 0, 0, True)])
def test_reached(start, current, target, expected):
    assert okrs.reached(start=start, current=current, target=target) is expected
