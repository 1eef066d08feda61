"""Factories for the data-in tests (metric values, imports, the webhook, ratings, OKRs): a company whose
production department is scored by a template with every kind of input, and an open cycle."""
from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import io
import json
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from backend.performance.models import CycleStatus, DimensionSource, ReviewCycle
from tests.factories.org import Company, make_company
from tests.factories.performance import DimensionSpec, TemplateRows, make_cycle, make_template

RUBRIC = [{"en": f"Level {n}", "zh": f"{n} 级"} for n in range(1, 6)]
DATA_SPECS = [
    DimensionSpec("results", 40, target=500_000, extra={"unit": "¥"}),
    DimensionSpec("retention", 20, target=90, extra={"unit": "%"}),
    DimensionSpec("mentoring", 15, source=DimensionSource.RATING, target=None, extra={"rubric": RUBRIC}),
    DimensionSpec("teamwork", 15, source=DimensionSource.REVIEW_360, target=None),
    DimensionSpec("attendance", 10, source=DimensionSource.ATTENDANCE, metric_code="attendance_rate", target=98,
                  extra={"unit": "%"}),
]


@dataclass
class Scored:
    company: Company
    cycle: ReviewCycle
    template: TemplateRows


async def scored_company(name: str = "Acme", *, status: CycleStatus = CycleStatus.OPEN) -> Scored:
    """The department (manager, employee, peer) is scored with DATA_SPECS in an open November 2026 cycle;
    the owner and HR have no department, so no scorecard."""
    company = await make_company(name)
    template = await make_template(company.system, DATA_SPECS, department_id=company.department.id)
    cycle = await make_cycle(company.system, status=status)
    return Scored(company=company, cycle=cycle, template=template)


def csv_bytes(rows: list[list[Any]], *, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]], *, percent_column: int | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if percent_column is not None:
        for cells in sheet.iter_rows(min_row=2, min_col=percent_column, max_col=percent_column):
            cells[0].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def signed(secret: str, body: dict[str, Any] | bytes, timestamp: int) -> tuple[bytes, dict[str, str]]:
    """The request body and headers a sending system produces."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + raw, hashlib.sha256).hexdigest()
    return raw, {"X-Seen-Timestamp": str(timestamp), "X-Seen-Signature": f"sha256={digest}",
                 "Content-Type": "application/json"}
