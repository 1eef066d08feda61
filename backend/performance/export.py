"""The payroll file of a locked bonus pool: one row per person (employee number, name, department, tier,
score, amount in yuan and in fen) and a totals row, as CSV (UTF-8 with BOM, so Excel in zh-CN opens
it right) or XLSX. Amounts go from fen to yuan by integer maths, never through a float. Reads only."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from openpyxl import Workbook
from openpyxl.styles import Font

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core.errors import Conflict
from backend.org.models import Department, Employee
from backend.org.queries import get_organization
from backend.performance.models import BonusAllocation, BonusPool, PoolStatus, ReviewCycle

HEADERS = ("工号 Employee no.", "姓名 Name", "部门 Department", "等级 Tier", "得分 Score", "金额(元) Amount",
           "金额(分) Amount in fen")
TIER_LABELS = {"top10": "卓越 Top 10 %", "top20": "优秀 Top 20 %", "improved": "进步最快 Most improved", "none": ""}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a cell Excel would run as a formula


@dataclass(frozen=True, slots=True)
class PayrollRow:
    employee_number: str
    name: str
    department: str
    tier: str
    score: float
    amount_minor: int


@dataclass(frozen=True, slots=True)
class PayrollExport:
    pool_id: UUID
    pool_name: str
    cycle_name: str
    currency: str
    rows: list[PayrollRow]

    @property
    def total_minor(self) -> int:
        return sum(r.amount_minor for r in self.rows)

    def filename(self, extension: str) -> str:
        return f"bonus-pool-{self.pool_id}.{extension}"  # plain ASCII: no header quoting needed


async def payroll_export(actor: Actor, *, pool_id: UUID) -> PayrollExport:
    """Rows by department, then employee number. Requires BONUS_MANAGE. Raises Forbidden, NotFound,
    Conflict (the pool is not locked: only final amounts go to payroll)."""
    require(actor, Permission.BONUS_MANAGE)
    pool = await BonusPool.get_for(actor, pool_id, what="bonus pool")
    if pool.status != PoolStatus.LOCKED:
        raise Conflict("Only a locked pool can be exported for payroll.")
    cycle = await ReviewCycle.of(actor).get(id=pool.cycle_id)
    allocations = await BonusAllocation.of(actor).filter(pool_id=pool.id)
    people = {e.id: e for e in await Employee.of(actor).filter(id__in=[a.employee_id for a in allocations])}
    department_ids = [a.department_id for a in allocations if a.department_id]
    departments = dict(await Department.of(actor).filter(id__in=department_ids).values_list("id", "name"))
    rows = [PayrollRow(employee_number=people[a.employee_id].employee_number, name=people[a.employee_id].name,
                       department=str(departments.get(a.department_id, "")) if a.department_id else "",
                       tier=str(a.basis.get("tier", "none")), score=float(a.basis.get("score", 0.0)),
                       amount_minor=a.amount_minor) for a in allocations]
    rows.sort(key=lambda r: (r.department, r.employee_number))
    currency = (await get_organization(actor)).currency
    return PayrollExport(pool_id=pool.id, pool_name=pool.name, cycle_name=cycle.name_zh, currency=currency, rows=rows)


def yuan(amount_minor: int) -> Decimal:
    """Exact: 12345 fen → Decimal("123.45")."""
    return Decimal(amount_minor).scaleb(-2)


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _cells(row: PayrollRow) -> list[str | float | int | Decimal]:
    return [_text(row.employee_number), _text(row.name), _text(row.department), TIER_LABELS.get(row.tier, row.tier),
            row.score, yuan(row.amount_minor), row.amount_minor]


def _totals(export: PayrollExport) -> list[str | float | int | Decimal]:
    return ["合计 Total", f"{len(export.rows)} 人 people", "", "", "", yuan(export.total_minor), export.total_minor]


def to_csv(export: PayrollExport) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in export.rows:
        writer.writerow([f"{c:.2f}" if isinstance(c, float) else c for c in _cells(row)])
    writer.writerow(_totals(export))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(export: PayrollExport) -> bytes:
    """CPU work: call it off the event loop."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bonus"
    sheet.append(list(HEADERS))
    for row in export.rows:
        sheet.append(_cells(row))
    sheet.append(_totals(export))
    for cell in sheet[1] + sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in ("E", "F"):
        for cell in sheet[column][1:]:
            cell.number_format = "0.00"
    for column, width in zip("ABCDEFG", (14, 18, 20, 22, 10, 14, 16), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
