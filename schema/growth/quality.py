"""GraphQL for HR's side of evidence: the data-quality view and the bulk import of training records.
Each resolver calls one backend function."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.growth import imports
from backend.growth import quality as backend_quality
from schema.context import Info
from schema.core.errors import UserError
from schema.core.results import attempt
from schema.growth.record_types import GrowthRecord


@strawberry.type(description="What needs HR's attention in the evidence: pending claims, disputes, rejections, "
                             "people whose records went stale.")
class GrowthDataQuality:
    pending: list[GrowthRecord] = strawberry.field(description="Claims awaiting confirmation, oldest first (≤ 100).")
    disputed: list[GrowthRecord] = strawberry.field(description="Disputed records HR must decide, oldest first (≤ 100).")
    rejected: list[GrowthRecord] = strawberry.field(description="Rejected claims, latest first (≤ 100).")
    oldest_pending_days: int | None = strawberry.field(description="Days the oldest claim has waited; null if none.")
    stale_members: int = strawberry.field(description="People on a track without a confirmed record in 90 days.")


@strawberry.type(description="One data row of an imported sheet and what was wrong with it, if anything.")
class GrowthImportRow:
    row: int = strawberry.field(description="The row number in the sheet (the header is usually row 1).")
    ok: bool = strawberry.field(description="No problem found.")
    errors: list[str] = strawberry.field(description="Problem codes: blank, unknown_employee, unknown_kind, bad_date, "
                                                     "bad_hours, invalid, duplicate_row.")
    messages: list[str] = strawberry.field(description="The problems in English.")
    messages_zh: list[str] = strawberry.field(description="The problems in Chinese.")
    employee_number: str | None = strawberry.field(description="工号 as read.")
    already_imported: bool = strawberry.field(description="The same row was imported before: it is not written again.")

    @classmethod
    def from_row(cls, r: imports.ImportedRow) -> GrowthImportRow:
        c = r.checked
        return cls(row=c.row, ok=c.ok, errors=list(c.errors), messages=c.messages("en"), messages_zh=c.messages("zh"),
                   employee_number=c.employee_number or None, already_imported=r.already_imported)


@strawberry.type(description="The row-by-row report of a training-record import.")
class GrowthImportReport:
    committed: bool = strawberry.field(description="Whether anything was written.")
    rows: list[GrowthImportRow] = strawberry.field(description="Every data row, in sheet order.")
    created: int = strawberry.field(description="Records written (0 unless committed).")
    total: int = strawberry.field(description="Data rows read (blank rows skipped).")
    valid: int = strawberry.field(description="Rows without a problem (including ones imported before).")

    @classmethod
    def from_report(cls, r: imports.ImportReport) -> GrowthImportReport:
        return cls(committed=r.committed, rows=[GrowthImportRow.from_row(row) for row in r.rows], created=r.created,
                   total=len(r.rows), valid=r.valid)


@strawberry.input(description="HR: a .csv or .xlsx (≤ 5 MB, ≤ 20,000 rows) of records with columns employee_number, "
                              "kind, title, occurred_on, ends_on, hours, provider, category, result, certificate_code "
                              "(Chinese headers such as 工号, 课程名称, 培训日期, 学时 accepted; kind defaults to training).")
class ImportGrowthRecordsInput:
    file_base64: str = strawberry.field(description="The file's bytes, base64.")
    file_name: str = strawberry.field(description="Its name; the extension decides CSV or XLSX.")
    commit_valid_rows: bool = strawberry.field(default=False, description="Write the valid rows even if others fail "
                                                                          "(otherwise all or nothing).")
    dry_run: bool = strawberry.field(default=False, description="Only check and report.")


ImportGrowthRecordsResult = Annotated[GrowthImportReport | UserError, strawberry.union("ImportGrowthRecordsResult")]


@strawberry.type
class QualityQuery:
    @strawberry.field(description="HR: pending confirmations with their age, disputed and rejected records, stale members.")
    async def growth_data_quality(self, info: Info) -> GrowthDataQuality:
        view = await backend_quality.data_quality(info.context.actor)
        return GrowthDataQuality(pending=[GrowthRecord.from_model(r) for r in view.pending],
                                 disputed=[GrowthRecord.from_model(r) for r in view.disputed],
                                 rejected=[GrowthRecord.from_model(r) for r in view.rejected],
                                 oldest_pending_days=view.oldest_pending_days, stale_members=view.stale_members)


@strawberry.type
class QualityMutation:
    @strawberry.mutation(description="HR: import training records from CSV or XLSX with a row-by-row report; all or "
                                     "nothing unless commitValidRows; a row imported before is not written again.")
    async def import_growth_records(self, info: Info, input: ImportGrowthRecordsInput) -> ImportGrowthRecordsResult:
        async def body() -> GrowthImportReport:
            report = await imports.import_records_base64(
                info.context.actor, file_name=input.file_name, content_base64=input.file_base64,
                commit_valid_rows=input.commit_valid_rows, dry_run=input.dry_run)
            return GrowthImportReport.from_report(report)
        return await attempt(body)
