"""Reading metric values and their history: the person, their managers and HR."""
from __future__ import annotations

import pytest

from backend.core.errors import Forbidden, NotFound
from backend.performance import metrics
from tests.factories.performance import put_value
from tests.factories.performance_data import scored_company


async def test_a_person_reads_their_own_values_by_metric_code(db):
    # given
    s = await scored_company()
    worker = s.company.employee
    await put_value(s.company.system, s.cycle, worker.employee.id, "retention", 80)
    await put_value(s.company.system, s.cycle, worker.employee.id, "attendance_rate", 99)
    await put_value(s.company.system, s.cycle, s.company.peer.employee.id, "retention", 60)
    # when
    found = await metrics.list_metric_values(worker.actor, cycle_id=s.cycle.id, employee_id=worker.employee.id)
    # then
    assert [(v.metric_code, v.value) for v in found] == [("attendance_rate", 99.0), ("retention", 80.0)]


async def test_a_manager_reads_a_report_and_hr_reads_anyone(db):
    # given
    s = await scored_company()
    await put_value(s.company.system, s.cycle, s.company.employee.employee.id, "results", 3)
    await put_value(s.company.system, s.cycle, s.company.peer.employee.id, "results", 4)
    # when
    by_manager = await metrics.list_metric_values(s.company.manager.actor, cycle_id=s.cycle.id,
                                                  employee_id=s.company.employee.employee.id)
    by_hr = await metrics.list_metric_values(s.company.hr.actor, cycle_id=s.cycle.id,
                                             employee_id=s.company.peer.employee.id)
    # then
    assert [v.value for v in by_manager] == [3.0]
    assert [v.value for v in by_hr] == [4.0]


async def test_a_colleague_cannot_read_someone_elses_values(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(Forbidden):
        await metrics.list_metric_values(s.company.peer.actor, cycle_id=s.cycle.id,
                                         employee_id=s.company.employee.employee.id)
    with pytest.raises(Forbidden):
        await metrics.metric_value_history(s.company.manager.actor, cycle_id=s.cycle.id,
                                           employee_id=s.company.peer.employee.id, metric_code="results")


async def test_another_organisations_cycle_and_person_are_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    # when / then
    with pytest.raises(NotFound):
        await metrics.list_metric_values(mine.company.hr.actor, cycle_id=mine.cycle.id,
                                         employee_id=theirs.company.employee.employee.id)
    with pytest.raises(NotFound):
        await metrics.metric_value_history(mine.company.hr.actor, cycle_id=theirs.cycle.id,
                                           employee_id=mine.company.employee.employee.id, metric_code="results")
