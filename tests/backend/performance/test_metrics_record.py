"""Managers and HR typing in metric values: who may, which metrics, which values, and what is kept."""
from __future__ import annotations

import math

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.performance import metrics
from backend.performance.models import CycleStatus, MetricValue, MetricValueChange, ScoreRecompute, ValueSource
from tests.factories.performance_data import scored_company


async def test_a_manager_records_a_value_for_their_report(db):
    # given
    s = await scored_company()
    manager, worker = s.company.manager, s.company.employee
    # when
    saved = await metrics.record_metric_value(manager.actor, cycle_id=s.cycle.id, employee_id=worker.employee.id,
                                              metric_code="results", value=412_000)
    # then
    assert (saved.metric_code, saved.value, saved.source, saved.supplied_by_id) == (
        "results", 412_000.0, ValueSource.MANUAL, manager.employee.id)
    assert saved.source_label == manager.employee.name


async def test_a_second_value_replaces_the_first_and_both_stay_in_the_history(db):
    # given
    s = await scored_company()
    hr, worker = s.company.hr, s.company.employee
    await metrics.record_metric_value(hr.actor, cycle_id=s.cycle.id, employee_id=worker.employee.id,
                                      metric_code="results", value=100)
    # when
    await metrics.record_metric_value(hr.actor, cycle_id=s.cycle.id, employee_id=worker.employee.id,
                                      metric_code="results", value=250.5)
    # then
    assert await MetricValue.of(s.company.system).filter(employee_id=worker.employee.id).values_list(
        "value", flat=True) == [250.5]
    history = await metrics.metric_value_history(hr.actor, cycle_id=s.cycle.id, employee_id=worker.employee.id,
                                                 metric_code="results")
    assert [(h.value, h.previous_value) for h in history] == [(250.5, 100.0), (100.0, None)]


async def test_recording_marks_the_person_for_recompute(db):
    # given
    s = await scored_company()
    # when
    await metrics.record_metric_value(s.company.hr.actor, cycle_id=s.cycle.id, employee_id=s.company.peer.employee.id,
                                      metric_code="attendance_rate", value=97.5)
    # then
    marked = await ScoreRecompute.of(s.company.system).filter(cycle_id=s.cycle.id).values_list("employee_id", flat=True)
    assert marked == [s.company.peer.employee.id]


async def test_recording_is_audited_with_the_previous_value(db):
    # given
    s = await scored_company()
    worker = s.company.employee.employee
    await metrics.record_metric_value(s.company.hr.actor, cycle_id=s.cycle.id, employee_id=worker.id,
                                      metric_code="retention", value=80)
    # when
    saved = await metrics.record_metric_value(s.company.manager.actor, cycle_id=s.cycle.id, employee_id=worker.id,
                                              metric_code="retention", value=85)
    # then
    entry = await AuditEntry.of(s.company.system).filter(action="metric_value.recorded").order_by("-at").first()
    assert entry is not None
    assert (entry.entity_id, entry.actor_employee_id, entry.before) == (str(saved.id), s.company.manager.employee.id,
                                                                        {"value": 80.0})
    assert entry.after is not None and entry.after["value"] == 85.0


async def test_a_manager_cannot_record_for_someone_outside_their_team(db):
    # given the peer reports to the owner, not to the manager
    s = await scored_company()
    # when / then
    with pytest.raises(Forbidden):
        await metrics.record_metric_value(s.company.manager.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.peer.employee.id, metric_code="results", value=1)


async def test_nobody_records_their_own_values(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(Forbidden):
        await metrics.record_metric_value(s.company.manager.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.manager.employee.id, metric_code="results", value=1)


async def test_an_employee_cannot_record_values(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(Forbidden):
        await metrics.record_metric_value(s.company.employee.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.peer.employee.id, metric_code="results", value=1)


async def test_a_metric_not_on_the_persons_scorecard_is_refused(db):
    # given
    s = await scored_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await metrics.record_metric_value(s.company.hr.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.employee.employee.id, metric_code="patents", value=3)
    # then
    assert raised.value.field == "metricCode"
    assert await MetricValueChange.of(s.company.system).count() == 0


async def test_a_rating_dimension_is_not_a_metric(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(ValidationFailed):
        await metrics.record_metric_value(s.company.hr.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.employee.employee.id, metric_code="mentoring", value=3)


async def test_someone_without_a_scorecard_has_no_metrics(db):
    # given HR has no department, so no template applies
    s = await scored_company()
    # when / then
    with pytest.raises(ValidationFailed):
        await metrics.record_metric_value(s.company.owner.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.hr.employee.id, metric_code="results", value=3)


@pytest.mark.parametrize(("code", "value"), [("retention", 100.5), ("retention", -1), ("results", 2e12),
                                              ("results", math.nan), ("results", math.inf)])
async def test_values_out_of_bounds_are_refused(db, code, value):
    # given
    s = await scored_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await metrics.record_metric_value(s.company.hr.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.employee.employee.id, metric_code=code, value=value)
    # then
    assert raised.value.field == "value"


async def test_a_closed_cycle_takes_no_values(db):
    # given
    s = await scored_company(status=CycleStatus.CLOSED)
    # when / then
    with pytest.raises(Conflict):
        await metrics.record_metric_value(s.company.hr.actor, cycle_id=s.cycle.id,
                                          employee_id=s.company.employee.employee.id, metric_code="results", value=1)


async def test_another_organisations_person_is_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    # when / then
    with pytest.raises(NotFound):
        await metrics.record_metric_value(mine.company.hr.actor, cycle_id=mine.cycle.id,
                                          employee_id=theirs.company.employee.employee.id, metric_code="results", value=1)


async def test_another_organisations_cycle_is_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    # when / then
    with pytest.raises(NotFound):
        await metrics.record_metric_value(mine.company.hr.actor, cycle_id=theirs.cycle.id,
                                          employee_id=mine.company.employee.employee.id, metric_code="results", value=1)
