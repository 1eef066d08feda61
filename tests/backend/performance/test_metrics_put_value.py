"""The internal writer other parts use (appeal corrections, the seed): history, idempotency by external id."""
from __future__ import annotations

from backend.core import db as core_db
from backend.performance import metrics
from backend.performance.models import MetricSource, MetricSourceKind, MetricValue, MetricValueChange, ValueSource
from tests.factories.performance_data import scored_company


async def _source(system, name: str = "CRM") -> MetricSource:  # type: ignore[no-untyped-def]
    return await MetricSource.create_for(system, name=name, kind=MetricSourceKind.CRM, secret="s")


async def test_put_value_records_the_source_and_the_previous_value(db):
    # given
    s = await scored_company()
    worker = s.company.employee.employee
    await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                            value=10, source=ValueSource.IMPORT, source_label="nov.xlsx")
    # when
    saved = await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                                    value=20, source=ValueSource.APPEAL, source_label="appeal 42",
                                    supplied_by_id=s.company.hr.employee.id)
    # then
    assert saved is not None
    assert (saved.value, saved.source, saved.source_label, saved.supplied_by_id) == (
        20.0, ValueSource.APPEAL, "appeal 42", s.company.hr.employee.id)
    changes = await MetricValueChange.of(s.company.system).order_by("recorded_at").values_list(
        "value", "previous_value", "source")
    assert changes == [(10.0, None, ValueSource.IMPORT), (20.0, 10.0, ValueSource.APPEAL)]


async def test_a_replayed_external_id_changes_nothing_and_returns_none(db):
    # given
    s = await scored_company()
    source, worker = await _source(s.company.system), s.company.employee.employee
    first = await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                                    value=5, source=ValueSource.WEBHOOK, metric_source_id=source.id, external_id="deal-1")
    # when
    again = await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                                    value=999, source=ValueSource.WEBHOOK, metric_source_id=source.id, external_id="deal-1")
    # then
    assert first is not None and again is None
    assert await MetricValue.of(s.company.system).values_list("value", flat=True) == [5.0]
    assert await MetricValueChange.of(s.company.system).count() == 1


async def test_a_replay_inside_a_callers_transaction_leaves_the_callers_work_intact(db):
    # given
    s = await scored_company()
    source, worker = await _source(s.company.system), s.company.employee.employee
    await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                            value=5, source=ValueSource.WEBHOOK, metric_source_id=source.id, external_id="deal-1")
    # when
    async with core_db.transaction():
        await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                                value=6, source=ValueSource.WEBHOOK, metric_source_id=source.id, external_id="deal-1")
        await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id,
                                metric_code="retention", value=70, source=ValueSource.WEBHOOK,
                                metric_source_id=source.id, external_id="deal-2")
    # then
    assert sorted(await MetricValue.of(s.company.system).values_list("metric_code", "value")) == [
        ("results", 5.0), ("retention", 70.0)]


async def test_the_same_external_id_from_another_source_is_a_new_value(db):
    # given
    s = await scored_company()
    crm, erp, worker = await _source(s.company.system), await _source(s.company.system, "ERP"), s.company.employee.employee
    await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                            value=5, source=ValueSource.WEBHOOK, metric_source_id=crm.id, external_id="1")
    # when
    saved = await metrics.put_value(s.company.system, cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results",
                                    value=7, source=ValueSource.WEBHOOK, metric_source_id=erp.id, external_id="1")
    # then
    assert saved is not None and saved.value == 7.0


async def test_write_values_keeps_the_order_of_several_values_for_one_metric(db):
    # given
    s = await scored_company()
    worker = s.company.employee.employee
    batch = [metrics.Supplied(cycle_id=s.cycle.id, employee_id=worker.id, metric_code="results", value=v,
                              source=ValueSource.IMPORT) for v in (1.0, 2.0, 3.0)]
    # when
    written = await metrics.write_values(s.company.system, batch)
    # then
    assert written == 3
    assert await MetricValue.of(s.company.system).values_list("value", flat=True) == [3.0]
    history = await metrics.metric_value_history(s.company.hr.actor, cycle_id=s.cycle.id, employee_id=worker.id,
                                                 metric_code="results")
    assert [(h.value, h.previous_value) for h in history] == [(3.0, 2.0), (2.0, 1.0), (1.0, None)]
