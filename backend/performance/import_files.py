"""Reading an uploaded metric sheet (CSV or XLSX) into raw rows. PURE (bytes in, rows out, no database);
CPU-bound, so callers run it in a thread. File-level problems raise ValidationFailed naming `file`;
row-level checks are backend.performance.imports' job. read_cells and the cell helpers also serve
other sheet imports (growth's training records)."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from backend.core.errors import ValidationFailed

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
COLUMNS = ("employee_number", "metric_code", "value")
# Header spellings HR sheets use, compared after trimming, lower-casing and turning spaces/hyphens into _.
ALIASES = {
    "employee_number": {"employee_number", "employee_no", "employee_id", "工号", "员工编号", "员工工号"},
    "metric_code": {"metric_code", "metric", "指标", "指标代码", "指标编码"},
    "value": {"value", "数值", "值", "指标值"},
}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class RawRow:
    row: int  # the row number HR sees in the sheet (the header is usually row 1)
    employee_number: str
    metric_code: str
    value: float | str | None  # a number, or the text that was not one; None when blank


def parse(file_name: str, content: bytes) -> list[RawRow]:
    """The data rows (entirely blank rows skipped). Raises ValidationFailed for an unsupported type, an
    empty, oversized or unreadable file, a missing header column, or more than 20,000 rows."""
    return _rows(read_cells(file_name, content))


def read_cells(file_name: str, content: bytes) -> list[tuple[int, Sequence[Any]]]:
    """Every row of a .csv (UTF-8 or GBK, delimiter sniffed) or of the first sheet of a .xlsx, as (row
    number, cell values); other imports build their own rows from these. Raises ValidationFailed for an
    unsupported type or an empty, oversized or unreadable file."""
    if len(content) > MAX_BYTES:
        raise ValidationFailed(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it.", field="file")
    if not content:
        raise ValidationFailed("The file is empty.", field="file")
    extension = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    if extension == "csv":
        return list(_csv_cells(content))
    if extension in ("xlsx", "xlsm"):
        return _xlsx_cells(content)
    raise ValidationFailed("Upload a .csv or .xlsx file (save older .xls sheets as .xlsx).", field="fileName")


def _rows(cells: Iterable[tuple[int, Sequence[Any]]]) -> list[RawRow]:
    columns: dict[str, int] | None = None
    rows: list[RawRow] = []
    for number, values in cells:
        if all(is_blank(v) for v in values):
            continue
        if columns is None:
            columns = _header(values)
            continue
        if len(rows) == MAX_ROWS:
            raise ValidationFailed(f"The file has more than {MAX_ROWS:,} rows; split it.", field="file")
        picked = [values[columns[c]] if columns[c] < len(values) else None for c in COLUMNS]
        rows.append(RawRow(row=number, employee_number=cell_text(picked[0]), metric_code=cell_text(picked[1]).lower(),
                           value=cell_number(picked[2])))
    if columns is None:
        raise ValidationFailed("The file has no header row (employee_number, metric_code, value).", field="file")
    return rows


def _header(values: Sequence[Any]) -> dict[str, int]:
    names = [re.sub(r"[\s\-]+", "_", cell_text(v).casefold()) for v in values]
    found = {column: next((i for i, n in enumerate(names) if n in ALIASES[column]), -1) for column in COLUMNS}
    missing = [c for c, i in found.items() if i < 0]
    if missing:
        raise ValidationFailed(f"The header row lacks {', '.join(missing)} (also accepted: 工号, 指标, 数值).", field="file")
    return found


def _csv_cells(content: bytes) -> Iterator[tuple[int, Sequence[Any]]]:
    text = _decoded(content)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from enumerate(csv.reader(io.StringIO(text), dialect), start=1)
    except csv.Error as err:
        raise ValidationFailed(f"The CSV file cannot be read: {err}.", field="file") from None


def _decoded(content: bytes) -> str:
    # Excel on Chinese Windows saves CSV as GB18030 (GBK); everything else sends UTF-8, often with a BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed("The CSV file is neither UTF-8 nor GBK text.", field="file")  # pragma: no cover


def _xlsx_cells(content: bytes) -> list[tuple[int, Sequence[Any]]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ValidationFailed("The XLSX file cannot be read; save it again from Excel or WPS.", field="file") from None
    try:
        sheet = book.worksheets[0]
        return [(n, [_cell_value(c) for c in row]) for n, row in enumerate(sheet.iter_rows(), start=1)]
    finally:
        book.close()


def _cell_value(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    # A cell shown as "95%" holds 0.95: keep what HR sees.
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in str(getattr(cell, "number_format", "")):
        return round(value * 100, 10)
    return value


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an employee number Excel stored as a number: 1001.0 → "1001"
    return "" if value is None else str(value).strip()


def cell_number(value: Any) -> float | str | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "")
    if text.endswith(("%", "％")):
        text = text[:-1].strip()
    if _THOUSANDS.match(text):
        text = text.replace(",", "").replace("，", "")
    try:
        return float(text)
    except ValueError:
        return str(value).strip()
