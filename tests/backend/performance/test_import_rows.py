"""HR's metric sheet import: the row-by-row report, all-or-nothing, partial commits and dry runs."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.performance import imports
from backend.performance.models import CycleStatus, MetricValue, MetricValueChange, ScoreRecompute, ValueSource
from tests.factories.performance_data import Scored, csv_bytes, scored_company

HEADER = ["employee_number", "metric_code", "value"]


def _numbers(s: Scored) -> tuple[str, str, str]:
    c = s.company
    return c.employee.employee.employee_number, c.peer.employee.employee_number, c.manager.employee.employee_number


async def _values(s: Scored) -> list[tuple[str, str, float]]:
    rows = await MetricValue.of(s.company.system).values_list("employee__employee_number", "metric_code", "value")
    return sorted((str(n), str(m), float(v)) for n, m, v in rows)


async def test_a_clean_sheet_is_imported_with_its_file_name_and_importer(db):
    # given
    s = await scored_company()
    worker, peer, _ = _numbers(s)
    content = csv_bytes([HEADER, [worker, "results", 420000], [peer, "retention", 88.5], [worker, "attendance_rate", 97]])
    # when
    report = await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="nov.csv",
                                                content=content)
    # then
    assert (report.total, report.valid, report.imported, report.committed) == (3, 3, 3, True)
    assert await _values(s) == sorted([(peer, "retention", 88.5), (worker, "attendance_rate", 97.0),
                                      (worker, "results", 420000.0)])
    value = await MetricValue.of(s.company.system).get(metric_code="results")
    assert (value.source, value.source_label, value.supplied_by_id) == (ValueSource.IMPORT, "nov.csv",
                                                                        s.company.hr.employee.id)


async def test_every_kind_of_bad_row_is_reported_with_code_and_both_languages(db):
    # given
    s = await scored_company()
    worker, peer, _ = _numbers(s)
    hr = s.company.hr.employee.employee_number
    content = csv_bytes([HEADER, [worker, "results", 1], ["", "results", 2], ["E99999", "results", 3],
                         [worker, "velocity", 4], [hr, "results", 5], [worker, "retention", "lots"],
                         [worker, "retention", 101], [worker, "results", 6], [peer, "results", "1,250.5"]])
    # when
    report = await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="nov.csv",
                                                content=content)
    # then
    assert [(r.row, r.error.value if r.error else None) for r in report.rows] == [
        (2, None), (3, "blank"), (4, "unknown_employee"), (5, "unknown_metric"), (6, "not_on_scorecard"),
        (7, "not_a_number"), (8, "out_of_range"), (9, "duplicate_row"), (10, None)]
    assert report.rows[7].message_en == "Row 2 already gives this person's results."
    assert report.rows[7].message_zh == "第 2 行已填写此员工的该指标。"
    assert report.rows[8].value == 1250.5
    assert (report.total, report.valid, report.imported, report.committed) == (9, 2, 0, False)


async def test_all_or_nothing_writes_nothing_when_one_row_fails(db):
    # given
    s = await scored_company()
    worker, _, _ = _numbers(s)
    content = csv_bytes([HEADER, [worker, "results", 1], ["E99999", "results", 2]])
    # when
    report = await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="a.csv",
                                                content=content)
    # then
    assert (report.imported, report.committed) == (0, False)
    assert await MetricValueChange.of(s.company.system).count() == 0
    assert await AuditEntry.of(s.company.system).filter(action="metric_values.imported").count() == 0


async def test_valid_rows_only_commits_the_good_rows(db):
    # given
    s = await scored_company()
    worker, peer, _ = _numbers(s)
    content = csv_bytes([HEADER, [worker, "results", 1], ["E99999", "results", 2], [peer, "results", 3]])
    # when
    report = await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="a.csv",
                                                content=content, all_or_nothing=False)
    # then
    assert (report.valid, report.imported, report.committed) == (2, 2, True)
    assert await _values(s) == sorted([(worker, "results", 1.0), (peer, "results", 3.0)])


async def test_a_dry_run_checks_but_writes_nothing(db):
    # given
    s = await scored_company()
    worker, _, _ = _numbers(s)
    # when
    report = await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="a.csv",
                                                content=csv_bytes([HEADER, [worker, "results", 1]]), dry_run=True)
    # then
    assert (report.valid, report.imported, report.committed) == (1, 0, False)
    assert await MetricValue.of(s.company.system).count() == 0


async def test_an_import_is_audited_once_and_marks_everyone_imported(db):
    # given
    s = await scored_company()
    worker, peer, manager = _numbers(s)
    content = csv_bytes([HEADER, [worker, "results", 1], [peer, "results", 2], [manager, "results", 3]])
    # when
    await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="nov.csv", content=content)
    # then
    entries = await AuditEntry.of(s.company.system).filter(action="metric_values.imported")
    assert [(e.entity_id, e.after) for e in entries] == [(str(s.cycle.id), {
        "file_name": "nov.csv", "rows": 3, "imported": 3, "rejected": 0, "all_or_nothing": True})]
    assert await ScoreRecompute.of(s.company.system).filter(cycle_id=s.cycle.id).count() == 3


async def test_importing_a_value_again_keeps_the_history(db):
    # given
    s = await scored_company()
    worker, _, _ = _numbers(s)
    await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="v1.csv",
                                       content=csv_bytes([HEADER, [worker, "results", 1]]))
    # when
    await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="v2.csv",
                                       content=csv_bytes([HEADER, [worker, "results", 2]]))
    # then
    history = await MetricValueChange.of(s.company.system).order_by("recorded_at").values_list(
        "value", "previous_value", "source_label")
    assert history == [(1.0, None, "v1.csv"), (2.0, 1.0, "v2.csv")]


async def test_a_manager_cannot_import(db):
    # given
    s = await scored_company()
    # when / then
    with pytest.raises(Forbidden):
        await imports.import_metric_values(s.company.manager.actor, cycle_id=s.cycle.id, file_name="a.csv",
                                           content=csv_bytes([HEADER]))


async def test_a_closed_cycle_takes_no_import(db):
    # given
    s = await scored_company(status=CycleStatus.CLOSED)
    worker, _, _ = _numbers(s)
    # when / then
    with pytest.raises(Conflict):
        await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="a.csv",
                                           content=csv_bytes([HEADER, [worker, "results", 1]]))


async def test_another_organisations_people_are_unknown_and_its_cycle_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    their_worker, _, _ = _numbers(theirs)
    # when
    report = await imports.import_metric_values(mine.company.hr.actor, cycle_id=mine.cycle.id, file_name="a.csv",
                                                content=csv_bytes([HEADER, [their_worker, "results", 1]]))
    # then
    assert report.rows[0].error == imports.RowError.UNKNOWN_EMPLOYEE
    with pytest.raises(NotFound):
        await imports.import_metric_values(mine.company.hr.actor, cycle_id=theirs.cycle.id, file_name="a.csv",
                                           content=csv_bytes([HEADER]))
