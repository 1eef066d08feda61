"""HR's bulk import of training (and other hand-enterable) records from CSV or XLSX: a row-by-row report,
all or nothing unless HR commits the valid rows, and idempotent per row: a row already imported (same
normalised content, source_ref "import:<sha256>") is reported and not written again. Imported records
are CONFIRMED (HR vouches for the sheet).

One import is one audited fact: it marks every person for the recompute, but emits no per-record event
and notifies nobody (a 500-row sheet must not become 500 outbox events and inbox items)."""
from __future__ import annotations

import asyncio
import base64
import binascii
import uuid
from dataclasses import dataclass

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import ValidationFailed
from backend.growth import dirty, import_rows
from backend.growth.import_rows import CheckedRow
from backend.growth.models import GrowthRecord, RecordSource, RecordStatus
from backend.growth.records import org_today
from backend.org.models import Employee
from backend.performance import import_files


@dataclass(frozen=True, slots=True)
class ImportedRow:
    checked: CheckedRow
    already_imported: bool = False  # the same row came in before: nothing written


@dataclass(frozen=True, slots=True)
class ImportReport:
    rows: list[ImportedRow]
    created: int
    committed: bool

    @property
    def valid(self) -> int:
        return sum(1 for r in self.rows if r.checked.ok)


async def import_records_base64(actor: Actor, *, file_name: str, content_base64: str, commit_valid_rows: bool = False,
                                dry_run: bool = False) -> ImportReport:
    """import_records for a file sent as base64 text (the GraphQL mutation)."""
    require(actor, Permission.GROWTH_MANAGE)
    if len(content_base64) > (import_files.MAX_BYTES * 4) // 3 + 4:
        raise ValidationFailed(f"The file is larger than {import_files.MAX_BYTES // (1024 * 1024)} MB; split it.",
                               field="fileBase64")
    try:
        content = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("The file content is not valid base64.", field="fileBase64") from None
    return await import_records(actor, file_name=file_name, content=content, commit_valid_rows=commit_valid_rows,
                                dry_run=dry_run)


async def import_records(actor: Actor, *, file_name: str, content: bytes, commit_valid_rows: bool = False,
                         dry_run: bool = False) -> ImportReport:
    """Checks every row (columns employee_number, kind, title, occurred_on, ends_on, hours, provider,
    category, result, certificate_code; Chinese headers accepted). Writes nothing on a dry run or when a
    row failed and `commit_valid_rows` is false. Requires GROWTH_MANAGE. Audited once. Raises Forbidden,
    ValidationFailed (file: type, size, header, more than 20,000 rows)."""
    require(actor, Permission.GROWTH_MANAGE)
    name = file_name.strip()[:200]
    cells = await asyncio.to_thread(import_files.read_cells, name, content)
    rows = import_rows.rows_of(cells)
    if len(rows) > import_files.MAX_ROWS:
        raise ValidationFailed(f"The file has more than {import_files.MAX_ROWS:,} rows; split it.", field="file")
    people = dict(await Employee.of(actor).values_list("employee_number", "id"))
    checked = import_rows.check(rows, set(people), today=await org_today(actor))
    refs = [r.source_ref for r in checked if r.source_ref]
    known = {str(r) for r in await GrowthRecord.of(actor).filter(source_ref__in=refs).values_list(
        "source_ref", flat=True)} if refs else set()
    report = [ImportedRow(checked=r, already_imported=r.source_ref in known) for r in checked]
    fresh = [r.checked for r in report if r.checked.ok and not r.already_imported]
    failed = len(checked) - sum(1 for r in checked if r.ok)
    if dry_run or not fresh or (failed and not commit_valid_rows):
        return ImportReport(rows=report, created=0, committed=False)
    now = clock.now()
    made = [GrowthRecord.build_for(
        actor, id=uuid.uuid4(), employee_id=people[r.employee_number], kind=r.draft.kind, title=r.draft.title,
        occurred_on=r.draft.occurred_on, ends_on=r.draft.ends_on, quantity=r.draft.quantity,
        attributes=r.draft.attributes, status=RecordStatus.CONFIRMED, source=RecordSource.IMPORT,
        source_ref=r.source_ref, recorded_by_id=actor.employee_id, confirmed_by_id=actor.employee_id, confirmed_at=now,
        created_at=now, updated_at=now) for r in fresh if r.draft is not None]
    async with db.transaction():
        # A concurrent import of the same sheet: the unique source_ref keeps one copy of each row.
        await GrowthRecord.bulk_create(made, batch_size=500, ignore_conflicts=True)
        await dirty.mark(actor, {m.employee_id for m in made})
        await audit.record(actor, action="growth_records.imported", entity_type="growth_import", entity_id=uuid.uuid4(),
                           after={"file_name": name, "rows": len(checked), "created": len(made), "rejected": failed,
                                  "already_imported": sum(1 for r in report if r.already_imported),
                                  "commit_valid_rows": commit_valid_rows})
    return ImportReport(rows=report, created=len(made), committed=True)
