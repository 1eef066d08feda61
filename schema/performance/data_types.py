"""GraphQL types for metric data in: current values, their history, the import report, metric sources."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import strawberry

from backend.performance import imports, sources
from backend.performance.models import MetricSource as MetricSourceModel
from backend.performance.models import MetricSourceKind, ValueSource
from backend.performance.models import MetricValue as MetricValueModel
from backend.performance.models import MetricValueChange as MetricValueChangeModel
from schema.context import Info
from schema.core import enums as _enums  # noqa: F401  (registers ValueSource and MetricSourceKind)
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.type(description="The current value of one metric for one person in a cycle, and who or what supplied it.")
class MetricValue:
    metric_code: str = strawberry.field(description="The metric, e.g. sales_amount or attendance_rate.")
    value: float = strawberry.field(description="The value, in the dimension's unit.")
    source: ValueSource = strawberry.field(description="Typed in, imported, pushed by a system, corrected by an appeal.")
    source_label: str = strawberry.field(description="The file name, the pushing system's name, the appeal, or the person.")
    updated_at: datetime = strawberry.field(description="When this value was supplied.")
    supplied_by_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The person who supplied it (null for imports by the system and pushes).")
    async def supplied_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.supplied_by_id)

    @classmethod
    def from_model(cls, v: MetricValueModel) -> MetricValue:
        return cls(metric_code=v.metric_code, value=v.value, source=v.source, source_label=v.source_label,
                   updated_at=v.updated_at, supplied_by_id=v.supplied_by_id)


@strawberry.type(description="One value ever supplied for a metric: the history that survives later corrections.")
class MetricValueChange:
    value: float = strawberry.field(description="The value supplied.")
    previous_value: float | None = strawberry.field(description="The value it replaced; null for the first.")
    source: ValueSource = strawberry.field(description="How it came in.")
    source_label: str = strawberry.field(description="The file name, system, appeal or person.")
    external_id: str | None = strawberry.field(description="The pushing system's id for it (webhook values only).")
    recorded_at: datetime = strawberry.field(description="When it was recorded.")
    supplied_by_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The person who supplied it, if a person did.")
    async def supplied_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.supplied_by_id)

    @classmethod
    def from_model(cls, c: MetricValueChangeModel) -> MetricValueChange:
        return cls(value=c.value, previous_value=c.previous_value, source=c.source, source_label=c.source_label,
                   external_id=c.external_id, recorded_at=c.recorded_at, supplied_by_id=c.supplied_by_id)


@strawberry.type(description="One data row of an imported sheet and what was wrong with it, if anything.")
class MetricImportRow:
    row: int = strawberry.field(description="The row number in the sheet (the header is usually row 1).")
    employee_number: str = strawberry.field(description="工号 as read.")
    metric_code: str = strawberry.field(description="The metric code as read (lower-cased).")
    value: float | None = strawberry.field(description="The value as read; null when blank or not a number.")
    error_code: str | None = strawberry.field(description="blank, unknown_employee, unknown_metric, not_on_scorecard, "
                                                          "not_a_number, out_of_range or duplicate_row; null if fine.")
    message: str = strawberry.field(description="What is wrong, in English (empty if fine).")
    message_zh: str = strawberry.field(description="What is wrong, in Chinese (empty if fine).")

    @classmethod
    def from_row(cls, r: imports.ImportRow) -> MetricImportRow:
        return cls(row=r.row, employee_number=r.employee_number, metric_code=r.metric_code, value=r.value,
                   error_code=r.error.value if r.error else None, message=r.message_en, message_zh=r.message_zh)


@strawberry.type(description="The row-by-row report of a metric sheet import.")
class MetricImportReport:
    rows: list[MetricImportRow] = strawberry.field(description="Every data row, in sheet order.")
    total: int = strawberry.field(description="Data rows read (blank rows skipped).")
    valid: int = strawberry.field(description="Rows without a problem.")
    imported: int = strawberry.field(description="Values written (0 for a dry run, or all-or-nothing with a bad row).")
    committed: bool = strawberry.field(description="Whether anything was written.")

    @classmethod
    def from_report(cls, r: imports.ImportReport) -> MetricImportReport:
        return cls(rows=[MetricImportRow.from_row(row) for row in r.rows], total=r.total, valid=r.valid,
                   imported=r.imported, committed=r.committed)


@strawberry.type(description="An external system (CRM, Git, Jira, ERP) allowed to push metric values to its webhook.")
class MetricSource:
    id: strawberry.ID = strawberry.field(description="Stable id; part of the webhook URL.")
    name: str = strawberry.field(description="Shown as the source of the values it pushes.")
    kind: MetricSourceKind = strawberry.field(description="What kind of system it is.")
    allowed_metrics: list[str] = strawberry.field(description="Metric codes it may write; empty means any.")
    active: bool = strawberry.field(description="Inactive sources are refused (404).")
    last_used_at: datetime | None = strawberry.field(description="Its last accepted (signed) request.")
    created_at: datetime = strawberry.field(description="When HR added it.")
    webhook_path: str = strawberry.field(description="POST signed values here (relative to the server's address).")

    @classmethod
    def from_model(cls, s: MetricSourceModel) -> MetricSource:
        return cls(id=strawberry.ID(str(s.id)), name=s.name, kind=s.kind, allowed_metrics=list(s.allowed_metrics),
                   active=s.active, last_used_at=s.last_used_at, created_at=s.created_at,
                   webhook_path=sources.webhook_path(s))
