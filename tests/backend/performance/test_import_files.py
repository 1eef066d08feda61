"""Reading metric sheets: CSV and XLSX, English and Chinese headers, encodings, percent cells, limits."""
from __future__ import annotations

import pytest

from backend.core.errors import ValidationFailed
from backend.performance import import_files, imports
from backend.performance.models import MetricValue
from tests.factories.performance_data import b64, csv_bytes, scored_company, xlsx_bytes


def test_a_csv_with_chinese_headers_in_gbk_is_read():
    # given a sheet saved by Excel on Chinese Windows
    content = csv_bytes([["工号", "指标", "数值"], ["E001", "Results", "1,234.5"], ["", "", ""], ["E002", "retention", "95%"]],
                        encoding="gb18030")
    # when
    rows = import_files.parse("十一月.csv", content)
    # then
    assert rows == [import_files.RawRow(2, "E001", "results", 1234.5), import_files.RawRow(4, "E002", "retention", 95.0)]


def test_headers_are_matched_ignoring_case_spaces_and_column_order():
    # given
    content = csv_bytes([["Value", " Employee Number ", "METRIC-CODE", "note"], ["7", "E001", "results", "x"]])
    # when
    rows = import_files.parse("a.CSV", content)
    # then
    assert rows == [import_files.RawRow(2, "E001", "results", 7.0)]


def test_an_xlsx_keeps_what_a_percent_cell_shows_and_numeric_employee_numbers():
    # given a sheet whose third column is formatted as a percentage
    content = xlsx_bytes([["员工编号", "指标代码", "指标值"], [1001, "retention", 0.95], ["E002", "results", 5000]],
                         percent_column=3)
    # when
    rows = import_files.parse("nov.xlsx", content)
    # then
    assert rows == [import_files.RawRow(2, "1001", "retention", 95.0), import_files.RawRow(3, "E002", "results", 500000.0)]


def test_text_that_is_not_a_number_is_kept_for_the_report():
    # when
    rows = import_files.parse("a.csv", csv_bytes([["employee_number", "metric_code", "value"], ["E1", "results", "1,5"]]))
    # then
    assert rows[0].value == "1,5"


@pytest.mark.parametrize(("name", "content", "field", "message"), [
    ("a.xls", b"x", "fileName", "Upload a .csv or .xlsx file (save older .xls sheets as .xlsx)."),
    ("a.csv", b"", "file", "The file is empty."),
    ("a.csv", b"employee_number,metric\nE1,results", "file",
     "The header row lacks value (also accepted: 工号, 指标, 数值)."),
    ("a.xlsx", b"not a zip", "file", "The XLSX file cannot be read; save it again from Excel or WPS."),
    ("a.csv", b"\n\n", "file", "The file has no header row (employee_number, metric_code, value)."),
])
def test_unusable_files_are_refused_with_a_clear_message(name, content, field, message):
    # when
    with pytest.raises(ValidationFailed) as raised:
        import_files.parse(name, content)
    # then
    assert (raised.value.field, raised.value.message) == (field, message)


def test_more_than_20000_rows_are_refused():
    # given
    content = csv_bytes([["employee_number", "metric_code", "value"]] + [["E1", "results", 1]] * 20_001)
    # when
    with pytest.raises(ValidationFailed) as raised:
        import_files.parse("a.csv", content)
    # then
    assert raised.value.message == "The file has more than 20,000 rows; split it."


def test_exactly_20000_rows_are_read():
    # when
    rows = import_files.parse("a.csv", csv_bytes([["employee_number", "metric_code", "value"]] + [["E1", "m", 1]] * 20_000))
    # then
    assert len(rows) == 20_000


def test_a_file_over_5_mb_is_refused():
    # when
    with pytest.raises(ValidationFailed) as raised:
        import_files.parse("a.csv", b"x" * (5 * 1024 * 1024 + 1))
    # then
    assert raised.value.message == "The file is larger than 5 MB; split it."


async def test_an_xlsx_with_chinese_headers_is_imported_end_to_end_from_base64(db):
    # given
    s = await scored_company()
    worker = s.company.employee.employee.employee_number
    content = xlsx_bytes([["工号", "指标", "数值"], [worker, "retention", 0.875]], percent_column=3)
    # when
    report = await imports.import_metric_values_base64(s.company.hr.actor, cycle_id=s.cycle.id, file_name="十一月.xlsx",
                                                       content_base64=b64(content))
    # then
    assert (report.imported, report.committed) == (1, True)
    assert await MetricValue.of(s.company.system).values_list("metric_code", "value") == [("retention", 87.5)]


async def test_content_that_is_not_base64_is_refused(db):
    # given
    s = await scored_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await imports.import_metric_values_base64(s.company.hr.actor, cycle_id=s.cycle.id, file_name="a.csv",
                                                  content_base64="not base64!")
    # then
    assert raised.value.field == "contentBase64"
