"""Objectives and key results: who may keep them, checks, edits, deletes."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.performance import okrs
from backend.performance.models import CycleStatus, KeyResult, Objective, ReviewCycle, ScoreRecompute
from tests.factories.performance_data import Scored, scored_company

Draft = okrs.KeyResultDraft


async def _save(s: Scored, person, *, owner=None, **kwargs) -> okrs.ObjectiveView:  # type: ignore[no-untyped-def]
    values = {"title": "Grow the east region", "key_results": [Draft("Sign 10 distributors", 10)], **kwargs}
    return await okrs.save_objective(person.actor, cycle_id=s.cycle.id,
                                     employee_id=owner.employee.id if owner else None, **values)


async def test_a_person_sets_their_own_objective_with_weighted_key_results(db):
    # given
    s = await scored_company()
    # when
    view = await _save(s, s.company.employee, weight=2, key_results=[
        Draft("Sign distributors", 10, current_value=5, weight=3), Draft("Open a showroom", 1, weight=1)])
    # then
    assert (view.objective.employee_id, view.objective.title, view.objective.weight) == (
        s.company.employee.employee.id, "Grow the east region", 2)
    assert [(kr.title, kr.current_value, kr.target_value, kr.weight) for kr in view.key_results] == [
        ("Open a showroom", 0.0, 1.0, 1), ("Sign distributors", 5.0, 10.0, 3)]
    assert view.progress == 0.375


async def test_a_manager_sets_a_reports_objective_and_it_is_audited(db):
    # given
    s = await scored_company()
    # when
    view = await _save(s, s.company.manager, owner=s.company.employee)
    # then
    entry = await AuditEntry.of(s.company.system).get(action="okr.objective_saved")
    assert (entry.entity_id, entry.actor_employee_id) == (str(view.objective.id), s.company.manager.employee.id)
    assert await ScoreRecompute.of(s.company.system).values_list("employee_id", flat=True) == [s.company.employee.employee.id]


async def test_a_colleague_cannot_set_someone_elses_objectives(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(Forbidden):
        await _save(s, s.company.peer, owner=s.company.employee)
    with pytest.raises(Forbidden):
        await _save(s, s.company.manager, owner=s.company.peer)


async def test_saving_again_edits_adds_and_removes_key_results(db):
    # given
    s = await scored_company()
    first = await _save(s, s.company.employee, key_results=[Draft("A", 10), Draft("B", 5)])
    a = next(kr for kr in first.key_results if kr.title == "A")
    # when
    second = await _save(s, s.company.employee, objective_id=first.objective.id, title="Renamed",
                         key_results=[Draft("A, sharper", 20, id=a.id), Draft("C", 3)])
    # then
    assert second.objective.id == first.objective.id and second.objective.title == "Renamed"
    assert [(kr.title, kr.target_value) for kr in second.key_results] == [("A, sharper", 20.0), ("C", 3.0)]
    assert next(kr for kr in second.key_results if kr.target_value == 20.0).id == a.id
    assert await KeyResult.of(s.company.system).count() == 2


async def test_a_key_result_of_another_objective_cannot_be_edited_through_this_one(db):
    # given
    s = await scored_company()
    mine = await _save(s, s.company.employee)
    other = await _save(s, s.company.employee, title="Other")
    # when / then
    with pytest.raises(NotFound):
        await _save(s, s.company.employee, objective_id=mine.objective.id,
                    key_results=[Draft("Steal", 1, id=other.key_results[0].id)])


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"title": " "}, "title"), ({"title": "x" * 201}, "title"), ({"weight": 0}, "weight"),
    ({"key_results": []}, "keyResults"), ({"key_results": [Draft("KR", 1)] * 11}, "keyResults"),
    ({"key_results": [Draft("KR", 5, start_value=5)]}, "keyResults.0.targetValue"),
    ({"key_results": [Draft("KR", 5), Draft("", 5)]}, "keyResults.1.title"),
    ({"key_results": [Draft("KR", 5, weight=0)]}, "keyResults.0.weight"),
    ({"key_results": [Draft("KR", float("nan"))]}, "keyResults.0.targetValue"),
])
async def test_objectives_are_checked(db, kwargs, field):
    # given
    s = await scored_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await _save(s, s.company.employee, **kwargs)
    # then
    assert raised.value.field == field
    assert await Objective.of(s.company.system).count() == 0


async def test_at_most_ten_objectives_per_cycle(db):
    # given
    s = await scored_company()
    for n in range(10):
        await _save(s, s.company.employee, title=f"Objective {n}")
    # when / then
    with pytest.raises(ValidationFailed):
        await _save(s, s.company.employee, title="One too many")


async def test_deleting_removes_the_objective_and_its_key_results(db):
    # given
    s = await scored_company()
    view = await _save(s, s.company.employee)
    # when
    deleted = await okrs.delete_objective(s.company.employee.actor, objective_id=view.objective.id)
    # then
    assert deleted == view.objective.id
    assert (await Objective.of(s.company.system).count(), await KeyResult.of(s.company.system).count()) == (0, 0)


async def test_a_closed_cycle_keeps_its_objectives(db):
    # given
    s = await scored_company()
    view = await _save(s, s.company.employee)
    await ReviewCycle.of(s.company.system).filter(id=s.cycle.id).update(status=CycleStatus.CLOSED)
    # when / then
    with pytest.raises(Conflict):
        await okrs.delete_objective(s.company.employee.actor, objective_id=view.objective.id)
    with pytest.raises(Conflict):
        await _save(s, s.company.employee)


async def test_list_objectives_for_the_person_their_manager_and_hr_only(db):
    # given
    s = await scored_company()
    await _save(s, s.company.employee, title="First")
    await _save(s, s.company.employee, title="Second")
    worker = s.company.employee.employee.id
    # when
    seen = [[v.objective.title for v in await okrs.list_objectives(p.actor, cycle_id=s.cycle.id, employee_id=worker)]
            for p in (s.company.employee, s.company.manager, s.company.hr)]
    # then
    assert seen == [["First", "Second"]] * 3
    with pytest.raises(Forbidden):
        await okrs.list_objectives(s.company.peer.actor, cycle_id=s.cycle.id, employee_id=worker)


async def test_another_organisations_objective_is_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    view = await _save(theirs, theirs.company.employee)
    # when / then
    with pytest.raises(NotFound):
        await okrs.delete_objective(mine.company.hr.actor, objective_id=view.objective.id)
    with pytest.raises(NotFound):
        await okrs.update_key_result_progress(mine.company.hr.actor, key_result_id=view.key_results[0].id,
                                              current_value=1)
    with pytest.raises(NotFound):
        await _save(mine, mine.company.hr, owner=theirs.company.employee)
