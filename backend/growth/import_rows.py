"""Reading and checking the rows of HR's training-record sheet. PURE over the sheet's cells and the
organisation's employee numbers: every row gets all its problems (codes with en/zh text), a draft when
it has none, and the idempotency key of its normalised content (source_ref "import:<sha256>")."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from backend.core.errors import ValidationFailed
from backend.growth import record_input
from backend.growth.models import EvidenceKind
from backend.growth.record_input import EvidenceDraft
from backend.performance.import_files import cell_number, cell_text, is_blank

COLUMNS = ("employee_number", "kind", "title", "occurred_on", "ends_on", "hours", "provider", "category", "result",
           "certificate_code")
REQUIRED = ("employee_number", "title", "occurred_on")
ATTRIBUTES = ("provider", "category", "result", "certificate_code")
ALIASES = {
    "employee_number": {"employee_number", "employee_no", "employee_id", "工号", "员工编号", "员工工号"},
    "kind": {"kind", "type", "类型", "记录类型"},
    "title": {"title", "course", "name", "标题", "名称", "课程", "课程名称", "培训名称"},
    "occurred_on": {"occurred_on", "date", "start_date", "日期", "培训日期", "开始日期"},
    "ends_on": {"ends_on", "end_date", "结束日期"},
    "hours": {"hours", "学时", "课时", "小时", "时长"},
    "provider": {"provider", "培训机构", "机构", "主办方"},
    "category": {"category", "类别", "分类"},
    "result": {"result", "结果", "成绩"},
    "certificate_code": {"certificate_code", "certificate", "证书编号", "证书"},
}
KIND_NAMES = {"培训": EvidenceKind.TRAINING, "项目": EvidenceKind.PROJECT, "证书": EvidenceKind.CERTIFICATE,
              "竞赛获奖": EvidenceKind.COMPETITION_AWARD, "竞赛": EvidenceKind.COMPETITION_AWARD,
              "带教": EvidenceKind.MENTORING, "团队目标": EvidenceKind.TEAM_TARGET, "技术分享": EvidenceKind.TECH_TALK}
MESSAGES = {
    "blank": ("Employee number, title and date are required.", "工号、标题和日期均为必填。"),
    "unknown_employee": ("No employee has this number.", "找不到该工号的员工。"),
    "unknown_kind": ("Unknown kind (training, project, certificate, competition_award, mentoring, team_target, "
                     "tech_talk).", "未知的记录类型（培训、项目、证书、竞赛获奖、带教、团队目标、技术分享）。"),
    "bad_date": ("A date is not a date (use 2026-03-09).", "日期格式不正确（例如 2026-03-09）。"),
    "bad_hours": ("Hours are not a number.", "学时不是数字。"),
    "invalid": ("The values are not valid.", "数据不符合要求。"),
    "duplicate_row": ("An earlier row in this file is the same record.", "文件中前面已有相同的记录。"),
}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True, slots=True)
class CheckedRow:
    row: int
    employee_number: str
    errors: tuple[str, ...]  # codes, see MESSAGES; empty when the row is fine
    draft: EvidenceDraft | None = None
    source_ref: str | None = None
    detail: str = ""  # the field-level message of an "invalid" row

    @property
    def ok(self) -> bool:
        return not self.errors

    def messages(self, language: str) -> list[str]:
        index = 1 if language == "zh" else 0
        return [MESSAGES[e][index] + (f" {self.detail}" if e == "invalid" and self.detail else "") for e in self.errors]


def rows_of(cells: Sequence[tuple[int, Sequence[Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """The data rows as {column: cell}, header found by name. Raises ValidationFailed (file) for a
    missing header or required column."""
    columns: dict[str, int] | None = None
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in cells:
        if all(is_blank(v) for v in values):
            continue
        if columns is None:
            columns = _header(values)
            continue
        rows.append((number, {c: values[i] if i < len(values) else None for c, i in columns.items()}))
    if columns is None:
        raise ValidationFailed("The file has no header row (employee_number, title, occurred_on, …).", field="file")
    return rows


def check(rows: Sequence[tuple[int, dict[str, Any]]], employee_numbers: set[str], *, today: date) -> list[CheckedRow]:
    seen: dict[str, int] = {}
    checked = []
    for number, cells in rows:
        row = _check_one(number, cells, employee_numbers, today)
        if row.ok and row.source_ref in seen:
            row = CheckedRow(row=number, employee_number=row.employee_number, errors=("duplicate_row",))
        elif row.ok and row.source_ref:
            seen[row.source_ref] = number
        checked.append(row)
    return checked


def _check_one(number: int, cells: dict[str, Any], employee_numbers: set[str], today: date) -> CheckedRow:
    employee = cell_text(cells.get("employee_number"))
    errors: list[str] = []
    if any(is_blank(cells.get(c)) for c in REQUIRED):
        errors.append("blank")
    elif employee not in employee_numbers:
        errors.append("unknown_employee")
    kind = _kind(cells.get("kind"))
    if kind is None:
        errors.append("unknown_kind")
    occurred_on, ends_on = _date(cells.get("occurred_on")), _date(cells.get("ends_on"))
    if (occurred_on is None and not is_blank(cells.get("occurred_on"))) or (
            ends_on is None and not is_blank(cells.get("ends_on"))):
        errors.append("bad_date")
    hours = cell_number(cells.get("hours"))
    if isinstance(hours, str):
        errors.append("bad_hours")
    if errors or kind is None or occurred_on is None or isinstance(hours, str):
        return CheckedRow(row=number, employee_number=employee, errors=tuple(errors))
    attributes = {a: cell_text(cells.get(a)) for a in ATTRIBUTES if not is_blank(cells.get(a))}
    try:
        draft = record_input.checked(EvidenceDraft(kind=kind, title=cell_text(cells.get("title")), occurred_on=occurred_on,
                                                   ends_on=ends_on, quantity=hours, attributes=attributes), today=today)
    except ValidationFailed as err:
        return CheckedRow(row=number, employee_number=employee, errors=("invalid",), detail=f"{err.field}: {err.message}")
    return CheckedRow(row=number, employee_number=employee, errors=(), draft=draft, source_ref=source_ref(employee, draft))


def source_ref(employee_number: str, draft: EvidenceDraft) -> str:
    """Same person, kind, title (case and spacing ignored), dates, hours and attributes: same key."""
    title = " ".join(draft.title.casefold().split())
    parts = [employee_number, draft.kind.value, title, draft.occurred_on.isoformat(),
             draft.ends_on.isoformat() if draft.ends_on else "", f"{draft.quantity:g}" if draft.quantity is not None else "",
             *(f"{k}={str(draft.attributes[k]).strip().casefold()}" for k in sorted(draft.attributes))]
    return "import:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _header(values: Sequence[Any]) -> dict[str, int]:
    names = [re.sub(r"[\s\-]+", "_", cell_text(v).casefold()) for v in values]
    found = {c: next((i for i, n in enumerate(names) if n in ALIASES[c]), -1) for c in COLUMNS}
    missing = [c for c in REQUIRED if found[c] < 0]
    if missing:
        raise ValidationFailed(f"The header row lacks {', '.join(missing)} (also accepted: 工号, 标题, 日期).", field="file")
    return {c: i for c, i in found.items() if i >= 0}


def _kind(value: Any) -> EvidenceKind | None:
    if is_blank(value):
        return EvidenceKind.TRAINING
    name = cell_text(value).strip()
    kind = KIND_NAMES.get(name) or next((k for k in EvidenceKind if k.value == name.casefold().replace(" ", "_")), None)
    return kind if kind in record_input.HAND_KINDS else None


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(cell_text(value).replace(" ", ""))
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
