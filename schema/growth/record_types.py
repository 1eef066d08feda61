"""GraphQL types for evidence records and their attached files (shared with the map's requirement
progress). Build them with `GrowthRecord.from_model`; related rows load through the per-request
loaders (info.context.evidence), so a list costs a constant number of queries."""
from __future__ import annotations

from datetime import date, datetime
import strawberry
from strawberry.scalars import JSON

from backend.core.errors import NotFound
from backend.files import access as files
from backend.files.models import StoredFile as StoredFileModel
from backend.growth import record_policy
from backend.growth.models import GrowthRecord as GrowthRecordModel
from schema.context import Info
from schema.growth.enums import EvidenceKind, RecordSource, RecordStatus
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.type(description="An uploaded file attached to something (a certificate photo, a PDF).")
class StoredFileRef:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    content_type: str = strawberry.field(description="image/jpeg, image/png, image/webp or application/pdf (from the bytes).")
    url: str = strawberry.field(description="GET it here (signed in; the uploader, people above them and HR).")
    thumbnail_url: str | None = strawberry.field(description="A 320 px WebP preview; null for PDFs.")
    width: int | None = strawberry.field(description="Pixels (images only, after the 2048 px cap).")
    height: int | None = strawberry.field(description="Pixels (images only).")

    @classmethod
    def from_model(cls, f: StoredFileModel) -> StoredFileRef:
        return cls(id=strawberry.ID(str(f.id)), content_type=f.content_type, url=files.file_url(f.id),
                   thumbnail_url=files.thumbnail_url(f), width=f.width, height=f.height)


@strawberry.type(description="One piece of evidence for someone's growth map and its verification state.")
class GrowthRecord:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: EvidenceKind = strawberry.field(description="What it evidences.")
    title: str = strawberry.field(description="In the words of whoever recorded it.")
    occurred_on: date = strawberry.field(description="The day it happened (training date, project start, award day).")
    ends_on: date | None = strawberry.field(description="For projects and mentoring.")
    quantity: float | None = strawberry.field(description="Hours for a training; what a sum requirement adds.")
    attributes: JSON = strawberry.field(description="Per kind: provider, category, result, role, certificate_code, "
                                                    "mentee_id, session_id, …")
    status: RecordStatus = strawberry.field(description="Only confirmed records count toward requirements.")
    source: RecordSource = strawberry.field(description="Who or what made it.")
    status_reason: str = strawberry.field(description="Why it was rejected, revoked or disputed (empty otherwise).")
    confirmed_at: datetime | None = strawberry.field(description="When it was confirmed.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    model: strawberry.Private[GrowthRecordModel]

    @classmethod
    def from_model(cls, r: GrowthRecordModel) -> GrowthRecord:
        return cls(id=strawberry.ID(str(r.id)), kind=r.kind, title=r.title, occurred_on=r.occurred_on, ends_on=r.ends_on,
                   quantity=r.quantity, attributes=JSON(dict(r.attributes)), status=r.status, source=r.source,
                   status_reason=r.status_reason, confirmed_at=r.confirmed_at, created_at=r.created_at, model=r)

    @strawberry.field(description="Whose record it is.")
    async def employee(self, info: Info) -> EmployeeRef:
        found = await load_employee(info, self.model.employee_id)
        if found is None:
            raise NotFound("No such employee.")
        return found

    @strawberry.field(description="Who entered it (the person for a claim, a manager, the importer); null for the system.")
    async def recorded_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.recorded_by_id)

    @strawberry.field(description="Who confirmed it (a manager, the trainer, HR).")
    async def confirmed_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.confirmed_by_id)

    @strawberry.field(description="The attached certificate photo or document.")
    async def file(self, info: Info) -> StoredFileRef | None:
        found = await info.context.evidence.file.load(self.model.file_id) if self.model.file_id else None
        return StoredFileRef.from_model(found) if found else None

    @strawberry.field(description="The code the owner's QR shows while the record awaits confirmation; only the owner "
                                  "sees it, and only while CLAIMED.")
    def confirmation_code(self, info: Info) -> str | None:
        mine = info.context.actor.employee_id == self.model.employee_id
        return self.model.confirmation_code if mine and self.model.status == RecordStatus.CLAIMED else None

    @strawberry.field(description="Whether you may confirm or reject it now.")
    async def can_confirm(self, info: Info) -> bool:
        return record_policy.may_confirm(await info.context.evidence.scope(), self.model)

    @strawberry.field(description="Whether you may revoke it now (HR, confirmed records).")
    async def can_revoke(self, info: Info) -> bool:
        return record_policy.may_revoke(await info.context.evidence.scope(), self.model)

    @strawberry.field(description="Whether you may dispute it now (its owner, rejected or revoked records).")
    async def can_dispute(self, info: Info) -> bool:
        return record_policy.may_dispute(await info.context.evidence.scope(), self.model)

    @strawberry.field(description="Whether you may resolve its dispute now (HR, disputed records).")
    async def can_resolve(self, info: Info) -> bool:
        return record_policy.may_resolve(await info.context.evidence.scope(), self.model)
