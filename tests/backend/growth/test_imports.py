"""HR's training-record import: CSV and XLSX, the row-by-row report, all-or-nothing versus committing
the valid rows, and re-importing the same rows making no duplicates."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from backend.audit.models import AuditEntry
from backend.core.errors import Forbidden, ValidationFailed
from backend.growth import imports
from backend.growth.models import GrowthRecompute, GrowthRecord, RecordSource, RecordStatus
from tests.factories.org import Company, make_company

HEADER = ["employee_number", "kind", "title", "occurred_on", "ends_on", "hours", "provider", "category", "result",
          "certificate_code"]


def csv_bytes(rows: list[list[object]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def good_rows(c: Company) -> list[list[object]]:
    worker, peer = c.employee.employee.employee_number, c.peer.employee.employee_number
    return [[worker, "training", "Five-axis CNC basics", "2026-03-02", "", "16", "Plant school", "equipment", "pass", ""],
            [peer, "培训", "Forklift licence", "2026/1/15", "", "8", "City board", "safety", "pass", "FL-2291"]]


async def test_valid_rows_become_confirmed_import_records(db):
    # given
    c = await make_company()
    # when
    report = await imports.import_records(c.hr.actor, file_name="trainings.csv", content=csv_bytes([HEADER, *good_rows(c)]))
    # then
    assert (report.committed, report.created, report.valid) == (True, 2, 2)
    record = await GrowthRecord.of(c.system).get(employee_id=c.peer.employee.id)
    assert (record.status, record.source, record.occurred_on, record.quantity) == (
        RecordStatus.CONFIRMED, RecordSource.IMPORT, date(2026, 1, 15), 8.0)
    assert record.attributes == {"provider": "City board", "category": "safety", "result": "pass",
                                 "certificate_code": "FL-2291"}
    assert record.source_ref and record.source_ref.startswith("import:")
    assert await GrowthRecompute.of(c.system).count() == 2
    assert await AuditEntry.of(c.system).filter(action="growth_records.imported").count() == 1


async def test_one_bad_row_stops_everything_unless_valid_rows_are_committed(db):
    # given a sheet with two good rows and three bad ones
    c = await make_company()
    sheet = csv_bytes([HEADER, *good_rows(c), ["NOBODY", "training", "x", "2026-03-02"],
                       [c.employee.employee.employee_number, "badge", "x", "2026-03-02"],
                       [c.employee.employee.employee_number, "training", "x", "yesterday", "", "many"]])
    # when
    all_or_nothing = await imports.import_records(c.hr.actor, file_name="t.csv", content=sheet)
    valid_only = await imports.import_records(c.hr.actor, file_name="t.csv", content=sheet, commit_valid_rows=True)
    # then
    assert (all_or_nothing.committed, all_or_nothing.created) == (False, 0)
    assert [r.checked.errors for r in all_or_nothing.rows] == [(), (), ("unknown_employee",), ("unknown_kind",),
                                                                ("bad_date", "bad_hours")]
    assert [r.checked.row for r in all_or_nothing.rows] == [2, 3, 4, 5, 6]
    assert all_or_nothing.rows[2].checked.messages("zh") == ["找不到该工号的员工。"]
    assert (valid_only.committed, valid_only.created) == (True, 2)
    assert await GrowthRecord.of(c.system).count() == 2


async def test_importing_the_same_rows_again_makes_no_duplicates(db):
    # given
    c = await make_company()
    sheet = csv_bytes([HEADER, *good_rows(c)])
    await imports.import_records(c.hr.actor, file_name="t.csv", content=sheet)
    # when the same sheet comes again, with different spacing and case in a title
    again_rows = good_rows(c)
    again_rows[0][2] = "  five-axis  CNC basics "
    again = await imports.import_records(c.hr.actor, file_name="t.csv", content=csv_bytes([HEADER, *again_rows]))
    # then
    assert (again.committed, again.created) == (False, 0)
    assert [r.already_imported for r in again.rows] == [True, True]
    assert await GrowthRecord.of(c.system).count() == 2


async def test_a_repeated_row_within_one_sheet_is_reported(db):
    # given
    c = await make_company()
    row = good_rows(c)[0]
    # when
    report = await imports.import_records(c.hr.actor, file_name="t.csv", content=csv_bytes([HEADER, row, row]),
                                          commit_valid_rows=True)
    # then
    assert [r.checked.errors for r in report.rows] == [(), ("duplicate_row",)]
    assert report.created == 1


async def test_an_xlsx_with_date_cells_and_chinese_headers_imports(db):
    # given
    c = await make_company()
    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "类型", "课程名称", "培训日期", "学时", "培训机构", "类别"])
    sheet.append([c.employee.employee.employee_number, "培训", "精益生产", datetime(2026, 2, 3), 12, "集团学院", "lean"])
    out = io.BytesIO()
    book.save(out)
    # when
    report = await imports.import_records(c.hr.actor, file_name="培训记录.xlsx", content=out.getvalue())
    # then
    assert (report.committed, report.created) == (True, 1)
    record = await GrowthRecord.of(c.system).get()
    assert (record.title, record.occurred_on, record.quantity, record.attributes) == (
        "精益生产", date(2026, 2, 3), 12.0, {"provider": "集团学院", "category": "lean"})


async def test_a_gbk_csv_from_chinese_excel_reads(db):
    # given
    c = await make_company()
    content = csv_bytes([["工号", "标题", "日期"], [c.employee.employee.employee_number, "安全培训", "2026年3月1日"]],
                        encoding="gb18030")
    # when
    report = await imports.import_records(c.hr.actor, file_name="a.csv", content=content)
    # then
    assert report.created == 1


async def test_a_dry_run_writes_nothing(db):
    # given
    c = await make_company()
    # when
    report = await imports.import_records(c.hr.actor, file_name="t.csv", content=csv_bytes([HEADER, *good_rows(c)]),
                                          dry_run=True)
    # then
    assert (report.committed, report.valid) == (False, 2)
    assert await GrowthRecord.of(c.system).count() == 0


async def test_a_sheet_without_the_required_columns_is_refused(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed, match="lacks title, occurred_on"):
        await imports.import_records(c.hr.actor, file_name="t.csv", content=csv_bytes([["employee_number", "hours"],
                                                                                      ["E1", "3"]]))


async def test_only_hr_imports(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await imports.import_records(c.manager.actor, file_name="t.csv", content=csv_bytes([HEADER, *good_rows(c)]))
