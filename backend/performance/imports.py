"""HR's metric sheet import (指标导入): a CSV or XLSX of (employee_number, metric_code, value) rows into
one open cycle, checked row by row, written in one transaction with bulk statements. All or nothing
by default; a dry run only checks. Reading the file is import_files' job."""
from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import db
from backend.core.errors import ValidationFailed
from backend.org.models import Employee
from backend.performance import import_files, metrics, person_dimensions
from backend.performance.import_files import RawRow
from backend.performance.models import ValueSource
from backend.performance.person_dimensions import PersonDimensions


class RowError(StrEnum):
    BLANK = "blank"  # employee number, metric code or value missing
    UNKNOWN_EMPLOYEE = "unknown_employee"
    UNKNOWN_METRIC = "unknown_metric"  # no active template uses this metric code
    NOT_ON_SCORECARD = "not_on_scorecard"  # the person's template does not use it
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"  # beyond ±1e12, or a percentage outside 0..100
    DUPLICATE_ROW = "duplicate_row"  # an earlier row has the same person and metric


@dataclass(frozen=True, slots=True)
class ImportRow:
    row: int
    employee_number: str
    metric_code: str
    value: float | None
    error: RowError | None = None
    message_en: str = ""
    message_zh: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    rows: list[ImportRow]
    imported: int  # values written (0 for a dry run, or all-or-nothing with a bad row)
    committed: bool

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def valid(self) -> int:
        return sum(1 for r in self.rows if r.error is None)


async def import_metric_values_base64(actor: Actor, *, cycle_id: UUID, file_name: str, content_base64: str,
                                      all_or_nothing: bool = True, dry_run: bool = False) -> ImportReport:
    """import_metric_values for a file sent as base64 text (the GraphQL mutation)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    if len(content_base64) > (import_files.MAX_BYTES * 4) // 3 + 4:
        raise ValidationFailed(f"The file is larger than {import_files.MAX_BYTES // (1024 * 1024)} MB; split it.",
                               field="contentBase64")
    try:
        content = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("The file content is not valid base64.", field="contentBase64") from None
    return await import_metric_values(actor, cycle_id=cycle_id, file_name=file_name, content=content,
                                      all_or_nothing=all_or_nothing, dry_run=dry_run)


async def import_metric_values(actor: Actor, *, cycle_id: UUID, file_name: str, content: bytes,
                               all_or_nothing: bool = True, dry_run: bool = False) -> ImportReport:
    """Checks every row; writes the values (source IMPORT, labelled with the file name, supplied by the
    importer) unless this is a dry run or, all-or-nothing, any row failed. Requires
    PERFORMANCE_CONFIGURE; audited once as metric_values.imported (counts and file name); queues one
    recompute. Raises NotFound, Forbidden, Conflict (cycle closed), ValidationFailed (file: type, size,
    more than 20,000 rows, header)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    cycle = await person_dimensions.open_cycle(actor, cycle_id)
    name = file_name.strip()[:200]
    raw = await asyncio.to_thread(import_files.parse, name, content)
    people = {e.employee_number: e for e in await Employee.of(actor)}
    rows = check_rows(raw, people, await person_dimensions.for_people(actor, people.values()))
    good = [r for r in rows if r.error is None]
    if dry_run or not good or (all_or_nothing and len(good) < len(rows)):
        return ImportReport(rows=rows, imported=0, committed=False)
    supplied = [metrics.Supplied(cycle_id=cycle.id, employee_id=people[r.employee_number].id, metric_code=r.metric_code,
                                 value=r.value or 0.0, source=ValueSource.IMPORT, source_label=name,
                                 supplied_by_id=actor.employee_id) for r in good]
    async with db.transaction():
        imported = await metrics.write_values(actor, supplied)
        await audit.record(actor, action="metric_values.imported", entity_type="review_cycle", entity_id=cycle.id,
                           after={"file_name": name, "rows": len(rows), "imported": imported,
                                  "rejected": len(rows) - len(good), "all_or_nothing": all_or_nothing})
    return ImportReport(rows=rows, imported=imported, committed=True)


def check_rows(raw: Sequence[RawRow], people: dict[str, Employee], dimensions: PersonDimensions) -> list[ImportRow]:
    """PURE over loaded data: each row's first problem, or none."""
    first_seen: dict[tuple[str, str], int] = {}
    checked = []
    for r in raw:
        error, en, zh = _problem(r, people, dimensions, first_seen)
        value = r.value if isinstance(r.value, float) else None
        checked.append(ImportRow(row=r.row, employee_number=r.employee_number, metric_code=r.metric_code, value=value,
                                 error=error, message_en=en, message_zh=zh))
        if error is None:
            first_seen[(r.employee_number, r.metric_code)] = r.row
    return checked


def _problem(r: RawRow, people: dict[str, Employee], dimensions: PersonDimensions,
             first_seen: dict[tuple[str, str], int]) -> tuple[RowError | None, str, str]:
    if not r.employee_number or not r.metric_code or r.value is None:
        return RowError.BLANK, "Employee number, metric code and value are all required.", "工号、指标和数值均为必填。"
    person = people.get(r.employee_number)
    if person is None:
        return (RowError.UNKNOWN_EMPLOYEE, f"No employee has number {r.employee_number}.",
                f"找不到工号为 {r.employee_number} 的员工。")
    if r.metric_code not in dimensions.org_metric_codes:
        return (RowError.UNKNOWN_METRIC, f"No scorecard template uses the metric “{r.metric_code}”.",
                f"没有考核模板使用指标“{r.metric_code}”。")
    dimension = dimensions.metric(person.id, r.metric_code)
    if dimension is None:
        return (RowError.NOT_ON_SCORECARD, f"{person.name}'s scorecard has no metric “{r.metric_code}”.",
                f"{person.name}的考核表中没有指标“{r.metric_code}”。")
    percent = person_dimensions.is_percent(dimension)
    problem = metrics.value_problem(r.value, percent=percent)
    if problem is not None:
        en, zh = metrics.problem_text(problem, percent=percent)
        return RowError(problem.value), en, zh
    earlier = first_seen.get((r.employee_number, r.metric_code))
    if earlier is not None:
        return (RowError.DUPLICATE_ROW, f"Row {earlier} already gives this person's {r.metric_code}.",
                f"第 {earlier} 行已填写此员工的该指标。")
    return None, "", ""
