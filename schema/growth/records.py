"""GraphQL for evidence records: a person's records, the confirmation inbox, what a scanned code shows;
claiming, a manager's record, confirming (by id or code), rejecting, revoking, disputing, resolving.
Each resolver calls one backend function."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from backend.growth import record_queries, records, verification
from backend.growth.models import GrowthRecord as GrowthRecordModel
from backend.growth.record_input import EvidenceDraft
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.growth.enums import EvidenceKind, RecordStatus
from schema.growth.record_types import GrowthRecord


@strawberry.input(description="Evidence of your own to claim; it counts once a manager, the trainer or HR confirms it.")
class ClaimGrowthRecordInput:
    kind: EvidenceKind = strawberry.field(description="What it evidences (not tier, praise, key result or badge: "
                                                      "those come from other modules).")
    title: str = strawberry.field(description="The course, project, certificate or award, ≤ 200 characters.")
    occurred_on: date = strawberry.field(description="The day it happened (not in the future).")
    ends_on: date | None = strawberry.field(default=None, description="For projects and mentoring.")
    quantity: float | None = strawberry.field(default=None, description="Hours for a training (0–10,000).")
    attributes: JSON | None = strawberry.field(default=None, description="Per kind (snake_case keys): provider, "
                                               "category, result, role, certificate_code, mentee_id; session_id "
                                               "names the learning session, whose trainer may then confirm.")
    file_id: strawberry.ID | None = strawberry.field(default=None, description="A certificate photo or PDF you "
                                                     "uploaded (POST /uploads?purpose=growth_evidence).")

    def draft(self) -> EvidenceDraft:
        return _draft(self)


@strawberry.input(description="Evidence a manager (for people below them) or HR records for someone: confirmed at once.")
class RecordGrowthEvidenceInput:
    employee_id: strawberry.ID = strawberry.field(description="Whose evidence; never yourself.")
    kind: EvidenceKind = strawberry.field(description="What it evidences (hand-enterable kinds only).")
    title: str = strawberry.field(description="The course, project, certificate or award.")
    occurred_on: date = strawberry.field(description="The day it happened.")
    ends_on: date | None = strawberry.field(default=None, description="For projects and mentoring.")
    quantity: float | None = strawberry.field(default=None, description="Hours for a training.")
    attributes: JSON | None = strawberry.field(default=None, description="Per kind, as for a claim.")
    file_id: strawberry.ID | None = strawberry.field(default=None, description="A file you uploaded.")

    def draft(self) -> EvidenceDraft:
        return _draft(self)


def _draft(source: ClaimGrowthRecordInput | RecordGrowthEvidenceInput) -> EvidenceDraft:
    attributes: Any = source.attributes
    return EvidenceDraft(kind=source.kind, title=source.title, occurred_on=source.occurred_on, ends_on=source.ends_on,
                         quantity=source.quantity, attributes=attributes if attributes is not None else {},
                         file_id=to_uuid(source.file_id, field="fileId"))


@strawberry.type(description="A record was claimed; show its confirmation code as a QR code to a supervisor.")
class GrowthRecordClaimed:
    record: GrowthRecord = strawberry.field(description="The record, CLAIMED, with its confirmationCode.")


@strawberry.type(description="Evidence was recorded for someone, confirmed at once.")
class GrowthEvidenceRecorded:
    record: GrowthRecord = strawberry.field(description="The record, CONFIRMED.")


@strawberry.type(description="A record's verification state changed.")
class GrowthRecordDecided:
    record: GrowthRecord = strawberry.field(description="The record in its new state.")


ClaimGrowthRecordResult = Annotated[GrowthRecordClaimed | UserError, strawberry.union("ClaimGrowthRecordResult")]
RecordGrowthEvidenceResult = Annotated[GrowthEvidenceRecorded | UserError,
                                       strawberry.union("RecordGrowthEvidenceResult")]
ConfirmGrowthRecordResult = Annotated[GrowthRecordDecided | UserError, strawberry.union("ConfirmGrowthRecordResult")]
RejectGrowthRecordResult = Annotated[GrowthRecordDecided | UserError, strawberry.union("RejectGrowthRecordResult")]
RevokeGrowthRecordResult = Annotated[GrowthRecordDecided | UserError, strawberry.union("RevokeGrowthRecordResult")]
DisputeGrowthRecordResult = Annotated[GrowthRecordDecided | UserError, strawberry.union("DisputeGrowthRecordResult")]
ResolveGrowthDisputeResult = Annotated[GrowthRecordDecided | UserError, strawberry.union("ResolveGrowthDisputeResult")]


def _decided(record: GrowthRecordModel) -> GrowthRecordDecided:
    return GrowthRecordDecided(record=GrowthRecord.from_model(record))


@strawberry.type
class RecordsQuery:
    @strawberry.field(description="A person's evidence records, the latest first (yours when employeeId is null): the "
                                  "person, their managers and HR.")
    async def growth_records(self, info: Info, employee_id: strawberry.ID | None = None,
                             status: RecordStatus | None = None) -> list[GrowthRecord]:
        found = await record_queries.list_records(info.context.actor, employee_id=to_uuid(employee_id, field="employeeId"),
                                                  status=status, visibility=info.context.visibility)
        return [GrowthRecord.from_model(r) for r in found]

    @strawberry.field(description="Claims you may confirm (people below you, sessions you train; HR: everyone else's), "
                                  "oldest first.")
    async def confirmation_inbox(self, info: Info) -> list[GrowthRecord]:
        found = await record_queries.confirmation_inbox(info.context.actor, visibility=info.context.visibility)
        return [GrowthRecord.from_model(r) for r in found]

    @strawberry.field(description="What a scanned or typed confirmation code shows before confirming; null unless "
                                  "you may confirm that claim.")
    async def growth_record_by_code(self, info: Info, code: str) -> GrowthRecord | None:
        found = await record_queries.record_by_code(info.context.actor, code)
        return GrowthRecord.from_model(found) if found else None


@strawberry.type
class RecordsMutation:
    @strawberry.mutation(description="Claim evidence of your own; it gets a confirmation code and your manager is asked.")
    async def claim_growth_record(self, info: Info, input: ClaimGrowthRecordInput) -> ClaimGrowthRecordResult:
        async def body() -> GrowthRecordClaimed:
            made = await records.claim_record(info.context.actor, input.draft())
            return GrowthRecordClaimed(record=GrowthRecord.from_model(made))
        return await attempt(body)

    @strawberry.mutation(description="Manager (for people below them) or HR: record evidence for someone, confirmed "
                                     "at once.")
    async def record_growth_evidence(self, info: Info, input: RecordGrowthEvidenceInput) -> RecordGrowthEvidenceResult:
        async def body() -> GrowthEvidenceRecorded:
            made = await records.record_evidence(info.context.actor,
                                                 employee_id=required_uuid(input.employee_id, field="employeeId"),
                                                 draft=input.draft())
            return GrowthEvidenceRecorded(record=GrowthRecord.from_model(made))
        return await attempt(body)

    @strawberry.mutation(description="Confirm a claim (a manager above the person, the session's trainer, or HR; "
                                     "never your own). Of two confirmers at once, one wins; the other gets CONFLICT.")
    async def confirm_growth_record(self, info: Info, id: strawberry.ID) -> ConfirmGrowthRecordResult:
        async def body() -> GrowthRecordDecided:
            return _decided(await verification.confirm_record(info.context.actor, required_uuid(id, field="id")))
        return await attempt(body)

    @strawberry.mutation(description="Confirm the claim whose QR code you scanned (or typed: case, spaces and dashes "
                                     "do not matter). The code works once.")
    async def confirm_growth_record_by_code(self, info: Info, code: str) -> ConfirmGrowthRecordResult:
        async def body() -> GrowthRecordDecided:
            return _decided(await verification.confirm_record_by_code(info.context.actor, code))
        return await attempt(body)

    @strawberry.mutation(description="Turn a claim down, saying why (the confirmers of confirmGrowthRecord).")
    async def reject_growth_record(self, info: Info, id: strawberry.ID, reason: str) -> RejectGrowthRecordResult:
        async def body() -> GrowthRecordDecided:
            return _decided(await verification.reject_record(info.context.actor, required_uuid(id, field="id"),
                                                             reason=reason))
        return await attempt(body)

    @strawberry.mutation(description="HR: withdraw a confirmed record after an audit, saying why; progress recomputes.")
    async def revoke_growth_record(self, info: Info, id: strawberry.ID, reason: str) -> RevokeGrowthRecordResult:
        async def body() -> GrowthRecordDecided:
            return _decided(await verification.revoke_record(info.context.actor, required_uuid(id, field="id"),
                                                             reason=reason))
        return await attempt(body)

    @strawberry.mutation(description="Contest the rejection or revocation of your own record, saying why; HR decides.")
    async def dispute_growth_record(self, info: Info, id: strawberry.ID, reason: str) -> DisputeGrowthRecordResult:
        async def body() -> GrowthRecordDecided:
            return _decided(await verification.dispute_record(info.context.actor, required_uuid(id, field="id"),
                                                              reason=reason))
        return await attempt(body)

    @strawberry.mutation(description="HR: decide a disputed record: reinstate it (confirmed) or uphold the rejection "
                                     "or revocation, saying why.")
    async def resolve_growth_dispute(self, info: Info, id: strawberry.ID, reinstate: bool,
                                     reason: str) -> ResolveGrowthDisputeResult:
        async def body() -> GrowthRecordDecided:
            return _decided(await verification.resolve_dispute(info.context.actor, required_uuid(id, field="id"),
                                                               reinstate=reinstate, reason=reason))
        return await attempt(body)
